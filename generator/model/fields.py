"""Field tables generated from the model (docs, "Données" page, contribution guide).

Read from the JSON Schema that pydantic derives from the model, so the tables can never
disagree with what `catalogue validate` accepts.
"""

import json
from dataclasses import dataclass

from pydantic import BaseModel

from generator.model import limits, vocab
from generator.model.offre import Offre
from generator.model.schema import json_schema
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.types import Lieu, Places

_TYPES = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "vrai/faux", "null": ""}
_FORMATS = {"date": "date (AAAA-MM-JJ)", "uri": "adresse web", "email": "courriel"}


@dataclass(frozen=True)
class FieldRow:
    name: str
    title: str
    type: str
    required: bool
    description: str
    example: str
    internal: bool


def _type(prop: dict, defs: dict) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        target = defs[name]
        return f"vocabulaire « {target.get('description', name)} »" if "enum" in target else f"groupe « {name} »"
    if "anyOf" in prop:
        parts = [_type(p, defs) for p in prop["anyOf"]]
        return " ou ".join(p for p in parts if p)
    if "enum" in prop:
        return "une valeur parmi " + ", ".join(map(str, prop["enum"]))
    if prop.get("type") == "array":
        return f"liste de {_type(prop.get('items', {}), defs) or 'valeurs'}"
    if "format" in prop and prop["format"] in _FORMATS:
        return _FORMATS[prop["format"]]
    return _TYPES.get(prop.get("type", ""), "valeur")


def rows(model: type[BaseModel], name: str) -> list[FieldRow]:
    schema = json_schema(model, name)
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    out = []
    for field, prop in schema["properties"].items():
        info = model.model_fields[field]
        examples = info.examples or prop.get("examples") or []
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        out.append(
            FieldRow(
                name=field,
                title=info.title or field.replace("_", " ").capitalize(),
                type=_type(prop, defs),
                required=field in required,
                description=info.description or "",
                example=json.dumps(examples[0], ensure_ascii=False) if examples else "",
                internal=bool(extra.get("interne")),
            )
        )
    return out


def markdown_table(model: type[BaseModel], name: str) -> str:
    """A Markdown table: one row per field, in model order."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| champ | type | obligatoire | description | exemple |", "| --- | --- | --- | --- | --- |"]
    for row in rows(model, name):
        note = " *(interne, jamais publié)*" if row.internal else ""
        lines.append(
            f"| `{row.name}` | {cell(row.type)} | {'oui' if row.required else 'non'} | "
            f"**{cell(row.title)}.** {cell(row.description)}{note} | {('`' + cell(row.example) + '`') if row.example else ''} |"
        )
    return "\n".join(lines) + "\n"


def vocabulary_table(enum: type) -> str:
    """Value, label and description of each entry of a vocabulary."""
    lines = ["| valeur | libellé | description |", "| --- | --- | --- |"]
    for item in enum:
        lines.append(f"| `{item.value}` | {item.label} | {item.description or ''} |")
    return "\n".join(lines) + "\n"


def limits_table() -> str:
    items = [
        ("taille d'un fichier", f"{limits.MAX_FILE_BYTES // 1000} ko"),
        ("imbrication des valeurs", f"{limits.MAX_DEPTH} niveaux"),
        ("nom d'une offre ou d'une structure", f"3 à {limits.MAX_NOM} caractères"),
        ("description", f"5 à {limits.MAX_DESCRIPTION} caractères"),
        ("précisions (publics, frais, conditions, mobilisation)", f"{limits.MAX_TEXTE_COURT} caractères"),
        ("mots-clés", f"{limits.MAX_MOTS_CLES} au plus, {limits.MAX_MOT_CLE} caractères chacun"),
        ("thématiques", f"1 à {limits.MAX_THEMATIQUES}"),
        ("lieux d'une offre", f"{limits.MAX_LIEUX} au plus"),
        ("codes de la zone d'éligibilité", f"1 à {limits.MAX_ZONE}"),
        ("structures partenaires", f"{limits.MAX_LISTE} au plus"),
        ("horaires d'accueil", f"{limits.MAX_HORAIRES} caractères"),
        ("langues parlées sur place", f"1 à {limits.MAX_LANGUES}"),
        ("ancres, alias, étiquettes YAML (&, *, <<, !!)", "refusés"),
    ]
    return "| quoi | limite |\n| --- | --- |\n" + "".join(f"| {a} | {b} |\n" for a, b in items)


def expand(text: str) -> str:
    """Replace the generated-content markers of an editorial page (<!-- champs:offre --> …)."""
    tables = {
        "champs:offre": lambda: markdown_table(Offre, "offre"),
        "champs:structure": lambda: markdown_table(Structure, "structure"),
        "champs:lieu": lambda: markdown_table(Lieu, "lieu"),
        "champs:places": lambda: markdown_table(Places, "places"),
        "champs:territoire": lambda: markdown_table(Territoire, "territoire"),
        "limites": limits_table,
    }
    for enum in vocab.VOCABULAIRES:
        tables[f"vocabulaire:{enum.__name__}"] = lambda enum=enum: vocabulary_table(enum)
    for marker, make in tables.items():
        tag = f"<!-- {marker} -->"
        if tag in text:
            text = text.replace(tag, make())
    return text
