"""Writing the catalogue's YAML files: new files written tidy, existing files edited in place.

New files (``catalogue new``, ``catalogue import``) are dumped from a validated model: fields in
model order, no empty field, the editor's schema line first. Existing files are edited with
ruamel.yaml's round-trip mode, which keeps the partners' comments, key order and quoting.
"""

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import phonenumbers
import yaml
from pydantic import BaseModel
from ruamel.yaml import YAML

from generator.model.offre import Offre
from generator.model.structure import Structure

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"


def _readable_phones(data: Any) -> Any:
    """The model stores +33199001011; files keep the national form partners type: 01 99 00 10 11."""
    if isinstance(data, dict):
        return {
            k: phonenumbers.format_number(phonenumbers.parse(v, "FR"), phonenumbers.PhoneNumberFormat.NATIONAL)
            if k == "telephone" and isinstance(v, str)
            else _readable_phones(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_readable_phones(v) for v in data]
    return data


class _TidyDumper(yaml.SafeDumper):
    """Lists indented under their key, as partners write them."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _dates(data: Any) -> Any:
    """Dates written as YAML dates (2026-11-23), not quoted strings."""
    if isinstance(data, dict):
        return {k: _dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates(v) for v in data]
    if isinstance(data, str) and _DATE.match(data):
        return date.fromisoformat(data)
    return data


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def dump(document: Offre | Structure) -> str:
    """A tidy YAML file for a validated offer or structure."""
    kind = "structure" if isinstance(document, Structure) else "offre"
    data = _dates(_readable_phones(document.model_dump(mode="json", exclude_none=True, exclude_defaults=True)))
    body = yaml.dump(data, Dumper=_TidyDumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return SCHEMA_LINE.format(kind=kind) + body


def _round_trip() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 100
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def edit(path: Path, change: Callable[[Any], bool]) -> bool:
    """Apply `change` to the parsed document of `path` and write it back if it returned True.

    Comments, key order and quotes of the file are kept. Returns whether the file changed.
    """
    text = path.read_text(encoding="utf-8")
    new_text = edited(text, change)
    if new_text is None or new_text == text:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new_text, encoding="utf-8")
    tmp.replace(path)  # atomic: a partner's file is never left half-written
    return True


def edited(text: str, change: Callable[[Any], bool]) -> str | None:
    """The YAML `text` after `change` (comments, key order and quotes kept); None if it changed nothing."""
    rt = _round_trip()
    document = rt.load(text)
    if not change(document):
        return None
    out = io.StringIO()
    rt.dump(document, out)
    return out.getvalue()


def place(mapping: Any, model: type[BaseModel], key: str, value: Any) -> None:
    """Set `key` in a ruamel mapping; a new key goes where the model orders it among the keys present."""
    if key in mapping:
        mapping[key] = value
        return
    order = list(model.model_fields)
    before = order[: order.index(key)]
    keys = list(mapping.keys())
    position = max((keys.index(k) + 1 for k in before if k in keys), default=0)
    mapping.insert(position, key, value)
