"""The rules between two fields (generator/pipeline/checks/rules.py) give the same problems in the
validation and in the form's script: tests/js/cas/regles.json is run here through `rules.problems` and by
`node --test` through proposer-fichier.js `problemes`, with the table the page gives the script."""

import json
from pathlib import Path

import pytest

from generator.pipeline.checks import rules

CASES = json.loads((Path(__file__).resolve().parents[1] / "js" / "cas" / "regles.json").read_text(encoding="utf-8"))


def test_the_case_file_holds_the_table_the_page_gives():
    # A rule changed in rules.py: copy rules.for_browser() into « regles » of the case file, and add its cases.
    assert CASES["regles"] == rules.for_browser()


def test_every_rule_is_broken_by_some_case():
    reported = [(p["champ"], p["message"]) for c in CASES["cas"] for p in c["attendu"]]
    for regle in rules.REGLES:
        field = list(regle.exige if isinstance(regle, rules.Exige) else regle.champ)
        fixed = regle.message.split("{")[0]  # the message before its values
        assert any(champ == field and message.startswith(fixed) for champ, message in reported), regle


@pytest.mark.parametrize("case", CASES["cas"], ids=lambda c: c["note"])
def test_rules_give_the_expected_problems(case):
    found = rules.problems(case["offre"], case.get("structure"))
    assert [{"champ": list(path), "message": message} for path, message in found] == case["attendu"]
