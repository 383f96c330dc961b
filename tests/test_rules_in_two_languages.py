"""Rules written both in Python and in the browser's JavaScript: each JS case file of tests/js/cas/ (run
by `node --test`) is run here through the Python twin, so that the two copies cannot drift apart."""

import json
from pathlib import Path

import pytest

from generator.model.slug import slugify
from generator.model.territoires import referentiel

CASES = Path(__file__).resolve().parent / "js" / "cas"


def cases(name: str) -> list[dict]:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))["cas"]


@pytest.mark.parametrize("case", cases("slug"), ids=lambda c: c["texte"][:30])
def test_slug_rule_is_the_same_in_python(case):
    assert slugify(case["texte"]) == case["attendu"]


@pytest.mark.parametrize("case", cases("eligibilite"), ids=lambda c: c.get("note", "")[:40])
def test_eligibility_rule_is_the_same_in_python(case):
    ref = referentiel()
    commune = case["commune"]
    assert ref.covered_codes(case["zone"]) == case["codes"]  # what the parcours' data gives the browser
    assert ref.eligibility_filters(case["zone"]) == case["filtres"]  # what the search index gives it
    if commune["code"] in ref.communes:
        assert ref.covers(case["zone"], commune["code"]) == case["eligible"]
        assert ref.codes_of_commune(commune["code"])[:3] == [commune["code"], commune["departement"], commune["epci"]]
    else:  # a commune the browser knows only by the page's data
        assert not ref.covers(case["zone"], commune["code"])
