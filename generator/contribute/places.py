"""`catalogue places`: a partner's new count of places, written into the offer's file in one minute.

`places.disponibles` (and `places.total` when given), `places.date` (the day of the count, today by
default) and `date_maj` (today) are set in place: comments, key order and quotes of the file are kept
(ruamel.yaml, see yamlio). Nothing is written unless every change is valid: figures read as whole numbers,
no more available places than places, no date in the future, and the edited file still validates (checked
on a copy of the structure's folder). `--csv` applies a table of counts, all or nothing.
"""

import csv
import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from generator.contribute.yamlio import edited, place
from generator.model.offre import Offre
from generator.model.slug import SLUG
from generator.pipeline.load import STRUCTURE_FILE
from generator.pipeline.validate import today, validate

OFFER_ID = re.compile(f"^{SLUG}/{SLUG}$")
# An offer page's address pasted instead of its identifier: …/offres/<structure>/<offre>/
OFFER_PAGE = re.compile(f"/offres/({SLUG}/{SLUG})/?(?:[?#].*)?$")
CSV_COLUMNS = ("offre", "disponibles", "total", "date")


class PlacesError(ValueError):
    """Bad input: the French message says what to fix; nothing was written."""


@dataclass(frozen=True)
class Count:
    """A new count of places for one offer (`total` None: keep the file's total)."""

    ident: str
    disponibles: int
    total: int | None = None
    date: Date | None = None


def offer_id(text: str) -> str:
    """`structure/offre` from what a partner typed: the identifier, or the address of the offer's page."""
    value = text.strip().strip("`").strip()
    page = OFFER_PAGE.search(value)
    if page:
        value = page.group(1)
    if not OFFER_ID.match(value):
        raise PlacesError(f"identifiant d'offre invalide « {text.strip()} » : de la forme structure/offre (ex. ccas-evry/epicerie-solidaire)")
    return value


def whole_number(text: str | int | None, field: str) -> int | None:
    """A count typed by a partner (« 12 », « 1 200 »); None when empty; an error when not a whole number ≥ 0."""
    if text is None or isinstance(text, int):
        value = text
    else:
        raw = text.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        if not raw:
            return None
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise PlacesError(f"{field} : « {text.strip()} » n'est pas un nombre entier de places")
        value = int(raw)
    if value is not None and value < 0:
        raise PlacesError(f"{field} : nombre négatif ({value}) ; indiquer 0 s'il n'y a plus de place")
    if value is not None and value > 100000:
        raise PlacesError(f"{field} : {value} places, c'est plus que le maximum accepté (100 000)")
    return value


def count_date(text: str | None, field: str = "date") -> Date | None:
    """The day of the count, AAAA-MM-JJ, not in the future; None when empty."""
    if text is None or not text.strip():
        return None
    try:
        day = Date.fromisoformat(text.strip())
    except ValueError:
        raise PlacesError(f"{field} : « {text.strip()} » n'est pas une date au format AAAA-MM-JJ (ex. 2026-11-23)") from None
    if day > today():
        raise PlacesError(f"{field} : le {day.isoformat()} est dans le futur ; indiquer le jour du comptage")
    return day


def offer_file(offres: Path, ident: str) -> Path:
    path = offres / f"{ident}.yml"
    if not path.is_file():
        raise PlacesError(f"offre introuvable « {ident} » : pas de fichier {path.as_posix()}")
    return path


