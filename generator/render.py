"""Step 4 — render: the generator's pages (offers, structures, thématiques, territories, home, search,
map, selection) with Jinja2 templates from ``site_templates/layouts``.

Templates hold no logic: every page gets a plain dict prepared here. Everything a user reads is in
French. Free text is Markdown rendered with raw HTML disabled and only http(s)/mailto/tel links.
"""

import hashlib
import json
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from . import horaires
from .enrich import OffreVue
from .geo import Centres
from .models import Structure, Territoire
from .territoires import Referentiel
from .vocab import (
    Categorie,
    Frais,
    ModeAccueil,
    ModeMobilisation,
    Public,
    Thematique,
    TypeService,
    categorie_of,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "site_templates"
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
STATIC_PREFIX = "assets/catalogue/"

# Short sentence per category for the home page ("J'ai besoin de…").
BESOINS = {
    "choisir-un-metier": "choisir un métier",
    "creer-une-entreprise": "créer mon entreprise",
    "difficultes-administratives-ou-juridiques": "faire valoir mes droits",
    "difficultes-financieres": "gérer mon budget",
    "famille": "faire garder mes enfants",
    "handicap": "un accompagnement lié au handicap",
    "lecture-ecriture-calcul": "apprendre à lire, écrire, compter",
    "logement-hebergement": "me loger",
    "mobilite": "me déplacer",
    "numerique": "utiliser le numérique",
    "preparer-sa-candidature": "préparer ma candidature",
    "remobilisation": "reprendre confiance",
    "sante": "prendre soin de ma santé",
    "se-former": "me former",
    "trouver-un-emploi": "trouver un emploi",
    "equipement-et-alimentation": "m'équiper, me nourrir",
    "souvrir-a-linternational": "partir à l'étranger",
}


# ----- small helpers -----------------------------------------------------------------------------


def date_fr(d: date) -> str:
    return f"{d.day}{'er' if d.day == 1 else ''} {MOIS[d.month - 1]} {d.year}"


def telephone_fr(e164: str) -> str:
    if e164.startswith("+33") and len(e164) == 12:
        n = "0" + e164[3:]
        return " ".join(n[i : i + 2] for i in range(0, 10, 2))
    return e164


def pluriel(n: int, mot: str, pluriel_: str | None = None) -> str:
    return f"{n} {mot if n <= 1 else (pluriel_ or mot + 's')}"


_md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
_md.disable(["image"])
_SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
_md.validateLink = lambda url: True  # type: ignore[method-assign]  # every link is parsed, then _clean decides


def _clean(tokens) -> list:
    """Raw HTML typed by a partner is dropped (its text stays); links other than http(s)/mailto/tel
    lose their target and keep their text."""
    out = []
    for tok in tokens:
        if tok.type in ("html_block", "html_inline"):
            continue
        if tok.children:
            children, skip = [], 0
            for child in tok.children:
                if child.type in ("html_inline", "html_block"):
                    continue
                if child.type == "link_open" and not _SAFE_LINK.match((child.attrGet("href") or "").strip()):
                    skip += 1
                    continue
                if child.type == "link_close" and skip:
                    skip -= 1
                    continue
                children.append(child)
            tok.children = children
        out.append(tok)
    return out


def markdown(text: str | None, headings_from: int = 3) -> Markup:
    """Free text as safe HTML: no raw HTML, no images, only http(s)/mailto/tel links."""
    if not text:
        return Markup("")
    html = _md.renderer.render(_clean(_md.parse(text)), _md.options, {})
    # Headings typed by partners must not break the page outline.
    html = re.sub(r"<(/?)h[1-6]>", lambda m: f"<{m.group(1)}h{headings_from + 1}>", html)
    html = html.replace("<a href=", '<a rel="nofollow noopener" href=')
    return Markup(html)


def json_script(data) -> Markup:
    """JSON safe to embed in a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def relroot(url: str) -> str:
    """Relative prefix from a page URL ("offres/a/b/") to the site root."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


# ----- the site-wide context ------------------------------------------------------------------------


@dataclass
class Site:
    territoire: Territoire
    ref: Referentiel
    vues: list[OffreVue]
    structures: dict[str, Structure]
    today: date
    base_url: str
    generated: date
    css: list[str]  # Material's compiled CSS, relative to the site root
    centres: Centres = field(init=False)
    by_id: dict[str, OffreVue] = field(init=False)
    publiques: list[OffreVue] = field(init=False)
    a_distance: list[OffreVue] = field(init=False)  # public offers without any place

    def __post_init__(self):
        self.by_id = {v.id: v for v in self.vues}
        self.publiques = [v for v in self.vues if v.public]
        self.a_distance = [v for v in self.publiques if not v.offre.lieux]
        points = []
        for v in self.vues:
            for lieu in v.offre.lieux:
                if lieu.latitude is not None and lieu.longitude is not None:
                    points.append((lieu.code_insee, lieu.latitude, lieu.longitude))
        for s in self.structures.values():
            if s.latitude is not None and s.longitude is not None:
                points.append((s.code_insee, s.latitude, s.longitude))
        self.centres = Centres(self.ref, points)
        self.by_structure: dict[str, list[OffreVue]] = {}
        self.by_partner: dict[str, list[OffreVue]] = {}
        self.by_categorie: dict[Categorie, list[OffreVue]] = {}
        self.by_thematique: dict[str, list[OffreVue]] = {}
        self.by_commune: dict[str, list[OffreVue]] = {}
        self.by_departement: dict[str, list[OffreVue]] = {}
        self._cards: dict[str, dict] = {}
        for v in self.publiques:
            self.by_structure.setdefault(v.structure_id, []).append(v)
            for p in v.offre.partenaires or []:
                if p != v.structure_id:
                    self.by_partner.setdefault(p, []).append(v)
            for c in v.categories:
                self.by_categorie.setdefault(c, []).append(v)
            for t in dict.fromkeys(v.offre.thematiques):
                self.by_thematique.setdefault(Thematique(t).value, []).append(v)
            for c in v.communes:
                self.by_commune.setdefault(c, []).append(v)
            for d in v.departements:
                self.by_departement.setdefault(d, []).append(v)

    @property
    def tile_origin(self) -> str:
        t = self.territoire.tuiles
        if not t:
            return ""
        m = re.match(r"^(https://[^/{}]+)", t.url)
        return m.group(1) if m else ""

    @property
    def csp(self) -> str:
        return csp(self.tile_origin)

    def commun(self, url: str, titre: str, description: str = "", section: str = "") -> dict:
        """What every page's layout needs."""
        return {
            "root": relroot(url),
            "url": url,
            "titre": titre,
            "site_nom": self.territoire.nom,
            "meta_description": description,
            "csp": self.csp,
            "css": self.css,
            "section": section,
            "canonical": (self.base_url.rstrip("/") + "/" + url) if self.base_url else "",
        }


def csp(tile_origin: str = "") -> str:
    img = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        f"img-src {img}; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )


# ----- offer views -----------------------------------------------------------------------------------


def offre_url(ident: str) -> str:
    return f"offres/{ident}/"


def forge_links(territoire: Territoire, ident: str, nom: str, page_url: str) -> dict:
    forge = territoire.forge
    if not forge:
        return {}
    base = str(forge.url).rstrip("/")
    path = f"offers/{ident}.yml"
    titre = f"Erreur sur l'offre {ident}"
    corps = f"Offre : {nom} ({ident})\nPage : {page_url}\n\nQu'est-ce qui est faux ou manquant ?\n"
    if forge.type == "gitlab":
        return {
            "modifier": f"{base}/-/edit/{forge.branche}/{quote(path)}",
            "signaler": f"{base}/-/issues/new?" + urlencode({"issue[title]": titre, "issue[description]": corps}),
        }
    return {
        "modifier": f"{base}/edit/{forge.branche}/{quote(path)}",
        "signaler": f"{base}/issues/new?" + urlencode({"title": titre, "body": corps, "labels": "signalement"}),
    }


def _horaires_of(expr: str | None) -> dict | None:
    return horaires.texte(expr) if expr else None


def zone_label(site: Site, codes: list[str]) -> list[str]:
    out = []
    for code in codes:
        kind = site.ref.kind(code)
        if kind == "france":
            out.append("Toute la France")
        elif kind == "departement":
            out.append(f"{site.ref.nom(code)} ({code})")
        elif kind == "epci":
            out.append(site.ref.nom(code))
        elif kind == "commune":
            out.append(site.ref.nom(code))
        else:
            out.append(code)
    return out


def covered_codes(site: Site, zone: list[str]) -> list[str]:
    """Codes a commune's (france, commune, département, EPCI) must meet for the offer to cover it."""
    out = set()
    for code in zone:
        out.add(code)
        if code in site.ref.epci:
            # A commune can belong to this grouping without it being its "epci" (EPT inside a métropole).
            for member in site.ref.epci[code]["membres"]:
                info = site.ref.communes.get(member)
                if info and info["epci"] != code:
                    out.add(member)
    return sorted(out)


def places_view(vue: OffreVue) -> dict | None:
    p = vue.offre.places
    if not p:
        return None
    return {
        "total": p.total,
        "disponibles": p.disponibles,
        "date": date_fr(p.date),
        "date_iso": p.date.isoformat(),
        "a_confirmer": vue.places_a_confirmer,
        "saturation": p.saturation.label if p.saturation else "",
        "texte": (
            "Aucune place disponible"
            if p.disponibles == 0
            else f"{pluriel(p.disponibles, 'place disponible', 'places disponibles')} sur {p.total}"
        ),
    }


def offre_schedules(vue: OffreVue) -> list[tuple[str, dict]]:
    """(label, schedule) for "ouvert maintenant": each place's hours, else the offer's, else the structure's."""
    o = vue.offre
    default = o.horaires_accueil or vue.structure.horaires_accueil
    out = []
    for lieu in o.lieux:
        expr = lieu.horaires_accueil or default
        if expr:
            out.append((lieu.nom or lieu.commune, horaires.schedule(expr)))
    if not out and default:
        out.append(("", horaires.schedule(default)))
    return out


def card(site: Site, vue: OffreVue) -> dict:
    """An offer in a list (computed once per build)."""
    cached = site._cards.get(vue.id)
    if cached is None:
        cached = site._cards[vue.id] = _card(site, vue)
    return cached


def _card(site: Site, vue: OffreVue) -> dict:
    o = vue.offre
    communes = list(dict.fromkeys(lieu.commune for lieu in o.lieux))
    distance = ModeAccueil.A_DISTANCE in o.modes_accueil
    return {
        "id": vue.id,
        "url": offre_url(vue.id),
        "nom": o.nom,
        "structure": vue.structure.nom,
        "lieux": ", ".join(communes[:3]) + (" …" if len(communes) > 3 else "") if communes else "",
        "a_distance": distance,
        "a_mettre_a_jour": vue.fraicheur == "a-mettre-a-jour",
        "places": places_view(vue),
    }


def offre_view(site: Site, vue: OffreVue) -> dict:
    o, s = vue.offre, vue.structure
    url = offre_url(vue.id)
    page_url = (site.base_url.rstrip("/") + "/" + url) if site.base_url else "/" + url
    default_hours = o.horaires_accueil or s.horaires_accueil
    lieux = []
    points = []
    for i, lieu in enumerate(o.lieux):
        lat, lon = lieu.latitude, lieu.longitude
        if lat is not None and lon is not None:
            points.append({"lat": lat, "lon": lon, "nom": lieu.nom or o.nom, "i": i})
        lieux.append(
            {
                "nom": lieu.nom or "",
                "adresse": lieu.adresse,
                "complement": lieu.complement_adresse or "",
                "code_postal": lieu.code_postal,
                "commune": lieu.commune,
                "horaires": _horaires_of(lieu.horaires_accueil) if lieu.horaires_accueil and lieu.horaires_accueil != default_hours else None,
                "osm": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}" if lat is not None else "",
            }
        )
    partenaires = []
    for p in o.partenaires or []:
        ps = site.structures.get(p)
        partenaires.append({"nom": ps.nom if ps else p, "url": f"structures/{p}/" if ps else ""})
    mobilisable = [m.value for m in (o.mobilisable_par or [])]
    if mobilisable == ["usagers"]:
        qui = "La personne peut s'adresser directement à l'offre."
    elif mobilisable == ["professionnels"]:
        qui = "Un ou une professionnelle (référent, conseiller) doit orienter la personne."
    elif mobilisable:
        qui = "La personne peut s'adresser directement à l'offre, ou être orientée par un ou une professionnelle."
    else:
        qui = ""
    ages = ""
    if o.age_min is not None and o.age_max is not None:
        ages = f"De {o.age_min} à {o.age_max} ans."
    elif o.age_min is not None:
        ages = f"À partir de {o.age_min} ans."
    elif o.age_max is not None:
        ages = f"Jusqu'à {o.age_max} ans."
    duree = []
    if o.volume_horaire_hebdomadaire:
        v = o.volume_horaire_hebdomadaire
        duree.append(f"{int(v) if v == int(v) else str(v).replace('.', ',')} heures par semaine")
    if o.nombre_semaines:
        duree.append(pluriel(o.nombre_semaines, "semaine"))
    session = ""
    if o.date_debut and o.date_fin:
        session = f"Prochaine session du {date_fr(o.date_debut)} au {date_fr(o.date_fin)}."
    elif o.date_debut:
        session = f"Prochaine session à partir du {date_fr(o.date_debut)}."
    schedules = offre_schedules(vue)
    return {
        **site.commun(url, o.nom, description=_plain(o.description)[:160]),
        "id": vue.id,
        "nom": o.nom,
        "structure": {"nom": s.nom, "url": f"structures/{vue.structure_id}/"},
        "public": vue.public,
        "raison": vue.raison_non_publique or "",
        "a_mettre_a_jour": vue.fraicheur == "a-mettre-a-jour",
        "description": markdown(o.description),
        "type": o.type.label if o.type else "",
        "thematiques": [
            {"label": Thematique(t).label, "url": f"thematiques/{Thematique(t).value}/", "categorie": categorie_of(t).label}
            for t in o.thematiques
        ],
        "mots_cles": o.mots_cles or [],
        "publics": [Public(p).label for p in (o.publics or [])],
        "publics_precisions": markdown(o.publics_precisions),
        "ages": ages,
        "conditions": markdown(o.conditions_acces),
        "zone": zone_label(site, o.zone_eligibilite),
        "qui": qui,
        "modes_mobilisation": [ModeMobilisation(m).label for m in (o.modes_mobilisation or [])],
        "lien_mobilisation": str(o.lien_mobilisation) if o.lien_mobilisation else "",
        "mobilisation_precisions": markdown(o.mobilisation_precisions),
        "frais": o.frais.label if o.frais else "",
        "frais_precisions": markdown(o.frais_precisions),
        "modes_accueil": [ModeAccueil(m).label for m in o.modes_accueil],
        "lieux": lieux,
        "points": points,
        "horaires": _horaires_of(default_hours),
        "horaires_data": json_script([[label, sch] for label, sch in schedules]) if schedules else "",
        "places": places_view(vue),
        "telephone": {"tel": o.telephone, "texte": telephone_fr(o.telephone)} if o.telephone else None,
        "courriel": o.courriel or "",
        "structure_telephone": {"tel": s.telephone, "texte": telephone_fr(s.telephone)} if s.telephone else None,
        "structure_courriel": s.courriel or "",
        "duree": ", ".join(duree),
        "session": session,
        "partenaires": partenaires,
        "date_maj": date_fr(o.date_maj),
        "date_maj_iso": o.date_maj.isoformat(),
        "forge": forge_links(site.territoire, vue.id, o.nom, page_url),
        "selection": {"id": vue.id, "nom": o.nom},
        "tuiles": tuiles(site),
    }


