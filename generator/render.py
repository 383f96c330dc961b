"""Step 4 — render: the generator's pages (offers, structures, thématiques, territories, home, search,
map, selection) with Jinja2 templates from ``site_templates/layouts``.

Templates hold no logic: every page gets a plain dict prepared here. Everything a user reads is in
French. Free text is Markdown rendered with raw HTML disabled and only http(s)/mailto/tel links.
"""

import gc
import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import quote, urlencode

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markdown_it import MarkdownIt
from markupsafe import Markup

from . import horaires, i18n, langues, orienter
from .i18n import N_, _, ngettext
from .enrich import OffreVue
from .geo import Centres
from .models import Structure, Territoire
from .slug import fold
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
# The partners' tools (état de l'offre, the proposal form) exist in French only, like the editorial pages.
FRENCH_ONLY_SECTIONS = {"etat", "contribuer"}

# Short sentence per category for the home page ("J'ai besoin de…").
BESOINS = {
    "choisir-un-metier": N_("choisir un métier"),
    "creer-une-entreprise": N_("créer mon entreprise"),
    "difficultes-administratives-ou-juridiques": N_("faire valoir mes droits"),
    "difficultes-financieres": N_("gérer mon budget"),
    "famille": N_("faire garder mes enfants"),
    "handicap": N_("un accompagnement lié au handicap"),
    "lecture-ecriture-calcul": N_("apprendre à lire, écrire, compter"),
    "logement-hebergement": N_("me loger"),
    "mobilite": N_("me déplacer"),
    "numerique": N_("utiliser le numérique"),
    "preparer-sa-candidature": N_("préparer ma candidature"),
    "remobilisation": N_("reprendre confiance"),
    "sante": N_("prendre soin de ma santé"),
    "se-former": N_("me former"),
    "trouver-un-emploi": N_("trouver un emploi"),
    "equipement-et-alimentation": N_("m'équiper, me nourrir"),
    "souvrir-a-linternational": N_("partir à l'étranger"),
}


# ----- small helpers -----------------------------------------------------------------------------


def date_fr(d: date) -> str:
    """"1er décembre 2026" in French, the locale's long date in the interface's other languages."""
    if i18n.current() != i18n.SOURCE:
        return format_date(d, format="long", locale=i18n.current())
    return f"{d.day}{'er' if d.day == 1 else ''} {MOIS[d.month - 1]} {d.year}"


def telephone_fr(e164: str) -> str:
    if e164.startswith("+33") and len(e164) == 12:
        n = "0" + e164[3:]
        return " ".join(n[i : i + 2] for i in range(0, 10, 2))
    return e164


def telephone_view(e164: str | None) -> dict | None:
    """A phone number as the pages show it: the tel: link's number and the French way to read it."""
    return {"tel": e164, "texte": telephone_fr(e164)} if e164 else None


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


# Text in which Markdown can see nothing but paragraphs: no character that starts inline syntax,
# entities or HTML, no whitespace but spaces and line breaks, no line that could start a block (list,
# heading, quote, code, rule…) or end with a line break. tests/site/test_markdown.py compares both ways.
_SYNTAX = re.compile(r"[\\`*_\[\]<>!&~|\x00]|[^\S \n]|^[^\w\n«\"'(]|^\d{1,9}[.)](?:[ ]|$)|[ ]$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n(?:[ ]*\n)+")


def _paragraphs(text: str) -> str | None:
    """What Markdown renders for plain paragraphs, without parsing; None when the text may hold syntax."""
    if _SYNTAX.search(text):
        return None
    blocks = [b for b in _BLANK_LINES.split(text.strip("\n")) if b]
    return "".join(f"<p>{b}</p>\n" for b in blocks).replace('"', "&quot;")


