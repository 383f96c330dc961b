"""`catalogue places` and `catalogue ticket`: a new count written into the offer's file, comments and layout
kept (the diff is only the changed lines); bad input → French message, exit 1, file unchanged; a CSV table
applied all or nothing; the tickets' text (issue forms, e-mail of the offer page) read back."""

import difflib
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.model import ticket

from ..support import OFFRE, write_catalogue
from ..validation.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]

# A partner's file with comments, a flow list and quotes, and a count of places.
GARAGE = (
    "# Fiche relue avec le garage le 2 novembre\n"
    + OFFRE.replace("publics: [demandeurs-emploi]", "publics: [demandeurs-emploi]  # public prioritaire")
    .replace("date_maj: 2026-11-02\n", "places:\n  total: 12  # places de l'atelier\n  disponibles: 3\n  date: 2026-11-02\ndate_maj: 2026-11-02\n")
)


@pytest.fixture(autouse=True)
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)
    monkeypatch.setenv("CATALOGUE_CACHE", "0")
    root = write_catalogue(tmp_path, ["mobilite-solidaire", "ccas-evry"], {"mobilite-solidaire/garage": GARAGE, "mobilite-solidaire/atelier": OFFRE}, territoire=None).root
    return root


def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        if stdin is not None:
            import sys

            old, sys.stdin = sys.stdin, io.StringIO(stdin)
            try:
                code = main(list(argv))
            finally:
                sys.stdin = old
        else:
            code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def garage(repo) -> Path:
    return repo / "offers/mobilite-solidaire/garage.yml"


def test_places_changes_only_the_count_lines_and_keeps_comments(repo):
    before = garage(repo).read_text(encoding="utf-8")
    code, out, err = run("places", "mobilite-solidaire/garage", "--disponibles", "0")
    assert code == 0, err
    assert "0 place disponible" in out
    after = garage(repo).read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-  disponibles: 3", "-  date: 2026-11-02", "-date_maj: 2026-11-02",
        "+  disponibles: 0", "+  date: 2026-11-23", "+date_maj: 2026-11-23",
    ]
    assert "  total: 12  # places de l'atelier\n" in after and after.startswith("# Fiche relue")
    assert run("validate")[0] == 0


def test_places_with_total_and_date(repo):
    before = garage(repo).read_text(encoding="utf-8")
    assert run("places", "mobilite-solidaire/garage", "--disponibles", "5", "--total", "15", "--date", "2026-11-20")[0] == 0
    assert changed_lines(before, garage(repo).read_text(encoding="utf-8")) == [
        "-  total: 12  # places de l'atelier", "-  disponibles: 3", "-  date: 2026-11-02", "-date_maj: 2026-11-02",
        "+  total: 15  # places de l'atelier", "+  disponibles: 5", "+  date: 2026-11-20", "+date_maj: 2026-11-23",
    ]


def test_a_first_count_adds_places_where_the_model_puts_them(repo):
    path = repo / "offers/mobilite-solidaire/atelier.yml"
    code, _, err = run("places", "mobilite-solidaire/atelier", "--disponibles", "2")
    assert code == 1 and "l'offre n'a pas encore de nombre total de places : l'indiquer aussi (--total)" in err
    assert path.read_text(encoding="utf-8") == OFFRE
    assert run("places", "mobilite-solidaire/atelier", "--disponibles", "2", "--total", "8")[0] == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["places"] == {"total": 8, "disponibles": 2, "date": __import__("datetime").date(2026, 11, 23)}
    assert run("validate")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mobilite-solidaire/absente", "--disponibles", "1"], "offre introuvable « mobilite-solidaire/absente »"),
        (["../etc/passwd", "--disponibles", "1"], "identifiant d'offre invalide « ../etc/passwd »"),
        (["mobilite-solidaire/garage", "--disponibles", "13"], "plus de places disponibles (13) que de places au total (12)"),
        (["mobilite-solidaire/garage", "--disponibles", "2", "--total", "1"], "plus de places disponibles (2) que de places au total (1)"),
        (["mobilite-solidaire/garage", "--disponibles", "-1"], "--disponibles : nombre négatif (-1)"),
        (["mobilite-solidaire/garage", "--disponibles", "trois"], "--disponibles : « trois » n'est pas un nombre entier de places"),
        (["mobilite-solidaire/garage", "--disponibles", "1", "--date", "2026-02-30"], "--date : « 2026-02-30 » n'est pas une date au format AAAA-MM-JJ"),
        (["mobilite-solidaire/garage", "--disponibles", "1", "--date", "2026-12-01"], "--date : le 2026-12-01 est dans le futur"),
    ],
)
def test_bad_input_french_error_exit_1_file_unchanged(repo, args, message):
    before = garage(repo).read_text(encoding="utf-8")
    code, out, err = run("places", *args)
    assert code == 1 and message in err and "Traceback" not in err and out == ""
    assert garage(repo).read_text(encoding="utf-8") == before