def tuiles(site: Site) -> dict:
    t = site.territoire.tuiles
    return {"url": t.url, "attribution": t.attribution} if t else {"url": "", "attribution": ""}


def _plain(text: str) -> str:
    text = re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", text)
    return " ".join(text.split())


# ----- list pages ----------------------------------------------------------------------------------


def grouped_by_category(site: Site, vues: list[OffreVue]) -> list[dict]:
    groups: dict[Categorie, list[OffreVue]] = {}
    for v in vues:
        for c in v.categories:
            groups.setdefault(c, []).append(v)
    return [
        {"label": c.label, "url": f"thematiques/{c.value}/", "offres": [card(site, v) for v in sorted(groups[c], key=by_name)]}
        for c in sorted(groups, key=lambda c: c.label)
    ]


def by_name(v: OffreVue) -> tuple[str, str]:
    """Alphabetical order of offers, as a French reader expects it: accents and case ignored."""
    nom = unicodedata.normalize("NFKD", v.offre.nom)
    return ("".join(c for c in nom if not unicodedata.combining(c)).casefold(), v.id)


def structure_view(site: Site, sid: str, s: Structure) -> dict:
    url = f"structures/{sid}/"
    offres = site.by_structure.get(sid, [])
    partenaire = site.by_partner.get(sid, [])
    return {
        **site.commun(url, s.nom, description=_plain(s.description or "")[:160]),
        "nom": s.nom,
        "description": markdown(s.description),
        "adresse": {"adresse": s.adresse, "complement": s.complement_adresse or "", "code_postal": s.code_postal, "commune": s.commune},
        "telephone": {"tel": s.telephone, "texte": telephone_fr(s.telephone)} if s.telephone else None,
        "courriel": s.courriel or "",
        "site_web": str(s.site_web) if s.site_web else "",
        "accessibilite": str(s.accessibilite_lieu) if s.accessibilite_lieu else "",
        "horaires": _horaires_of(s.horaires_accueil),
        "date_maj": date_fr(s.date_maj),
        "offres": [card(site, v) for v in sorted(offres, key=by_name)],
        "partenaire": [card(site, v) for v in sorted(partenaire, key=by_name)],
    }


