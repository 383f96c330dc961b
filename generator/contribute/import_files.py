"""`catalogue import`: reading the files data·inclusion publishes, as plain records.

- JSON: a list of records, or an object holding it (``items``, ``services``, ``structures``, ``data``,
  ``results``), as the national API and data.gouv.fr give them;
- CSV: one record per row, UTF-8 (with or without BOM), comma or semicolon separated;
- XLSX: the validator's workbook (sheets « Structures » and « Services », a ``__ignore__`` column whose
  true rows are descriptions) or a one-sheet file of data.gouv.fr (its first, unnamed column is an index).

In tables, lists are written « a, b » (the validator), « ['a', 'b'] » (the exports of data.gouv.fr) or
as JSON; a number typed in a text column (a code postal read as 91000.0) becomes text again, keeping
its leading zeros. A text that a spreadsheet would take for a formula, protected by an apostrophe in a
CSV (the rule of this catalogue's CSV files), gets it removed. Files of the old format (data·inclusion
v0) are recognised by their fields and refused with a message that says so.
"""

import ast
import csv
import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args, get_origin

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from pydantic import BaseModel

from generator.adapters import xlsx
from generator.opendata.csv_table import FORMULA_START, PLAIN_NUMBER

IGNORE = "__ignore__"
MODELS: dict[str, type[BaseModel]] = {"services": DIService, "structures": DIStructure}
SHEETS = {"services": "Services", "structures": "Structures"}
# Fields of data·inclusion v0 that v1 removed or renamed (data-inclusion-schema 1.0.0 changelog).
V0_FIELDS = {
    "services": ["presentation_resume", "presentation_detail", "types", "profils", "pre_requis", "justificatifs",
                 "modes_orientation_accompagnateur", "modes_orientation_beneficiaire", "zone_diffusion_type",
                 "zone_diffusion_code", "formulaire_en_ligne", "prise_rdv", "page_web", "frais_autres", "recurrence",
                 "contact_public", "cumulable", "date_creation", "date_suspension"],
    "structures": ["typologie", "presentation_resume", "presentation_detail", "antenne", "rna", "labels_nationaux",
                   "labels_autres", "thematiques", "horaires_ouverture", "accessibilite"],
}
# Fields that only v1 has.
V1_FIELDS = {
    "services": ["description", "zone_eligibilite", "modes_mobilisation", "mobilisable_par", "conditions_acces"],
    "structures": ["description", "reseaux_porteurs", "accessibilite_lieu", "horaires_accueil"],
}
ZEROS = {"code_postal": 5, "code_insee": 5, "siret": 14}
_QUOTED = re.compile(r"""'([^']*)'|"([^"]*)\"""")


class UnreadableInput(Exception):
    """Unreadable input: the message (French) names the file."""


