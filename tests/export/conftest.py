"""Fixtures of the open-data tests: small catalogues written in tmp dirs, exported with a fixed date."""

import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from generator.opendata import export
from generator.pipeline.enrich import OffreVue, enrich
from generator.pipeline.load import discover
from generator.pipeline.validate import Catalogue, validate
from tests.support import pinned_date, write_catalogue

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
GENERATED = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)
BASE_URL = "https://catalogue.example.fr/"

TERRITOIRE = "nom: Offre d'insertion en Essonne\ndepartements: ['91']\n"

MOBILITE = """\
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
horaires_accueil: Mo-Fr 09:00-17:00
date_maj: 2026-10-01
frequence_maj: 12
mainteneurs: ["@mobilite-demo", "@garage-secret"]
"""

GARAGE = """\
nom: Garage solidaire
description: Réparations à prix coûtant pour les personnes en parcours d'insertion.
type: accompagnement
thematiques:
  - mobilite--entretenir-reparer-son-vehicule
  - mobilite--acceder-a-un-vehicule
mots_cles: [garage, réparation]
publics: [demandeurs-emploi, beneficiaires-des-minimas-sociaux]
zone_eligibilite: ["91"]
lieux:
  - adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
    latitude: 48.6139
    longitude: 2.4826
places: {total: 12, disponibles: 3, date: 2026-11-02}
telephone: 01 99 00 10 11
date_maj: 2026-11-02
"""

# Three places: two in Évry-Courcouronnes, one in Corbeil-Essonnes; the second has its own name and hours.
PERMIS = """\
nom: Auto-école sociale
description: Préparation au permis B pour les personnes qui en ont besoin pour travailler.
thematiques: [mobilite--preparer-un-permis]
zone_eligibilite: ["200059228"]
frais: payant
frais_precisions: Participation de 10 € par leçon | selon ressources
lieux:
  - adresse: 1 place des Droits de l'Homme
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
    latitude: 48.6243
    longitude: 2.4296
  - nom: Antenne des Pyramides
    adresse: 10 allée des Pyramides
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
    latitude: 48.6290
    longitude: 2.4410
    horaires_accueil: Tu,Th 09:00-12:00
  - adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
mobilisable_par: [professionnels]
modes_mobilisation: [telephoner]
date_maj: 2026-09-15
"""

DISTANCE = """\
nom: Conseil mobilité à distance
description: Un conseiller vous aide par téléphone à trouver une solution pour vous déplacer.
thematiques: [mobilite--etre-accompagne-dans-son-parcours-mobilite]
zone_eligibilite: [france]
modes_accueil: [a-distance]
date_maj: 2026-11-10
"""

ARCHIVEE = """\
nom: Ancienne location de vélos
description: Location de vélos, arrêtée en 2025.
thematiques: [mobilite--acceder-a-un-vehicule]
zone_eligibilite: ["91"]
statut: archivee
lieux:
  - adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
date_maj: 2026-10-01
"""

PERIMEE = """\
nom: Atelier vélo oublié
description: Atelier de réparation de vélos, jamais revérifié.
thematiques: [mobilite--entretenir-reparer-son-vehicule]
zone_eligibilite: ["91"]
lieux:
  - adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
date_maj: 2021-01-04
"""

CCAS = """\
nom: CCAS d'Évry-Courcouronnes
adresse: 1 place des Droits de l'Homme
code_postal: "91000"
commune: Évry-Courcouronnes
code_insee: "91228"
telephone: 01 99 00 20 20
date_maj: 2026-09-01
mainteneurs: ["@ccas-evry"]
"""

AIDE = """\
nom: Aide au budget
description: Un conseiller vous aide à faire le point sur votre budget et vos dettes.
thematiques: [difficultes-financieres--acquerir-une-autonomie-budgetaire]
publics: [tous-publics]
age_min: 18
zone_eligibilite: ["91228"]
lieux:
  - adresse: 1 place des Droits de l'Homme
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
    latitude: 48.6243
    longitude: 2.4296
modes_mobilisation: [telephoner, se-presenter]
date_maj: 2026-10-20
"""

STRUCTURES = {"mobilite-solidaire": MOBILITE, "ccas-evry": CCAS}
OFFRES = {
    "mobilite-solidaire/garage": GARAGE,
    "mobilite-solidaire/permis": PERMIS,
    "mobilite-solidaire/conseil-distance": DISTANCE,
    "mobilite-solidaire/velos": ARCHIVEE,
    "mobilite-solidaire/atelier-velo": PERIMEE,
    "ccas-evry/aide-budget": AIDE,
}
PUBLIC_IDS = ["ccas-evry/aide-budget", "mobilite-solidaire/conseil-distance", "mobilite-solidaire/garage", "mobilite-solidaire/permis"]


@dataclass
class Exported:
    root: Path  # folder holding offers/ and territoire.yml
    out: Path  # the donnees/ folder
    cat: Catalogue
    vues: list[OffreVue]
    paths: list[Path]

    def read(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")


def load(root: Path) -> tuple[Catalogue, list[OffreVue]]:
    offers = root / "offers"
    cat = validate(offers, discover([offers], offers), territoire=root / "territoire.yml")
    assert not cat.errors, cat.errors[:5]
    return cat, enrich(cat, date.fromisoformat(TODAY))


def export_catalogue(root: Path, out: Path) -> Exported:
    cat, vues = load(root)
    paths = export.write(cat, vues, out, base_url=BASE_URL, generated=GENERATED)
    return Exported(root, out, cat, vues, paths)


def write_fixture(root: Path) -> Path:
    """The fixture catalogue (2 structures, 6 offers of which 4 published) under `root`; returns `root`."""
    return write_catalogue(root, STRUCTURES, OFFRES, TERRITOIRE).root


def write_synthetic(root: Path, n: int = 300) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from synthetic import write_catalogue as write_bench_catalogue
    finally:
        sys.path.remove(str(REPO / "bench"))
    write_bench_catalogue(root, n, seed=7)  # bench/'s generator of large catalogues, not a test fixture
    return root


def copy_sample(root: Path) -> Path:
    import shutil

    if not any((REPO / "offers").glob("*/structure.yml")):
        pytest.skip("catalogue d'exemple (offers/) pas encore écrit")
    shutil.copytree(REPO / "offers", root / "offers")
    shutil.copy(REPO / "territoire.yml", root / "territoire.yml")
    return root


@pytest.fixture(scope="session", autouse=True)
def pinned_today():
    with pinned_date(TODAY):
        yield


@pytest.fixture(scope="session")
def fixture_export(tmp_path_factory, pinned_today) -> Exported:
    root = write_fixture(tmp_path_factory.mktemp("fixture"))
    return export_catalogue(root, root / "site" / "donnees")


@pytest.fixture(scope="session")
def synthetic_export(tmp_path_factory, pinned_today) -> Exported:
    root = write_synthetic(tmp_path_factory.mktemp("synthetic"))
    return export_catalogue(root, root / "site" / "donnees")


@pytest.fixture(scope="session")
def sample_export(tmp_path_factory, pinned_today) -> Exported:
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    return export_catalogue(root, root / "site" / "donnees")


@pytest.fixture(params=["fixture", "sample", "synthetic"])
def any_export(request) -> Exported:
    return request.getfixturevalue(f"{request.param}_export")