def categorie_view(site: Site, c: Categorie) -> dict:
    url = f"thematiques/{c.value}/"
    vues = site.by_categorie.get(c, [])
    subs = []
    for t in Thematique:
        if categorie_of(t) != c:
            continue
        subs.append({"label": t.label, "url": f"thematiques/{t.value}/", "nombre": len(site.by_thematique.get(t.value, []))})
    return {
        **site.commun(url, f"{c.label} : les offres", description=f"Offres d'insertion : {c.label}."),
        "h1": c.label,
        "intro": f"{pluriel(len(vues), 'offre')} pour {BESOINS.get(c.value, c.label.lower())}.",
        "recherche": f"recherche/?thematique={c.value}",
        "sous": [s for s in subs if s["nombre"]],
        "groupes": [{"label": "", "url": "", "offres": [card(site, v) for v in sorted(vues, key=by_name)]}],
        "parent": None,
    }


def thematique_view(site: Site, t: Thematique) -> dict:
    url = f"thematiques/{t.value}/"
    c = categorie_of(t)
    vues = site.by_thematique.get(t.value, [])
    return {
        **site.commun(url, f"{t.label} : les offres", description=f"Offres d'insertion : {t.label}."),
        "h1": t.label,
        "intro": f"{pluriel(len(vues), 'offre')}. Thématique de la catégorie « {c.label} ».",
        "recherche": f"recherche/?thematique={c.value}",
        "sous": [],
        "groupes": [{"label": "", "url": "", "offres": [card(site, v) for v in sorted(vues, key=by_name)]}],
        "parent": {"label": c.label, "url": f"thematiques/{c.value}/"},
    }


