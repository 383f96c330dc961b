"""The `catalogue` command. Exit codes: 0 success, 1 invalid data or failure, 2 usage error."""

import argparse
import json
import sys
from pathlib import Path

from .problems import Problem

# argparse speaks English; the few messages a user can meet are given in French.
_ARGPARSE_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur attendue",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
}
argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # type: ignore[attr-defined]


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


def cmd_validate(args: argparse.Namespace) -> int:
    from .load import discover
    from .validate import validate

    root = args.offres
    paths = args.paths or [root]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"catalogue : chemin introuvable : {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    if not root.is_dir():
        print(f"catalogue : dossier des offres introuvable : {root}", file=sys.stderr)
        return 2
    files = discover(paths, root)
    cat = validate(root, files, territoire=args.territoire)
    print_problems(cat.problems, args.format, len(files))
    return 1 if cat.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(f"écrit : {path}")
    return 0


def common_options() -> argparse.ArgumentParser:
    """Options shared by every command that reads the catalogue."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--offres", type=Path, default=Path("offers"), help="dossier des offres (par défaut : offers)")
    common.add_argument(
        "--territoire", type=Path, default=Path("territoire.yml"), help="configuration du catalogue (par défaut : territoire.yml)"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="catalogue",
        description="Catalogue de l'offre d'insertion : valider les fiches, construire le site et les données ouvertes.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)

    p = sub.add_parser("validate", parents=[common], help="vérifier les fichiers YAML des offres et des structures")
    p.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN", help="fichiers ou dossiers (par défaut : tout le catalogue)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="format du rapport")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="régénérer les schémas JSON depuis le modèle")
    p.add_argument("--out", type=Path, default=Path("schema"), help="dossier de sortie (par défaut : schema)")
    p.set_defaults(func=cmd_schema)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("\ninterrompu", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
