"""Problems as the command prints them: text, JSON or GitHub annotations, and the job summary of the CI.

With the files a pull request changes (`changed`), their problems come first: GitHub shows only the first
annotations of a step (10 errors and 10 warnings), and they must be the partner's. The warnings the partner
has nothing to do about (coordinates the maintainers' workflow adds) are not annotated: the summary lists
them apart.
"""

import json
import sys
from collections.abc import Callable

from generator.pipeline.checks.check_territoires import SANS_COORDONNEES
from generator.pipeline.problems import Problem

OTHERS_LISTED = 50  # problems of unchanged files listed in the summary (the others are counted)


def _escape_github(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def for_maintainers(p: Problem) -> bool:
    """A warning only the catalogue's team acts on (its scheduled workflow does it)."""
    return not p.is_error and p.message == SANS_COORDONNEES


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def split(problems: list[Problem], changed: Callable[[Problem], bool] | None) -> tuple[list[Problem], list[Problem]]:
    """(problems of the changed files, the others); every problem is « changed » without a list of changes."""
    if changed is None:
        return list(problems), []
    mine = [p for p in problems if changed(p)]
    return mine, [p for p in problems if not changed(p)]


def print_problems(problems: list[Problem], fmt: str, files: int, out=None, changed: Callable[[Problem], bool] | None = None) -> None:
    out = out or sys.stdout
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    mine, others = split(problems, changed)
    ordered = mine + others
    if fmt == "json":
        doc = {
            "valide": errors == 0,
            "fichiers": files,
            "erreurs": errors,
            "avertissements": warnings,
            "problemes": [
                {
                    "fichier": p.file,
                    "ligne": p.line,
                    "colonne": p.column,
                    "champ": p.key,
                    "message": p.message,
                    "gravite": p.severity,
                    **({"modifie": p in mine} if changed is not None else {}),
                }
                for p in ordered
            ],
        }
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for p in ordered:
        if fmt == "github":
            if for_maintainers(p) or (changed is not None and not p.is_error and p not in mine):
                continue  # in the summary: the first annotations are the partner's
            level = "error" if p.is_error else "warning"
            title = _escape_github(p.key or "fichier", prop=True)
            out.write(f"::{level} file={_escape_github(p.file, True)},line={p.line},col={p.column},title={title}::{_escape_github(p.message)}\n")
        else:
            out.write(f"{p}\n")
    verdict = "catalogue valide" if errors == 0 else "catalogue invalide"
    out.write(f"{verdict} : {_plural(files, 'fichier')}, {_plural(errors, 'erreur')}, {_plural(warnings, 'avertissement')}\n")


# ----- the job summary ($GITHUB_STEP_SUMMARY) ---------------------------------------------------------------


def _md(text: object) -> str:
    """Text in a Markdown table cell: no HTML, no table break, no line break."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "'").replace("\r", " ").replace("\n", " ")


def _table(problems: list[Problem]) -> list[str]:
    lines = ["| Fichier | Ligne | Champ | Gravité | Problème |", "| --- | --- | --- | --- | --- |"]
    for p in problems:
        lines.append(f"| {_md(p.file)} | {p.line}:{p.column} | {_md(p.key or '(fichier)')} | {p.severity} | {_md(p.message)} |")
    return lines


def summary(problems: list[Problem], files: int, changed: Callable[[Problem], bool] | None = None) -> str:
    """The job summary, in Markdown: every problem of the changed files (none left out), the warnings the
    catalogue's team takes care of, and the problems of the other files (the first OTHERS_LISTED)."""
    errors = sum(p.is_error for p in problems)
    mine, others = split(problems, changed)
    team = [p for p in mine if for_maintainers(p)]
    mine = [p for p in mine if not for_maintainers(p)]
    others = [p for p in others if not for_maintainers(p)]
    out = ["## Vérification des offres", ""]
    if errors:
        out.append(f"**Le catalogue contient {_plural(errors, 'erreur')}** : la pull request ne peut pas être fusionnée avant leur correction.")
    else:
        out.append("**Le catalogue est valide.**")
    out.append("")
    title = "Fichiers modifiés par la pull request" if changed is not None else "Problèmes"
    out.append(f"### {title} : {_plural(sum(p.is_error for p in mine), 'erreur')}, "
               f"{_plural(sum(not p.is_error for p in mine), 'avertissement')}")
    out.append("")
    if mine:
        out += _table(mine)
        out += ["", "Corriger chaque ligne dans le fichier indiqué (le guide des partenaires, docs/contribuer/champs.md, décrit chaque champ)."]
    else:
        out.append("Aucun problème." if changed is None else "Aucun problème dans les fichiers modifiés.")
    out.append("")
    if team:
        out += ["### Pris en charge par l'équipe du catalogue", ""]
        out += [f"- {_md(p.file)} ligne {p.line} : {_md(p.message)}" for p in team]
        out += ["", "Rien à faire de votre côté : le workflow d'entretien ajoute les coordonnées après la fusion.", ""]
    if others:
        counts = f"{_plural(sum(p.is_error for p in others), 'erreur')}, {_plural(sum(not p.is_error for p in others), 'avertissement')}"
        out += [f"### Autres fichiers : {counts}", ""]
        out += ["Ces fichiers ne sont pas modifiés par la pull request : l'équipe du catalogue s'en occupe.", ""]
        out += _table(others[:OTHERS_LISTED])
        if len(others) > OTHERS_LISTED:
            out += ["", f"… et {len(others) - OTHERS_LISTED} autres (« catalogue validate » les donne tous)."]
        out.append("")
    out.append(f"{_plural(files, 'fichier')} vérifié{'s' if files > 1 else ''}.")
    return "\n".join(out) + "\n"