def territoire_codes(site: Site) -> list[tuple[str, str]]:
    """(kind, code) of the territory pages: each département of the territory and each of its EPCI."""
    out = [("departement", d) for d in sorted(site.territoire.departements) if d in site.ref.departements]
    deps = set(site.territoire.departements)
    epcis = sorted(
        code
        for code, e in site.ref.epci.items()
        if any(site.ref.communes.get(m, {}).get("departement") in deps for m in e["membres"])
    )
    out += [("epci", e) for e in epcis]
    return out


def territoire_view(site: Site, kind: str, code: str) -> dict:
    url = f"territoires/{code}/"
    nom = site.ref.nom(code)
    if kind == "departement":
        located = site.by_departement.get(code, [])
        membres = sorted(site.ref.communes_of(code))
    else:
        membres = list(site.ref.epci[code]["membres"])
        found = {v.id: v for m in membres for v in site.by_commune.get(m, [])}
        located = [found[k] for k in sorted(found)]
    remote = site.a_distance
    titre = f"{nom} ({code})" if kind == "departement" else nom
    type_ = "Département" if kind == "departement" else site.ref.epci[code].get("type", "EPCI")
    return {
        **site.commun(url, f"Offres d'insertion : {titre}", description=f"Offres d'insertion proposées sur le territoire {titre}."),
        "h1": titre,
        "type": _type_label(type_),
        "nombre_communes": len(membres),
        "intro": f"{pluriel(len(located), 'offre')} avec un lieu d'accueil sur ce territoire"
        + (f" ; {pluriel(len(remote), 'offre')} à distance ou sans lieu fixe." if remote else "."),
        "groupes": grouped_by_category(site, located),
        "recherche": f"recherche/?commune={membres[0]}" if membres else "recherche/",
    }


