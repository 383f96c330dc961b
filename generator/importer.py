"""`catalogue import data-inclusion`: national data·inclusion v1 JSON → this catalogue's YAML files.

One folder per structure, one file per offer, written tidy (``yamlio.dump``: fields in model order,
no empty field, the editor's schema line first). Services that came from one offer with several
places (ids ``<structure>--<offre>--<commune>-<n>``, see ``generator/datainclusion.py``) are grouped
back into one offer with several ``lieux``: this is what makes export → import → export identical.

Everything that cannot be mapped is reported in French (grouped by reason, with a few examples);
nothing is written when a file would be overwritten without ``--force``.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
import phonenumbers
from pydantic import BaseModel, ValidationError

from . import checks
from . import datainclusion as di
from .checks.check_fraicheur import months_between
from .enrich import PERIMEE_APRES
from .load import STRUCTURE_FILE
from .models import DEFAULT_FREQUENCE_MAJ, Offre, Structure
from .territoires import referentiel
from .validate import model_findings, today
from .vocab import ModeAccueil, ModeMobilisation
from .yamlio import dump

ADDRESS_REQUIRED = ("adresse", "code_postal", "commune", "code_insee")
LIEU_FIELDS = ("adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude")
OFFRE_FIELDS = [f for f in Offre.model_fields if f in DIService.model_fields]
STRUCTURE_MAPPED = [f for f in Structure.model_fields if f in DIStructure.model_fields]
# Offer fields that, equal to the structure's, are left out: the structure's value applies (as on export).
INHERITED = ("telephone", "courriel", "horaires_accueil")
SUFFIX = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-\d+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EXAMPLES = 3


class UnreadableInput(Exception):
    """Unreadable input: the message (French) names the file."""


@dataclass
class Report:
    """What could not be mapped, grouped by reason."""

    reasons: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, reason: str, who: str) -> None:
        self.reasons[reason].append(who)

    def lines(self) -> list[str]:
        out = []
        for reason, whos in sorted(self.reasons.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = ", ".join(whos[:EXAMPLES]) + ("…" if len(whos) > EXAMPLES else "")
            out.append(f"  - {reason} : {len(whos)} ({shown})")
        return out


@dataclass
class Result:
    files: dict[Path, str] = field(default_factory=dict)  # path → YAML text
    structures: int = 0
    offres: int = 0
    services_skipped: int = 0
    report: Report = field(default_factory=Report)


# ----- reading -------------------------------------------------------------------------------------


def read_records(path: Path, kind: str) -> list[Any]:
    """The records of a data·inclusion JSON file: a list, or {items|services|structures: [...]}."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"fichier illisible {path} ({exc.strerror or exc})") from None
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


# ----- helpers -------------------------------------------------------------------------------------


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _local(ident: str, *prefixes: str) -> str:
    for prefix in prefixes:
        if prefix and ident.startswith(prefix + di.SEP):
            return ident[len(prefix) + len(di.SEP):]
    return ident


def _unique(slug: str, taken: set[str], fallback: str) -> str:
    slug = slug or fallback
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug[:75]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _official(model: type[BaseModel], record: Any, who: str, report: Report) -> dict | None:
    """Check a record against the official model; drop the optional fields it refuses."""
    if not isinstance(record, dict):
        report.add("enregistrement qui n'est pas un objet JSON, ignoré", who)
        return None
    data = dict(record)
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    for _ in range(5):
        try:
            model.model_validate(data)
            return data
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            if not bad or bad & required:
                missing = ", ".join(sorted(bad & required)) or "?"
                report.add(f"non conforme au format data·inclusion (champ obligatoire absent ou invalide : {missing}), ignoré", who)
                return None
            for name in sorted(bad):
                report.add(f"champ « {name} » invalide au format data·inclusion, non repris", who)
                data.pop(name, None)
    return None


