"""Every published JSON file validates against the schema it declares; every data·inclusion record, in
every format it is published in, against the official models."""

import csv
import io
import json

import jsonschema
import pytest
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

from generator.adapters import xlsx
from generator.contribute.import_files import read_records
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.opendata import common, schemas

from .conftest import BASE_URL


def _validator(schema: dict):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _declared(export) -> dict[str, str]:
    """{file: schema file} as datapackage.json declares them."""
    package = json.loads(export.read("datapackage.json"))
    return {r["path"]: r["jsonschema_url"] for r in package["resources"] if "jsonschema_url" in r}


def test_every_json_file_declares_a_published_schema(fixture_export):
    declared = _declared(fixture_export)
    assert declared == {
        "offres.json": "schema/offres.schema.json",
        "structures.json": "schema/structures.schema.json",
        "modifications.json": "schema/modifications.schema.json",
        "data-inclusion/services.json": "schema/data-inclusion-services.schema.json",
        "data-inclusion/structures.json": "schema/data-inclusion-structures.schema.json",
    }
    for rel, schema in declared.items():
        assert (fixture_export.out / schema).is_file(), schema
        assert schema in common.FILES, schema  # listed (and described) on the données page
    # The header of each file names the same schema, by its public address.
    for rel in ("offres.json", "structures.json", "modifications.json"):
        assert json.loads(fixture_export.read(rel))["schema"] == BASE_URL + "donnees/" + declared[rel]


def test_every_published_json_record_validates_against_its_declared_schema(any_export):
    for rel, schema_rel in _declared(any_export).items():
        validator = _validator(json.loads(any_export.read(schema_rel)))
        document = json.loads(any_export.read(rel))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, (rel, [f"{list(e.path)}: {e.message}" for e in errors[:5]])
        records = document if isinstance(document, list) else document[rel.removesuffix(".json")]
        assert records or rel == "modifications.json", rel


def test_the_schemas_refuse_what_is_not_exported(fixture_export):
    """The published schemas are strict: a private field, an unknown field, a missing id are refused."""
    validator = _validator(json.loads(fixture_export.read("schema/structures.schema.json")))
    document = json.loads(fixture_export.read("structures.json"))
    assert validator.is_valid(document)
    for change in ({"mainteneurs": ["@x"]}, {"champ_inconnu": 1}):
        bad = json.loads(json.dumps(document))
        bad["structures"][0].update(change)
        assert not validator.is_valid(bad), change
    bad = json.loads(json.dumps(document))
    del bad["structures"][0]["id"]
    assert not validator.is_valid(bad)


def test_the_schemas_are_generated_from_the_model():
    offre = schemas.document_schemas()["offres"]["properties"]["offres"]["items"]
    public = [n for n in Offre.model_fields if n not in common.private_fields(Offre)]
    assert list(offre["properties"]) == ["id", "structure", "url", *public]
    structure = schemas.document_schemas()["structures"]["properties"]["structures"]["items"]
    assert "mainteneurs" not in structure["properties"] and "source_externe" in structure["properties"]
    assert list(structure["properties"])[2:] == [n for n in Structure.model_fields if n != "mainteneurs"]
    for prop in offre["properties"].values():
        assert prop.get("description") or prop.get("$ref") or prop.get("anyOf"), prop


def _tables(export) -> dict[str, dict[str, list[dict]]]:
    """The data·inclusion records of every published format, read back as the import reads them."""
    di = export.out / "data-inclusion"
    return {
        "json": {k: read_records(di / f"{k}.json", k) for k in ("services", "structures")},
        "csv": {k: read_records(di / f"{k}.csv", k) for k in ("services", "structures")},
        "xlsx": {k: read_records(di / "data-inclusion.xlsx", k) for k in ("services", "structures")},
    }


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_every_data_inclusion_record_of_every_format_passes_the_official_models(any_export, fmt):
    tables = _tables(any_export)
    for kind, model in (("services", DIService), ("structures", DIStructure)):
        records = tables[fmt][kind]
        assert len(records) == len(tables["json"][kind]) > 0
        for record in records:
            model.model_validate(record)
        # The same records as in the JSON files, value for value (lists, numbers and dates included).
        parsed = [model.model_validate(r).model_dump(mode="json") for r in records]
        assert parsed == [model.model_validate(r).model_dump(mode="json") for r in tables["json"][kind]]


def test_the_workbook_is_the_validators(fixture_export):
    """Sheets « Structures » and « Services »; first row the fields with « __ignore__ »; a description row
    marked to be ignored; lists as comma-separated values (what the national validator reads)."""
    sheets = xlsx.read(fixture_export.out / "data-inclusion" / "data-inclusion.xlsx")
    assert list(sheets) == ["Structures", "Services"]
    for name, model in (("Structures", DIStructure), ("Services", DIService)):
        header, description, *rows = sheets[name]
        assert list(header) == ["__ignore__", *model.model_fields]
        assert description[0] is True and any(isinstance(c, str) and len(c) > 10 for c in description[1:])
        assert all(row[0] is None for row in rows)
    services = sheets["Services"]
    header = list(services[0])
    permis = next(r for r in services[2:] if r[header.index("id")].endswith("--permis--evry-courcouronnes-1"))
    assert permis[header.index("thematiques")] == "mobilite--preparer-un-permis"
    garage = next(r for r in services[2:] if r[header.index("id")].endswith("--garage"))
    assert garage[header.index("thematiques")] == "mobilite--entretenir-reparer-son-vehicule, mobilite--acceder-a-un-vehicule"
    assert garage[header.index("date_maj")] == "2026-11-02"  # a text: the validator reads every cell as text
    assert garage[header.index("code_postal")] == "91100"


def test_the_csv_files_hold_the_national_fields(fixture_export):
    for kind, model in (("services", DIService), ("structures", DIStructure)):
        rows = list(csv.reader(io.StringIO(fixture_export.read(f"data-inclusion/{kind}.csv"), newline="")))
        assert rows[0] == list(model.model_fields)
        assert len(rows) - 1 == len(json.loads(fixture_export.read(f"data-inclusion/{kind}.json")))