def test_a_total_that_is_not_a_number_is_refused(repo):
    broken = GARAGE.replace("  total: 12  # places de l'atelier", "  total: douze")
    garage(repo).write_text(broken, encoding="utf-8")
    code, _, err = run("places", "mobilite-solidaire/garage", "--disponibles", "1")
    assert code == 1 and "le total de places du fichier (« douze ») n'est pas un nombre" in err
    assert garage(repo).read_text(encoding="utf-8") == broken


def test_an_edit_that_would_make_the_file_invalid_is_not_written(repo):
    """The last safety net: the edited file is validated before it is written (here a count dated in the
    future, which the command line refuses earlier but the function may be given)."""
    from datetime import date

    from generator.contribute.places import Count, PlacesError, apply

    with pytest.raises(PlacesError) as raised:
        apply(repo / "offers", Count("mobilite-solidaire/garage", 1, None, date(2027, 1, 4)))
    assert "la fiche ne serait plus valide, rien n'a été écrit" in str(raised.value)
    assert "places.date : date de comptage des places dans le futur (2027-01-04)" in str(raised.value)
    assert garage(repo).read_text(encoding="utf-8") == GARAGE


def test_errors_the_file_already_had_do_not_block_a_count(repo):
    """A partner structure missing from the copy, or a warning, is not the count's fault."""
    with_partner = GARAGE.replace("telephone: 01 99 00 10 11\n", "telephone: 01 99 00 10 11\npartenaires: [ccas-evry]\n")
    garage(repo).write_text(with_partner, encoding="utf-8")
    assert run("places", "mobilite-solidaire/garage", "--disponibles", "1")[0] == 0


def test_csv_applies_every_row(repo):
    table = repo / "places.csv"
    table.write_text("offre;disponibles;total;date\nmobilite-solidaire/garage;4;;\nmobilite-solidaire/atelier;1;6;2026-11-22\n", encoding="utf-8-sig")
    before = garage(repo).read_text(encoding="utf-8")
    code, out, err = run("places", "--csv", str(table))
    assert code == 0, err
    assert out.count("places mises à jour") == 2
    assert changed_lines(before, garage(repo).read_text(encoding="utf-8")) == [
        "-  disponibles: 3", "-  date: 2026-11-02", "-date_maj: 2026-11-02",
        "+  disponibles: 4", "+  date: 2026-11-23", "+date_maj: 2026-11-23",
    ]
    atelier = yaml.safe_load((repo / "offers/mobilite-solidaire/atelier.yml").read_text(encoding="utf-8"))
    assert atelier["places"]["total"] == 6 and str(atelier["places"]["date"]) == "2026-11-22"


def test_csv_is_all_or_nothing_and_reports_every_bad_row(repo):
    table = repo / "places.csv"
    table.write_text(
        "offre,disponibles,total\n"
        "mobilite-solidaire/garage,4,\n"        # line 2: fine
        "mobilite-solidaire/absente,1,2\n"      # line 3: unknown offer
        "mobilite-solidaire/atelier,1,\n"       # line 4: no total yet
        "mobilite-solidaire/garage,20,\n"       # line 5: more than the total, and a second row for garage
        ",x,\n",                                # line 6: no offer
        encoding="utf-8",
    )
    files = {p: p.read_text(encoding="utf-8") for p in (repo / "offers").rglob("*.yml")}
    code, out, err = run("places", "--csv", str(table))
    assert code == 1 and out == ""
    lines = [line for line in err.splitlines() if line.startswith(str(table))]
    assert [line.split(" : ")[0] for line in lines] == [f"{table}:{n}" for n in (3, 4, 5, 6)]
    assert "offre introuvable « mobilite-solidaire/absente »" in lines[0]
    assert "--total" in lines[1]
    assert "déjà mise à jour ligne 2" in lines[2]
    assert "identifiant d'offre invalide" in lines[3]
    assert "aucun fichier n'a été modifié" in err
    assert {p: p.read_text(encoding="utf-8") for p in files} == files


