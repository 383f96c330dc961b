"""The `catalogue` subcommands."""

import argparse
import json
import re
import sys
from pathlib import Path

from generator.cli.report import print_problems


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.pipeline.load import discover
    from generator.pipeline.synonymes import add_synonymes
    from generator.pipeline.validate import validate

    root = args.offres
    paths = args.paths or [root]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"catalogue : chemin introuvable : {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    if not root.is_dir():
        print(f"catalogue : dossier des offres introuvable : {root}", file=sys.stderr)
        return 2
    changed = None
    if args.changed_since:
        from generator.cli.changes import ChangesError, changed_since

        try:
            paths_changed = changed_since(args.changed_since, root)
        except ChangesError as exc:
            print(f"catalogue : {exc}", file=sys.stderr)
            return 2
        base = root.resolve().parent

        def changed(p) -> bool:
            return (base / p.file).resolve() in paths_changed
    files = discover(paths, root)
    cat = validate(root, files, territoire=args.territoire)
    add_synonymes(cat, args.territoire)
    print_problems(cat.problems, args.format, len(files), changed=changed)
    if args.summary:
        from generator.cli.report import summary

        with open(args.summary, "a", encoding="utf-8") as f:
            f.write(summary(cat.problems, len(files), changed))
    return 1 if cat.errors else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.model.schema import write_schemas

    for path in write_schemas(args.out):
        print(f"écrit : {path}")
    return 0


