"""The search, map and selection pages."""

from generator import urls
from generator.i18n import _
from generator.model import langues
from generator.model.vocab import Categorie, Frais, Public, Thematique, TypeService, categorie_of
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, by_name, tuiles
from generator.site.pages.listes import territoires_view
from generator.site.pages.offre import card


def filtres() -> list[dict]:
    """The search form's facets (the same codes as the search index's filters)."""
    def opts(enum):
        return [{"value": e.value, "label": _(e.label)} for e in enum]

    return [
        {"name": "thematique", "legend": _("Thématique"), "options": sorted(opts(Categorie), key=lambda o: o["label"])},
        {"name": "public", "legend": _("Public"), "options": [o for o in opts(Public) if o["value"] != Public.TOUS_PUBLICS.value]},
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


def filtre_sous_thematiques(site: Site) -> list[dict]:
    """The « thématique précise » facet: the sub-thématiques of the published offers, by category (their
    values join the category's in the index's « thematique » filter: generator/site/search/records.py)."""
    presentes = {t for v in site.publiques for t in v.offre.thematiques if "--" in t}
    groupes = []
    for c in sorted(Categorie, key=lambda c: _(c.label)):
        options = [{"value": t.value, "label": _(t.label)} for t in Thematique if t.value in presentes and categorie_of(t) == c]
        if options:
            groupes.append({"legend": _(c.label), "options": sorted(options, key=lambda o: o["label"])})
    return [{"name": "thematique", "id": "sous-thematique", "legend": _("Thématique précise"), "groupes": groupes}] if groupes else []


# Above this many public offers, the map page's list without JavaScript (one card per offer, by
# commune: about 0.8 KB each, 827 KB at 1,000 offers) gives way to links to the territories' pages: the
# page stays under 200 KB, like every list.
CARTE_LISTE_MAX = 200


def recherche_view(site: Site, mode: str) -> dict:
    url = urls.CARTE if mode == "carte" else urls.RECHERCHE
    titre = _("Carte des offres") if mode == "carte" else _("Rechercher une offre")
    view = {
        **site.commun(url, titre, description=_("Rechercher une offre d'insertion par mot, thématique, public ou commune."), section=mode),
        "h1": titre,
        "mode": mode,
        "filtres": filtres()[:1] + filtre_sous_thematiques(site) + filtres()[1:] + filtre_langues(site),
        "tous_publics": Public.TOUS_PUBLICS.value,  # offers for everyone match any public filter
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
    return {**site.commun(urls.SELECTION, _("Ma sélection"), description=_("Les offres que vous avez gardées."), section="selection")}
