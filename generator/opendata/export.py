"""Writes every open-data file under ``<site>/donnees/``."""

import csv
import gc
import io
from datetime import datetime
from pathlib import Path

from generator import files
from generator.model.offre import Offre
from generator.model.schema import render
from generator.model.types import SCHEMA_VERSION
from generator.opendata import datainclusion as di
from generator.opendata import datainclusion_files as di_files
from generator.opendata import schemas
from generator.opendata.atom import atom, by_change, modification, utc
from generator.opendata.common import (
    ATOM_ENTRIES,
    LICENCE,
    LICENCE_URL,
    PERIMETRE,
    Links,
    _json,
    _Raw,
    _records_document,
    _records_list,
    _write,
    aware,
    exclude_spec,
    identity,
    public_dump,
    written_counts,
)
from generator.opendata.csv_table import address, csv_columns, csv_row
from generator.opendata.datapackage import datapackage
from generator.opendata.history import WINDOW_DAYS, History, suppressions
from generator.pipeline.enrich import OffreVue
from generator.pipeline.validate import Catalogue


def write(cat: Catalogue, vues: list[OffreVue], out: Path, *, base_url: str, generated: datetime,
          history: History | None = None) -> list[Path]:
    """Write every open-data file under `out` (= <site>/donnees/); return the written paths.

    `generated`: the publication date (opendata.history.publication_date); `history`: what Git knows of
    the offers' folder (opendata.history.read), for the modification dates and the records that left.
    """
    # Many short-lived dicts: the cyclic garbage collector would rescan the whole catalogue again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _write_all(cat, vues, out, base_url=base_url, generated=generated, history=history or History())
    finally:
        if enabled:
            gc.enable()


def _write_all(cat: Catalogue, vues: list[OffreVue], out: Path, *, base_url: str, generated: datetime,
               history: History) -> list[Path]:
    generated = aware(generated)
    site = Links(base_url)
    nom, source = identity(cat.territoire)
    every = sorted(vues, key=lambda v: v.id)
    vues = [v for v in every if v.public]
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
    _write(out / "offres.json", _records_document(header("offres", len(vues), "offres"), "offres", offres_records), written)

    structures_records = [{"id": k, "url": site.structure(k), **public_dump(s)} for k, s in structures]
    _write(
        out / "structures.json",
        _records_document(header("structures", len(structures), "structures"), "structures", structures_records),
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
    # The same records as tables: the national validator's workbook, and CSV.
    _write(out / "data-inclusion" / "services.csv", di_files.csv_text(services, di.SERVICE_FIELDS), written)
    _write(out / "data-inclusion" / "structures.csv", di_files.csv_text(di_structures, di.STRUCTURE_FIELDS), written)
    book = out / "data-inclusion" / "data-inclusion.xlsx"
    files.replace(book, di_files.workbook(di_structures, services, generated))  # in one step (`catalogue serve`)
    written.append(book)

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
                "adresse": address(lieu.model_dump()),
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
        w.writerow(csv_row(columns, v, full[v.id], site))
    _write(out / "offres.csv", buf.getvalue(), written)

    for kind in ("offre", "structure"):
        _write(out / "schema" / f"{kind}.schema.json", render(kind), written)
    for name in schemas.document_schemas():
        _write(out / "schema" / f"{name}.schema.json", schemas.render(name), written)

    # Changes: newest first (by the date of the last commit that changed the offer's file, else its
    # date_maj), ties by id; then what left the published set within the window.
    modified = history.modified
    changes = sorted(vues, key=lambda v: by_change(v, modified))
    mods = [
        {
            "id": v.id,
            "nom": v.offre.nom,
            "structure": v.structure_id,
            "structure_nom": v.structure.nom,
            "date_maj": full[v.id]["date_maj"],
            "date_modification": utc(modification(v, modified)),
            "url": site.offre(v.id),
        }
        for v in changes
    ]
    gone = suppressions(history, every, cat.structures, source, generated)
    removed = [{"id": s.id, "type": s.type, "date": utc(s.date), "raison": s.raison, "ids_data_inclusion": list(s.ids_data_inclusion)}
               for s in gone]
    head = {**header("modifications", len(mods), "modifications"), "fenetre_suppressions_jours": WINDOW_DAYS,
            "nombre_supprimees": len(removed)}
    text = _records_document(head, "modifications", mods, {"supprimees": removed})
    _write(out / "modifications.json", text, written)
    feed = atom(
        changes, key="modifications", title=f"{nom} — mises à jour des offres",
        subtitle=f"Les {ATOM_ENTRIES} offres modifiées le plus récemment, et celles qui ne sont plus publiées.",
        path="donnees/modifications.atom", page="", nom=nom, source=source, base_url=base_url, generated=generated,
        modified=modified, deleted=[s for s in gone if s.type == "offre"],
    )
    _write(out / "modifications.atom", feed, written)

    counts = {
        "offres.json": len(vues),
        "structures.json": len(structures),
        "data-inclusion/services.json": len(services),
        "data-inclusion/structures.json": len(di_structures),
        "offres.geojson": len(features),
        "offres.csv": len(vues),
        "data-inclusion/services.csv": len(services),
        "data-inclusion/structures.csv": len(di_structures),
        "data-inclusion/data-inclusion.xlsx": len(services) + len(di_structures),
        "modifications.json": len(mods),
        "modifications.atom": min(len(changes), ATOM_ENTRIES),
    }
    _write(out / "datapackage.json", datapackage(nom, source, site, generated, counts), written)
    written_counts[out.resolve()] = counts
    return written