def cmd_traductions(args: argparse.Namespace) -> int:
    from generator.contribute import traductions as messages

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
    from generator.contribute.importer import run

    return run(args.services, args.structures, args.out, territoire=args.territoire, force=args.force, stdout=sys.stdout, stderr=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.cli.build import build_command

    return build_command(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.cli.serve import serve_command

    return serve_command(args)


def cmd_a_jour(args: argparse.Namespace) -> int:
    from generator.contribute.a_jour import mark_up_to_date, target

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


def cmd_places(args: argparse.Namespace) -> int:
    from generator.contribute.places import Count, PlacesError, apply, apply_table, count_date, offer_id, summary, whole_number

    if args.csv is not None:
        if args.offre or args.disponibles is not None or args.total is not None or args.date is not None:
            print("catalogue places : avec --csv, les places viennent du tableau (pas d'OFFRE ni de --disponibles)", file=sys.stderr)
            return 2
        written, problems = apply_table(args.offres, args.csv)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{len(problems)} problème(s) : aucun fichier n'a été modifié", file=sys.stderr)
            return 1
        for path in written:
            print(f"{path} : places mises à jour")
        return 0
    if not args.offre or args.disponibles is None:
        print("catalogue places : indiquer l'offre et --disponibles N (ou --csv FICHIER)", file=sys.stderr)
        return 2
    try:
        disponibles = whole_number(args.disponibles, "--disponibles")
        if disponibles is None:
            raise PlacesError("--disponibles : valeur vide")
        count = Count(offer_id(args.offre), disponibles, whole_number(args.total, "--total"), count_date(args.date, "--date"))
        path = apply(args.offres, count)
    except PlacesError as exc:
        print(f"catalogue places : {exc}", file=sys.stderr)
        return 1
    print(f"{path} : {summary(count)}")
    return 0


def cmd_ticket(args: argparse.Namespace) -> int:
    from generator.contribute.places import PlacesError, apply_ticket

    try:
        text = sys.stdin.read() if str(args.fichier) == "-" else args.fichier.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"catalogue ticket : lecture impossible de {args.fichier} ({getattr(exc, 'strerror', None) or exc})", file=sys.stderr)
        return 1
    try:
        path, what = apply_ticket(args.offres, text)
    except PlacesError as exc:
        print(f"catalogue ticket : {exc}", file=sys.stderr)
        return 1
    print(what)
    print(f"fichier : {path}", file=sys.stderr)
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from generator.contribute.codeowners import OWNER, default_owners, render
    from generator.pipeline.load import discover
    from generator.pipeline.validate import validate

    bad = [o for o in args.defaut or [] if not OWNER.match(o)]
    if bad:
        print(f"catalogue codeowners : « {bad[0]} » n'est pas un compte ou une équipe de la forge (ex. @equipe ou @organisation/equipe)", file=sys.stderr)
        return 2
    structures = [p for p in discover([args.offres], args.offres) if p.name == "structure.yml"]
    cat = validate(args.offres, structures)
    if cat.errors:
        print_problems(cat.errors, "text", len(structures))
        return 1
    current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
    default = args.defaut or default_owners(current)
    if not default:
        print(f"{args.out} : aucun propriétaire par défaut ; l'indiquer avec --defaut @equipe (voir docs/contribuer/mainteneurs.md)", file=sys.stderr)
    text = render(cat.structures, args.offres.name, default)
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
    from generator.contribute.geocode import BanGeocoder, geocode
    from generator.pipeline.load import discover

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
    from generator.contribute.nouveau import Answers, Refused, ask, build, interpret, reprendre
    from generator.pipeline.validate import load_territoire

    answers = Answers(
        structure=args.structure, nom=args.nom, description=args.description, thematiques=args.thematique,
        publics=args.public, zone=args.zone, a_distance=args.a_distance, adresse=args.adresse,
        code_postal=args.code_postal, commune=args.commune, code_insee=args.code_insee,
        telephone=args.telephone, courriel=args.courriel, mobilisable_par=args.mobilisable_par, langues=args.langue,
    )
    territoire = load_territoire(args.territoire)[0] if args.territoire.is_file() else None
    departements = list(territoire.departements) if territoire and territoire.departements else None
    refused = interpret(answers, departements)
    if refused and args.non_interactif:
        lines = [f"{k} : {m}" for k, m in refused.items()]
        try:
            build(answers, args.offres)
        except Refused as exc:  # the other problems too, all at once
            lines += [line for line in str(exc).splitlines() if re.split(r"[\[. ]", line, 1)[0] not in refused]
        print("offre non écrite :\n" + "\n".join(lines), file=sys.stderr)
        return 1
    for attr, message in refused.items():  # asked again, with the reason
        print(f"{attr} : {message}")
        setattr(answers, attr, None)
    try:
        if not args.non_interactif:
            answers = ask(answers, args.offres, departements=departements)
        path, text = build(answers, args.offres)
    except (EOFError, KeyboardInterrupt):
        print("\nabandon : aucun fichier écrit", file=sys.stderr)
        return 1
    except Refused as exc:
        print(f"offre non écrite :\n{exc}", file=sys.stderr)
        if not args.non_interactif:
            print(f"Vos réponses ne sont pas perdues : corriger puis relancer\n  {reprendre(answers)}", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"écrit : {path}")
    return 0


def load_catalogue(args: argparse.Namespace):
    """Validate and enrich the whole catalogue; None (problems printed) when it has errors."""
    from generator.pipeline.enrich import enrich
    from generator.pipeline.load import discover
    from generator.pipeline.validate import today, validate

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
    from generator.model.territoires import referentiel
    from generator.site.etat import analyse as etat

    loaded = load_catalogue(args)
    if loaded is None:
        return None
    cat, vues = loaded
    ref = referentiel()
    departements = cat.territoire.departements if cat.territoire else sorted({d for v in vues for d in v.departements})
    return cat, vues, ref, etat.bassins(cat.territoire, ref, departements)


def cmd_stats(args: argparse.Namespace) -> int:
    from generator.site.etat import analyse as etat
    from generator.site.etat.duplicates import groupes

    loaded = _etat(args)
    if loaded is None:
        return 1
    cat, vues, ref, bassins = loaded
    m = etat.matrice(vues, bassins, ref)
    c = etat.chiffres(vues, len(cat.structures), m, len(groupes(vues, ref)))
    fraiches = f"{round(100 * c.comptages_frais / c.comptages)} %" if c.comptages else "sans objet"
    rows = [
        ("Offres publiées", f"{c.offres_publiques} (sur {c.offres} fiches)"),
        ("Structures", str(c.structures)),
        ("Offres à jour", f"{c.offres_a_jour} sur {c.offres_publiques}"),
        ("Places", f"{c.places_disponibles} disponibles sur {c.places_total} ({c.comptages} offres comptent leurs places)"),
        ("Comptages de places récents", fraiches),
        ("Cases vides (bassin × thématique)", f"{c.lacunes} sur {len(m.bassins) * len(m.categories)}"),
        ("Groupes de doublons possibles", str(c.doublons)),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")
    return 0


def cmd_doublons(args: argparse.Namespace) -> int:
    from generator.site.etat.duplicates import SEUIL, groupes

    loaded = _etat(args)
    if loaded is None:
        return 1
    _, vues, ref, _ = loaded
    found = groupes(vues, ref, SEUIL if args.seuil is None else args.seuil)
    by_id = {v.id: v for v in vues}
    for n, g in enumerate(found, 1):
        print(f"groupe {n} : {len(g.membres)} offres, ressemblance jusqu'à {g.score} sur 100 ({', '.join(g.thematiques)})")
        for m in g.membres:
            print(f"  {m.score:3d}  {m.id} « {by_id[m.id].offre.nom} » — {by_id[m.id].structure.nom}")
    print(f"{len(found)} groupe(s) de doublons possibles. Pour écarter une offre d'un groupe : ajouter les identifiants des autres à « doublons_ecartes ».")
    return 0


def cmd_a_mettre_a_jour(args: argparse.Namespace) -> int:
    from generator.site.etat import analyse as etat
    from generator.site.formatting import date_fr

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
