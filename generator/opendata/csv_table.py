"""offres.csv: one row per offer, columns generated from the model."""

import re
from functools import cache

from generator.model.offre import Offre
from generator.model.schema import json_schema
from generator.opendata.common import LIST_SEP, Links
from generator.pipeline.enrich import OffreVue

_LIEUX_COLUMNS = {
    "lieux_adresses": "Adresse de chaque lieu (« adresse, complément, code postal commune »).",
    "lieux_codes_insee": "Code INSEE de la commune de chaque lieu, dans le même ordre.",
}


@cache
def csv_columns() -> tuple[tuple[str, str, str], ...]:
    """(name, Frictionless type, description) of each column of offres.csv, from the model."""
    schema = json_schema(Offre, "offre")
    defs = schema["$defs"]
    cols = [
        ("id", "string", "Identifiant de l'offre : <structure>/<offre>."),
        ("structure", "string", "Identifiant (nom de dossier) de la structure qui porte l'offre."),
        ("structure_nom", "string", "Nom de la structure."),
        ("url", "string", "Page de l'offre sur le site."),
    ]
    for name, prop in schema["properties"].items():
        if prop.get("interne"):
            continue
        if name == "lieux":
            cols += [(k, "string", v) for k, v in _LIEUX_COLUMNS.items()]
        elif name == "places":
            for sub, sprop in defs["Places"]["properties"].items():
                cols.append((f"places_{sub}", _frictionless_type(sprop), sprop.get("description", "")))
        else:
            cols.append((name, _frictionless_type(prop), prop.get("description", "")))
    return tuple(cols)


_CSV_TYPES = {"string": "texte", "integer": "nombre entier", "number": "nombre", "date": "date (AAAA-MM-JJ)"}


@cache
def list_columns() -> frozenset[str]:
    """Columns of offres.csv that hold several values joined with « | »."""
    schema = json_schema(Offre, "offre")
    return frozenset({n for n, p in schema["properties"].items() if _non_null(p).get("type") == "array"} | set(_LIEUX_COLUMNS))


def csv_type_label(name: str, kind: str) -> str:
    return f"liste (valeurs séparées par « {LIST_SEP} »)".replace("|", "\\|") if name in list_columns() else _CSV_TYPES[kind]


def _frictionless_type(prop: dict) -> str:
    p = _non_null(prop)
    if p.get("type") == "array":
        return "string"  # joined with |
    if p.get("type") == "integer":
        return "integer"
    if p.get("type") == "number":
        return "number"
    if p.get("format") == "date":
        return "date"
    return "string"


def _non_null(prop: dict) -> dict:
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    return {**prop, **options[0]} if options else prop


def address(lieu: dict) -> str:
    parts = [lieu["adresse"], lieu.get("complement_adresse"), f"{lieu['code_postal']} {lieu['commune']}"]
    return ", ".join(p for p in parts if p)


def csv_row(columns: list[str], vue: OffreVue, dumped: dict, site: Links) -> list[str]:
    lieux = dumped["lieux"]
    row = {
        "id": vue.id,
        "structure": vue.structure_id,
        "structure_nom": vue.structure.nom,
        "url": site.offre(vue.id),
        "lieux_adresses": LIST_SEP.join(address(l) for l in lieux),
        "lieux_codes_insee": LIST_SEP.join(l["code_insee"] for l in lieux),
    }
    places = dumped["places"]
    if places:
        for sub, value in places.items():
            row[f"places_{sub}"] = value
    out = []
    for c in columns:
        value = row[c] if c in row else dumped.get(c)
        if value is None:
            out.append("")
        elif type(value) is list:
            out.append(cell(LIST_SEP.join(map(str, value))))
        elif type(value) is str:
            out.append(cell(value))
        else:
            out.append(str(value))  # numbers and booleans: a negative longitude stays a number
    return out


# A text cell a spreadsheet would read as a formula (OWASP « CSV injection »): =HYPERLINK(…), +, -, @,
# or a tab or carriage return before them. It gets a leading apostrophe, which spreadsheets hide; the
# JSON exports keep every text exactly as written. A plain number (a phone number +33164000000) is no
# formula and stays as it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text) else text
