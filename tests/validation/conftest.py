"""Fixtures of the validator tests: a throw-away catalogue with one structure (tests.support.STRUCTURE)."""

import io
import json
from contextlib import redirect_stdout

import pytest

from generator.cli.main import main
from tests.support import Repo

TODAY = "2026-11-23"


class Catalogue(Repo):
    """A throw-away catalogue folder (written with Repo.write, Repo.structure…), and `catalogue validate` run
    on it in-process."""

    def validate(self, *args: str) -> tuple[int, str]:
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["validate", "--offres", str(self.offers), "--territoire", str(self.territoire), *args])
        return code, out.getvalue()

    def problems(self) -> list[dict]:
        code, out = self.validate("--format", "json")
        return json.loads(out)["problemes"]


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)


@pytest.fixture
def cat(tmp_path) -> Catalogue:
    """One structure, STRUCTURE, and no territoire.yml."""
    c = Catalogue(tmp_path)
    c.structure("mobilite-solidaire")
    return c