def _type_label(t: str) -> str:
    return {
        "CA": "Communauté d'agglomération",
        "CC": "Communauté de communes",
        "CU": "Communauté urbaine",
        "METRO": "Métropole",
        "MET69": "Métropole",
        "EPT": "Établissement public territorial",
    }.get(t, t)


def accueil_view(site: Site) -> dict:
    counts: dict[Categorie, int] = {}
    for v in site.publiques:
        for c in v.categories:
            counts[c] = counts.get(c, 0) + 1
    categories = [
        {"code": c.value, "label": c.label, "besoin": BESOINS.get(c.value, c.label.lower()), "nombre": counts.get(c, 0), "url": f"thematiques/{c.value}/"}
        for c in sorted(Categorie, key=lambda c: BESOINS.get(c.value, c.label))
    ]
    with_places = sum(1 for v in site.publiques if v.offre.places and v.offre.places.disponibles > 0 and not v.places_a_confirmer)
    structures = {v.structure_id for v in site.publiques}
    communes = {c for v in site.publiques for c in v.communes}
    return {
        **site.commun("", site.territoire.nom, description=f"{site.territoire.nom} : trouver une offre d'accompagnement près de chez soi."),
        "chiffres": [
            {"nombre": len(site.publiques), "texte": "offres publiées"},
            {"nombre": len(structures), "texte": "structures"},
            {"nombre": with_places, "texte": "offres avec des places disponibles"},
            {"nombre": len(communes), "texte": "communes avec un lieu d'accueil"},
        ],
        "categories": categories,
        "date": date_fr(site.generated),
        "territoires": [{"url": f"territoires/{code}/", "nom": site.ref.nom(code)} for kind, code in territoire_codes(site)],
    }


