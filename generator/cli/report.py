"""Problems as the command prints them: text, JSON or GitHub annotations."""

import json
import sys

from generator.pipeline.problems import Problem


def _escape_github(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def print_problems(problems: list[Problem], fmt: str, files: int, out=None) -> None:
    out = out or sys.stdout
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
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
                }
                for p in problems
            ],
        }
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for p in problems:
        if fmt == "github":
            level = "error" if p.is_error else "warning"
            title = _escape_github(p.key or "fichier", prop=True)
            out.write(f"::{level} file={_escape_github(p.file, True)},line={p.line},col={p.column},title={title}::{_escape_github(p.message)}\n")
        else:
            out.write(f"{p}\n")
    plural = lambda n, word: f"{n} {word}{'s' if n > 1 else ''}"  # noqa: E731
    verdict = "catalogue valide" if errors == 0 else "catalogue invalide"
    out.write(f"{verdict} : {plural(files, 'fichier')}, {plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}\n")
