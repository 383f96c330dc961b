"""État de l'offre on a small hand-made catalogue whose matrix is known in advance."""

import io
import json
import re
from contextlib import redirect_stdout

import pytest

from generator.cli.main import main
from generator.model.territoires import referentiel
from generator.pipeline.enrich import enrich
from generator.pipeline.load import discover
from generator.pipeline.validate import today, validate
from generator.site.etat import analyse as etat
from generator.site.etat.duplicates import SEUIL, groupes

from ..support import write_catalogue
from .conftest import COEUR, GPS, OFFRES, SACLAY, STRUCTURES, TERRITOIRE, TODAY


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return write_catalogue(tmp_path_factory.mktemp("etat"), STRUCTURES, OFFRES, TERRITOIRE).root


@pytest.fixture(autouse=True)
def pinned(monkeypatch, repo):
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)
    monkeypatch.chdir(repo)


@pytest.fixture
def state(repo):
    cat = validate(repo / "offers", discover([repo / "offers"], repo / "offers"), territoire=repo / "territoire.yml")
    assert not cat.errors, cat.errors
    vues = enrich(cat, today())
    ref = referentiel()
    return cat, vues, ref, etat.bassins(cat.territoire, ref, ["91"])


def test_matrix_counts_offers_places_and_gaps(state):
    _, vues, ref, bassins = state
    m = etat.matrice(vues, bassins, ref)
    nord, centre = (b.code for b in m.bassins)
    assert sorted(m.cellule(nord, "famille").offres) == ["ccas-massy/creche"]
    assert (m.cellule(nord, "famille").places_total, m.cellule(nord, "famille").places_disponibles) == (10, 2)
    assert m.cellule(nord, "famille").part_fraiche == 1
    # An offer counts where its residents are eligible: the remote one in Nord only, the département-wide
    # garage (located in Centre) in both, the Évry one in Centre, for part of its communes only.
    assert sorted(m.cellule(nord, "mobilite").offres) == ["asso-mobilite/garage", "ccas-massy/garage", "ml-evry/permis-en-ligne"]
    assert sorted(m.cellule(centre, "mobilite").offres) == ["asso-mobilite/garage", "ml-evry/garage"]
    assert m.cellule(centre, "mobilite").partielles == {"ml-evry/garage"}
    assert m.cellule(centre, "mobilite").part_fraiche == 0  # the only count is 10 months old
    assert m.cellule(centre, "famille").lacune  # where garde d'enfants places are missing
    assert m.cellule(nord, "numerique").lacune  # the stale offer is not published, so it does not count
    assert not any(c.sur_offre for c in m.cellules.values())


def test_default_bassins_are_the_epci_of_the_departement():
    ref = referentiel()
    default = etat.bassins(None, ref, ["91"])
    assert {b.code for b in default} >= {SACLAY, COEUR, GPS}
    assert sum(len(b.communes) for b in default) == sum(1 for c in ref.communes.values() if c["departement"] == "91")


def test_duplicates_across_structures_with_overlapping_zones(state):
    _, vues, ref, _ = state
    (group,) = groupes(vues, ref)
    assert [m.id for m in group.membres] == ["asso-mobilite/garage", "ml-evry/garage"]
    assert group.score >= SEUIL and group.thematiques == ("mobilite--entretenir-reparer-son-vehicule",)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_cli_doublons_and_stats():
    code, out = run("doublons")
    assert code == 0
    assert "groupe 1 : 2 offres" in out
    assert "asso-mobilite/garage « Garage solidaire » — Association Mobilité 91" in out
    assert "ml-evry/garage « Garage solidaire » — Mission locale d'Évry" in out
    assert "ccas-massy/garage" not in out
    code, out = run("stats")
    assert code == 0
    assert "Offres publiées                    5 (sur 6 fiches)" in out
    assert "2 disponibles sur 15" in out
    assert re.search(r"^Groupes de doublons possibles +1$", out, re.M)


def test_cli_a_mettre_a_jour_lists_by_structure_with_maintainers():
    code, out = run("a-mettre-a-jour")
    assert code == 0
    assert "## CCAS de Massy — @ccas-massy" in out
    assert "- [ ] `ccas-massy/atelier-numerique` Atelier numérique : vérifiée le 1er janvier 2025 (plus publiée, tous les 6 mois)" in out
    code, out = run("a-mettre-a-jour", "--format", "json")
    doc = json.loads(out)
    assert doc == [
        {
            "structure": "ccas-massy", "nom": "CCAS de Massy", "mainteneurs": ["@ccas-massy"],
            "offres": [{"id": "ccas-massy/atelier-numerique", "nom": "Atelier numérique", "date_maj": "2025-01-01", "frequence_maj": 6, "fraicheur": "perimee"}],
        }
    ]