@lru_cache(maxsize=4096)  # an offer's texts are the same in every interface language
def markdown(text: str | None, headings_from: int = 3) -> Markup:
    """Free text as safe HTML: no raw HTML, no images, only http(s)/mailto/tel links."""
    if not text:
        return Markup("")
    plain = _paragraphs(text)
    if plain is not None:  # most texts: a tenth of the time of a parse
        return Markup(plain)
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
        self._cards: dict[tuple[str, str], dict] = {}
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
        """What every page's layout needs: `url` is the page's address in every language (relative to
        the language's root), `root` leads to that root, `site_root` to the site's (assets, data)."""
        traduite = section not in FRENCH_ONLY_SECTIONS
        return {
            "root": relroot(url),
            "site_root": relroot(i18n.prefix() + url),
            "lang": i18n.current(),
            "langues": i18n.switcher(url if traduite else ""),
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


FLUX = "flux.atom"


def flux_url(page_url: str) -> str:
    """The Atom feed that follows a category or territory page (generator/feeds.py), from the site root."""
    return page_url + FLUX


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
    """The zone's codes as people read them (an unknown code as it is)."""
    kinds = [(site.ref.kind(code), code) for code in codes]
    return [_("Toute la France") if kind == "france" else territoire_nom(site, kind, code) for kind, code in kinds]


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
        "saturation": _(p.saturation.label) if p.saturation else "",
        "texte": (
            _("Aucune place disponible")
            if p.disponibles == 0
            else ngettext("{n} place disponible sur {total}", "{n} places disponibles sur {total}", p.disponibles).format(n=p.disponibles, total=p.total)
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
    key = (i18n.current(), vue.id)
    cached = site._cards.get(key)
    if cached is None:
        cached = site._cards[key] = _card(site, vue)
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
        qui = _("La personne peut s'adresser directement à l'offre.")
    elif mobilisable == ["professionnels"]:
        qui = _("Un ou une professionnelle (référent, conseiller) doit orienter la personne.")
    elif mobilisable:
        qui = _("La personne peut s'adresser directement à l'offre, ou être orientée par un ou une professionnelle.")
    else:
        qui = ""
    ages = ""
    if o.age_min is not None and o.age_max is not None:
        ages = _("De {min} à {max} ans.").format(min=o.age_min, max=o.age_max)
    elif o.age_min is not None:
        ages = _("À partir de {min} ans.").format(min=o.age_min)
    elif o.age_max is not None:
        ages = _("Jusqu'à {max} ans.").format(max=o.age_max)
    duree = []
    if o.volume_horaire_hebdomadaire:
        v = o.volume_horaire_hebdomadaire
        entier = v == int(v)
        heures = int(v) if entier else format_decimal(v, locale=i18n.current())
        duree.append(ngettext("{n} heure par semaine", "{n} heures par semaine", int(v) if entier else 2).format(n=heures))
    if o.nombre_semaines:
        duree.append(ngettext("{n} semaine", "{n} semaines", o.nombre_semaines).format(n=o.nombre_semaines))
    session = ""
    if o.date_debut and o.date_fin:
        session = _("Prochaine session du {debut} au {fin}.").format(debut=date_fr(o.date_debut), fin=date_fr(o.date_fin))
    elif o.date_debut:
        session = _("Prochaine session à partir du {debut}.").format(debut=date_fr(o.date_debut))
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
        "type": _(o.type.label) if o.type else "",
        "thematiques": [
            {"label": _(Thematique(t).label), "url": f"thematiques/{Thematique(t).value}/", "categorie": _(categorie_of(t).label)}
            for t in o.thematiques
        ],
        "mots_cles": o.mots_cles or [],
        "publics": [_(Public(p).label) for p in (o.publics or [])],
        "publics_precisions": markdown(o.publics_precisions),
        "ages": ages,
        "conditions": markdown(o.conditions_acces),
        "zone": zone_label(site, o.zone_eligibilite),
        "qui": qui,
        "modes_mobilisation": [_(ModeMobilisation(m).label) for m in (o.modes_mobilisation or [])],
        "lien_mobilisation": str(o.lien_mobilisation) if o.lien_mobilisation else "",
        "mobilisation_precisions": markdown(o.mobilisation_precisions),
        "frais": _(o.frais.label) if o.frais else "",
        "frais_precisions": markdown(o.frais_precisions),
        "modes_accueil": [_(ModeAccueil(m).label) for m in o.modes_accueil],
        "lieux": lieux,
        "points": points,
        "horaires": _horaires_of(default_hours),
        "horaires_data": json_script([[label, sch] for label, sch in schedules]) if schedules else "",
        "places": places_view(vue),
        "telephone": telephone_view(o.telephone),
        "courriel": o.courriel or "",
        "structure_telephone": telephone_view(s.telephone),
        "structure_courriel": s.courriel or "",
        "duree": ", ".join(duree),
        "session": session,
        "partenaires": partenaires,
        "date_maj": date_fr(o.date_maj),
        "date_maj_iso": o.date_maj.isoformat(),
        "forge": forge_links(site.territoire, vue.id, o.nom, page_url),
        "selection": {"id": vue.id, "nom": o.nom},
        "tuiles": tuiles(site),
        "langues_parlees": langues.vue([lang.value for lang in o.langues or []]),
        "actions": orienter.actions(vue, [lieu["nom"] or lieu["commune"] for lieu in lieux]),
        "orienter": orienter.orienter(vue, site.base_url, i18n.prefix() + url),
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
        {"label": _(c.label), "url": f"thematiques/{c.value}/", "offres": [card(site, v) for v in sorted(groups[c], key=by_name)]}
        for c in sorted(groups, key=lambda c: _(c.label))
    ]


def by_name(v: OffreVue) -> tuple[str, str]:
    """Alphabetical order of offers, as a French reader expects it: accents and case ignored."""
    return (_collation_key(v.offre.nom), v.id)


_collation_key = lru_cache(maxsize=None)(fold)


def structure_view(site: Site, sid: str) -> dict:
    s = site.structures[sid]
    url = f"structures/{sid}/"
    offres = site.by_structure.get(sid, [])
    partenaire = site.by_partner.get(sid, [])
    return {
        **site.commun(url, s.nom, description=_plain(s.description or "")[:160]),
        "nom": s.nom,
        "description": markdown(s.description),
        "adresse": {"adresse": s.adresse, "complement": s.complement_adresse or "", "code_postal": s.code_postal, "commune": s.commune},
        "telephone": telephone_view(s.telephone),
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
        subs.append({"label": _(t.label), "url": f"thematiques/{t.value}/", "nombre": len(site.by_thematique.get(t.value, []))})
    label = _(c.label)
    return {
        **site.commun(url, _("{label} : les offres").format(label=label), description=_("Offres d'insertion : {label}.").format(label=label)),
        "h1": label,
        "intro": ngettext("{n} offre pour {besoin}.", "{n} offres pour {besoin}.", len(vues)).format(n=len(vues), besoin=besoin(c)),
        "recherche": f"recherche/?thematique={c.value}",
        "sous": [s for s in subs if s["nombre"]],
        "groupes": [{"label": "", "url": "", "offres": [card(site, v) for v in sorted(vues, key=by_name)]}],
        "parent": None,
        "flux": flux_url(url),
    }


def thematique_view(site: Site, t: Thematique) -> dict:
    url = f"thematiques/{t.value}/"
    c = categorie_of(t)
    vues = site.by_thematique.get(t.value, [])
    label = _(t.label)
    return {
        **site.commun(url, _("{label} : les offres").format(label=label), description=_("Offres d'insertion : {label}.").format(label=label)),
        "h1": label,
        "intro": ngettext("{n} offre. Thématique de la catégorie « {categorie} ».", "{n} offres. Thématique de la catégorie « {categorie} ».", len(vues)).format(n=len(vues), categorie=_(c.label)),
        "recherche": f"recherche/?thematique={c.value}",
        "sous": [],
        "groupes": [{"label": "", "url": "", "offres": [card(site, v) for v in sorted(vues, key=by_name)]}],
        "parent": {"label": _(c.label), "url": f"thematiques/{c.value}/"},
        "flux": "",  # feeds are per category only
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


def located(site: Site, kind: str, code: str) -> list[OffreVue]:
    """The public offers with a place in a territory (département or EPCI), by id."""
    if kind == "departement":
        return list(site.by_departement.get(code, []))
    found = {v.id: v for m in site.ref.epci[code]["membres"] for v in site.by_commune.get(m, [])}
    return [found[k] for k in sorted(found)]


def territoires_view(site: Site) -> list[dict]:
    return [{"url": f"territoires/{code}/", "nom": site.ref.nom(code)} for kind, code in territoire_codes(site)]


def territoire_nom(site: Site, kind: str | None, code: str) -> str:
    nom = site.ref.nom(code)
    return f"{nom} ({code})" if kind == "departement" else nom


def territoire_view(site: Site, kind: str, code: str) -> dict:
    url = f"territoires/{code}/"
    membres = sorted(site.ref.communes_of(code)) if kind == "departement" else list(site.ref.epci[code]["membres"])
    ici = located(site, kind, code)
    remote = site.a_distance
    titre = territoire_nom(site, kind, code)
    type_ = "departement" if kind == "departement" else site.ref.epci[code].get("type", "EPCI")
    intro = ngettext("{n} offre avec un lieu d'accueil sur ce territoire.", "{n} offres avec un lieu d'accueil sur ce territoire.", len(ici)).format(n=len(ici))
    if remote:
        intro += " " + ngettext("Et {n} offre à distance ou sans lieu fixe.", "Et {n} offres à distance ou sans lieu fixe.", len(remote)).format(n=len(remote))
    return {
        **site.commun(url, _("Offres d'insertion : {titre}").format(titre=titre), description=_("Offres d'insertion proposées sur le territoire {titre}.").format(titre=titre)),
        "h1": titre,
        "type": _(TYPES_TERRITOIRE.get(type_, type_)),
        "nombre_communes": len(membres),
        "intro": intro,
        "groupes": grouped_by_category(site, ici),
        "recherche": f"recherche/?commune={membres[0]}" if membres else "recherche/",
        "flux": flux_url(url),
    }


TYPES_TERRITOIRE = {
    "departement": N_("Département"),
    "CA": N_("Communauté d'agglomération"),
    "CC": N_("Communauté de communes"),
    "CU": N_("Communauté urbaine"),
    "METRO": N_("Métropole"),
    "MET69": N_("Métropole"),
    "EPT": N_("Établissement public territorial"),
}


def besoin(c: Categorie) -> str:
    """"me déplacer": what a person needs, for a category (home page, category pages)."""
    return _(BESOINS[c.value]) if c.value in BESOINS else _(c.label).lower()


def accueil_view(site: Site) -> dict:
    counts: dict[Categorie, int] = {}
    for v in site.publiques:
        for c in v.categories:
            counts[c] = counts.get(c, 0) + 1
    categories = [
        {"code": c.value, "label": _(c.label), "besoin": besoin(c), "nombre": counts.get(c, 0), "url": f"thematiques/{c.value}/"}
        for c in sorted(Categorie, key=besoin)
    ]
    with_places = sum(1 for v in site.publiques if v.offre.places and v.offre.places.disponibles > 0 and not v.places_a_confirmer)
    structures = {v.structure_id for v in site.publiques}
    communes = {c for v in site.publiques for c in v.communes}
    return {
        **site.commun("", site.territoire.nom, description=_("{nom} : trouver une offre d'accompagnement près de chez soi.").format(nom=site.territoire.nom)),
        "chiffres": [
            {"nombre": len(site.publiques), "texte": ngettext("offre publiée", "offres publiées", len(site.publiques))},
            {"nombre": len(structures), "texte": ngettext("structure", "structures", len(structures))},
            {"nombre": with_places, "texte": ngettext("offre avec des places disponibles", "offres avec des places disponibles", with_places)},
            {"nombre": len(communes), "texte": ngettext("commune avec un lieu d'accueil", "communes avec un lieu d'accueil", len(communes))},
        ],
        "categories": categories,
        "date": date_fr(site.generated),
        "territoires": territoires_view(site),
    }


def filtres() -> list[dict]:
    """The search form's facets (the same codes as the search index's filters)."""
    def opts(enum):
        return [{"value": e.value, "label": _(e.label)} for e in enum]

    return [
        {"name": "thematique", "legend": _("Thématique"), "options": sorted(opts(Categorie), key=lambda o: o["label"])},
        {"name": "public", "legend": _("Public"), "options": [o for o in opts(Public) if o["value"] != "tous-publics"]},
        {"name": "frais", "legend": _("Frais"), "options": opts(Frais)},
        {"name": "type", "legend": _("Type d'offre"), "options": opts(TypeService)},
        {"name": "accueil", "legend": _("Mode d'accueil"), "options": [{"value": "en-presentiel", "label": _("En présentiel")}, {"value": "a-distance", "label": _("À distance")}]},
    ]


def filtre_langues(site: Site) -> list[dict]:
    """The « langue parlée sur place » facet: only the languages of the published offers, by name."""
    codes = [lang.value for v in site.publiques for lang in v.offre.langues or []]
    if not codes:
        return []
    options = [{"value": c, "label": langues.nom(c)} for c in langues.trier(codes)]
    return [{"name": "langue", "legend": _("Langue parlée sur place"), "options": options}]


# Above this many public offers, the map page's list without JavaScript (one card per offer, by
# commune: about 300 KB at 1,000 offers) gives way to links to the territories' pages.
CARTE_LISTE_MAX = 1000


def recherche_view(site: Site, mode: str) -> dict:
    url = "carte/" if mode == "carte" else "recherche/"
    titre = _("Carte des offres") if mode == "carte" else _("Rechercher une offre")
    view = {
        **site.commun(url, titre, description=_("Rechercher une offre d'insertion par mot, thématique, public ou commune."), section=mode),
        "h1": titre,
        "mode": mode,
        "filtres": filtres() + filtre_langues(site),
        "tuiles": tuiles(site),
        "liste": [],
        "territoires": [],
    }
    if len(site.publiques) > CARTE_LISTE_MAX:
        # Too many offers for one page: the list without JavaScript leads to each territory's page.
        view["territoires"] = territoires_view(site)
    elif mode == "carte":
        # The accessible alternative to the map, without JavaScript: every public offer, by commune.
        by_commune: dict[str, list[OffreVue]] = {}
        for v in site.publiques:
            names = list(dict.fromkeys(lieu.commune for lieu in v.offre.lieux)) or [""]
            for n in names:
                by_commune.setdefault(n, []).append(v)
        view["liste"] = [
            {"commune": n or _("À distance ou sans lieu fixe"), "offres": [card(site, v) for v in sorted(by_commune[n], key=by_name)]}
            for n in sorted(by_commune, key=lambda n: (not n, n.casefold()))
        ]
    return view


def selection_view(site: Site) -> dict:
    return {**site.commun("selection/", _("Ma sélection"), description=_("Les offres que vous avez gardées."), section="selection")}


# ----- rendering ---------------------------------------------------------------------------------------


class TranslatedAtCompileTime(Extension):
    """`_("Texte")` in a template is replaced, when the template is compiled, by its translation in the
    environment's language (`translation_language`): a page's fixed texts are written into the compiled
    template, as if typed there, instead of being looked up at each render (a fifth of the time of an
    offer page). `_("Texte %(x)s", x=…)` keeps a call, with the translated text, that formats after
    escaping the values. Translations are trusted text (they come from the repository's .po files)."""

    def filter_stream(self, stream):
        translations = i18n.translations(self.environment.translation_language)  # type: ignore[attr-defined]
        tokens = list(stream)
        out = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            call = tokens[i:i + 4]
            if (
                tok.type == "name" and tok.value in ("_", "gettext") and len(call) == 4
                and call[1].type == "lparen" and call[2].type == "string" and call[3].type in ("rparen", "comma")
                and not (out and out[-1].type == "dot")
            ):
                line = tok.lineno
                text = Token(line, "string", translations.gettext(call[2].value))
                if call[3].type == "rparen":  # a constant: folded into the template's text
                    out += [Token(line, "lparen", "("), text, Token(line, "pipe", "|"), Token(line, "name", "safe"), Token(line, "rparen", ")")]
                else:
                    out += [Token(line, "name", "_format"), call[1], text, call[3]]
                i += 4
                continue
            out.append(tok)
            i += 1
        return TokenStream(iter(out), stream.name, stream.filename)


def environment(lang: str = i18n.SOURCE) -> Environment:
    """The templates' environment for one interface language (its texts are compiled in)."""
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES / "layouts"), str(TEMPLATES / "mkdocs")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=[TranslatedAtCompileTime],
    )
    env.extend(translation_language=lang)
    partials: dict[tuple, Markup] = {}

    def partiel(name: str, **context) -> Markup:
        """A partial that depends on nothing but `context` (the header, the footer): rendered once."""
        key = (name, *sorted(context.items()))
        html = partials.get(key)
        if html is None:
            html = partials[key] = Markup(env.get_template(name).render(**context))
        return html

    env.globals.update(_format=_format, ngettext=_template_ngettext, partiel=partiel)
    return env


def _format(translated: str, **variables) -> Markup:
    return Markup(translated) % variables


def _template_ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
    return Markup(i18n.ngettext(singular, plural, num)) % {"num": num, **variables}


def write(path: Path, text: str) -> None:
    """Write a page, unless the same is already there (`catalogue serve` rewrites only what changed)."""
    data = text.encode("utf-8")
    try:
        os.mkdir(path.parent)  # a new folder (every offer page of a build): nothing to compare with
    except FileExistsError:
        if path.exists() and path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


Job = Callable[[], object]  # writes one page (or file) of the site


class Renderer:
    def __init__(self, site: Site, out: Path):
        self.site = site
        self.out = out
        self._envs: dict[str, Environment] = {}
        self._cache: dict[tuple[str, str], object] = {}

    def env(self, lang: str) -> Environment:
        """The language's templates (compiled with its texts), made on first use."""
        env = self._envs.get(lang)
        if env is None:
            env = self._envs[lang] = environment(lang)
            # An offer's card is the same on every list page at the same depth: rendered once.
            macro = env.get_template("macros.html").module.carte_offre  # type: ignore[attr-defined]
            cards: dict[tuple[str, str, str], str] = {}

            def carte(o: dict, root: str, h: str = "h3"):
                key = (o["id"], root, h)
                html = cards.get(key)
                if html is None:
                    html = cards[key] = macro(o, root, h)
                return html

            env.globals["carte"] = carte
        return env

    def page(self, template: str, view: "dict | Callable[[], dict]", lang: str = i18n.SOURCE) -> None:
        """Render one page in one language; `view` may be a function, then called here (in a worker,
        for big builds) once the language is chosen."""
        with i18n.speaking(lang):
            view = view() if callable(view) else view
            tpl = self._cache.get((lang, template))
            if tpl is None:
                tpl = self._cache[(lang, template)] = self.env(lang).get_template(template)
            html = tpl.render(**view)  # type: ignore[attr-defined]
        html = re.sub(r"\n\s*\n+", "\n", html)
        write(self.out / i18n.prefix(lang) / view["url"] / "index.html", html)

    def list_jobs(self) -> list[Job]:
        """Home, catégorie, thématique, territory, search, map and selection pages, in every language."""
        site = self.site
        views: list[tuple[str, Callable[[], dict]]] = [("accueil.html", partial(accueil_view, site))]
        views += [("liste.html", partial(categorie_view, site, c)) for c in sorted(Categorie, key=lambda c: c.value)]
        views += [("liste.html", partial(thematique_view, site, t)) for t in sorted(Thematique, key=lambda t: t.value)]
        views += [("territoire.html", partial(territoire_view, site, kind, code)) for kind, code in territoire_codes(site)]
        views += [("recherche.html", partial(recherche_view, site, name)) for name in ("recherche", "carte")]
        views.append(("selection.html", partial(selection_view, site)))
        return [partial(self.page, template, view, lang) for lang in i18n.languages() for template, view in views]

    def jobs(self, vues: list[OffreVue] | None = None) -> list[Job]:
        """Every generator page (or only the given offers' pages and the pages that list them). A page's
        languages follow each other: the same worker renders them, and reuses what they share."""
        site = self.site
        vues = site.vues if vues is None else vues
        langs = i18n.languages()
        return (
            self.list_jobs()
            + [partial(self.page, "structure.html", partial(structure_view, site, sid), lang) for sid in sorted(site.structures) for lang in langs]
            + [partial(self.page, "offre.html", partial(offre_view, site, v), lang) for v in vues for lang in langs]
        )


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
            gc.freeze()  # the site's objects stay shared with the workers instead of being copied by the collector
            with multiprocessing.get_context("fork").Pool(os.cpu_count(), initializer=os.nice, initargs=(WORKER_NICENESS,)) as pool:
                for n in pool.imap_unordered(_run_chunk, chunks):
                    if progress:
                        progress(n)
        finally:
            _JOBS = []
            gc.unfreeze()
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