def test_csv_with_a_wrong_header(repo):
    table = repo / "places.csv"
    table.write_text("identifiant,places\nmobilite-solidaire/garage,4\n", encoding="utf-8")
    code, _, err = run("places", "--csv", str(table))
    assert code == 1 and f"{table}:1 : colonnes manquantes : offre, disponibles" in err


# ----- tickets -------------------------------------------------------------------------------------------


def github_body(form: str, answers: dict[str, str]) -> str:
    """The issue body GitHub writes for an issue form submitted with `answers` ({id: text})."""
    spec = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / form).read_text(encoding="utf-8"))
    parts = []
    for item in spec["body"]:
        if item["type"] == "markdown":
            continue
        label = item["attributes"]["label"]
        if item["type"] == "checkboxes":
            value = "\n".join(f"- [X] {o['label']}" for o in item["attributes"]["options"])
        else:
            value = answers.get(item["id"]) or ticket.NO_RESPONSE
        parts.append(f"### {label}\n\n{value}")
    return "\n\n".join(parts)


def form_fields(form: str) -> dict[str, str]:
    spec = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / form).read_text(encoding="utf-8"))
    return {item["id"]: item["attributes"]["label"] for item in spec["body"] if "id" in item}


def test_issue_forms_use_the_fields_the_tools_read():
    assert form_fields(ticket.PLACES_FORM) == ticket.PLACES_FIELDS
    assert form_fields(ticket.CONFIRM_FORM) == ticket.CONFIRM_FIELDS
    assert {k: v for k, v in form_fields(ticket.ERROR_FORM).items() if k in ticket.ERROR_FIELDS} == ticket.ERROR_FIELDS
    for form, label in ((ticket.PLACES_FORM, "places"), (ticket.CONFIRM_FORM, "rien-n-a-change")):
        spec = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / form).read_text(encoding="utf-8"))
        assert label in spec["labels"] and spec["name"] and spec["description"]


def test_the_places_issue_github_writes_becomes_the_change(repo):
    body = github_body(ticket.PLACES_FORM, {"offre": "mobilite-solidaire/garage", "disponibles": "2", "total": "12"})
    (repo / "ticket.md").write_text(body, encoding="utf-8")
    before = garage(repo).read_text(encoding="utf-8")
    code, out, err = run("ticket", "ticket.md")
    assert code == 0, err
    assert out.strip() == "mobilite-solidaire/garage : 2 places disponibles sur 12"
    assert changed_lines(before, garage(repo).read_text(encoding="utf-8"))[:1] == ["-  disponibles: 3"]


def test_the_confirmation_issue_sets_date_maj(repo):
    body = github_body(ticket.CONFIRM_FORM, {"offre": "https://offre-insertion.example.org/offres/mobilite-solidaire/garage/"})
    code, out, err = run("ticket", "-", stdin=body)
    assert code == 0, err
    assert "mobilite-solidaire/garage : offre confirmée" in out
    assert changed_lines(GARAGE, garage(repo).read_text(encoding="utf-8")) == ["-date_maj: 2026-11-02", "+date_maj: 2026-11-23"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"offre": "mobilite-solidaire/garage", "disponibles": "20"}, "plus de places disponibles (20)"),
        ({"offre": "mobilite-solidaire/garage", "disponibles": ""}, "places disponibles : réponse vide"),
        ({"offre": "mobilite-solidaire/garage; rm -rf /", "disponibles": "1"}, "identifiant d'offre invalide"),
        ({"offre": "mobilite-solidaire/garage", "disponibles": "1", "date": "hier"}, "date du comptage : « hier » n'est pas une date"),
    ],
)
def test_a_bad_ticket_changes_nothing(repo, answers, message):
    (repo / "ticket.md").write_text(github_body(ticket.PLACES_FORM, answers), encoding="utf-8")
    code, _, err = run("ticket", "ticket.md")
    assert code == 1 and message in err and "Traceback" not in err
    assert garage(repo).read_text(encoding="utf-8") == GARAGE


