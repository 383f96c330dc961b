"""Step 2 — validate: every file against the model, then the checks; all problems, positioned.

Work is split by structure folder (its structure.yml and its offers) and spread over the
machine's cores; only the checks that look across folders (partner structures, duplicate ids)
run afterwards in the main process.
"""

import copy
import multiprocessing
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from generator.model import langues
from generator.model.limits import MAX_PROBLEMS
from generator.model.offre import Offre
from generator.model.slug import SLUG, is_slug, slugify
from generator.model.structure import Structure
from generator.model.suggest import did_you_mean
from generator.model.territoire import Territoire
from generator.model.territoires import referentiel
from generator.pipeline import cache as validation_cache
from generator.pipeline.checks import run as checks
from generator.pipeline.checks.context import Context
from generator.pipeline.load import EXTENSIONS, STRUCTURE_FILE, Source, read, relative
from generator.pipeline.problems import Finding, Loc, Problem

PARALLEL_FROM = 400  # files; below this, forking costs more than it saves


def today() -> date:
    """Today's date; CATALOGUE_DATE=YYYY-MM-DD pins it (tests, reproducible builds)."""
    pinned = os.environ.get("CATALOGUE_DATE", "").strip()
    return date.fromisoformat(pinned) if pinned else date.today()


@dataclass
class Catalogue:
    """The validated catalogue: models by id, and every problem found."""

    root: Path
    territoire: Territoire | None = None
    synonymes: dict[str, list[str]] = field(default_factory=dict)  # synonymes.yml, read by pipeline/synonymes.py
    structures: dict[str, Structure] = field(default_factory=dict)
    offres: dict[str, Offre] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


# ----- pydantic errors in French -----------------------------------------------------------------

_TYPES = {
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans virgule)",
    "float_type": "nombre attendu (avec un point décimal : 48.62)",
    "float_parsing": "nombre attendu (avec un point décimal : 48.62)",
    "bool_type": "true ou false attendu",
    "bool_parsing": "true ou false attendu",
    "list_type": "liste attendue : une ligne « - valeur » par élément",
    "set_type": "liste attendue : une ligne « - valeur » par élément",
    "model_type": "groupe de champs attendu (champs indentés en dessous)",
    "model_attributes_type": "groupe de champs attendu (champs indentés en dessous)",
    "dict_type": "groupe de champs attendu (champs indentés en dessous)",
    "date_type": "date attendue au format AAAA-MM-JJ (ex. 2026-10-15)",
    "date_parsing": "date attendue au format AAAA-MM-JJ (ex. 2026-10-15)",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ (ex. 2026-10-15)",
    "date_from_datetime_inexact": "date attendue au format AAAA-MM-JJ, sans heure",
    "url_type": "adresse web attendue (https://…)",
    "url_parsing": "adresse web invalide : elle doit commencer par https:// ou http://",
    "url_scheme": "adresse web invalide : seules les adresses https:// ou http:// sont acceptées",
    "url_too_long": "adresse web trop longue",
    "finite_number": "nombre attendu",
    "int_parsing_size": "nombre entier trop grand",
}


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the last key of `loc` (for « vouliez-vous dire »)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _message(error: dict, model: type[BaseModel]) -> tuple[Loc, str]:
    kind, loc, ctx, value = error["type"], tuple(error["loc"]), error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return loc, f"champ obligatoire manquant « {loc[-1]} »"
    if kind == "extra_forbidden":
        holder = _model_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), holder.model_fields) if holder else ""
        return loc, f"champ inconnu « {loc[-1]} »{hint or ' : le supprimer ou corriger son nom'}"
    if kind == "enum" and loc[:1] == ("langues",):
        return loc, f"code de langue inconnu « {_show(value)} »{langues.conseil(value)}"
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return loc, f"valeur inconnue « {_show(value)} »{did_you_mean(value, allowed)}"
    if kind == "literal_error":
        return loc, f"valeur inconnue « {_show(value)} » : valeurs possibles {ctx.get('expected', '').replace(' or ', ', ')}"
    if kind == "string_too_short":
        return loc, f"texte trop court : au moins {ctx['min_length']} caractères"
    if kind == "string_too_long":
        return loc, f"texte trop long : {ctx['max_length']} caractères au plus"
    if kind == "too_short":
        return loc, f"liste trop courte : au moins {ctx['min_length']} élément(s)"
    if kind == "too_long":
        return loc, f"liste trop longue : {ctx['max_length']} éléments au plus"
    if kind in ("greater_than_equal", "greater_than"):
        return loc, f"valeur trop petite ({_show(value)}) : au moins {ctx.get('ge', ctx.get('gt'))}"
    if isinstance(value, float) and value != value:  # .nan
        return loc, "nombre attendu (trouvé : « .nan »)"
    if kind in ("less_than_equal", "less_than"):
        return loc, f"valeur trop grande ({_show(value)}) : au plus {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_pattern_mismatch":
        if "mainteneurs" in loc:
            return loc, f"identifiant de forge invalide « {_show(value)} » : de la forme @identifiant"
        if loc[-2:] == ("tuiles", "url"):
            return loc, (f"modèle d'adresse de tuiles invalide « {_show(value)} » : une adresse https:// sans espace, avec {{z}}, "
                         "{x} et {y} (ex. https://tile.openstreetmap.org/{z}/{x}/{y}.png)")
        if SLUG in ctx.get("pattern", ""):
            return loc, f"identifiant invalide « {_show(value)} » : lettres minuscules sans accents, chiffres et tirets"
        return loc, f"forme invalide « {_show(value)} »"
    if kind in ("value_error",) and "courriel" in loc:
        return loc, f"adresse électronique invalide « {_show(value)} »"
    if kind in ("format", "telephone", "horaires"):
        return loc, error["msg"]
    if kind in _TYPES:
        shown = f" (trouvé : « {_show(value)} »)" if value is not None and not isinstance(value, (dict, list)) else ""
        return loc, _TYPES[kind] + shown
    return loc, f"valeur invalide « {_show(value)} » ({error['msg']})"