def new_text(path: Path, count: Count) -> str:
    """The offer's file with the new count (comments and layout kept). Raises PlacesError when it cannot be."""
    day = today()
    problem: list[str] = []

    def change(document) -> bool:
        if not isinstance(document, CommentedMap):
            problem.append("le fichier n'est pas une fiche d'offre (groupe de champs attendu)")
            return False
        current = document.get("places")
        if current is not None and not isinstance(current, CommentedMap):
            problem.append("le champ « places » du fichier n'est pas un groupe de champs : le corriger à la main")
            return False
        total = count.total if count.total is not None else (current or {}).get("total")
        if total is None:
            problem.append("l'offre n'a pas encore de nombre total de places : l'indiquer aussi (--total)")
            return False
        if not isinstance(total, int) or isinstance(total, bool):
            problem.append(f"le total de places du fichier (« {total} ») n'est pas un nombre : indiquer le total (--total)")
            return False
        if count.disponibles > total:
            problem.append(f"plus de places disponibles ({count.disponibles}) que de places au total ({total})")
            return False
        if current is None:
            current = CommentedMap()
            place(document, Offre, "places", current)
        # distinct date objects: the same object twice would be written as a YAML anchor and alias
        counted = Date.fromordinal((count.date or day).toordinal())
        for key, value in (("total", total), ("disponibles", count.disponibles), ("date", counted)):
            if key in current:
                current[key] = value
            else:
                current.insert(len(current), key, value)
        place(document, Offre, "date_maj", day)
        return True

    try:
        text = path.read_text(encoding="utf-8")
        result = edited(text, change)
    except (UnicodeDecodeError, YAMLError) as exc:  # the file is not readable YAML: `catalogue validate` says where
        raise PlacesError(f"{path.as_posix()} : fichier illisible, à corriger d'abord (« catalogue validate » dit où) ({type(exc).__name__})") from None
    if problem:
        raise PlacesError(problem[0])
    return text if result is None else result


def _errors(offres: Path, files: dict[Path, str]) -> dict[Path, list[tuple[int, str, str]]]:
    """The errors (line, field, message) of each file of `files` ({path: text}) validated on a copy of its folder."""
    errors: dict[Path, list[tuple[int, str, str]]] = {}
    with tempfile.TemporaryDirectory(prefix="catalogue-places-") as tmp:
        root = Path(tmp) / offres.name
        copies: dict[Path, Path] = {}
        for path, text in files.items():
            folder = root / path.parent.name
            if not folder.exists():
                folder.mkdir(parents=True)
                structure = path.parent / STRUCTURE_FILE
                if structure.is_file():
                    shutil.copyfile(structure, folder / STRUCTURE_FILE)
            copy = folder / path.name
            copy.write_text(text, encoding="utf-8")
            copies[copy] = path
        cat = validate(root, sorted(copies))
        by_rel = {f"{offres.name}/{copy.parent.name}/{copy.name}": path for copy, path in copies.items()}
        for p in cat.errors:
            if p.file in by_rel:
                errors.setdefault(by_rel[p.file], []).append((p.line, p.key, p.message))
    return errors


def _still_valid(offres: Path, changes: dict[Path, str]) -> dict[Path, list[str]]:
    """The errors that the changes bring into each file (those it already had, or that need the rest of the
    catalogue, such as partner structures, are not the count's fault)."""
    before = _errors(offres, {path: path.read_text(encoding="utf-8") for path in changes})
    after = _errors(offres, changes)
    out: dict[Path, list[str]] = {}
    for path, found in after.items():
        known = {(key, message) for _, key, message in before.get(path, [])}
        for line, key, message in found:
            if (key, message) not in known:
                out.setdefault(path, []).append(f"ligne {line}, {key + ' : ' if key else ''}{message}")
    return out


def write(changes: dict[Path, str]) -> None:
    for path, text in changes.items():
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # atomic: a partner's file is never left half-written


def apply(offres: Path, count: Count) -> Path:
    """Write one count into its offer's file; PlacesError (file untouched) when anything is wrong."""
    path = offer_file(offres, count.ident)
    text = new_text(path, count)
    invalid = _still_valid(offres, {path: text})
    if invalid:
        raise PlacesError("la fiche ne serait plus valide, rien n'a été écrit :\n  " + "\n  ".join(invalid[path]))
    write({path: text})
    return path


# ----- a table of counts -------------------------------------------------------------------------------


