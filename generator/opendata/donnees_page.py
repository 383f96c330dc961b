"""The « données » page: what is published, generated from the model and the written files."""

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import fields
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.types import Lieu, Places, SourceExterne
from generator.opendata import datainclusion as di
from generator.opendata.common import FILES, LICENCE, PERIMETRE, private_fields, written_counts
from generator.opendata.csv_table import csv_columns, csv_type_label
from generator.opendata.datapackage import count_records, size_label


def _cell_md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _lost_table(lost: dict[str, str], model: type[BaseModel], national: list[str]) -> str:
    """Every field of `model` that the national format lacks (from the model, so a new field is never forgotten)."""
    rows = ["| champ | dans le format data·inclusion |", "| --- | --- |"]
    rows += [f"| `{name}` | {_cell_md(lost.get(name, 'perdu'))} |" for name in model.model_fields if name not in national]
    return "\n".join(rows)


def donnees_page(out: Path, link_prefix: str = "") -> str:
    """Markdown body of the generated part of the « Données » page (files, counts, field tables).

    Each file is named by its path from the site root (``donnees/offres.json``); its link is
    ``link_prefix`` + path inside ``donnees/``: the page itself is served at ``donnees/``
    (docs/donnees.md with use_directory_urls), so the default links are relative to that folder.
    """
    counts = written_counts.get(out.resolve(), {})
    try:
        package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        package = {}
    lines = [
        "## Fichiers",
        "",
        f"Date de génération et licence ({LICENCE}) figurent dans l'en-tête de chaque fichier JSON. {PERIMETRE}",
        "",
    ]
    if package.get("name"):
        lines += [f"Identifiant `source` de ce catalogue dans le format data·inclusion : `{package['name']}`.", ""]
    lines += [
        "| fichier | contenu | taille | enregistrements |",
        "| --- | --- | --- | --- |",
    ]
    for rel, what in FILES.items():
        path = out / rel
        if not path.is_file():
            continue
        n = counts.get(rel) if rel in counts else count_records(path, rel)
        lines.append(
            f"| [`donnees/{rel}`]({link_prefix}{rel}) | {_cell_md(what)} | {size_label(path.stat().st_size)} | {'' if n is None else n} |"
        )
    columns = csv_columns()
    lines += [
        "",
        "## Champs d'une offre",
        "",
        "Fichiers `offres.json` et YAML du dépôt (`offers/<structure>/<offre>.yml`).",
        "",
        fields.markdown_table(Offre, "offre"),
        "### Champs d'un lieu",
        "",
        fields.markdown_table(Lieu, "lieu"),
        "### Champs des places",
        "",
        fields.markdown_table(Places, "places"),
        "### Champs de la source d'origine",
        "",
        "`source_externe` d'une offre ou d'une structure importée d'un autre producteur (`catalogue import`).",
        "",
        fields.markdown_table(SourceExterne, "source_externe"),
        "## Champs d'une structure",
        "",
        "Fichiers `structures.json` et `offers/<structure>/structure.yml`. Les champs internes "
        f"({', '.join(f'`{n}`' for n in private_fields(Structure))}) ne sont jamais publiés.",
        "",
        fields.markdown_table(Structure, "structure"),
        "## Colonnes de `offres.csv`",
        "",
        "| colonne | type | description |",
        "| --- | --- | --- |",
        *[f"| `{n}` | {csv_type_label(n, t)} | {_cell_md(d)} |" for n, t, d in columns],
        "",
        "## Champs perdus dans le format data·inclusion",
        "",
        "Offres :",
        "",
        _lost_table(di.LOST_OFFRE, Offre, di.SERVICE_FIELDS),
        "",
        "Structures :",
        "",
        _lost_table(di.LOST_STRUCTURE, Structure, di.STRUCTURE_FIELDS),
        "",
    ]
    return "\n".join(lines)
