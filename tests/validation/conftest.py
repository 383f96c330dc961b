import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from generator.cli.main import main

STRUCTURE = """\
# yaml-language-server: $schema=../../schema/structure.schema.json
nom: Association Mobilité Solidaire
reseaux_porteurs: [wimoov]
adresse: 4 rue de la Gare
code_postal: "91100"
commune: Corbeil-Essonnes
code_insee: "91174"
latitude: 48.6139
longitude: 2.4826
telephone: 01 99 00 10 10
courriel: contact@example.org
date_maj: 2026-10-01
mainteneurs: ["@mobilite-demo"]
"""

OFFRE = """\
# yaml-language-server: $schema=../../schema/offre.schema.json
nom: Garage solidaire
description: Réparations à prix coûtant pour les personnes en parcours d'insertion.
thematiques:
  - mobilite--entretenir-reparer-son-vehicule
publics: [demandeurs-emploi]
zone_eligibilite: ["91"]
lieux:
  - adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
    latitude: 48.6139
    longitude: 2.4826
telephone: 01 99 00 10 11
date_maj: 2026-11-02
"""

TODAY = "2026-11-23"


class Catalogue:
    """A throw-away catalogue folder, and `catalogue validate` run on it in-process."""

    def __init__(self, root: Path):
        self.root = root
        self.offers = root / "offers"

    def write(self, rel: str, text: str) -> Path:
        path = self.offers / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def validate(self, *args: str) -> tuple[int, str]:
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["validate", "--offres", str(self.offers), "--territoire", str(self.root / "territoire.yml"), *args])
        return code, out.getvalue()

    def problems(self) -> list[dict]:
        code, out = self.validate("--format", "json")
        return json.loads(out)["problemes"]


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)


@pytest.fixture
def cat(tmp_path) -> Catalogue:
    c = Catalogue(tmp_path)
    c.write("mobilite-solidaire/structure.yml", STRUCTURE)
    return c