def read_records(path: Path, kind: str) -> list[Any]:
    """The records of a data·inclusion file (`kind`: « services » or « structures »), as dicts."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        records = _typed(_from_workbook(path, kind), kind, undo_formulas=False)
    elif suffix == ".csv":
        records = _typed(_from_csv(path), kind, undo_formulas=True)
    else:
        records = _from_json(path, kind)
    _refuse_v0(records, path, kind)
    return records


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"fichier illisible {path} ({exc.strerror or exc})") from None


def _from_json(path: Path, kind: str) -> list[Any]:
    raw = _read(path)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableInput(f"fichier {path} illisible : il doit être enregistré en UTF-8") from None
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"fichier {path} : JSON invalide ligne {exc.lineno}, colonne {exc.colno}") from None
    except RecursionError:
        raise UnreadableInput(f"fichier {path} : JSON trop imbriqué") from None
    if isinstance(data, dict):
        for key in ("items", kind, "data", "results"):
            if isinstance(data.get(key), list):
                return data[key]
    if not isinstance(data, list):
        raise UnreadableInput(f"fichier {path} : une liste de {kind} au format data·inclusion est attendue")
    return data


def _from_csv(path: Path) -> list[dict]:
    try:
        text = _read(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(f"fichier {path} illisible : il doit être enregistré en UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableInput(f"fichier {path} : CSV illisible ({exc})") from None
    return _table(rows, path)


def _from_workbook(path: Path, kind: str) -> list[dict]:
    try:
        sheets = xlsx.read(path)
    except xlsx.UnreadableWorkbook:
        raise UnreadableInput(f"fichier {path} : classeur XLSX illisible") from None
    name = SHEETS[kind]
    if name in sheets:
        return _table(sheets[name], path)
    other = SHEETS["structures" if kind == "services" else "services"]
    if other in sheets or not sheets:
        raise UnreadableInput(f"fichier {path} : le classeur n'a pas de feuille « {name} »")
    return _table(next(iter(sheets.values())), path)


def _table(rows: list, path: Path) -> list[dict]:
    """Records of a table whose first row names the columns; unnamed columns and description rows are left out."""
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        return []
    header = [str(c).strip() if c not in (None, "") else None for c in rows[0]]
    if "id" not in header:
        raise UnreadableInput(f"fichier {path} : pas de colonne « id » dans la première ligne")
    out = []
    for row in rows[1:]:
        record = {name: row[i] if i < len(row) else None for i, name in enumerate(header) if name}
        if _truthy(record.pop(IGNORE, None)):
            continue
        out.append(record)
    return out


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "vrai", "oui", "1", "x")) or value == 1


def _kind(model: type[BaseModel], name: str) -> str:
    info = model.model_fields.get(name)
    if info is None:
        return "text"
    annotation = info.annotation
    args = set(get_args(annotation)) | {annotation}
    if any(get_origin(a) in (list, set) or a in (list, set) for a in args):
        return "list"
    if date in args:
        return "date"
    if int in args or float in args:
        return "number"
    return "text"


def _typed(records: list[dict], kind: str, *, undo_formulas: bool) -> list[dict]:
    model = MODELS[kind]
    return [{name: _cell(name, value, _kind(model, name), undo_formulas) for name, value in r.items()} for r in records]


def _cell(name: str, value: Any, kind: str, undo_formulas: bool) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if undo_formulas and value.startswith("'") and value[1:].startswith(FORMULA_START) and not PLAIN_NUMBER.match(value[1:]):
            value = value[1:]
        if value == "":
            return None
    if value is None:
        return None
    if kind == "list":
        return _list(value)
    if kind == "date":
        if isinstance(value, datetime):
            return value.date().isoformat()
        return value[:10] if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00:00$", value) else value
    if kind == "number":
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        return text.zfill(ZEROS[name]) if name in ZEROS else text
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return value if isinstance(value, str) else str(value)


def _list(value: Any) -> list | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(int(value)) if float(value).is_integer() else str(value)]
    if not isinstance(value, str):
        return value
    if value.startswith("[") and value.endswith("]"):
        for parse in (json.loads, ast.literal_eval):
            try:
                parsed = parse(value)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                continue
            if isinstance(parsed, list):
                return [str(v).strip() for v in parsed] or None
        quoted = [a or b for a, b in _QUOTED.findall(value)]  # numpy's repr: ['a' 'b']
        if quoted:
            return quoted
        value = value[1:-1]
    items = [v.strip() for v in value.split(",") if v.strip()]
    return items or None


def _refuse_v0(records: list[Any], path: Path, kind: str) -> None:
    """data·inclusion v0 files are named as such: their records would otherwise all be refused one by one."""
    dicts = [r for r in records if isinstance(r, dict)]
    if not dicts:
        return
    old = [f for f in V0_FIELDS[kind] if any(f in r for r in dicts)]
    v1 = V1_FIELDS[kind]
    if (old and not any(f in r for r in dicts for f in v1)) or len(old) >= 3:
        shown = ", ".join(f"« {f} »" for f in old[:4])
        raise UnreadableInput(
            f"fichier {path} : format data·inclusion v0 (champs {shown}), que la version 1 du format a remplacé en 2025 : "
            f"seul le format v1 est lu. Télécharger les {kind} au format v1 (data.gouv.fr, API data·inclusion v1) "
            "ou les convertir (« description » au lieu de « presentation_resume », « publics » au lieu de « profils », "
            "« zone_eligibilite » au lieu de « zone_diffusion_* »…)."
        )
