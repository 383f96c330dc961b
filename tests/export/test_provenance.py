"""`catalogue import data-inclusion` keeps where records come from, reads JSON, CSV and XLSX, and refuses
data·inclusion v0; what it imports is exported back as its producer published it."""

import csv
import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

from generator.cli.main import main

from .conftest import TERRITOIRE, export_catalogue, write_fixture

LIEN = "https://www.exemple-carif-oref.fr/formation/14_SE_0001597312"
STRUCTURE = {
    "source": "carif-oref", "id": "carif-oref--14_OF_0000012345", "nom": "Organisme de formation Exemple",
    "date_maj": "2026-10-01", "lien_source": "https://www.exemple-carif-oref.fr/organisme/14_OF_0000012345",
    "adresse": "3 rue des Lilas", "code_postal": "91100", "commune": "Corbeil-Essonnes", "code_insee": "91174",
    "siret": None, "description": None, "telephone": None, "courriel": None, "site_web": None, "horaires_accueil": None,
    "accessibilite_lieu": None, "reseaux_porteurs": None, "complement_adresse": None, "longitude": None, "latitude": None,
}
SERVICE = {
    "source": "carif-oref", "structure_id": "carif-oref--14_OF_0000012345", "id": "carif-oref--14_SE_0001597312",
    "nom": "Remise à niveau en français", "description": "Formation pour écrire et parler le français au travail.",
    "lien_source": LIEN, "date_maj": "2026-10-15", "type": "formation",
    "thematiques": ["lecture-ecriture-calcul--maitriser-le-francais"], "publics": ["demandeurs-emploi"],
    "zone_eligibilite": ["91"], "modes_accueil": None, "modes_mobilisation": ["telephoner"],
    "telephone": "3949", "adresse": "3 rue des Lilas", "code_postal": "91100", "commune": "Corbeil-Essonnes",
    "code_insee": "91174",
}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def catalogue(root: Path) -> Path:
    """An empty catalogue with its territoire.yml (this catalogue's own source)."""
    (root / "offers").mkdir(parents=True)
    (root / "territoire.yml").write_text(TERRITOIRE, "utf-8")
    return root


def import_json(root: Path, services: list[dict], structures: list[dict]) -> tuple[int, str, str]:
    (root / "in").mkdir(exist_ok=True)
    (root / "in" / "services.json").write_text(json.dumps(services), "utf-8")
    (root / "in" / "structures.json").write_text(json.dumps(structures), "utf-8")
    return run("import", "data-inclusion", "--services", str(root / "in" / "services.json"),
               "--structures", str(root / "in" / "structures.json"), "--out", str(root / "offers"))


def exported(root: Path) -> tuple[list[dict], list[dict]]:
    ex = export_catalogue(root, root / "donnees")
    return json.loads(ex.read("data-inclusion/services.json")), json.loads(ex.read("data-inclusion/structures.json"))


def test_foreign_records_keep_their_source_id_and_link_and_go_back_as_they_came(tmp_path):
    root = catalogue(tmp_path / "b")
    code, out, err = import_json(root, [SERVICE], [STRUCTURE])
    assert code == 0, err
    offre = yaml.safe_load((root / "offers" / "14-of-0000012345" / "14-se-0001597312.yml").read_text("utf-8"))
    assert offre["source_externe"] == {"source": "carif-oref", "id": "carif-oref--14_SE_0001597312", "lien": LIEN}
    assert offre["telephone"] == "3949" and offre["modes_mobilisation"] == ["telephoner"]  # a short national number
    assert offre["modes_accueil"] == []  # not stated by the source: nothing invented
    assert "modes d'accueil non renseignés" in out
    structure = yaml.safe_load((root / "offers" / "14-of-0000012345" / "structure.yml").read_text("utf-8"))
    assert structure["source_externe"]["id"] == "carif-oref--14_OF_0000012345"
    code, report, _ = run("validate", "--offres", str(root / "offers"), "--territoire", str(root / "territoire.yml"))
    assert code == 0, report
    (service,), (structure_rec,) = exported(root)
    DIService.model_validate(service)
    DIStructure.model_validate(structure_rec)
    assert {k: service[k] for k in SERVICE} == SERVICE  # every field as the producer published it
    assert {k: structure_rec[k] for k in STRUCTURE} == STRUCTURE
    # Imported again (idempotent): the same files.
    again = catalogue(tmp_path / "c")
    (root / "donnees" / "data-inclusion").rename(again / "di")
    code, _, err = run("import", "data-inclusion", "--services", str(again / "di" / "services.json"),
                       "--structures", str(again / "di" / "structures.json"), "--out", str(again / "offers"))
    assert code == 0, err
    for path in sorted((root / "offers").rglob("*.yml")):
        assert (again / "offers" / path.relative_to(root / "offers")).read_text("utf-8") == path.read_text("utf-8")


