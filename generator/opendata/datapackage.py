"""datapackage.json (Frictionless) describing the open-data files."""

import csv
import json
from datetime import datetime
from pathlib import Path

from generator.model.types import SCHEMA_VERSION
from generator.opendata.common import FILES, LICENCE, LICENCE_URL, PERIMETRE, Links
from generator.opendata.csv_table import csv_columns


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
            json_resource("offres", "offres.json", "offre"),
            json_resource("structures", "structures.json", "structure"),
            json_resource("data-inclusion-services", "data-inclusion/services.json"),
            json_resource("data-inclusion-structures", "data-inclusion/structures.json"),
            {**json_resource("offres-geojson", "offres.geojson"), "format": "geojson", "mediatype": "application/geo+json"},
            json_resource("modifications", "modifications.json"),
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
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, list):
        return len(data)
    for key in ("offres", "structures", "modifications", "features"):
        if isinstance(data.get(key), list):
            return len(data[key])
    return None