def model_findings(exc: ValidationError, model: type[BaseModel]) -> list[Finding]:
    """The model's errors in French. A file with thousands of errors is reported in part (`Source.report`):
    past `MAX_PROBLEMS`, unknown fields are not compared with the known ones (the costly part)."""
    out = []
    for i, error in enumerate(exc.errors(include_url=False)):
        if i >= MAX_PROBLEMS and error["type"] == "extra_forbidden":
            out.append(Finding(tuple(error["loc"]), f"champ inconnu « {error['loc'][-1]} »"))
            continue
        loc, message = _message(error, model)
        out.append(Finding(loc, message))
    return out


# ----- one folder ----------------------------------------------------------------------------------


@dataclass
class FolderResult:
    structures: dict[str, Structure] = field(default_factory=dict)
    offres: dict[str, Offre] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # (file, line, column, key, structure id) of each `partenaires` entry, checked across folders.
    references: list[tuple[str, int, int, str, str]] = field(default_factory=list)


@cache
def partial_model(model: type[BaseModel]) -> type[BaseModel]:
    """The same model with every field optional: lets the checks look at the valid part of a broken file."""
    fields = {}
    for name, info in model.model_fields.items():
        relaxed = copy.copy(info)
        relaxed.default = None
        fields[name] = (info.annotation | None, relaxed)
    return create_model(f"{model.__name__}Partiel", __config__=model.model_config, **fields)


def _validate(source: Source, model: type[BaseModel]) -> tuple[BaseModel | None, BaseModel | None]:
    """(the model if the file is valid, else None; what of it can be checked)."""
    try:
        valid = model.model_validate(source.data)
        return valid, valid
    except ValidationError as exc:
        source.problems.extend(source.problem(f) for f in model_findings(exc, model))
        broken = {error["loc"][0] for error in exc.errors() if error["loc"]}
        try:
            partial = partial_model(model).model_validate({k: v for k, v in source.data.items() if k not in broken})
        except ValidationError:
            partial = None
        return None, partial


def check_folder(task: tuple[str, str, list[str], bool]) -> FolderResult:
    """Validate one structure folder: `task` = (root, folder name, offer file names, has structure.yml).

    The result is taken from the validation cache when none of the folder's files changed today."""
    root_s, folder, names, has_structure = task
    path = Path(root_s) / folder
    digest = validation_cache.key(path, [STRUCTURE_FILE, *names], f"{root_s}\0{folder}\0{has_structure}\0{today().isoformat()}")
    result = validation_cache.get(path, digest)
    if result is None:
        result = _check_folder(task)
        validation_cache.put(path, digest, result)
    return result


def _check_folder(task: tuple[str, str, list[str], bool]) -> FolderResult:
    root_s, folder, names, has_structure = task
    root = Path(root_s)
    prefix = f"{relative(root, root.parent)}/{folder}/"  # file names as shown in messages: offers/<folder>/<file>
    result = FolderResult()
    ref = referentiel()
    now = today()
    structure = None
    folder_ok = is_slug(folder)
    if has_structure:
        source = read(root / folder / STRUCTURE_FILE, prefix + STRUCTURE_FILE)
        if not folder_ok:
            source.add(f"nom de dossier invalide « {folder} » : minuscules sans accents, chiffres et tirets (ex. ccas-evry)")
        if source.data is not None:
            structure, checkable = _validate(source, Structure)
            if checkable is not None:
                source.problems.extend(source.problem(f) for f in checks.run_structure(checkable, Context(now, ref)))
            if structure is not None and folder_ok:
                result.structures[folder] = structure
        result.problems.extend(source.report())
    ctx = Context(now, ref, structure)
    for name in names:
        source = read(root / folder / name, prefix + name)
        stem = name.rsplit(".", 1)[0]
        if not has_structure:
            source.add(f"le dossier « {folder} » n'a pas de fichier {STRUCTURE_FILE} : décrire la structure avant ses offres")
        if not is_slug(stem):
            suggestion = slugify(stem) or "mon-offre"
            source.add(f"nom de fichier invalide « {name} » : minuscules sans accents, chiffres et tirets (ex. {suggestion}.yml)")
        if source.data is not None:
            offre, checkable = _validate(source, Offre)
            if checkable is not None:
                source.problems.extend(source.problem(f) for f in checks.run_offre(checkable, ctx))
                for i, partner in enumerate(checkable.partenaires or []):
                    line, column = source.locate(("partenaires", i))
                    result.references.append((source.rel, line, column, f"partenaires[{i}]", partner))
            if offre is not None and folder_ok and is_slug(stem):
                result.offres[f"{folder}/{stem}"] = offre
        result.problems.extend(source.report())
    return result