def test_this_catalogues_own_records_come_back_without_provenance(tmp_path):
    first = export_catalogue(write_fixture(tmp_path / "a"), tmp_path / "a" / "donnees")
    root = catalogue(tmp_path / "b")
    code, _, err = run("import", "data-inclusion", "--services", str(first.out / "data-inclusion" / "services.json"),
                       "--structures", str(first.out / "data-inclusion" / "structures.json"), "--out", str(root / "offers"))
    assert code == 0, err
    assert not any("source_externe" in p.read_text("utf-8") for p in (root / "offers").rglob("*.yml"))
    # Without a territoire.yml next to the output, they are someone else's: kept, and exported identical too.
    code, _, _ = run("import", "data-inclusion", "--services", str(first.out / "data-inclusion" / "services.json"),
                     "--structures", str(first.out / "data-inclusion" / "structures.json"), "--out", str(tmp_path / "x" / "offers"))
    assert code == 0
    garage = yaml.safe_load((tmp_path / "x" / "offers" / "mobilite-solidaire" / "garage.yml").read_text("utf-8"))
    assert garage["source_externe"]["id"] == "offre-d-insertion-en-essonne--mobilite-solidaire--garage"
    shutil.copy(tmp_path / "a" / "territoire.yml", tmp_path / "x" / "territoire.yml")
    services, structures = exported(tmp_path / "x")
    assert services == json.loads(first.read("data-inclusion/services.json"))
    assert structures == json.loads(first.read("data-inclusion/structures.json"))


def test_duplicate_service_ids_are_reported_and_imported_once(tmp_path):
    root = catalogue(tmp_path / "b")
    other = {**SERVICE, "nom": "Autre formation au même identifiant"}
    code, out, _ = import_json(root, [SERVICE, other], [STRUCTURE])
    assert code == 0
    assert "service en double (même id), seul le premier est repris : 1 (carif-oref--14_SE_0001597312)" in out
    assert sorted(p.name for p in (root / "offers" / "14-of-0000012345").iterdir()) == ["14-se-0001597312.yml", "structure.yml"]


def test_v0_files_are_named_as_such(tmp_path):
    v0 = {"id": "dora--1", "source": "dora", "structure_id": "dora--s", "nom": "Atelier", "presentation_resume": "…",
          "types": ["atelier"], "profils": ["jeunes"], "zone_diffusion_type": "departement", "zone_diffusion_code": "91"}
    code, out, err = import_json(catalogue(tmp_path / "b"), [v0], [STRUCTURE])
    assert code == 1
    assert "format data·inclusion v0" in err and "« presentation_resume »" in err and "seul le format v1 est lu" in err
    assert "Traceback" not in err + out


def _cell(value):
    return ", ".join(value) if isinstance(value, list) else value


def test_csv_files_are_read(tmp_path):
    root = catalogue(tmp_path / "b")
    for name, records in (("services", [SERVICE]), ("structures", [STRUCTURE])):
        fields = list(records[0])
        with open(tmp_path / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, delimiter=";")  # as a French spreadsheet saves it
            w.writerow(fields)
            w.writerows([[_cell(r[k]) if r[k] is not None else "" for k in fields] for r in records])
    code, out, err = run("import", "data-inclusion", "--services", str(tmp_path / "services.csv"),
                         "--structures", str(tmp_path / "structures.csv"), "--out", str(root / "offers"))
    assert code == 0, err
    (service,), _ = exported(root)
    assert {k: service[k] for k in SERVICE} == SERVICE


def test_the_validators_workbook_is_read(tmp_path):
    """One workbook, sheets « Structures » and « Services », a « __ignore__ » column and description rows,
    lists written « a, b », codes typed as numbers by the spreadsheet."""
    root = catalogue(tmp_path / "b")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ain = {**STRUCTURE, "id": "carif-oref--01_OF_1", "code_postal": 1000, "code_insee": 1053, "commune": "Bourg-en-Bresse",
           "adresse": "1 place de la Mairie"}
    for name, records in (("Structures", [STRUCTURE, ain]), ("Services", [SERVICE])):
        ws = wb.create_sheet(name)
        fields = list(records[0])
        ws.append(["__ignore__", *fields])
        ws.append([True, *["description du champ" for _ in fields]])
        for r in records:
            ws.append([None, *[_cell(r[k]) for k in fields]])
    wb.save(tmp_path / "soumission.xlsx")
    code, out, err = run("import", "data-inclusion", "--services", str(tmp_path / "soumission.xlsx"), "--out", str(root / "offers"))
    assert code == 0, err
    assert "2 structure(s) et 1 offre(s)" in out
    bourg = yaml.safe_load((root / "offers" / "01-of-1" / "structure.yml").read_text("utf-8"))
    assert (bourg["code_postal"], bourg["code_insee"]) == ("01000", "01053")  # leading zeros back
    (service,), _ = exported(root)
    assert {k: service[k] for k in SERVICE} == SERVICE


