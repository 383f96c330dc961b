"""What every open-data file shares: the header, the public fields of the model, the generation date,
absolute links, and JSON written as the files are.
"""

import json
import os
import re
import subprocess
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import to_json

from generator import files, urls
from generator.model.territoire import Territoire
from generator.opendata import datainclusion as di
from generator.opendata.history import WINDOW_DAYS
from generator.pipeline.validate import Catalogue

LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PERIMETRE = (
    "Offres publiées : actives et vérifiées depuis moins de trois fois leur fréquence de mise à jour. "
    "Les offres suspendues, archivées ou périmées ne sont pas exportées ; toutes les structures le sont."
)
# Pages of the site (relative to its root): kept in step with the site build.
ATOM_ENTRIES = 100  # the feed holds the most recent changes; modifications.json holds all of them
LIST_SEP = "|"
FILES = {
    "offres.json": "Offres publiées, tous les champs publics du modèle du catalogue.",
    "structures.json": "Structures, tous les champs publics du modèle du catalogue.",
    "data-inclusion/services.json": "Offres au format national data·inclusion v1 (« services »), un service par lieu.",
    "data-inclusion/structures.json": "Structures au format national data·inclusion v1.",
    "data-inclusion/data-inclusion.xlsx": "Les mêmes structures et services dans le classeur du validateur national "
    "(feuilles « Structures » et « Services »), à soumettre tel quel.",
    "data-inclusion/services.csv": "Services data·inclusion en CSV (UTF-8, listes séparées par des virgules).",
    "data-inclusion/structures.csv": "Structures data·inclusion en CSV (UTF-8).",
    "offres.geojson": "Lieux des offres (un point par lieu), pour les logiciels de cartographie.",
    "offres.csv": "Offres, une ligne par offre, pour un tableur (UTF-8, listes séparées par « | »).",
    "schema/offres.schema.json": "Schéma JSON de offres.json (en-tête et offres publiées), généré du modèle.",
    "schema/structures.schema.json": "Schéma JSON de structures.json.",
    "schema/modifications.schema.json": "Schéma JSON de modifications.json.",
    "schema/data-inclusion-services.schema.json": "Schéma JSON de data-inclusion/services.json (modèles officiels).",
    "schema/data-inclusion-structures.schema.json": "Schéma JSON de data-inclusion/structures.json (modèles officiels).",
    "schema/offre.schema.json": "Schéma JSON d'un fichier YAML d'offre du dépôt.",
    "schema/structure.schema.json": "Schéma JSON d'un fichier YAML de structure du dépôt.",
    "datapackage.json": "Description Frictionless (Data Package) des fichiers.",
    "modifications.json": "Offres triées par date de modification, la plus récente d'abord, et fiches sorties des "
    f"données publiées (supprimées, suspendues, archivées, périmées) depuis {WINDOW_DAYS} jours.",
    "modifications.atom": f"Flux Atom des {ATOM_ENTRIES} dernières modifications, avec les offres sorties "
    "(« tombstones » RFC 6721), pour un lecteur de flux.",
}
written_counts: dict[Path, dict[str, int]] = {}  # record counts of the last write() per folder, for donnees_page()


def generation_date(repo: Path, catalogue: Catalogue | None = None) -> datetime:
    """Date of the last commit of `repo`; else SOURCE_DATE_EPOCH; else the newest date_maj. Never the clock."""
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "log", "-1", "--format=%cI"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
        if out:
            return datetime.fromisoformat(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    if catalogue is not None:
        dates = [o.date_maj for o in catalogue.offres.values()] + [s.date_maj for s in catalogue.structures.values()]
    else:
        dates = _dates_in_files(repo / "offers")
    newest = max(dates, default=date(2000, 1, 1))
    return datetime(newest.year, newest.month, newest.day, tzinfo=timezone.utc)


_DATE_MAJ = re.compile(r"^date_maj:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)


def _dates_in_files(folder: Path) -> list[date]:
    dates = []
    for path in folder.glob("*/*.yml"):
        try:
            dates += [date.fromisoformat(m) for m in _DATE_MAJ.findall(path.read_text(encoding="utf-8"))]
        except (OSError, ValueError):
            continue
    return dates


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def identity(territoire: Territoire | None) -> tuple[str, str]:
    """(name, data·inclusion `source`) of the catalogue: the feeds' ids derive from the source."""
    return (territoire.nom if territoire else "Catalogue de l'offre d'insertion"), di.source_of(territoire)


def _is_private(info: Any) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("interne"))


def private_fields(model: type[BaseModel]) -> list[str]:
    """Fields marked internal (``json_schema_extra={"interne": True}``): never exported."""
    return [name for name, info in model.model_fields.items() if _is_private(info)]


def public_fields(model: type[BaseModel]) -> list[str]:
    return [name for name, info in model.model_fields.items() if not _is_private(info)]


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(_nested_model, get_args(annotation)) if m is not None), None)


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list or any(_is_list(a) for a in get_args(annotation))


@cache
def exclude_spec(model: type[BaseModel]) -> dict:
    """pydantic `exclude` spec removing the private fields of `model`, nested models included."""
    spec: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if _is_private(info):
            spec[name] = True
            continue
        inner = _nested_model(info.annotation)
        if inner is not None and inner is not model:
            sub = exclude_spec(inner)
            if sub:
                spec[name] = {"__all__": sub} if _is_list(info.annotation) else sub
    return spec


def public_dump(document: BaseModel) -> dict:
    """The public fields of an offer or structure, JSON-ready, without empty fields."""
    return document.model_dump(mode="json", exclude_none=True, exclude=exclude_spec(type(document)))


def _json(value: Any) -> str:
    """Compact JSON, UTF-8 characters kept (pydantic-core's serializer: several times faster than json)."""
    return to_json(value).decode("utf-8")


def _write(path: Path, text: str, written: list[Path]) -> None:
    files.write(path, text)
    written.append(path)


class _Raw(str):
    """A record already serialized."""


def _records_document(header: dict, key: str, records: list[dict], more: dict[str, list[dict]] | None = None) -> str:
    """A JSON document {header…, key: [records], more…}, one record per line (readable, diff-friendly, compact)."""
    head = json.dumps(header, ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
    return head + ",\n" + ",\n".join(_member(k, v) for k, v in [(key, records), *(more or {}).items()]) + "\n}\n"


def _member(key: str, records: list[dict]) -> str:
    if not records:
        return f'  "{key}": []'
    body = ",\n".join(r if isinstance(r, _Raw) else _json(r) for r in records)
    return f'  "{key}": [\n{body}\n  ]'


def _records_list(records: list[dict]) -> str:
    return "[\n" + ",\n".join(_json(r) for r in records) + "\n]\n" if records else "[]\n"


class Links:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.absolute = self.base.startswith(("https://", "http://"))

    def url(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def offre(self, ident: str) -> str:
        return self.url(urls.offre(ident))

    def structure(self, ident: str) -> str:
        return self.url(urls.structure(ident))