# ----- the whole catalogue -------------------------------------------------------------------------


def _tasks(root: Path, files: Iterable[Path]) -> tuple[list[tuple[str, str, list[str], bool]], list[Problem]]:
    by_folder: dict[str, list[str]] = {}
    misplaced: list[Problem] = []
    resolved_root = root.resolve()
    for path in files:
        if os.path.islink(path) and path.name != STRUCTURE_FILE and not path.name.lower().endswith(EXTENSIONS):
            misplaced.append(Problem(relative(path, root.parent), 1, 1, "", "lien symbolique vers un dossier, ignoré : les offres doivent être dans de vrais dossiers du dépôt"))
            continue
        try:
            parts = path.relative_to(root).parts  # lexical, fast: the usual case
            if ".." in parts:
                raise ValueError
        except ValueError:
            try:
                parts = path.parent.resolve().relative_to(resolved_root).parts + (path.name,)
            except ValueError:
                misplaced.append(Problem(path.as_posix(), 1, 1, "", f"fichier hors du dossier {root.name}/ : il n'est pas dans le catalogue"))
                continue
        if len(parts) != 2:
            misplaced.append(
                Problem(relative(path, root.parent), 1, 1, "", f"fichier mal rangé : une offre va dans {root.name}/<structure>/<offre>.yml")
            )
            continue
        by_folder.setdefault(parts[0], [])
        if parts[1] != STRUCTURE_FILE:
            by_folder[parts[0]].append(parts[1])
    tasks = [
        (str(root), folder, sorted(names), (root / folder / STRUCTURE_FILE).is_file())
        for folder, names in sorted(by_folder.items())
    ]
    return tasks, misplaced


def load_territoire(path: Path) -> tuple[Territoire | None, list[Problem]]:
    """The catalogue's configuration file (territoire.yml), validated like the offers."""
    source = read(path, relative(path, path.parent))
    territoire = None
    if source.data is not None:
        territoire, _ = _validate(source, Territoire)
    if territoire is not None:
        ref = referentiel()
        for i, code in enumerate(territoire.departements):
            if code not in ref.departements:
                source.problems.append(source.problem(Finding(("departements", i), f"département inconnu « {code} »")))
        for i, bassin in enumerate(territoire.bassins or []):
            for j, code in enumerate(bassin.codes):
                if ref.kind(code) not in ("commune", "epci"):
                    source.problems.append(
                        source.problem(Finding(("bassins", i, "codes", j), f"code inconnu « {code} » : SIREN d'EPCI ou code INSEE de commune"))
                    )
        if any(p.is_error for p in source.problems):
            territoire = None
    return territoire, source.report()


def validate(root: Path, files: list[Path], jobs: int | None = None, territoire: Path | None = None) -> Catalogue:
    """Validate `files` (all under the catalogue folder `root`); structure.yml of each folder is always read.

    `territoire`, when given and present, is the catalogue's configuration file (territoire.yml).
    """
    tasks, problems = _tasks(root, files)
    config = None
    if territoire is not None and territoire.is_file():
        config, config_problems = load_territoire(territoire)
        problems.extend(config_problems)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        referentiel()  # loaded once, shared with the forked workers
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(check_folder, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
    else:
        results = [check_folder(t) for t in tasks]
    cat = Catalogue(root, territoire=config, problems=problems)
    for r in results:
        cat.structures.update(r.structures)
        cat.offres.update(r.offres)
        cat.problems.extend(r.problems)
    # Across folders: partner structures must exist; two files must not share an id.
    known = {t[1] for t in tasks if t[3]} | {p.name for p in root.iterdir() if (p / STRUCTURE_FILE).is_file()}
    for r in results:
        for rel, line, column, key, partner in r.references:
            if partner not in known:
                cat.problems.append(
                    Problem(rel, line, column, key, f"structure partenaire inconnue « {partner} »{did_you_mean(partner, known)}")
                )
    seen: dict[str, str] = {}
    prefix = relative(root, root.parent)
    for _, folder, names, _ in tasks:
        for name in names:
            ident = f"{folder}/{name.rsplit('.', 1)[0]}"
            rel = f"{prefix}/{folder}/{name}"
            if ident in seen:
                cat.problems.append(Problem(rel, 1, 1, "", f"même identifiant « {ident} » que {seen[ident]} : renommer l'un des deux fichiers"))
            else:
                seen[ident] = rel
    cat.problems.sort()
    return cat
