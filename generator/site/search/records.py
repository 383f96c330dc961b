"""The search records: what Pagefind indexes for each public offer."""

import json
from functools import lru_cache

from generator import i18n, urls
from generator.model import horaires
from generator.model.vocab import ModeAccueil, Public, Thematique
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, by_name
from generator.site.formatting import plain

# A word every record holds: a search without words asks Pagefind for it, which loads one index chunk
# (a search for `null` makes Pagefind download every chunk: 2 MB at 10,000 offers). First in every record,
# its chunk weighs 3 KB at 60,000 offers (83 KB at the end of the text, where its position varies).
TOUTES = "zzcatalogue"


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@lru_cache(maxsize=None)
def _labels(value: str, langs: tuple[str, ...]) -> str:
    """A label in each of `langs`, each once."""
    return " ".join(dict.fromkeys(i18n.translations(lang).gettext(value) for lang in langs))


def record(site: Site, vue: OffreVue) -> dict:
    """The offer's search record (the same for every interface language)."""
    o = vue.offre
    publics = [p.value for p in (o.publics or [])] or [Public.TOUS_PUBLICS.value]
    communes = list(dict.fromkeys(lieu.commune for lieu in o.lieux))
    places = o.places
    disponible = bool(places and places.disponibles > 0 and not vue.places_a_confirmer)
    content = " ".join(
        [
            TOUTES,  # first: at the same position in every record, its list of pages compresses to almost nothing
            o.nom + ".",
            plain(o.description),
            vue.structure.nom + ".",
            " ".join(o.mots_cles or []),
            " ".join(_labels(Thematique(t).label, i18n.languages()) for t in o.thematiques),
            " ".join(communes),
        ]
    )
    meta = {
        "title": o.nom,
        "structure": vue.structure.nom,
        "lieux": ", ".join(communes[:3]) + (" …" if len(communes) > 3 else ""),
        "id": vue.id,
    }
    # The hours that say « ouvert » on the card (those of its places, else its own, as recherche.js ouvertOffre
    # reads them in the geo/ files): for the offers whose geo file a commune search does not download (offers
    # without a place, or placed in another département). A hundred bytes in each card's fragment.
    default = o.horaires_accueil or vue.structure.horaires_accueil
    exprs = [e for e in dict.fromkeys(lieu.horaires_accueil or default for lieu in o.lieux) if e] or ([default] if default else [])
    if exprs:
        meta["horaires"] = dumps([horaires.schedule(e) for e in exprs])
    if ModeAccueil.A_DISTANCE in o.modes_accueil:
        meta["distance"] = "1"
    if vue.fraicheur == "a-mettre-a-jour":
        meta["maj"] = "1"
    if places:
        if vue.places_a_confirmer:
            meta["places"] = "a-confirmer"
        elif places.disponibles:
            meta["places"] = f"{places.disponibles}/{places.total}"
        else:
            meta["places"] = "complet"
    filters = {
        # Categories and their sub-thématiques (« mobilite », « mobilite--preparer-un-permis »): one facet.
        "thematique": [c.value for c in vue.categories] + [t for t in o.thematiques if t not in {c.value for c in vue.categories}],
        "public": publics,
        "accueil": [m.value for m in o.modes_accueil],
        **site.ref.eligibility_filters(o.zone_eligibilite),
    }
    if o.frais:
        filters["frais"] = [o.frais.value]
    if o.type:
        filters["type"] = [o.type.value]
    if disponible:
        filters["places"] = ["disponibles"]
    if o.langues:
        filters["langue"] = list(dict.fromkeys(lang.value for lang in o.langues))
    return {
        "url": urls.offre(vue.id),
        "content": content,
        "language": i18n.SOURCE,
        "meta": meta,
        "filters": filters,
    }


def search_records(site: Site) -> list[dict]:
    """The public offers' search records, in alphabetical order: Pagefind keeps it for results of equal
    score, which is how the search page lists offers without words (see recherche.js). A Pagefind sort
    index would do the same for 20 KB more in every search's metadata at 10,000 offers."""
    return [record(site, v) for v in sorted(site.publiques, key=by_name)]