def filtres() -> list[dict]:
    """The search form's facets (the same codes as the search index's filters)."""
    def opts(enum):
        return [{"value": e.value, "label": e.label} for e in enum]

    return [
        {"name": "thematique", "legend": "Thématique", "options": sorted(opts(Categorie), key=lambda o: o["label"])},
        {"name": "public", "legend": "Public", "options": [o for o in opts(Public) if o["value"] != "tous-publics"]},
        {"name": "frais", "legend": "Frais", "options": opts(Frais)},
        {"name": "type", "legend": "Type d'offre", "options": opts(TypeService)},
        {"name": "accueil", "legend": "Mode d'accueil", "options": [{"value": "en-presentiel", "label": "En présentiel"}, {"value": "a-distance", "label": "À distance"}]},
    ]


def recherche_view(site: Site, mode: str) -> dict:
    url = "carte/" if mode == "carte" else "recherche/"
    titre = "Carte des offres" if mode == "carte" else "Rechercher une offre"
    view = {
        **site.commun(url, titre, description="Rechercher une offre d'insertion par mot, thématique, public ou commune.", section=mode),
        "h1": titre,
        "mode": mode,
        "filtres": filtres(),
        "tuiles": tuiles(site),
        "liste": [],
    }
    if mode == "carte":
        # The accessible alternative to the map, without JavaScript: every public offer, by commune.
        by_commune: dict[str, list[OffreVue]] = {}
        for v in site.publiques:
            names = list(dict.fromkeys(lieu.commune for lieu in v.offre.lieux)) or ["À distance ou sans lieu fixe"]
            for n in names:
                by_commune.setdefault(n, []).append(v)
        view["liste"] = [
            {"commune": n, "offres": [card(site, v) for v in sorted(by_commune[n], key=by_name)]}
            for n in sorted(by_commune, key=lambda n: (n.startswith("À distance"), n.casefold()))
        ]
    return view