def _ours(model: type[BaseModel], data: dict, who: str, report: Report) -> BaseModel | None:
    """Validate against this catalogue's model; optional fields it refuses are dropped and reported."""
    data = dict(data)
    for _ in range(10):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            findings = model_findings(exc, model)
            fixed = False
            for f in findings:
                name = f.loc[0] if f.loc else None
                if name == "lieux" and len(f.loc) > 1 and isinstance(f.loc[1], int) and f.loc[1] < len(data.get("lieux", [])):
                    report.add(f"lieu non repris ({f.message})", who)
                    data["lieux"][f.loc[1]] = None
                    fixed = True
                elif name in data and not model.model_fields[name].is_required():
                    report.add(f"champ « {name} » non repris ({f.message})", who)
                    data.pop(name)
                    fixed = True
                else:
                    report.add(f"non importé : {'.'.join(map(str, f.loc))} — {f.message}", who)
                    return None
            if "lieux" in data:
                data["lieux"] = [l for l in data["lieux"] if l is not None]
            if not fixed:
                return None
    return None


def _lieu(record: dict) -> dict | None:
    if not all(_present(record.get(k)) for k in ADDRESS_REQUIRED):
        return None
    return {k: record[k] for k in LIEU_FIELDS if _present(record.get(k))}


def _same_offer(a: dict, b: dict) -> bool:
    ignore = {"id", "horaires_accueil", "lien_source", *di.ADDRESS_FIELDS}
    return all(a.get(k) == b.get(k) for k in set(a) | set(b) if k not in ignore)


# ----- mapping -------------------------------------------------------------------------------------


def _structure(record: dict, services: list[dict], who: str, report: Report) -> Structure | None:
    data = {k: record[k] for k in STRUCTURE_MAPPED if _present(record.get(k))}
    if not all(k in data for k in ADDRESS_REQUIRED):
        donor = next((s for s in services if all(_present(s.get(k)) for k in ADDRESS_REQUIRED)), None)
        if donor is None:
            report.add("structure sans adresse complète (adresse, code postal, commune, code INSEE), non importée avec ses services", who)
            return None
        for k in LIEU_FIELDS:
            data.pop(k, None)
            if _present(donor.get(k)):
                data[k] = donor[k]
        report.add("structure sans adresse complète : adresse de son premier service reprise", who)
    structure = _ours(Structure, data, who, report)
    if structure is None:
        return None
    ctx = checks.Context(today(), referentiel())
    errors = [f for f in checks.run_structure(structure, ctx) if f.severity != "avertissement"]
    for f in errors:
        if f.loc and f.loc[0] in ("latitude", "longitude"):
            report.add(f"coordonnées non reprises ({f.message})", who)
            structure = structure.model_copy(update={"latitude": None, "longitude": None})
        else:
            report.add(f"structure non importée : {f.message}", who)
            return None
    return structure


def _zone_fallback(group: list[dict], structure: Structure, code: str | None) -> list[str] | None:
    if code:
        return [code]
    ref = referentiel()
    for insee in [r.get("code_insee") for r in group] + [structure.code_insee]:
        info = ref.communes.get(insee or "")
        if info:
            return [info["departement"]]
    return None


