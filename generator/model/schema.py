"""JSON Schemas of the YAML files, generated from the models (`catalogue schema`)."""

import json
from pathlib import Path

from data_inclusion.schema.base import EnhancedEnum
from pydantic import BaseModel

from generator.model import vocab
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.types import SCHEMA_VERSION

SCHEMAS: dict[str, type[BaseModel]] = {"offre": Offre, "structure": Structure, "territoire": Territoire}
BASE_ID = "https://catalogue-insertion.example/schema"


def _enrich_enums(schema: dict) -> None:
    """Add the labels of each vocabulary, which editors show while completing (enumDescriptions)."""
    enums = {cls.__name__: cls for cls in vars(vocab).values() if isinstance(cls, type) and issubclass(cls, EnhancedEnum)}
    for name, definition in schema.get("$defs", {}).items():
        cls = enums.get(name)
        if cls is not None and "enum" in definition:
            definition["enumDescriptions"] = [
                cls(v).label + (f" — {cls(v).description}" if cls(v).description else "") for v in definition["enum"]
            ]
            definition["description"] = cls.__doc__ or name


def json_schema(model: type[BaseModel], name: str) -> dict:
    schema = model.model_json_schema(mode="validation")
    _enrich_enums(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}/{name}.schema.json",
        "version": SCHEMA_VERSION,
        **schema,
    }


def render(name: str) -> str:
    return json.dumps(json_schema(SCHEMAS[name], name), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = out / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
