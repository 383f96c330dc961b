"""The data·inclusion records as tables: the workbook the national validator takes, and CSV files.

The validator of data·inclusion reads one XLSX workbook with a « Structures » and a « Services » sheet:
first row the field names, a column ``__ignore__`` (a row where it is true is a description, not a
record) and lists written as values separated by commas. ``data-inclusion/data-inclusion.xlsx`` is that
workbook, with a description row taken from the official models; ``services.csv`` and
``structures.csv`` hold the same tables (without ``__ignore__``), as UTF-8 CSV. Values of the national
vocabularies and codes never contain a comma, so the lists are unambiguous. In the CSV only, a text
that a spreadsheet would read as a formula gets a leading apostrophe (the rule of ``offres.csv``);
the workbook types every text as text, so it keeps them as they are.
"""

import csv
import io
from datetime import datetime

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from pydantic import BaseModel

from generator.adapters import xlsx
from generator.opendata.csv_table import cell
from generator.opendata.datainclusion import SERVICE_FIELDS, STRUCTURE_FIELDS

IGNORE = "__ignore__"
LIST_SEP = ", "
SHEETS = (("Structures", DIStructure, STRUCTURE_FIELDS), ("Services", DIService, SERVICE_FIELDS))


def _value(value):
    if isinstance(value, (list, tuple, set)):
        return LIST_SEP.join(map(str, value)) if value else None
    return value


def _description(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    text = (info.description or info.title or "").split("\n\n")[0].strip()
    return f"{'Obligatoire. ' if info.is_required() else ''}{text}".strip()


def workbook(structures: list[dict], services: list[dict], moment: datetime) -> bytes:
    """The XLSX workbook of the national validator: « Structures » and « Services »."""
    records = {"Structures": structures, "Services": services}

    def rows(name: str, model: type[BaseModel], fields: list[str]):
        yield [IGNORE, *fields]
        yield [True, *(_description(model, f) or None for f in fields)]
        for rec in records[name]:
            yield [None, *(_value(rec.get(f)) for f in fields)]

    return xlsx.write(((name, rows(name, model, fields)) for name, model, fields in SHEETS), moment)


def csv_text(records: list[dict], fields: list[str]) -> str:
    """One record per row, the fields of the national format as columns."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(fields)
    for rec in records:
        row = []
        for f in fields:
            value = _value(rec.get(f))
            row.append("" if value is None else cell(value) if isinstance(value, str) else str(value))
        w.writerow(row)
    return buf.getvalue()
