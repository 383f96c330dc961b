"""`catalogue import data-inclusion`: national data·inclusion v1 files (JSON, CSV, XLSX) → this catalogue's YAML files.

One folder per structure, one file per offer, written tidy (``yamlio.dump``: fields in model order,
no empty field, the editor's schema line first). Services that came from one offer with several
places (ids ``<structure>--<offre>--<commune>-<n>``, see ``generator/opendata/datainclusion.py``) are grouped
back into one offer with several ``lieux``: this is what makes export → import → export identical.

Provenance is kept: a record of another producer (its ``source`` is not this catalogue's, read from
the ``territoire.yml`` next to the output folder) gets ``source_externe`` (its source, id and
``lien_source``, as they came), which the export writes back, so that the producer recognises its
records. This catalogue's own records come back without it (their ids are recomputed, identical).
Two services with the same id are reported, the first one only is imported.

Everything that cannot be mapped is reported in French (grouped by reason, with a few examples);
nothing is written when a file would be overwritten without ``--force``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from pydantic import ValidationError

from generator.contribute.import_files import UnreadableInput, read_records
from generator.contribute.import_records import (
    SUFFIX,
    Report,
    convert_offre,
    convert_structure,
    local_id,
    official,
    present,
    same_offer,
    unique,
    without_controls,
)
from generator.contribute.yamlio import dump
from generator.model.offre import DEFAULT_FREQUENCE_MAJ, Offre
from generator.model.slug import is_slug
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.territoires import referentiel
from generator.model.types import SourceExterne
from generator.opendata import datainclusion as di
from generator.pipeline.checks.check_fraicheur import months_between
from generator.pipeline.enrich import PERIMEE_APRES
from generator.pipeline.load import STRUCTURE_FILE
from generator.pipeline.validate import today


@dataclass
class Result:
    files: dict[Path, str] = field(default_factory=dict)  # path → YAML text
    structures: int = 0
    offres: int = 0
    services_skipped: int = 0
    report: Report = field(default_factory=Report)


def _territory_filter(code: str):
    """A predicate: is a service located in the territory `code`, or open to its inhabitants?"""
    ref = referentiel()
    members = ref.communes_of(code)

    def keep(record: dict) -> bool:
        if record.get("code_insee") in members:
            return True
        zone = record.get("zone_eligibilite") or []
        communes = ref.zone_communes(zone)
        return bool(zone) and (communes is None or not communes.isdisjoint(members))

    return keep


def own_source(out: Path) -> str | None:
    """The data·inclusion source of the catalogue that `out` (its offers' folder) belongs to, if it has a territoire.yml."""
    path = out.parent / "territoire.yml"
    try:
        return di.source_of(Territoire.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError, TypeError, ValueError):
        return None


def _provenance(record: dict, ident: str, ours: str | None, report: Report) -> SourceExterne | None:
    """Where a record came from, unless it is this catalogue's own."""
    if record.get("source") == ours:
        return None
    for lien in (record.get("lien_source") or None, None):
        try:
            return SourceExterne(source=record["source"], id=ident, lien=lien)
        except ValidationError:
            continue
    report.add("source ou identifiant d'origine illisible (caractère de contrôle), provenance non gardée", ident)
    return None


def convert(services: list[Any], structures: list[Any], out: Path, territoire: str | None = None, ours: str | None = None) -> Result:
    """Map data·inclusion records to YAML files under `out` (nothing is written here).

    `ours`: this catalogue's own data·inclusion source: its records are not marked as coming from elsewhere."""
    result = Result()
    report = result.report
    di_structures: dict[str, dict] = {}
    for i, record in enumerate(structures):
        who = str(record.get("id", f"structure n° {i + 1}")) if isinstance(record, dict) else f"structure n° {i + 1}"
        data = official(DIStructure, record, who, report)
        if data is None:
            continue
        data = without_controls(data, who, report)
        if data["id"] in di_structures:
            report.add("structure en double (même id), seule la première est reprise", who)
            continue
        di_structures[data["id"]] = data
    by_structure: dict[str, list[dict]] = defaultdict(list)
    in_territory = _territory_filter(territoire) if territoire else None
    seen: set[str] = set()
    for i, record in enumerate(services):
        who = str(record.get("id", f"service n° {i + 1}")) if isinstance(record, dict) else f"service n° {i + 1}"
        data = official(DIService, record, who, report)
        if data is None:
            result.services_skipped += 1
            continue
        data = without_controls(data, who, report)
        if data["id"] in seen:
            report.add("service en double (même id), seul le premier est repris", who)
            result.services_skipped += 1
            continue
        seen.add(data["id"])
        if in_territory and not in_territory(data):
            report.add(f"service hors du territoire {territoire}, non importé", who)
            result.services_skipped += 1
            continue
        if data["structure_id"] not in di_structures:
            report.add("structure du service absente du fichier des structures, service non importé", who)
            result.services_skipped += 1
            continue
        by_structure[data["structure_id"]].append(data)
        if present(data.get("contact_nom_prenom")):
            report.add("« contact_nom_prenom » non repris (donnée personnelle, absente du modèle)", who)
    folders: set[str] = set()
    for sid, record in di_structures.items():
        services_of = by_structure.get(sid, [])
        if in_territory and not services_of and not in_territory({"code_insee": record.get("code_insee")}):
            continue
        structure = convert_structure(record, services_of, sid, report)
        if structure is None:
            result.services_skipped += len(services_of)
            continue
        structure = structure.model_copy(update={"source_externe": _provenance(record, sid, ours, report)})
        folder = unique(di.slugify(local_id(sid, record["source"])), folders, "structure")
        offres: dict[str, Offre] = {}
        for slug, group, ident in _groups(services_of, sid, record["source"], report):
            offre = convert_offre(group, structure, group[0]["id"], territoire, report)
            if offre is None:
                result.services_skipped += len(group)
                continue
            offres[slug] = offre.model_copy(update={"source_externe": _provenance(group[0], ident, ours, report)})
        structure = _keep_published(structure, offres, sid, report)
        result.files[out / folder / STRUCTURE_FILE] = dump(structure)
        result.structures += 1
        for slug, offre in offres.items():
            result.files[out / folder / f"{slug}.yml"] = dump(offre)
            result.offres += 1
    return result


def _keep_published(structure: Structure, offres: dict[str, Offre], who: str, report: Report) -> Structure:
    """The national format has no update frequency: a published offer older than three times the default
    frequency would be hidden after import. The structure then gets the longest frequency (12 months)."""
    now = today()
    limit = PERIMEE_APRES * DEFAULT_FREQUENCE_MAJ
    if structure.frequence_maj is None and any(months_between(o.date_maj, now) > limit for o in offres.values()):
        report.add(
            f"offres vérifiées il y a plus de {limit} mois : fréquence de mise à jour de la structure fixée à 12 mois "
            "pour qu'elles restent publiées (à revoir)",
            who,
        )
        return structure.model_copy(update={"frequence_maj": 12})
    return structure


def _groups(services: list[dict], sid: str, source: str, report: Report) -> list[tuple[str, list[dict], str]]:
    """Services grouped into offers: ids <offre>--<commune>-<n> of one offer with several places go together.

    Each group comes with its file name and its original id (without the place suffix when grouped)."""
    groups: dict[str, list[dict]] = {}
    for record in services:
        local = local_id(record["id"], sid, source)
        parts = local.split(di.SEP)
        key = parts[0] if len(parts) == 2 and is_slug(parts[0]) and SUFFIX.match(parts[1]) else local
        groups.setdefault(key, []).append(record)
    out: list[tuple[str, list[dict], str]] = []
    taken = {"structure"}
    for key, group in groups.items():
        if len(group) == 1:
            out.append((unique(di.slugify(key), taken, "offre"), group, group[0]["id"]))
        elif all(same_offer(group[0], r) for r in group[1:]):
            ident = group[0]["id"].rsplit(di.SEP, 1)[0]
            out.append((unique(di.slugify(key), taken, "offre"), group, ident))
        else:
            for r in group:
                out.append((unique(di.slugify(local_id(r["id"], sid, source)), taken, "offre"), [r], r["id"]))
    return out


def run(services_path: Path, structures_path: Path | None, out: Path, *, territoire: str | None, force: bool, stdout: TextIO,
        stderr: TextIO) -> int:
    """`structures_path` None: the « Structures » sheet of the services' workbook."""
    if structures_path is None:
        if services_path.suffix.lower() != ".xlsx":
            print("catalogue import : --structures est nécessaire, sauf avec un classeur XLSX qui a une feuille « Structures »",
                  file=stderr)
            return 2
        structures_path = services_path
    try:
        services = read_records(services_path, "services")
        structures = read_records(structures_path, "structures")
    except UnreadableInput as exc:
        print(f"catalogue import : {exc}", file=stderr)
        return 1
    if territoire and referentiel().kind(territoire) not in ("commune", "epci", "departement"):
        print(f"catalogue import : territoire inconnu « {territoire} » : code de département, SIREN d'EPCI ou code INSEE de commune attendu", file=stderr)
        return 2
    try:
        result = convert(services, structures, out, territoire, own_source(out))
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        # The records passed the official models, so this is a case the mapping does not know yet.
        print(f"catalogue import : données inattendues dans {services_path} ou {structures_path} ({exc!r}) : rien n'a été écrit", file=stderr)
        return 1
    existing = sorted(p for p in result.files if p.exists())
    if existing and not force:
        print(f"catalogue import : {len(existing)} fichier(s) existent déjà, rien n'a été écrit :", file=stderr)
        for p in existing[:10]:
            print(f"  - {p}", file=stderr)
        if len(existing) > 10:
            print(f"  - … et {len(existing) - 10} autres", file=stderr)
        print("Relancer avec --force pour les remplacer.", file=stderr)
        return 1
    for path, text in sorted(result.files.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(
        f"import data·inclusion : {result.structures} structure(s) et {result.offres} offre(s) écrites dans {out}"
        + (f" ({len(existing)} fichier(s) remplacé(s))" if existing else "")
        + (f" ; {result.services_skipped} service(s) non importé(s)" if result.services_skipped else ""),
        file=stdout,
    )
    if result.report.reasons:
        print("Non repris ou modifié :", file=stdout)
        for line in result.report.lines():
            print(line, file=stdout)
    if result.offres == 0 and result.structures == 0:
        print("catalogue import : aucune structure ni offre n'a pu être importée", file=stderr)
        return 1
    return 0
