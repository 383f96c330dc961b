"""List pages: home, structures, catégories and thématiques, territories."""

from collections import Counter

from generator import i18n, urls
from generator.i18n import N_, _, ngettext
from generator.model.slug import fold
from generator.model.vocab import Categorie, Thematique, categorie_of
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, by_name, located, territoire_codes, territoire_nom
from generator.site.etat.analyse import dans_le_territoire
from generator.site.formatting import date_fr, plain, telephone_view
from generator.site.markdown import markdown
from generator.site.pages import pagination
from generator.site.pages.offre import card, horaires_of

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


def by_category(vues: list[OffreVue]) -> list[tuple[Categorie, OffreVue]]:
    """(category, offer) in reading order: categories by label, offers by name; an offer of several
    categories is listed under each."""
    pairs = [(c, v) for v in vues for c in v.categories]
    return sorted(pairs, key=lambda p: (_(p[0].label), by_name(p[1])))


def grouped_by_category(site: Site, pairs: list[tuple[Categorie, OffreVue]], totals: Counter) -> list[dict]:
    """The (category, offer) pairs of one page, under their category's heading (with its whole count)."""
    groups: dict[Categorie, list[OffreVue]] = {}
    for c, v in pairs:
        groups.setdefault(c, []).append(v)
    return [
        {"label": _(c.label), "url": urls.thematique(c.value), "nombre": totals[c], "offres": [card(site, v) for v in groups[c]]}
        for c in groups
    ]


def _sorted(site: Site, base: str, vues: list[OffreVue]) -> list[OffreVue]:
    """The offers of the list at `base` by name, sorted once for all its pages."""
    return site.memo(("par-nom", base), lambda: sorted(vues, key=by_name))


def structure_pairs(site: Site, sid: str) -> list[tuple[str, OffreVue]]:
    """The structure's offers by name, then those it is a partner of: ("offres" | "partenaire", offer)."""
    base = urls.structure(sid)
    return [("offres", v) for v in _sorted(site, base, site.by_structure.get(sid, []))] + [
        ("partenaire", v) for v in _sorted(site, base + "#partenaire", site.by_partner.get(sid, []))
    ]


def structure_view(site: Site, sid: str, n: int = 1) -> dict:
    s = site.structures[sid]
    base = urls.structure(sid)
    url = urls.page(base, n)
    pairs = structure_pairs(site, sid)
    shown = pagination.window(pairs, n)
    return {
        **site.commun(url, s.nom, description=plain(s.description or "")[:160]),
        "nom": s.nom,
        "description": markdown(s.description),
        "adresse": {"adresse": s.adresse, "complement": s.complement_adresse or "", "code_postal": s.code_postal, "commune": s.commune},
        "telephone": telephone_view(s.telephone),
        "courriel": s.courriel or "",
        "site_web": str(s.site_web) if s.site_web else "",
        "accessibilite": str(s.accessibilite_lieu) if s.accessibilite_lieu else "",
        "horaires": horaires_of(s.horaires_accueil),
        "date_maj": date_fr(s.date_maj),
        "nombre": len(site.by_structure.get(sid, [])),
        "offres": [card(site, v) for kind, v in shown if kind == "offres"],
        "partenaire": [card(site, v) for kind, v in shown if kind == "partenaire"],
        **pagination.view(base, n, len(pairs)),
    }


def categorie_view(site: Site, c: Categorie, n: int = 1) -> dict:
    base = urls.thematique(c.value)
    url = urls.page(base, n)
    vues = site.by_categorie.get(c, [])
    subs = []
    for t in Thematique:
        if categorie_of(t) != c:
            continue
        subs.append({"label": _(t.label), "url": urls.thematique(t.value), "nombre": len(site.by_thematique.get(t.value, []))})
    label = _(c.label)
    return {
        **site.commun(url, _("{label} : les offres").format(label=label), description=_("Offres d'insertion : {label}.").format(label=label)),
        "h1": label,
        "intro": ngettext("{n} offre pour {besoin}.", "{n} offres pour {besoin}.", len(vues)).format(n=len(vues), besoin=besoin(c)),
        "recherche": urls.recherche(thematique=c.value),
        "sous": [s for s in subs if s["nombre"]],
        "groupes": [{"label": "", "url": "", "offres": [card(site, v) for v in pagination.window(_sorted(site, base, vues), n)]}],
        "parent": None,
        "flux": urls.flux(base),
        **pagination.view(base, n, len(vues)),
    }


def thematique_view(site: Site, t: Thematique, n: int = 1) -> dict:
    base = urls.thematique(t.value)
    url = urls.page(base, n)
    c = categorie_of(t)
    vues = site.by_thematique.get(t.value, [])
    label = _(t.label)
    return {
        **site.commun(url, _("{label} : les offres").format(label=label), description=_("Offres d'insertion : {label}.").format(label=label)),
        "h1": label,
        "intro": ngettext("{n} offre. Thématique de la catégorie « {categorie} ».", "{n} offres. Thématique de la catégorie « {categorie} ».", len(vues)).format(n=len(vues), categorie=_(c.label)),
        "recherche": urls.recherche(thematique=t.value),  # « Affiner » keeps the sub-thématique
        "sous": [],
        "groupes": [{"label": "", "url": "", "offres": [card(site, v) for v in pagination.window(_sorted(site, base, vues), n)]}],
        "parent": {"label": _(c.label), "url": urls.thematique(c.value)},
        "flux": "",  # feeds are per category only
        **pagination.view(base, n, len(vues)),
    }


def territoires_view(site: Site) -> list[dict]:
    return [{"url": urls.territoire(code), "nom": site.ref.nom(code)} for kind, code in territoire_codes(site)]


def territoire_view(site: Site, kind: str, code: str, n: int = 1) -> dict:
    base = urls.territoire(code)
    url = urls.page(base, n)
    membres, communes, ici, pairs, totals = site.memo(("territoire", kind, code, i18n.current()), lambda: _territoire(site, kind, code))
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
        "nombre_communes": len(communes),
        "communes_hors": len(membres) - len(communes),
        "intro": intro,
        "groupes": grouped_by_category(site, pagination.window(pairs, n), totals),
        # The search filters on a resident's commune: the visitor chooses one of the territory's communes.
        "recherche": urls.RECHERCHE,
        "communes": communes,
        "flux": urls.flux(base),
        **pagination.view(base, n, len(pairs)),
    }


def _territoire(site: Site, kind: str, code: str) -> tuple:
    """What every page of a territory's list shares: its member communes, those counted (as in the état
    de l'offre: the communes of the catalogue's départements) by name, its offers, (category, offer) pairs
    in reading order and the number of offers per category."""
    membres = sorted(site.ref.communes_of(code)) if kind == "departement" else list(site.ref.epci[code]["membres"])
    communes = dans_le_territoire(site.ref, membres, site.territoire.departements)
    ici = located(site, kind, code)
    pairs = by_category(ici)
    noms = sorted(({"code": c, "nom": site.ref.nom(c)} for c in communes), key=lambda c: (fold(c["nom"]), c["code"]))
    return membres, noms, ici, pairs, Counter(c for c, _v in pairs)


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
        {"code": c.value, "label": _(c.label), "besoin": besoin(c), "nombre": counts.get(c, 0), "url": urls.thematique(c.value)}
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
