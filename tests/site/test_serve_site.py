"""`catalogue serve` updates the site's indexes for the edited offers only (`Site.updated`) instead of
computing them again: the lists, map and parcours data read them, so they must be the same, in the same
order, as those of a site built from all the offers."""

from datetime import datetime

from generator.cli.build import make_site
from generator.pipeline.validate import validate
from generator.site.context import _INDEXES, Site
from generator.site.pages.offre import card

from ..support import MELUN, write_catalogue
from .catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE


def site_of(root, offres) -> Site:
    repo = write_catalogue(root, STRUCTURES, offres, TERRITOIRE)
    cat = validate(repo.offers, sorted(repo.offers.rglob("*.yml")), territoire=repo.territoire)
    assert not cat.errors, cat.errors
    return make_site(cat, "", datetime(2026, 11, 23))[1]


def shape(site: Site) -> dict:
    """Everything `updated` computes, as ids (keys in their order)."""
    out = {name: [(k, [v.id for v in vs]) for k, vs in getattr(site, name).items()] for name in _INDEXES}
    out |= {"vues": [v.id for v in site.vues], "publiques": [v.id for v in site.publiques],
            "a_distance": [v.id for v in site.a_distance], "centres": site.centres.means}
    return out


def test_updated_indexes_are_those_of_a_new_site(tmp_path):
    garage = OFFRES["mobilite-solidaire/garage-solidaire"]
    edited = dict(OFFRES)
    # Another catégorie, no partner, its place moved to the 77 (the commune centres move too).
    moved = garage.replace("mobilite--entretenir-reparer-son-vehicule\n  - mobilite--acceder-a-un-vehicule", "numerique--acceder-a-des-services-en-ligne")
    moved = moved.replace("partenaires: [ccas-evry]\n", "")
    start, end = moved.index("  - nom: Atelier de Corbeil"), moved.index("horaires_accueil")
    edited["mobilite-solidaire/garage-solidaire"] = moved[:start] + MELUN + moved[end:]
    edited["mobilite-solidaire/location-scooters"] += "statut: suspendue\n"  # leaves every list
    edited["ccas-evry/nouvelle"] = garage.replace("nom: Garage solidaire", "nom: Nouvelle offre")  # joins them
    old = site_of(tmp_path / "avant", OFFRES)
    for v in old.publiques:  # cards computed by the lists of the old site
        card(old, v)
    new = site_of(tmp_path / "apres", edited)
    ids = ("mobilite-solidaire/garage-solidaire", "mobilite-solidaire/location-scooters", "ccas-evry/nouvelle")
    updated = old.updated([new.by_id[k] for k in ids])
    assert shape(updated) == shape(new)
    assert shape(old) != shape(new)  # the old site is left as it was (the background part reads it)
    assert [v.id for v in old.vues] == sorted(OFFRES)
    # The cards of the other offers are kept, the edited ones' computed again.
    assert not any(k[1] in ids for k in updated._cards)
    assert any(k[1] == "ccas-evry/aide-budget" for k in updated._cards)
    assert card(updated, updated.by_id[ids[0]])["nom"] == "Garage solidaire"
    assert card(updated, updated.by_id[ids[2]])["nom"] == "Nouvelle offre"