def selection_view(site: Site) -> dict:
    return {**site.commun("selection/", "Ma sélection", description="Les offres que vous avez gardées.", section="selection")}


# ----- rendering ---------------------------------------------------------------------------------------


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES / "layouts"), str(TEMPLATES / "mkdocs")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    return env


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


Job = Callable[[], object]  # writes one page (or file) of the site


class Renderer:
    def __init__(self, site: Site, out: Path):
        self.site = site
        self.out = out
        self.env = environment()
        self._cache: dict[str, object] = {}
        # An offer's card is the same on every list page at the same depth: rendered once.
        macro = self.env.get_template("macros.html").module.carte_offre  # type: ignore[attr-defined]
        cards: dict[tuple[str, str, str], str] = {}

        def carte(o: dict, root: str, h: str = "h3"):
            key = (o["id"], root, h)
            html = cards.get(key)
            if html is None:
                html = cards[key] = macro(o, root, h)
            return html

        self.env.globals["carte"] = carte

    def page(self, template: str, view: "dict | Callable[[], dict]") -> None:
        """Render one page; `view` may be a function, then called here (in a worker, for big builds)."""
        view = view() if callable(view) else view
        tpl = self._cache.get(template) or self.env.get_template(template)
        self._cache[template] = tpl
        html = tpl.render(**view)  # type: ignore[attr-defined]
        html = re.sub(r"\n\s*\n+", "\n", html)
        write(self.out / view["url"] / "index.html", html)

    def offre(self, vue: OffreVue) -> None:
        self.page("offre.html", offre_view(self.site, vue))

    def structure(self, sid: str) -> None:
        self.page("structure.html", structure_view(self.site, sid, self.site.structures[sid]))

    def list_jobs(self) -> list[Job]:
        """Home, catégorie, thématique, territory, search, map and selection pages."""
        site = self.site
        jobs: list[Job] = [partial(self.page, "accueil.html", partial(accueil_view, site))]
        jobs += [partial(self.page, "liste.html", partial(categorie_view, site, c)) for c in sorted(Categorie, key=lambda c: c.value)]
        jobs += [partial(self.page, "liste.html", partial(thematique_view, site, t)) for t in sorted(Thematique, key=lambda t: t.value)]
        jobs += [partial(self.page, "territoire.html", partial(territoire_view, site, kind, code)) for kind, code in territoire_codes(site)]
        jobs += [partial(self.page, "recherche.html", partial(recherche_view, site, name)) for name in ("recherche", "carte")]
        jobs.append(partial(self.page, "selection.html", partial(selection_view, site)))
        return jobs

    def jobs(self, vues: list[OffreVue] | None = None) -> list[Job]:
        """Every generator page (or only the given offers' pages and the pages that list them)."""
        vues = self.site.vues if vues is None else vues
        return self.list_jobs() + [partial(self.structure, sid) for sid in sorted(self.site.structures)] + [partial(self.offre, v) for v in vues]

    def all(self, progress=None) -> int:
        return run(self.jobs(), progress)


PARALLEL_FROM = 1000
CHUNK = 100
# Pagefind indexes on one core at the same time (the build's longest task): the page workers yield to it.
WORKER_NICENESS = 10
_JOBS: list[Job] = []


def run(jobs: list[Job], progress=None) -> int:
    """Run page-writing jobs, spread over the machine's cores for large catalogues (forked workers see
    the site as it is, nothing is pickled but indices). The heaviest pages (lists) should come first."""
    global _JOBS
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        _JOBS = jobs
        try:
            chunks = [range(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
            with multiprocessing.get_context("fork").Pool(os.cpu_count(), initializer=os.nice, initargs=(WORKER_NICENESS,)) as pool:
                for n in pool.imap_unordered(_run_chunk, chunks):
                    if progress:
                        progress(n)
        finally:
            _JOBS = []
    else:
        for job in jobs:
            job()
            if progress:
                progress(1)
    return len(jobs)


def _run_chunk(indices: range) -> int:
    for i in indices:
        _JOBS[i]()
    return len(indices)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]
