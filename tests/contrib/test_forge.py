"""The forge files: workflows that actionlint accepts and that call commands which exist; issue forms."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)


def test_actionlint_accepts_the_workflows():
    binary = shutil.which("actionlint") or str(Path(__import__("sys").executable).parent / "actionlint")
    proc = subprocess.run([binary, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflows_call_existing_commands(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs = [step["run"] for job in doc["jobs"].values() for step in job["steps"] if "run" in step]
    called = {m.group(1) for run in runs for m in re.finditer(r"catalogue (\S+)", run)}
    assert called, "le workflow n'appelle pas la commande catalogue"
    assert called <= _subcommands(), called - _subcommands()


def test_pull_requests_are_validated_with_annotations_and_built():
    doc = yaml.safe_load((ROOT / ".github/workflows/verifier.yml").read_text(encoding="utf-8"))
    runs = " ".join(step.get("run", "") for job in doc["jobs"].values() for step in job["steps"])
    assert "pull_request" in doc[True]  # PyYAML reads the `on:` key as True
    assert "catalogue validate --format github" in runs and "catalogue build" in runs
    assert "codeowners" not in runs  # the maintainers' scheduled workflow regenerates it (test_ci.py)


@pytest.mark.parametrize("name", ["signaler-une-erreur.yml", "proposer-une-offre.yml"])
def test_issue_forms(name):
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert form["name"] and form["description"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)) and any(item.get("validations", {}).get("required") for item in form["body"])


def test_codeowners_of_the_repository_is_up_to_date():
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from generator.cli.main import main

    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(["codeowners", "--check", "--offres", str(ROOT / "offers"), "--out", str(ROOT / ".github/CODEOWNERS")])
    assert code == 0, out.getvalue()
