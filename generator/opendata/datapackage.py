"""datapackage.json (Frictionless) describing the open-data files."""

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import get_args

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from pydantic import BaseModel

from generator.adapters import xlsx
from generator.model.types import SCHEMA_VERSION
from generator.opendata.common import FILES, LICENCE, LICENCE_URL, PERIMETRE, Links
from generator.opendata.csv_table import csv_columns
from generator.opendata.datainclusion import SERVICE_FIELDS, STRUCTURE_FIELDS


def _di_fields(model: type[BaseModel], fields: list[str]) -> list[dict]:
    """Frictionless fields of a data·inclusion CSV: numbers and dates typed, everything else text."""
    out = []
    for name in fields:
        annotation = model.model_fields[name].annotation
        types = set(get_args(annotation)) or {annotation}
        kind = "date" if date in types else "integer" if int in types else "number" if float in types else "string"
        out.append({"name": name, "type": kind, "description": (model.model_fields[name].description or "").split("\n\n")[0]})
    return out


def _di_csv(name: str, path: str, model: type[BaseModel], fields: list[str]) -> dict:
    return {"name": name, "path": path, "type": "table", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": FILES[path], "dialect": {"delimiter": ",", "lineTerminator": "\r\n"},
            "schema": {"fields": _di_fields(model, fields), "primaryKey": ["id"]}}


def datapackage(nom: str, source: str, site: Links, generated: datetime, counts: dict[str, int]) -> str:
    def json_resource(name: str, path: str, schema: str | None = None) -> dict:
        r = {"name": name, "path": path, "type": "json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "description": FILES[path]}
        if schema:
            r["jsonschema_url"] = f"schema/{schema}.schema.json"
        return r

    fields = [{"name": n, "type": t, "description": d} for n, t, d in csv_columns()]
    package = {
        "name": source,
        "title": nom,
        "description": f"Données ouvertes du catalogue « {nom} ». {PERIMETRE}",
        "version": SCHEMA_VERSION,
        "created": generated.isoformat(),
        "licenses": [{"name": "etalab-2.0", "path": LICENCE_URL, "title": LICENCE}],
        "resources": [
            {
                "name": "offres-csv",
                "path": "offres.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": FILES["offres.csv"],
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n"},
                "schema": {"fields": fields, "primaryKey": ["id"]},
            },
            json_resource("offres", "offres.json", "offres"),
            json_resource("structures", "structures.json", "structures"),
            json_resource("data-inclusion-services", "data-inclusion/services.json", "data-inclusion-services"),
            json_resource("data-inclusion-structures", "data-inclusion/structures.json", "data-inclusion-structures"),
            _di_csv("data-inclusion-services-csv", "data-inclusion/services.csv", DIService, SERVICE_FIELDS),
            _di_csv("data-inclusion-structures-csv", "data-inclusion/structures.csv", DIStructure, STRUCTURE_FIELDS),
            {"name": "data-inclusion-xlsx", "path": "data-inclusion/data-inclusion.xlsx", "type": "file", "format": "xlsx",
             "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "description": FILES["data-inclusion/data-inclusion.xlsx"]},
            {**json_resource("offres-geojson", "offres.geojson"), "format": "geojson", "mediatype": "application/geo+json"},
            json_resource("modifications", "modifications.json", "modifications"),
            {"name": "modifications-atom", "path": "modifications.atom", "type": "file", "format": "atom",
             "mediatype": "application/atom+xml", "encoding": "utf-8", "description": FILES["modifications.atom"]},
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def size_label(n: int) -> str:
    if n < 1000:
        return f"{n} o"
    if n < 1_000_000:
        return f"{n / 1000:.1f} ko".replace(".", ",")
    return f"{n / 1_000_000:.1f} Mo".replace(".", ",")


def count_records(path: Path, rel: str) -> int | None:
    """Record count of a written file, read back (when donnees_page runs in another process)."""
    try:
        if rel.endswith(".csv"):
            with open(path, encoding="utf-8", newline="") as f:
                return max(0, sum(1 for _ in csv.reader(f)) - 1)
        if rel.endswith(".atom"):
            return path.read_text(encoding="utf-8").count("<entry>")
        if rel.endswith(".xlsx"):
            sheets = xlsx.read(path)
            return sum(1 for rows in sheets.values() for row in rows[1:] if row and not row[0] and any(row[1:]))
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, xlsx.UnreadableWorkbook):
        return None
    if isinstance(data, list):
        return len(data)
    for key in ("offres", "structures", "modifications", "features"):
        if isinstance(data.get(key), list):
            return len(data[key])
    return None