def test_data_gouv_workbooks_are_read(tmp_path):
    """data.gouv.fr's XLSX files: one per kind, an unnamed index column, lists written as « ['a', 'b'] »,
    dates as dates."""
    root = catalogue(tmp_path / "b")
    for name, record in (("services", SERVICE), ("structures", STRUCTURE)):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([None, *record])
        ws.append([0, *[str(v) if isinstance(v, list) else datetime(2026, 10, 15) if k == "date_maj" else v
                        for k, v in record.items()]])
        wb.save(tmp_path / f"{name}.xlsx")
    code, out, err = run("import", "data-inclusion", "--services", str(tmp_path / "services.xlsx"),
                         "--structures", str(tmp_path / "structures.xlsx"), "--out", str(root / "offers"))
    assert code == 0, err
    (service,), (structure,) = exported(root)
    assert service["thematiques"] == SERVICE["thematiques"] and service["date_maj"] == "2026-10-15"
    assert structure["date_maj"] == "2026-10-15"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_through_the_published_tables(tmp_path, fmt):
    first = export_catalogue(write_fixture(tmp_path / "a"), tmp_path / "a" / "donnees")
    root = catalogue(tmp_path / "b")
    shutil.copy(tmp_path / "a" / "territoire.yml", root / "territoire.yml")
    di = first.out / "data-inclusion"
    args = ["--services", str(di / "data-inclusion.xlsx")] if fmt == "xlsx" else \
        ["--services", str(di / "services.csv"), "--structures", str(di / "structures.csv")]
    code, _, err = run("import", "data-inclusion", *args, "--out", str(root / "offers"))
    assert code == 0, err
    services, structures = exported(root)
    assert services == json.loads(first.read("data-inclusion/services.json"))
    assert structures == json.loads(first.read("data-inclusion/structures.json"))


def test_control_characters_are_removed_so_that_the_files_load(tmp_path):
    root = catalogue(tmp_path / "b")
    services = [{**SERVICE, "nom": "Remise\x1f à niveau"}, {**SERVICE, "id": "carif-oref--2", "nom": "00\x1f"}]
    code, out, err = import_json(root, services, [STRUCTURE])
    assert code == 0, err
    assert "caractères de contrôle retirés des textes : 2" in out
    offre = yaml.safe_load((root / "offers" / "14-of-0000012345" / "14-se-0001597312.yml").read_text("utf-8"))
    assert offre["nom"] == "Remise à niveau"
    code, report, _ = run("validate", "--offres", str(root / "offers"), "--territoire", str(root / "territoire.yml"))
    assert code == 0, report


def test_texts_protected_in_the_csv_come_back_as_written(tmp_path):
    """A text that starts like a formula gets an apostrophe in the CSV only; the import takes it off."""
    root = write_fixture(tmp_path / "a")
    garage = root / "offers" / "mobilite-solidaire" / "garage.yml"
    text = garage.read_text("utf-8").replace("description: Réparations à prix coûtant", "description: \"- Réparations à prix coûtant")
    text = text.replace("parcours d'insertion.\n", "parcours d'insertion.\"\n", 1)
    garage.write_text(text.replace("type: accompagnement", "type: accompagnement\nfrais_precisions: \"=HYPERLINK(1)\""), "utf-8")
    first = export_catalogue(root, root / "donnees")
    assert "'- Réparations" in first.read("data-inclusion/services.csv") and "'=HYPERLINK(1)" in first.read("data-inclusion/services.csv")
    b = catalogue(tmp_path / "b")
    shutil.copy(root / "territoire.yml", b / "territoire.yml")
    di = first.out / "data-inclusion"
    code, _, err = run("import", "data-inclusion", "--services", str(di / "services.csv"), "--structures", str(di / "structures.csv"),
                       "--out", str(b / "offers"))
    assert code == 0, err
    services, _ = exported(b)
    assert services == json.loads(first.read("data-inclusion/services.json"))
