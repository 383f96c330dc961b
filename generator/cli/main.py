"""The `catalogue` command. Exit codes: 0 success, 1 invalid data or failure, 2 usage error."""

import argparse
import sys
from pathlib import Path

from generator.adapters import argparse_fr
from generator.cli.commands import (
    cmd_a_jour,
    cmd_a_mettre_a_jour,
    cmd_build,
    cmd_codeowners,
    cmd_doublons,
    cmd_geocode,
    cmd_import,
    cmd_new,
    cmd_places,
    cmd_schema,
    cmd_serve,
    cmd_stats,
    cmd_ticket,
    cmd_traductions,
    cmd_validate,
)


def common_options() -> argparse.ArgumentParser:
    """Options shared by every command that reads the catalogue."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--offres", type=Path, default=Path("offers"), help="dossier des offres (par défaut : offers)")
    common.add_argument(
        "--territoire", type=Path, default=Path("territoire.yml"), help="configuration du catalogue (par défaut : territoire.yml)"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    argparse_fr.install()
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="catalogue",
        description="Catalogue de l'offre d'insertion : valider les fiches, construire le site et les données ouvertes.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)

    p = sub.add_parser("validate", parents=[common], help="vérifier les fichiers YAML des offres et des structures")
    p.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN", help="fichiers ou dossiers (par défaut : tout le catalogue)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="format du rapport")
    p.add_argument("--changed-since", metavar="REF",
                   help="donner d'abord les problèmes des fichiers modifiés depuis cette référence Git (ex. origin/main)")
    p.add_argument("--summary", type=Path, metavar="FICHIER",
                   help="ajouter un résumé en Markdown à ce fichier (dans la CI : $GITHUB_STEP_SUMMARY)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="régénérer les schémas JSON depuis le modèle")
    p.add_argument("--out", type=Path, default=Path("schema"), help="dossier de sortie (par défaut : schema)")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("traductions", help="mettre à jour les fichiers de traduction de l'interface (generator/locale/)")
    p.add_argument("--ajouter", metavar="CODE", help="ajouter une langue (code ISO 639-1, par exemple : ar, uk)")
    p.set_defaults(func=cmd_traductions)

    p = sub.add_parser("import", help="importer des offres publiées dans un autre format")
    p.add_argument("format", choices=["data-inclusion"], metavar="FORMAT", help="format des fichiers : data-inclusion (format national v1)")
    p.add_argument("--services", type=Path, required=True, metavar="FICHIER",
                   help="fichier des services : JSON, CSV, ou classeur XLSX (feuille « Services » s'il y en a une)")
    p.add_argument("--structures", type=Path, metavar="FICHIER",
                   help="fichier des structures : JSON, CSV ou XLSX (par défaut : la feuille « Structures » du classeur des services)")
    p.add_argument("--out", type=Path, default=Path("offers"), metavar="DOSSIER", help="dossier des offres à écrire (par défaut : offers)")
    p.add_argument("--territoire", metavar="CODE", help="ne garder que ce territoire (département, EPCI ou commune) ; zone des services qui n'en ont pas")
    p.add_argument("--force", action="store_true", help="remplacer les fichiers qui existent déjà")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("build", parents=[common], help="construire le site public et les données ouvertes")
    p.add_argument("--out", type=Path, default=Path("site"), help="dossier du site (par défaut : site)")
    p.add_argument("--base-url", default="",
                   help="adresse publique du site, à la place de « url » de territoire.yml (ex. https://exemple.github.io/catalogue/)")
    p.add_argument("--publier", action="store_true",
                   help="refuser de construire sans adresse publique (« url » de territoire.yml ou --base-url)")
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

    p = sub.add_parser("places", parents=[common], help="mettre à jour les places d'une offre (ou d'un tableau d'offres)")
    p.add_argument("offre", nargs="?", metavar="OFFRE", help="identifiant <structure>/<offre>")
    p.add_argument("--disponibles", metavar="N", help="nombre de places libres")
    p.add_argument("--total", metavar="N", help="nombre total de places (par défaut : celui du fichier)")
    p.add_argument("--date", metavar="AAAA-MM-JJ", help="jour du comptage (par défaut : aujourd'hui)")
    p.add_argument("--csv", type=Path, metavar="FICHIER",
                   help="tableau CSV (colonnes offre, disponibles, total, date) : tout est écrit, ou rien au moindre problème")
    p.set_defaults(func=cmd_places)

    p = sub.add_parser("ticket", parents=[common], help="appliquer un ticket « Mettre à jour les places » ou « Rien n'a changé »")
    p.add_argument("fichier", type=Path, metavar="FICHIER", help="texte du ticket (corps de l'issue ou du courriel ; - : entrée standard)")
    p.set_defaults(func=cmd_ticket)

    p = sub.add_parser("codeowners", parents=[common], help="écrire .github/CODEOWNERS depuis les mainteneurs des structures")
    p.add_argument("--out", type=Path, default=Path(".github/CODEOWNERS"), help="fichier à écrire")
    p.add_argument("--check", action="store_true", help="vérifier seulement que le fichier est à jour (code 1 sinon)")
    p.add_argument("--defaut", action="append", metavar="@EQUIPE",
                   help="propriétaire par défaut, l'équipe du catalogue (répétable ; par défaut : celui du fichier existant)")
    p.set_defaults(func=cmd_codeowners)

    p = sub.add_parser("geocode", parents=[common], help="ajouter les coordonnées manquantes (Base Adresse Nationale)")
    p.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN", help="fichiers ou dossiers (par défaut : tout le catalogue)")
    p.add_argument("--cache", type=Path, default=Path("cache/geocodage.json"), help="cache des réponses, gardé dans le dépôt")
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("stats", parents=[common], help="chiffres clés : offres, structures, places, fraîcheur, lacunes")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("doublons", parents=[common], help="lister les doublons possibles entre structures")
    p.add_argument("--seuil", type=int, help="score de ressemblance minimal, de 0 à 100 (par défaut : 80)")
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