def _offre(group: list[dict], structure: Structure, who: str, code: str | None, report: Report) -> Offre | None:
    first = group[0]
    data = {k: first[k] for k in OFFRE_FIELDS if _present(first.get(k))}
    if not data.get("thematiques"):
        report.add("service sans thématique, non importé", who)
        return None
    if not data.get("zone_eligibilite"):
        zone = _zone_fallback(group, structure, code)
        if zone is None:
            report.add("service sans zone d'éligibilité ni commune connue, non importé", who)
            return None
        data["zone_eligibilite"] = zone
        report.add(f"zone d'éligibilité absente : « {zone[0]} » retenue", who)
    lieux = []
    for record in group:
        lieu = _lieu(record)
        if lieu is None:
            if any(_present(record.get(k)) for k in ADDRESS_REQUIRED):
                report.add("adresse incomplète (adresse, code postal, commune et code INSEE requis), lieu non repris", record.get("id", who))
            continue
        if _present(record.get("horaires_accueil")) and record["horaires_accueil"] != data.get("horaires_accueil"):
            lieu["horaires_accueil"] = record["horaires_accueil"]
        lieux.append(lieu)
    modes = data.get("modes_accueil") or [ModeAccueil.EN_PRESENTIEL.value]
    if not lieux and ModeAccueil.EN_PRESENTIEL.value in modes:
        lieux.append(structure.model_dump(mode="json", include=set(LIEU_FIELDS), exclude_none=True))
        report.add("service en présentiel sans adresse : adresse de la structure reprise", who)
    if lieux:
        data["lieux"] = lieux
    # Contact and hours equal to the structure's are inherited, not repeated.
    for name in INHERITED:
        theirs = getattr(structure, name)
        if name in data and theirs is not None and _normal(name, data[name]) == theirs:
            del data[name]
    offre = _ours(Offre, data, who, report)
    if offre is None:
        return None
    return _checked(offre, structure, who, report)


def _normal(name: str, value: Any) -> Any:
    if name == "telephone" and isinstance(value, str):
        try:
            number = phonenumbers.parse(value, "FR")
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return value
    return value


def _checked(offre: Offre, structure: Structure, who: str, report: Report) -> Offre | None:
    """Run the catalogue's rules; fix what can be fixed by leaving a value out."""
    ctx = checks.Context(today(), referentiel(), structure)
    modes = list(offre.modes_mobilisation or [])
    needs = {
        ModeMobilisation.TELEPHONER: offre.telephone or structure.telephone,
        ModeMobilisation.ENVOYER_UN_COURRIEL: offre.courriel or structure.courriel,
        ModeMobilisation.UTILISER_LIEN_MOBILISATION: offre.lien_mobilisation,
    }
    for mode, present in needs.items():
        if mode in modes and not present:
            modes.remove(mode)
            report.add(f"mode de mobilisation « {mode.value} » retiré (coordonnée correspondante absente)", who)
    if modes != list(offre.modes_mobilisation or []):
        offre = offre.model_copy(update={"modes_mobilisation": modes or None})
    for _ in range(3):
        errors = [f for f in checks.run_offre(offre, ctx) if f.severity != "avertissement"]
        if not errors:
            return offre
        zone = list(offre.zone_eligibilite)
        lieux = list(offre.lieux)
        for f in errors:
            if f.loc[:1] == ("zone_eligibilite",) and len(f.loc) == 2:
                report.add(f"code de zone non repris ({f.message})", who)
                zone[f.loc[1]] = None
            elif f.loc[:1] == ("lieux",) and len(f.loc) >= 3 and f.loc[2] in ("latitude", "longitude"):
                report.add(f"coordonnées non reprises ({f.message})", who)
                lieux[f.loc[1]] = lieux[f.loc[1]].model_copy(update={"latitude": None, "longitude": None})
            elif f.loc[:1] == ("lieux",) and len(f.loc) >= 2:
                report.add(f"lieu non repris ({f.message})", who)
                lieux[f.loc[1]] = None
            else:
                report.add(f"offre non importée : {f.message}", who)
                return None
        zone = [z for z in zone if z is not None]
        if not zone:
            report.add("aucun code de zone d'éligibilité reconnu, offre non importée", who)
            return None
        offre = offre.model_copy(update={"zone_eligibilite": zone, "lieux": [l for l in lieux if l is not None]})
    return None