def read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV table (comma or semicolon, UTF-8 with or without BOM) with their line numbers."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PlacesError(f"{path} : fichier introuvable") from None
    except UnicodeDecodeError:
        raise PlacesError(f"{path} : le fichier n'est pas en UTF-8 (l'enregistrer en « CSV UTF-8 »)") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in ("offre", "disponibles") if c not in header]
    if missing:
        raise PlacesError(f"{path}:1 : colonne{'s' if len(missing) > 1 else ''} manquante{'s' if len(missing) > 1 else ''} : "
                          f"{', '.join(missing)} (colonnes attendues : {', '.join(CSV_COLUMNS)} ; total et date facultatifs)")
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if unknown:
        raise PlacesError(f"{path}:1 : colonne inconnue « {unknown[0]} » (colonnes attendues : {', '.join(CSV_COLUMNS)})")
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rows.append((reader.line_num, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}))
    if not rows:
        raise PlacesError(f"{path} : le tableau n'a aucune ligne après l'en-tête")
    return rows


def apply_table(offres: Path, table: Path) -> tuple[list[Path], list[str]]:
    """Apply every row of `table`, or nothing: (files written, []) or ([], every problem with its line)."""
    problems: list[tuple[int, str]] = []
    changes: dict[Path, str] = {}
    lines: dict[Path, int] = {}
    try:
        rows = read_table(table)
    except PlacesError as exc:
        return [], [str(exc)]
    for line, row in rows:
        try:
            ident = offer_id(row.get("offre", ""))
            disponibles = whole_number(row.get("disponibles", ""), "disponibles")
            if disponibles is None:
                raise PlacesError("disponibles : case vide, indiquer le nombre de places libres")
            count = Count(ident, disponibles, whole_number(row.get("total"), "total"), count_date(row.get("date")))
            path = offer_file(offres, ident)
            if path in lines:
                raise PlacesError(f"offre « {ident} » déjà mise à jour ligne {lines[path]} : une ligne par offre")
            changes[path] = new_text(path, count)
            lines[path] = line
        except PlacesError as exc:
            problems.append((line, str(exc)))
    if changes:
        for path, errors in _still_valid(offres, changes).items():
            problems.extend((lines[path], f"la fiche ne serait plus valide : {e}") for e in errors)
    if problems:
        return [], [f"{table}:{line} : {message}" for line, message in sorted(problems, key=lambda p: p[0])]
    write(changes)
    return list(changes), []


# ----- a ticket (issue of the forge, or the offer page's e-mail) ----------------------------------------


def apply_ticket(offres: Path, text: str) -> tuple[Path, str]:
    """Apply a « Mettre à jour les places » or « Rien n'a changé » ticket; (file, what changed, in French)."""
    from generator.contribute.a_jour import mark_up_to_date
    from generator.model.ticket import TicketError, read

    try:
        ticket = read(text)
    except TicketError as exc:
        raise PlacesError(str(exc)) from None
    ident = offer_id(ticket.offre)
    if ticket.kind == "confirmation":
        path = offer_file(offres, ident)
        changed = mark_up_to_date(path)
        return path, f"{ident} : offre confirmée, date_maj mise à jour" if changed else f"{ident} : déjà confirmée aujourd'hui"
    disponibles = whole_number(ticket.disponibles, "places disponibles")
    if disponibles is None:
        raise PlacesError("places disponibles : réponse vide")
    count = Count(ident, disponibles, whole_number(ticket.total, "places au total"), count_date(ticket.date, "date du comptage"))
    path = apply(offres, count)
    return path, summary(count)


def summary(count: Count) -> str:
    total = f" sur {count.total}" if count.total is not None else ""
    day = f", comptées le {count.date.isoformat()}" if count.date else ""
    return f"{count.ident} : {count.disponibles} place{'s' if count.disponibles > 1 else ''} disponible{'s' if count.disponibles > 1 else ''}{total}{day}"
