"""Open data: every file under ``<site>/donnees/`` (public contract: names and URLs are stable).

- ``offres.json``, ``structures.json``: this catalogue's own model, public fields only, with a header;
- ``data-inclusion/services.json``, ``data-inclusion/structures.json``: the national data·inclusion v1 format;
- ``offres.geojson`` (one Feature per place), ``offres.csv`` (one row per offer);
- ``schema/offre.schema.json``, ``schema/structure.schema.json``;
- ``datapackage.json`` (Frictionless) describing the files above;
- ``modifications.json`` and ``modifications.atom`` (offers by update date, newest first); the same
  `atom` function writes the feeds per thématique and per territory (generator/feeds.py).

Only the offers listed publicly are exported (``OffreVue.public``: active and not « périmée »); every
structure of the catalogue is. Fields marked ``json_schema_extra={"interne": True}`` in the model
(``Structure.mainteneurs``) never leave the repository. Everything is derived from the catalogue and
from ``generated`` (the date of the last commit), never from the clock: two builds of the same commit
write byte-identical files.
"""

import csv
import gc
import heapq
import io
import json
import os
import re
import subprocess
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin
from xml.sax.saxutils import escape, quoteattr

from pydantic import BaseModel
from pydantic_core import to_json

from . import datainclusion as di
from . import fields
from .enrich import OffreVue
from .models import SCHEMA_VERSION, Lieu, Offre, Places, Structure, Territoire
from .schema import json_schema, render
from .validate import Catalogue

LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PERIMETRE = (
    "Offres publiées : actives et vérifiées depuis moins de trois fois leur fréquence de mise à jour. "
    "Les offres suspendues, archivées ou périmées ne sont pas exportées ; toutes les structures le sont."
)
# Pages of the site (relative to its root): kept in step with the site build.
OFFRE_PAGE = "offres/{structure}/{offre}/"
STRUCTURE_PAGE = "structures/{structure}/"
ATOM_ENTRIES = 100  # the feed holds the most recent changes; modifications.json holds all of them
LIST_SEP = "|"

FILES = {
    "offres.json": "Offres publiées, tous les champs publics du modèle du catalogue.",
    "structures.json": "Structures, tous les champs publics du modèle du catalogue.",
    "data-inclusion/services.json": "Offres au format national data·inclusion v1 (« services »), un service par lieu.",
    "data-inclusion/structures.json": "Structures au format national data·inclusion v1.",
    "offres.geojson": "Lieux des offres (un point par lieu), pour les logiciels de cartographie.",
    "offres.csv": "Offres, une ligne par offre, pour un tableur (UTF-8, listes séparées par « | »).",
    "schema/offre.schema.json": "Schéma JSON d'une offre (fichiers YAML du dépôt et offres.json).",
    "schema/structure.schema.json": "Schéma JSON d'une structure.",
    "datapackage.json": "Description Frictionless (Data Package) des fichiers.",
    "modifications.json": "Offres triées par date de mise à jour, la plus récente d'abord.",
    "modifications.atom": f"Flux Atom des {ATOM_ENTRIES} dernières mises à jour, pour un lecteur de flux.",
}

_counts: dict[Path, dict[str, int]] = {}  # record counts of the last write() per folder, for donnees_page()


# ----- dates ---------------------------------------------------------------------------------------


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


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def identity(territoire: Territoire | None) -> tuple[str, str]:
    """(name, data·inclusion `source`) of the catalogue: the feeds' ids derive from the source."""
    return (territoire.nom if territoire else "Catalogue de l'offre d'insertion"), di.source_of(territoire)


# ----- public fields -------------------------------------------------------------------------------


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


# ----- writing helpers -----------------------------------------------------------------------------


def _json(value: Any) -> str:
    """Compact JSON, UTF-8 characters kept (pydantic-core's serializer: several times faster than json)."""
    return to_json(value).decode("utf-8")