def _territory_filter(code: str):
    """A predicate: is a service located in the territory `code`, or open to its inhabitants?"""
    ref = referentiel()
    members = frozenset(ref.communes_of(code))
    epci = frozenset(e for e, v in ref.epci.items() if members & set(v["membres"]))
    departements = frozenset(ref.communes[c]["departement"] for c in members if c in ref.communes)

    def keep(record: dict) -> bool:
        if record.get("code_insee") in members:
            return True
        zone = record.get("zone_eligibilite") or []
        return any(z == code or z == "france" or z in members or z in epci or z in departements for z in zone)

    return keep


def convert(services: list[Any], structures: list[Any], out: Path, territoire: str | None = None) -> Result:
    """Map data·inclusion records to YAML files under `out` (nothing is written here)."""
    result = Result()
    report = result.report
    di_structures: dict[str, dict] = {}
    for i, record in enumerate(structures):
        who = str(record.get("id", f"structure n° {i + 1}")) if isinstance(record, dict) else f"structure n° {i + 1}"
        data = _official(DIStructure, record, who, report)
        if data is None:
            continue
        if data["id"] in di_structures:
            report.add("structure en double (même id), seule la première est reprise", who)
            continue
        di_structures[data["id"]] = data
    by_structure: dict[str, list[dict]] = defaultdict(list)
    in_territory = _territory_filter(territoire) if territoire else None
    for i, record in enumerate(services):
        who = str(record.get("id", f"service n° {i + 1}")) if isinstance(record, dict) else f"service n° {i + 1}"
        data = _official(DIService, record, who, report)
        if data is None:
            result.services_skipped += 1
            continue
        if in_territory and not in_territory(data):
            report.add(f"service hors du territoire {territoire}, non importé", who)
            result.services_skipped += 1
            continue
        if data["structure_id"] not in di_structures:
            report.add("structure du service absente du fichier des structures, service non importé", who)
            result.services_skipped += 1
            continue
        by_structure[data["structure_id"]].append(data)
        if _present(data.get("lien_source")):
            report.add("« lien_source » (lien vers la fiche d'origine) non repris : le modèle n'a pas ce champ", who)
        if _present(data.get("contact_nom_prenom")):
            report.add("« contact_nom_prenom » non repris (donnée personnelle, absente du modèle)", who)
    folders: set[str] = set()
    for sid, record in di_structures.items():
        services_of = by_structure.get(sid, [])
        if in_territory and not services_of and not in_territory({"code_insee": record.get("code_insee")}):
            continue
        structure = _structure(record, services_of, sid, report)
        if structure is None:
            result.services_skipped += len(services_of)
            continue
        folder = _unique(di.slugify(_local(sid, record["source"])), folders, "structure")
        offres: dict[str, Offre] = {}
        for slug, group in _groups(services_of, sid, record["source"], report):
            offre = _offre(group, structure, group[0]["id"], territoire, report)
            if offre is None:
                result.services_skipped += len(group)
                continue
            offres[slug] = offre
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


def _groups(services: list[dict], sid: str, source: str, report: Report) -> list[tuple[str, list[dict]]]:
    """Services grouped into offers: ids <offre>--<commune>-<n> of one offer with several places go together."""
    groups: dict[str, list[dict]] = {}
    for record in services:
        local = _local(record["id"], sid, source)
        parts = local.split(di.SEP)
        key = parts[0] if len(parts) == 2 and SLUG.match(parts[0]) and SUFFIX.match(parts[1]) else local
        groups.setdefault(key, []).append(record)
    out: list[tuple[str, list[dict]]] = []
    taken = {"structure"}
    for key, group in groups.items():
        if all(_same_offer(group[0], r) for r in group[1:]):
            out.append((_unique(di.slugify(key), taken, "offre"), group))
        else:
            for r in group:
                out.append((_unique(di.slugify(_local(r["id"], sid, source)), taken, "offre"), [r]))
    return out


def run(services_path: Path, structures_path: Path, out: Path, *, territoire: str | None, force: bool, stdout: TextIO, stderr: TextIO) -> int:
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
        result = convert(services, structures, out, territoire)
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
