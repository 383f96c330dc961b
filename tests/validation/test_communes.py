"""A commune's name checked against its INSEE code (structures and places), and communes found by name or
postal code; the rule is the browser's too (tests/js/cas/communes.json, run by tests/js/communes.test.js)."""

import json
from pathlib import Path

import pytest

from generator.model import communes
from generator.model.territoires import referentiel

from ..support import OFFRE, STRUCTURE

CAS = Path(__file__).resolve().parents[1] / "js" / "cas"


def _cas(nom: str) -> list[dict]:
    return json.loads((CAS / f"{nom}.json").read_text("utf-8"))["cas"]


@pytest.mark.parametrize("c", _cas("communes"), ids=lambda c: f"{c['saisi']}|{c['officiel']}")
def test_same_cases_as_the_browser(c):
    assert communes.correspond(c["saisi"], c["officiel"]) is c["attendu"]


@pytest.mark.parametrize("c", _cas("normalisation"), ids=lambda c: c["texte"])
def test_same_normalisation_as_the_browser(c):
    assert communes.normaliser(c["texte"]) == c["attendu"]


def test_a_place_with_the_name_of_another_commune_is_an_error(cat):
    cat.offre("mobilite-solidaire/garage", OFFRE.replace("    commune: Corbeil-Essonnes", "    commune: Massy"))
    code, out = cat.validate()
    assert code == 1
    line = OFFRE.splitlines().index("    commune: Corbeil-Essonnes") + 1
    assert (
        f"offers/mobilite-solidaire/garage.yml:{line}:5: lieux[0].commune: la commune « Massy » n'est pas celle du code INSEE 91174 (Corbeil-Essonnes) : "
        "écrire « Corbeil-Essonnes », ou corriger le code INSEE (celui de Massy est « 91377 »)"
    ) in out


def test_a_structure_with_the_name_of_another_commune_is_an_error(cat):
    cat.structure("mobilite-solidaire", STRUCTURE.replace("commune: Corbeil-Essonnes", "commune: Évry"))
    problems = cat.problems()
    assert [(p["champ"], p["gravite"], p["ligne"], p["colonne"]) for p in problems] == [("commune", "erreur", 6, 1)]
    assert "écrire « Corbeil-Essonnes »" in problems[0]["message"]


@pytest.mark.parametrize("nom", ["CORBEIL ESSONNES", "corbeil-essonnes", "Corbeil Essonnes Cedex", "Corbeil-Essonnes CEDEX 1"])
def test_usual_spellings_are_accepted(cat, nom):
    cat.offre("mobilite-solidaire/garage", OFFRE.replace("    commune: Corbeil-Essonnes", f"    commune: {nom}"))
    assert cat.validate()[0] == 0
    assert not [p for p in cat.problems() if p["champ"].endswith("commune")]


def test_saint_and_arrondissements(cat):
    offre = OFFRE.replace('    code_postal: "91100"', '    code_postal: "91180"').replace(
        "    commune: Corbeil-Essonnes", "    commune: St-Germain-les-Arpajon").replace('    code_insee: "91174"', '    code_insee: "91552"')
    cat.offre("mobilite-solidaire/garage", offre)
    paris = OFFRE.replace('    code_postal: "91100"', '    code_postal: "75015"').replace(
        "    commune: Corbeil-Essonnes", "    commune: Paris").replace('    code_insee: "91174"', '    code_insee: "75115"').replace(
        "latitude: 48.6139", "latitude: 48.84").replace("longitude: 2.4826", "longitude: 2.29")
    cat.offre("mobilite-solidaire/paris", paris)
    assert not [p for p in cat.problems() if p["champ"].endswith("commune")]


def test_communes_found_by_name_or_postal_code():
    ref = referentiel()
    assert communes.trouver(ref, "91300") == ["91377"]
    assert communes.trouver(ref, "Massy", ["91"]) == ["91377"]
    assert sorted(communes.trouver(ref, "Massy")) == ["76415", "91377"]
    assert communes.trouver(ref, "st germain les arpajon") == ["91552"]
    assert communes.trouver(ref, "Paris 15e") == ["75115"]
    assert communes.trouver(ref, "91228") == ["91228"]
    assert communes.trouver(ref, "Nulle-Part-sur-Mer") == []


def test_the_sample_catalogue_names_its_communes_right():
    from generator.pipeline.load import discover
    from generator.pipeline.validate import validate

    root = Path(__file__).resolve().parents[2] / "offers"
    cat = validate(root, discover([root], root))
    assert not [p for p in cat.problems if p.key.endswith("commune")]
