"""CI that helps partners: `catalogue validate --changed-since REF --summary FILE` on a real Git repository
(the changed files' problems first and all in the summary; what only the team can do left to it), and the
workflows (actions pinned by commit, `pages: write` only where the site is deployed, maintenance on a
schedule), CODEOWNERS with a default owner. actionlint runs on every workflow in test_forge.py."""

import io
import json
import re
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main

from ..support import OFFRE, write_catalogue
from ..validation.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo, check=True, capture_output=True)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


# Twelve stale offers on main: more warnings than GitHub shows annotations in a step.
STALE = OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2024-01-02")


@pytest.fixture
def pr(tmp_path, monkeypatch):
    """A repository whose main has 12 stale offers, and a branch that adds one offer with two problems
    (an unknown public, no coordinates) and one stale date."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)
    repo = write_catalogue(tmp_path, ["mobilite-solidaire"], {f"ancienne/offre-{i:02d}": STALE for i in range(12)})
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "catalogue")
    _git(tmp_path, "switch", "-q", "-c", "partenaire")
    nouvelle = (OFFRE.replace("publics: [demandeurs-emploi]", "publics: [chomeurs]")
                .replace("    latitude: 48.6139\n", "").replace("    longitude: 2.4826\n", ""))
    repo.offre("mobilite-solidaire/nouvelle", nouvelle)
    return repo


def test_annotations_of_the_changed_files_come_first_and_others_warnings_stay_in_the_summary(pr, tmp_path):
    summary = tmp_path / "resume.md"
    summary.write_text("déjà là\n", encoding="utf-8")
    code, out, err = run("validate", "--format", "github", "--changed-since", "main", "--summary", str(summary))
    assert code == 1, err
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations[0].startswith("::error file=offers/mobilite-solidaire/nouvelle.yml,line=6,col=11,title=publics[0]::")
    assert "chomeurs" in annotations[0]
    # The others' 12 warnings are not annotated; the missing coordinates are the team's, not annotated either.
    assert len(annotations) == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("déjà là\n## Vérification des offres")  # appended, as GitHub expects
    mine = text.split("### Fichiers modifiés par la pull request", 1)[1].split("###", 1)[0]
    assert "1 erreur, 0 avertissement" in mine and "| offers/mobilite-solidaire/nouvelle.yml | 6:11 | publics[0] | erreur |" in mine
    team = text.split("### Pris en charge par l'équipe du catalogue", 1)[1].split("###", 1)[0]
    assert "nouvelle.yml ligne 9" in team and "catalogue geocode" in team
    others = text.split("### Autres fichiers", 1)[1]
    assert others.startswith(" : 0 erreur, 12 avertissements") and others.count("| offers/ancienne/") == 12


def test_every_problem_of_the_changed_files_is_in_the_summary(pr, tmp_path):
    many = OFFRE.replace("publics: [demandeurs-emploi]", "publics: [" + ", ".join(f"public-{i}" for i in range(15)) + "]")
    pr.offre("mobilite-solidaire/nouvelle", many)
    summary = tmp_path / "resume.md"
    code, out, _ = run("validate", "--format", "github", "--changed-since", "main", "--summary", str(summary))
    assert code == 1
    assert summary.read_text(encoding="utf-8").count("| offers/mobilite-solidaire/nouvelle.yml |") == 15
    assert all("nouvelle.yml" in line for line in out.splitlines()[:15])


def test_committed_changes_count_too_and_json_says_which_are_changed(pr):
    _git(pr.root, "add", ".")
    _git(pr.root, "commit", "-q", "-m", "nouvelle offre")
    _, out, _ = run("validate", "--format", "json", "--changed-since", "main")

    problems = json.loads(out)["problemes"]
    assert [p["modifie"] for p in problems] == [True] * 2 + [False] * 12
    assert problems[0]["fichier"] == "offers/mobilite-solidaire/nouvelle.yml"


def test_an_unknown_reference_is_a_usage_error_in_french(pr):
    code, _, err = run("validate", "--changed-since", "origin/inconnue")
    assert code == 2 and "référence Git inconnue « origin/inconnue »" in err and "fetch-depth: 0" in err
    assert "Traceback" not in err


def test_outside_a_git_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_catalogue(tmp_path, ["mobilite-solidaire"])
    code, _, err = run("validate", "--changed-since", "main")
    assert code == 2 and "n'est pas dans un dépôt Git" in err


# ----- the workflows -----------------------------------------------------------------------------------------


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_by_commit(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(-\s+)?uses:", line)]
    assert lines
    for line in lines:
        assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_only_the_deploy_job_may_write_pages():
    writers = []
    for path in WORKFLOWS:
        doc = _load(path)
        assert "pages" not in (doc.get("permissions") or {}), path.name
        for name, job in doc["jobs"].items():
            if (job.get("permissions") or {}).get("pages") == "write":
                writers.append((path.name, name, [s.get("uses", "").split("@")[0] for s in job["steps"]]))
    assert writers == [("publier.yml", "publier", ["actions/deploy-pages"])]


def test_pull_requests_ask_nothing_partners_cannot_do():
    doc = _load(ROOT / ".github/workflows/verifier.yml")
    runs = " ".join(step.get("run", "") for job in doc["jobs"].values() for step in job["steps"])
    assert '--changed-since "origin/$BRANCHE"' in runs and '--summary "$GITHUB_STEP_SUMMARY"' in runs
    assert "codeowners" not in runs and "geocode" not in runs
    assert all(job["steps"][0]["with"]["fetch-depth"] == 0 for job in doc["jobs"].values())


def test_the_team_does_it_on_a_schedule():
    doc = _load(ROOT / ".github/workflows/entretien.yml")
    assert doc[True]["schedule"] and "workflow_dispatch" in doc[True]  # PyYAML reads `on:` as True
    runs = {name: " ".join(s.get("run", "") for s in job["steps"]) for name, job in doc["jobs"].items()}
    assert "catalogue geocode" in runs["pull-requests"] and "catalogue codeowners" in runs["pull-requests"]
    assert "gh pr create" in runs["pull-requests"]
    assert "catalogue a-mettre-a-jour" in runs["a-mettre-a-jour"] and "gh issue create" in runs["a-mettre-a-jour"]
    assert doc["jobs"]["a-mettre-a-jour"]["permissions"] == {"contents": "read", "issues": "write"}


def test_codeowners_has_a_default_owner_first():
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert rules[0][0] == "*" and rules[0][1].startswith("@")
    assert all(r[0].startswith("/offers/") for r in rules[1:])


def test_codeowners_keeps_the_default_owner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_catalogue(tmp_path, ["mobilite-solidaire"])
    assert run("codeowners", "--defaut", "@coordination/equipe")[0] == 0
    assert run("codeowners")[0] == 0  # a later run, without --defaut
    text = (tmp_path / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "\n* @coordination/equipe\n/offers/mobilite-solidaire/ @mobilite-demo\n" in text
    code, _, err = run("codeowners", "--defaut", "equipe")
    assert code == 2 and "n'est pas un compte ou une équipe" in err