def test_a_text_that_is_no_ticket():
    code, _, err = run("ticket", "-", stdin="Bonjour, pouvez-vous mettre 3 places ?")
    assert code == 1 and "ce n'est pas un ticket" in err


def test_ticket_body_cases_shared_with_the_browser():
    """tests/js/cas/tickets.json: the text that ticket.js writes (e-mail, GitLab/Gitea issue) for a count is
    the text Python writes, and reads back to the same request."""
    import json

    cases = json.loads((ROOT / "tests/js/cas/tickets.json").read_text(encoding="utf-8"))
    assert cases
    for case in cases:
        assert ticket.body(ticket.PLACES_FIELDS, case["valeurs"]) == case["corps"]
        read = ticket.read(case["corps"])
        assert (read.kind, read.offre, read.disponibles, read.total, read.date) == (
            "places", case["valeurs"]["offre"], case["valeurs"].get("disponibles", ""), case["valeurs"].get("total", ""), case["valeurs"].get("date", ""))


def test_the_places_workflow_hands_the_issue_body_to_catalogue_ticket():
    """The body reaches `catalogue ticket` through the environment, never spliced into a shell script."""
    doc = yaml.safe_load((ROOT / ".github/workflows/places.yml").read_text(encoding="utf-8"))
    assert doc[True]["issues"]["types"] == ["opened", "edited"]  # PyYAML reads the `on:` key as True
    job = doc["jobs"]["ticket"]
    assert "'places'" in job["if"] and "'rien-n-a-change'" in job["if"]
    assert job["env"]["CORPS"] == "${{ github.event.issue.body }}"
    runs = [step.get("run", "") for step in job["steps"]]
    assert not any("github.event.issue" in run for run in runs)
    assert any('catalogue ticket "$RUNNER_TEMP/ticket.md"' in run for run in runs)
    assert any("gh pr create" in run for run in runs) and sum("gh issue comment" in run for run in runs) >= 2
    pinned = [step["uses"].split("@")[1] for step in job["steps"] if "uses" in step]
    assert pinned and all(len(sha) == 40 for sha in pinned)  # actions pinned by commit


def test_an_unreadable_file_is_named_and_left_alone(repo):
    path = repo / "offers/mobilite-solidaire/casse.yml"
    path.write_text("nom: [\n", encoding="utf-8")
    code, _, err = run("places", "mobilite-solidaire/casse", "--disponibles", "1", "--total", "2")
    assert code == 1 and "offers/mobilite-solidaire/casse.yml : fichier illisible" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == "nom: [\n"


FORGE_ONLY = "nom: Catalogue de test\ndepartements: [\"91\"]\nforge:\n  type: gitlab\n  url: https://gitlab.example.org/a/b\n"
CONTACT_ONLY = "nom: Catalogue de test\ndepartements: [\"91\"]\ncontact: contact@offre-insertion.example.org\n"
NEITHER = "nom: Catalogue de test\ndepartements: [\"91\"]\n"


@pytest.mark.parametrize(
    ("config", "present", "absent"),
    [
        (FORGE_ONLY, ["data-places-ticket", "issuable_template=mettre-a-jour-les-places", "Envoyer par GitLab", "data-signaler"],
         ["data-places-courriel", "mailto:contact@offre-insertion", "data-signaler-courriel"]),
        (CONTACT_ONLY, ["data-places-courriel", "data-rien-courriel", "data-signaler-courriel", "Signaler une erreur par courriel"],
         ["data-places-ticket", "Modifier cette offre"]),
        (NEITHER, [], ["cat-partenaire", "cat-forge", "places.js"]),
    ],
    ids=["forge-sans-contact", "contact-sans-forge", "ni-l-un-ni-l-autre"],
)
def test_the_offer_page_offers_the_routes_the_configuration_allows(tmp_path, config, present, absent):
    from ..support import write_catalogue as write

    repo = write(tmp_path / "cat", ["mobilite-solidaire"], {"mobilite-solidaire/garage": GARAGE}, territoire=config)
    repo.build()
    html = (repo.site / "offres/mobilite-solidaire/garage/index.html").read_text(encoding="utf-8")
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text
