"""A corpus of hostile or broken files (tests/hostile/corpus): each gets a French error naming the
file and the line, the run exits 1 without a traceback, and every other file is still checked."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline.problems import visible

from ..support import write_catalogue

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXPECTED = json.loads((CORPUS / "attendu.json").read_text(encoding="utf-8"))
ROOT = HERE.parents[1]


def run_validate(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--format", "json"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CATALOGUE_DATE": "2026-11-23"},
        timeout=120,
    )


@pytest.fixture(scope="module")
def report():
    proc = run_validate(CORPUS)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1
    return json.loads(proc.stdout)


def test_the_corpus_is_large_enough():
    assert len([f for f, (_, fragment) in EXPECTED.items() if fragment]) >= 40


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_each_hostile_file_gets_its_french_error(report, path):
    line, fragment = EXPECTED[path]
    mine = [p for p in report["problemes"] if p["fichier"] == visible(path)]  # names are shown escaped
    if fragment is None:
        assert not [p for p in mine if p["gravite"] == "erreur" and "même identifiant" not in p["message"]], mine
        return
    matching = [p for p in mine if fragment in p["message"]]
    assert matching, f"{path} : « {fragment} » attendu, obtenu {[p['message'] for p in mine]}"
    assert matching[0]["ligne"] == line
    for problem in mine:
        assert problem["message"].isprintable(), problem  # one problem = one readable line


def test_every_file_is_checked(report):
    assert report["fichiers"] == len(list(CORPUS.rglob("*.yml"))) + len(list(CORPUS.rglob("*.yaml")))


def test_a_50_mb_file_is_refused_quickly(tmp_path):
    repo = write_catalogue(tmp_path, ["ccas-test"], territoire=None)
    with open(repo.offers / "ccas-test" / "enorme.yml", "wb") as f:
        f.write(b"description: ")
        f.write(b"x" * 50_000_000)
    proc = run_validate(tmp_path)
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    (problem,) = doc["problemes"]
    assert problem["fichier"] == "offers/ccas-test/enorme.yml"
    assert problem["message"] == "fichier trop gros (50000 ko) : 1000 ko au plus"
