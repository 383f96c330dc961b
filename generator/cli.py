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


def cmd_traductions(args: argparse.Namespace) -> int:
    from . import messages

    code = args.ajouter
    if code is not None:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            print(f"catalogue traductions : « {code} » n'est pas un code de langue (exemples : en, ar, uk)", file=sys.stderr)
            return 2
    for path in messages.update(add=code):
        lang = path.parent.parent.name
        manque = messages.missing(lang)
        etat = "complet" if not manque else f"{len(manque)} message{'s' if len(manque) > 1 else ''} à traduire"
        print(f"écrit : {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path} ({etat})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import run

    return run(args.services, args.structures, args.out, territoire=args.territoire, force=args.force, stdout=sys.stdout, stderr=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_command

    return build_command(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve_command

    return serve_command(args)


def cmd_a_jour(args: argparse.Namespace) -> int:
    from .contrib.a_jour import mark_up_to_date, target

    status = 0
    for ident in args.offres_ids:
        path = target(args.offres, ident)
        if not path.is_file():
            print(f"catalogue : fichier introuvable pour « {ident} » ({path})", file=sys.stderr)
            status = 1
            continue
        changed = mark_up_to_date(path)
        print(f"{path} : {'date_maj mise à jour' if changed else 'déjà à jour'}")
    return status


def cmd_codeowners(args: argparse.Namespace) -> int:
    from .contrib.codeowners import render
    from .load import discover
    from .validate import validate

    structures = [p for p in discover([args.offres], args.offres) if p.name == "structure.yml"]
    cat = validate(args.offres, structures)
    if cat.errors:
        print_problems(cat.errors, "text", len(structures))
        return 1
    text = render(cat.structures, args.offres.name)
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    if args.check:
        if current != text:
            print(f"{args.out} n'est pas à jour : lancer « catalogue codeowners » et enregistrer le fichier", file=sys.stderr)
            return 1
        print(f"{args.out} est à jour")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"écrit : {args.out}")
    return 0


def cmd_geocode(args: argparse.Namespace) -> int:
    from .contrib.geocode import BanGeocoder, geocode
    from .load import discover

    files = discover(args.paths or [args.offres], args.offres)
    report = geocode(files, BanGeocoder(), args.cache)
    if report.offline:
        print("Le service de géocodage (Base Adresse Nationale) est injoignable : aucun fichier n'a été modifié.", file=sys.stderr)
        return 1
    for where in report.filled:
        print(f"{where} : coordonnées ajoutées")
    for where in report.not_found:
        print(f"{where} : adresse introuvable, coordonnées à saisir à la main", file=sys.stderr)
    print(f"{len(report.filled)} adresse(s) géocodée(s), {len(report.not_found)} introuvable(s), {report.asked} requête(s) envoyée(s)")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .contrib.nouveau import Answers, Refused, ask, build

    answers = Answers(
        structure=args.structure, nom=args.nom, description=args.description, thematiques=args.thematique,
        publics=args.public, zone=args.zone, a_distance=args.a_distance, adresse=args.adresse,
        code_postal=args.code_postal, commune=args.commune, code_insee=args.code_insee,
        telephone=args.telephone, courriel=args.courriel, mobilisable_par=args.mobilisable_par, langues=args.langue,
    )
    try:
        if not args.non_interactif:
            answers = ask(answers, args.offres)
        path, text = build(answers, args.offres)
    except (EOFError, KeyboardInterrupt):
        print("\nabandon : aucun fichier écrit", file=sys.stderr)
        return 1
    except Refused as exc:
        print(f"offre non écrite :\n{exc}", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"écrit : {path}")
    return 0


def load_catalogue(args: argparse.Namespace):
    """Validate and enrich the whole catalogue; None (problems printed) when it has errors."""
    from .enrich import enrich
    from .load import discover
    from .validate import today, validate

    if not args.offres.is_dir():
        print(f"catalogue : dossier des offres introuvable : {args.offres}", file=sys.stderr)
        return None
    files = discover([args.offres], args.offres)
    cat = validate(args.offres, files, territoire=args.territoire)
    if cat.errors:
        print_problems(cat.errors, "text", len(files), out=sys.stderr)
        return None
    return cat, enrich(cat, today())


def _etat(args: argparse.Namespace):
    from . import etat
    from .territoires import referentiel

    loaded = load_catalogue(args)
    if loaded is None:
        return None
    cat, vues = loaded
    ref = referentiel()
    departements = cat.territoire.departements if cat.territoire else sorted({d for v in vues for d in v.departements})
    return cat, vues, ref, etat.bassins(cat.territoire, ref, departements)


def cmd_stats(args: argparse.Namespace) -> int:
    from . import etat

    loaded = _etat(args)
    if loaded is None:
        return 1
    cat, vues, ref, bassins = loaded
    m = etat.matrice(vues, bassins, ref)
    c = etat.chiffres(vues, len(cat.structures), m, len(etat.doublons(vues, ref)))
    fraiches = f"{round(100 * c.comptages_frais / c.comptages)} %" if c.comptages else "sans objet"
    rows = [
        ("Offres publiées", f"{c.offres_publiques} (sur {c.offres} fiches)"),
        ("Structures", str(c.structures)),
        ("Offres à jour", f"{c.offres_a_jour} sur {c.offres_publiques}"),
        ("Places", f"{c.places_disponibles} disponibles sur {c.places_total} ({c.comptages} offres comptent leurs places)"),
        ("Comptages de places récents", fraiches),
        ("Cases vides (bassin × thématique)", f"{c.lacunes} sur {len(m.bassins) * len(m.categories)}"),
        ("Doublons possibles", str(c.doublons)),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")
    return 0


def cmd_doublons(args: argparse.Namespace) -> int:
    from . import etat

    loaded = _etat(args)
    if loaded is None:
        return 1
    _, vues, ref, _ = loaded
    pairs = etat.doublons(vues, ref, args.seuil)
    noms = {v.id: v.offre.nom for v in vues}
    for d in pairs:
        print(f"{d.score:3d}  {d.a} « {noms[d.a]} »  ~  {d.b} « {noms[d.b]} »  ({', '.join(d.thematiques)})")
    print(f"{len(pairs)} doublon(s) possible(s). Pour écarter une paire : ajouter l'autre identifiant à « doublons_ecartes ».")
    return 0


def cmd_a_mettre_a_jour(args: argparse.Namespace) -> int:
    from . import etat
    from .render import date_fr

    loaded = load_catalogue(args)
    if loaded is None:
        return 1
    _, vues = loaded
    groups = etat.a_mettre_a_jour(vues)
    if args.format == "json":
        doc = [
            {
                "structure": g.structure_id,
                "nom": g.structure.nom,
                "mainteneurs": g.structure.mainteneurs,
                "offres": [
                    {"id": v.id, "nom": v.offre.nom, "date_maj": v.offre.date_maj.isoformat(), "frequence_maj": v.frequence_maj, "fraicheur": v.fraicheur}
                    for v in g.offres
                ],
            }
            for g in groups
        ]
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    total = sum(len(g.offres) for g in groups)
    print(f"# Offres à mettre à jour ({total})\n")
    print("Merci de vérifier ces offres puis de lancer `catalogue a-jour <offre>` (ou de modifier `date_maj`).\n")
    for g in groups:
        owners = " ".join(g.structure.mainteneurs) or "(aucun mainteneur déclaré)"
        print(f"## {g.structure.nom} — {owners}\n")
        for v in g.offres:
            state = "plus publiée" if v.fraicheur == "perimee" else "à mettre à jour"
            print(f"- [ ] `{v.id}` {v.offre.nom} : vérifiée le {date_fr(v.offre.date_maj)} ({state}, tous les {v.frequence_maj} mois)")
        print()
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

    p = sub.add_parser("traductions", help="mettre à jour les fichiers de traduction de l'interface (generator/locale/)")
    p.add_argument("--ajouter", metavar="CODE", help="ajouter une langue (code ISO 639-1, par exemple : ar, uk)")
    p.set_defaults(func=cmd_traductions)

    p = sub.add_parser("import", help="importer des offres publiées dans un autre format")
    p.add_argument("format", choices=["data-inclusion"], metavar="FORMAT", help="format des fichiers : data-inclusion (format national v1)")
    p.add_argument("--services", type=Path, required=True, metavar="FICHIER", help="fichier JSON des services")
    p.add_argument("--structures", type=Path, required=True, metavar="FICHIER", help="fichier JSON des structures")
    p.add_argument("--out", type=Path, default=Path("offers"), metavar="DOSSIER", help="dossier des offres à écrire (par défaut : offers)")
    p.add_argument("--territoire", metavar="CODE", help="ne garder que ce territoire (département, EPCI ou commune) ; zone des services qui n'en ont pas")
    p.add_argument("--force", action="store_true", help="remplacer les fichiers qui existent déjà")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("build", parents=[common], help="construire le site public et les données ouvertes")
    p.add_argument("--out", type=Path, default=Path("site"), help="dossier du site (par défaut : site)")
    p.add_argument("--base-url", default="", help="adresse publique du site (ex. https://exemple.github.io/catalogue/)")
    p.add_argument("--timings", action="store_true", help="écrire la durée de chaque étape dans build-timings.json")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", parents=[common], help="construire le site et le servir en local, reconstruit à chaque modification")
    p.add_argument("--out", type=Path, default=Path("site"), help="dossier du site (par défaut : site)")
    p.add_argument("--port", type=int, default=8000, help="port local (par défaut : 8000)")
    p.add_argument("--base-url", default="", help="adresse publique du site")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("a-jour", parents=[common], help="confirmer qu'une offre est à jour (date_maj = aujourd'hui)")
    p.add_argument("offres_ids", nargs="+", metavar="OFFRE", help="identifiant <structure>/<offre>, <structure> ou chemin du fichier")
    p.set_defaults(func=cmd_a_jour)

    p = sub.add_parser("codeowners", parents=[common], help="écrire .github/CODEOWNERS depuis les mainteneurs des structures")
    p.add_argument("--out", type=Path, default=Path(".github/CODEOWNERS"), help="fichier à écrire")
    p.add_argument("--check", action="store_true", help="vérifier seulement que le fichier est à jour (code 1 sinon)")
    p.set_defaults(func=cmd_codeowners)

    p = sub.add_parser("geocode", parents=[common], help="ajouter les coordonnées manquantes (Base Adresse Nationale)")
    p.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN", help="fichiers ou dossiers (par défaut : tout le catalogue)")
    p.add_argument("--cache", type=Path, default=Path("cache/geocodage.json"), help="cache des réponses, gardé dans le dépôt")
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("stats", parents=[common], help="chiffres clés : offres, structures, places, fraîcheur, lacunes")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("doublons", parents=[common], help="lister les doublons possibles entre structures")
    p.add_argument("--seuil", type=int, default=80, help="score de ressemblance minimal, de 0 à 100 (par défaut : 80)")
    p.set_defaults(func=cmd_doublons)

    p = sub.add_parser("a-mettre-a-jour", parents=[common], help="offres à vérifier, par structure, prêtes pour un ticket")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown", help="format de la liste")
    p.set_defaults(func=cmd_a_mettre_a_jour)

    p = sub.add_parser("new", parents=[common], help="créer une nouvelle offre en répondant à quelques questions")
    p.add_argument("--structure", help="dossier de la structure (ex. ccas-evry)")
    p.add_argument("--nom", help="nom de l'offre")
    p.add_argument("--description", help="description de l'offre")
    p.add_argument("--thematique", action="append", help="code de thématique (répétable)")
    p.add_argument("--public", action="append", help="code de public (répétable)")
    p.add_argument("--zone", action="append", help="code de la zone d'éligibilité (répétable)")
    p.add_argument("--a-distance", action="store_true", help="offre proposée à distance")
    p.add_argument("--adresse", help="adresse du lieu (numéro et voie)")
    p.add_argument("--code-postal", help="code postal du lieu")
    p.add_argument("--commune", help="commune du lieu")
    p.add_argument("--code-insee", help="code INSEE de la commune (déduit du code postal sinon)")
    p.add_argument("--telephone", help="téléphone")
    p.add_argument("--courriel", help="courriel")
    p.add_argument("--mobilisable-par", action="append", choices=["usagers", "professionnels"], help="qui peut orienter (répétable)")
    p.add_argument("--langue", action="append", help="langue parlée sur place en plus du français, code ISO 639-1 (répétable, ex. ar)")
    p.add_argument("--non-interactif", action="store_true", help="ne rien demander : échouer si une réponse manque")
    p.set_defaults(func=cmd_new)

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
