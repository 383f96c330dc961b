"""`catalogue import`: one national record → this catalogue's structure or offer."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.model.offre import Offre
from generator.model.slug import SLUG
from generator.model.structure import Structure
from generator.model.territoires import referentiel
from generator.model.types import CONTROL, Telephone
from generator.model.vocab import ModeAccueil, ModeMobilisation
from generator.opendata import datainclusion as di
from generator.pipeline.checks import run as checks
from generator.pipeline.checks.context import Context
from generator.pipeline.validate import model_findings, today

ADDRESS_REQUIRED = ("adresse", "code_postal", "commune", "code_insee")
LIEU_FIELDS = ("adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude")
OFFRE_FIELDS = [f for f in Offre.model_fields if f in DIService.model_fields]
STRUCTURE_MAPPED = [f for f in Structure.model_fields if f in DIStructure.model_fields]
# Offer fields that, equal to the structure's, are left out: the structure's value applies (as on export).
INHERITED = ("telephone", "courriel", "horaires_accueil")
SUFFIX = re.compile(rf"^{SLUG}-\d+$")  # a place's suffix in an exported service id (« evry-2 »)
EXAMPLES = 3
_PHONE = TypeAdapter(Telephone)


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


def without_controls(data: dict, who: str, report: Report) -> dict:
    """The record with the control characters of its texts removed (the files written must load)."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return CONTROL.sub("", value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    cleaned = clean(data)
    if cleaned != data:
        report.add("caractères de contrôle retirés des textes", who)
    return cleaned


def present(value: Any) -> bool:
    return value not in (None, "", [], {})


def local_id(ident: str, *prefixes: str) -> str:
    for prefix in prefixes:
        if prefix and ident.startswith(prefix + di.SEP):
            return ident[len(prefix) + len(di.SEP):]
    return ident


def unique(slug: str, taken: set[str], fallback: str) -> str:
    slug = slug or fallback
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug[:75]}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def official(model: type[BaseModel], record: Any, who: str, report: Report) -> dict | None:
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
    if not all(present(record.get(k)) for k in ADDRESS_REQUIRED):
        return None
    return {k: record[k] for k in LIEU_FIELDS if present(record.get(k))}


def same_offer(a: dict, b: dict) -> bool:
    ignore = {"id", "horaires_accueil", "lien_source", *di.ADDRESS_FIELDS}
    return all(a.get(k) == b.get(k) for k in set(a) | set(b) if k not in ignore)


def convert_structure(record: dict, services: list[dict], who: str, report: Report) -> Structure | None:
    data = {k: record[k] for k in STRUCTURE_MAPPED if present(record.get(k))}
    if not all(k in data for k in ADDRESS_REQUIRED):
        donor = next((s for s in services if all(present(s.get(k)) for k in ADDRESS_REQUIRED)), None)
        if donor is None:
            report.add("structure sans adresse complète (adresse, code postal, commune, code INSEE), non importée avec ses services", who)
            return None
        for k in LIEU_FIELDS:
            data.pop(k, None)
            if present(donor.get(k)):
                data[k] = donor[k]
        report.add("structure sans adresse complète : adresse de son premier service reprise", who)
    structure = _ours(Structure, data, who, report)
    if structure is None:
        return None
    ctx = Context(today(), referentiel())
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


def convert_offre(group: list[dict], structure: Structure, who: str, code: str | None, report: Report) -> Offre | None:
    first = group[0]
    data = {k: first[k] for k in OFFRE_FIELDS if present(first.get(k))}
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
            if any(present(record.get(k)) for k in ADDRESS_REQUIRED):
                report.add("adresse incomplète (adresse, code postal, commune et code INSEE requis), lieu non repris", record.get("id", who))
            continue
        if present(record.get("horaires_accueil")) and record["horaires_accueil"] != data.get("horaires_accueil"):
            lieu["horaires_accueil"] = record["horaires_accueil"]
        lieux.append(lieu)
    if data.get("modes_accueil") is None:  # not stated: nothing is assumed (the model's default would say « en présentiel »)
        data["modes_accueil"] = []
        report.add("modes d'accueil non renseignés par la source : laissés vides (ni présentiel ni distance supposés)", who)
    modes = data["modes_accueil"]
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
    """A value as the model stores it (a phone number in E.164, a short number as its digits)."""
    if name == "telephone" and isinstance(value, str):
        try:
            return _PHONE.validate_python(value)
        except ValidationError:
            return value
    return value


def _checked(offre: Offre, structure: Structure, who: str, report: Report) -> Offre | None:
    """Run the catalogue's rules; fix what can be fixed by leaving a value out."""
    ctx = Context(today(), referentiel(), structure)
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