def _write(path: Path, text: str, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    written.append(path)


class _Raw(str):
    """A record already serialized."""


def _records_document(header: dict, key: str, records: list[dict]) -> str:
    """A JSON document {header…, key: [records]}, one record per line (readable, diff-friendly, compact)."""
    head = json.dumps(header, ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
    body = ",\n".join(r if isinstance(r, _Raw) else _json(r) for r in records)
    return f'{head},\n  "{key}": [\n{body}\n  ]\n}}\n' if records else f'{head},\n  "{key}": []\n}}\n'


def _records_list(records: list[dict]) -> str:
    return "[\n" + ",\n".join(_json(r) for r in records) + "\n]\n" if records else "[]\n"


class _Site:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.absolute = self.base.startswith(("https://", "http://"))

    def url(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    def offre(self, ident: str) -> str:
        structure, offre = ident.split("/", 1)
        return self.url(OFFRE_PAGE.format(structure=structure, offre=offre))

    def structure(self, ident: str) -> str:
        return self.url(STRUCTURE_PAGE.format(structure=ident))


# ----- CSV columns (generated from the model) ------------------------------------------------------

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


def _csv_type_label(name: str, kind: str) -> str:
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEP.join(str(v) for v in value)
    return str(value)


def _address(lieu: dict) -> str:
    parts = [lieu["adresse"], lieu.get("complement_adresse"), f"{lieu['code_postal']} {lieu['commune']}"]
    return ", ".join(p for p in parts if p)


def _csv_row(columns: list[str], vue: OffreVue, dumped: dict, site: _Site) -> list[str]:
    lieux = dumped["lieux"]
    row = {
        "id": vue.id,
        "structure": vue.structure_id,
        "structure_nom": vue.structure.nom,
        "url": site.offre(vue.id),
        "lieux_adresses": LIST_SEP.join(_address(l) for l in lieux),
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
            out.append(LIST_SEP.join(map(str, value)))
        else:
            out.append(str(value) if type(value) is not str else value)
    return out


# ----- the files -----------------------------------------------------------------------------------


def write(cat: Catalogue, vues: list[OffreVue], out: Path, *, base_url: str, generated: datetime) -> list[Path]:
    """Write every open-data file under `out` (= <site>/donnees/); return the written paths."""
    # Many short-lived dicts: the cyclic garbage collector would rescan the whole catalogue again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _write_all(cat, vues, out, base_url=base_url, generated=generated)
    finally:
        if enabled:
            gc.enable()


def _write_all(cat: Catalogue, vues: list[OffreVue], out: Path, *, base_url: str, generated: datetime) -> list[Path]:
    generated = _aware(generated)
    site = _Site(base_url)
    nom, source = identity(cat.territoire)
    vues = sorted((v for v in vues if v.public), key=lambda v: v.id)
    structures = sorted(cat.structures.items())
    written: list[Path] = []

    def header(kind: str, n: int, schema: str | None = None) -> dict:
        h = {
            "titre": f"{nom} — {kind}",
            "version_schema": SCHEMA_VERSION,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "source": {"nom": nom, "url": site.url("") if site.absolute else None, "identifiant": source},
            "date_generation": generated.isoformat(),
            "perimetre": PERIMETRE,
            "nombre": n,
        }
        if schema:
            h["schema"] = site.url(f"donnees/schema/{schema}.schema.json") if site.absolute else f"schema/{schema}.schema.json"
        return h

    # One model dump per offer, shared by every file.
    full = {v.id: v.offre.model_dump(mode="json") for v in vues}
    exclude = exclude_spec(Offre)
    offres_records = [
        _Raw(
            _json({"id": v.id, "structure": v.structure_id, "url": site.offre(v.id)})[:-1]
            + ","
            + v.offre.model_dump_json(exclude_none=True, exclude=exclude)[1:]
        )
        for v in vues
    ]
    _write(out / "offres.json", _records_document(header("offres", len(vues), "offre"), "offres", offres_records), written)

    structures_records = [{"id": k, "url": site.structure(k), **public_dump(s)} for k, s in structures]
    _write(
        out / "structures.json",
        _records_document(header("structures", len(structures), "structure"), "structures", structures_records),
        written,
    )

    # data·inclusion v1: bare lists of records, as the national format publishes them.
    lien = (lambda url: url) if site.absolute else (lambda url: None)
    services = [
        rec
        for v in vues
        for rec in di.service_records(source, v.id, v.offre, v.structure, lien(site.offre(v.id)), full[v.id])
    ]
    _write(out / "data-inclusion" / "services.json", _records_list(services), written)
    di_structures = [di.structure_record(source, k, s, lien(site.structure(k))) for k, s in structures]
    _write(out / "data-inclusion" / "structures.json", _records_list(di_structures), written)

    # GeoJSON: one Feature per place; a place not yet geocoded has a null geometry (RFC 7946, 3.2).
    features = []
    for v in vues:
        ids = di.place_suffixes(v.offre.lieux) if len(v.offre.lieux) > 1 else [None]
        for lieu, suffix in zip(v.offre.lieux, ids):
            geometry = (
                {"type": "Point", "coordinates": [lieu.longitude, lieu.latitude]}
                if lieu.latitude is not None and lieu.longitude is not None
                else None
            )
            props = {
                "offre": v.id,
                "nom": v.offre.nom,
                "structure": v.structure_id,
                "structure_nom": v.structure.nom,
                "url": site.offre(v.id),
                "lieu": lieu.nom,
                "adresse": _address(lieu.model_dump()),
                "code_insee": lieu.code_insee,
                "thematiques": full[v.id]["thematiques"],
                "places_disponibles": v.offre.places.disponibles if v.offre.places else None,
                "date_maj": full[v.id]["date_maj"],
            }
            fid = f"{v.id}#{suffix}" if suffix else v.id
            features.append(_json({"type": "Feature", "id": fid, "geometry": geometry, "properties": props}))
    geo = '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"
    _write(out / "offres.geojson", geo, written)

    # CSV: one row per offer.
    columns = [c[0] for c in csv_columns()]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for v in vues:
        w.writerow(_csv_row(columns, v, full[v.id], site))
    _write(out / "offres.csv", buf.getvalue(), written)

    for kind in ("offre", "structure"):
        _write(out / "schema" / f"{kind}.schema.json", render(kind), written)

    # Changes: newest first; ties by id so that the order is stable.
    changes = sorted(vues, key=by_change)
    mods = [
        {
            "id": v.id,
            "nom": v.offre.nom,
            "structure": v.structure_id,
            "structure_nom": v.structure.nom,
            "date_maj": full[v.id]["date_maj"],
            "url": site.offre(v.id),
        }
        for v in changes
    ]
    _write(out / "modifications.json", _records_document(header("modifications", len(mods)), "modifications", mods), written)
    feed = atom(
        changes, key="modifications", title=f"{nom} — mises à jour des offres",
        subtitle=f"Les {ATOM_ENTRIES} offres mises à jour le plus récemment.", path="donnees/modifications.atom", page="",
        nom=nom, source=source, base_url=base_url, generated=generated,
    )
    _write(out / "modifications.atom", feed, written)

    counts = {
        "offres.json": len(vues),
        "structures.json": len(structures),
        "data-inclusion/services.json": len(services),
        "data-inclusion/structures.json": len(di_structures),
        "offres.geojson": len(features),
        "offres.csv": len(vues),
        "modifications.json": len(mods),
        "modifications.atom": min(len(changes), ATOM_ENTRIES),
    }
    _write(out / "datapackage.json", _datapackage(nom, source, site, generated, counts), written)
    _counts[out.resolve()] = counts
    return written


def by_change(v: OffreVue) -> tuple[int, str]:
    """Order of the changes: the most recently updated offer first; ties by id, so the order is stable."""
    return (-v.offre.date_maj.toordinal(), v.id)


# Characters XML 1.0 forbids: a control character typed as "\x01" in a quoted YAML value would
# otherwise make a whole feed unreadable.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return escape(_XML_INVALID.sub("", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_INVALID.sub("", text))


def atom(
    offres: Iterable[OffreVue],
    *,
    key: str,
    title: str,
    subtitle: str,
    path: str,
    page: str,
    nom: str,
    source: str,
    base_url: str,
    generated: datetime,
) -> str:
    """An Atom feed of the ATOM_ENTRIES most recently updated offers among `offres`, newest first.

    `key` names the feed for good (its id derives from it and from `source`); `path` is the feed's own
    address and `page` the page it follows, both relative to the site root, linked (rel=self,
    rel=alternate) only when `base_url` is absolute. An offer's entry is the same in every feed (id
    from `source` and the offer's id, updated = its date_maj, so a reader shows a changed offer again).
    Every text is escaped; the output depends on the arguments only.
    """
    site = _Site(base_url)

    def uid(text: str) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{source}/{text}')}"

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
        f"  <title>{_xml(title)}</title>",
        f"  <subtitle>{_xml(subtitle)} {_xml(LICENCE)}.</subtitle>",
        f"  <id>{uid(key)}</id>",
        f"  <updated>{_aware(generated).isoformat()}</updated>",
        f"  <author><name>{_xml(nom)}</name></author>",
        f"  <rights>{_xml(LICENCE)}</rights>",
    ]
    if site.absolute:
        lines.append(f"  <link rel=\"self\" href={_xml_attr(site.url(path))}/>")
        lines.append(f"  <link rel=\"alternate\" href={_xml_attr(site.url(page))}/>")
    for v in heapq.nsmallest(ATOM_ENTRIES, offres, key=by_change):
        o = v.offre
        summary = o.description if len(o.description) <= 400 else o.description[:399].rstrip() + "…"
        lines += [
            "  <entry>",
            f"    <title>{_xml(o.nom)} — {_xml(v.structure.nom)}</title>",
            f"    <id>{uid(v.id)}</id>",
            f"    <updated>{o.date_maj.isoformat()}T00:00:00Z</updated>",
            f"    <link rel=\"alternate\" href={_xml_attr(site.offre(v.id))}/>",
            f"    <summary>Mise à jour le {o.date_maj.strftime('%d/%m/%Y')}. {_xml(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _datapackage(nom: str, source: str, site: _Site, generated: datetime, counts: dict[str, int]) -> str:
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


# ----- the "Données" page --------------------------------------------------------------------------


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} o"
    if n < 1_000_000:
        return f"{n / 1000:.1f} ko".replace(".", ",")
    return f"{n / 1_000_000:.1f} Mo".replace(".", ",")


def _count(path: Path, rel: str) -> int | None:
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
    counts = _counts.get(out.resolve(), {})
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
        n = counts.get(rel) if rel in counts else _count(path, rel)
        lines.append(
            f"| [`donnees/{rel}`]({link_prefix}{rel}) | {_cell_md(what)} | {_size(path.stat().st_size)} | {'' if n is None else n} |"
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
        *[f"| `{n}` | {_csv_type_label(n, t)} | {_cell_md(d)} |" for n, t, d in columns],
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
