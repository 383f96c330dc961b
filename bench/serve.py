"""Banc de `catalogue serve` : combien de temps après la modification d'une fiche chaque sortie est à jour.

    .venv/bin/python bench/serve.py                          # catalogues de 10 000 offres, étalé et dense
    .venv/bin/python bench/serve.py --catalogues dense       # un seul

Pour chaque catalogue (bench/out/catalogue-10000 et catalogue-dense-10000, écrits par bench/run.py
s'ils manquent) : les fiches sont copiées dans bench/out/serve/<forme>/ (les catalogues du banc ne sont
pas modifiés), le site y est construit par le serveur de `catalogue serve` (generator/cli/serve.py,
dans ce processus), puis une fiche est modifiée deux fois et le serveur mis à jour comme après la
détection d'une modification :

* « places » : seulement ses places disponibles (le cas courant : un partenaire les met à jour) ;
* « nom et places » : son nom aussi (l'ordre des listes bouge : toutes leurs pages sont réécrites).

La fiche est celle de la liste la plus longue du département le plus dense (la plus chère à réécrire).
On mesure chaque étape de la partie rapide (pages et listes, flux, besoins/ et geo/) et de la partie en
arrière-plan (état de l'offre, vocabulaire, données ouvertes, index Pagefind, geo/ avec les nouveaux
identifiants), et le temps de la scrutation (un tour de `snapshot`, toutes les 0,3 s). Ce n'est pas un
test : les chiffres vont dans docs/performance.md (section « catalogue serve »).
"""

import argparse
import platform
import shutil
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from run import catalogue_dir  # noqa: E402

from generator.cli.serve import Server, snapshot  # noqa: E402

FORMES = {"etalee": "étalé", "dense": "dense"}


def pick(server: Server) -> Path:
    """The offer with a place in the densest département, in the longest thématique list, with places."""
    site = server.result.site
    dep = Counter(d for v in site.publiques for d in v.departements).most_common(1)[0][0]
    longest = max(site.by_thematique, key=lambda t: len(site.by_thematique[t]))
    vue = next(v for v in sorted(site.publiques, key=lambda v: v.id)
               if dep in v.departements and longest in v.offre.thematiques and v.offre.places)
    return server.offres / vue.structure_id / f"{vue.slug}.yml"


def edit(path: Path, rename: bool) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("  disponibles:"):
            n = int(line.split(":")[1])
            line = f"  disponibles: {0 if n else 1}\n"
        elif rename and line.startswith("nom:"):
            line = "nom: Zz " + line[4:].lstrip()
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")


def unit(key: str) -> str:
    return key if "(nombre)" in key else f"{key} (s)"


def measure(forme: str) -> dict:
    source = catalogue_dir(10000, forme)
    root = HERE / "out" / "serve" / forme
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(source / "offers", root / "offers")
    shutil.copyfile(source / "territoire.yml", root / "territoire.yml")
    try:
        return _measure(Server(root / "offers", root / "territoire.yml", root / "site", quiet=True))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _measure(server: Server) -> dict:
    start = time.perf_counter()
    assert server.full(), "construction impossible"
    result = {"construction au démarrage (s)": round(time.perf_counter() - start, 1)}
    start = time.perf_counter()
    snapshot(server.offres, server.territoire)
    result["scrutation : un tour (s)"] = round(time.perf_counter() - start, 2)
    target = pick(server)
    result["fiche modifiée"] = target.relative_to(server.offres).as_posix()
    for label, rename in (("places", False), ("nom et places", True)):
        edit(target, rename)
        start = time.perf_counter()
        assert server.incremental([target], start)
        fast = time.perf_counter() - start
        assert server.wait(600), "arrière-plan trop long"
        col = {f"rapide : {unit(k)}": v for k, v in server.timings.items()}
        col["**rapide : total (s)**"] = round(fast, 2)
        col.update({f"arrière-plan : {unit(k)}": v for k, v in server.background.timings.items() if k != "total"})
        col["**tout à jour (s)**"] = server.background.timings["total"]
        result[label] = col
    return result


EDITS = ("places", "nom et places")


def markdown(results: dict[str, dict]) -> str:
    columns = [(forme, label) for forme in results for label in EDITS]
    rows = list(dict.fromkeys(k for forme, label in columns for k in results[forme][label]))
    lines = ["| étape | " + " | ".join(f"{FORMES[f]}, {label}" for f, label in columns) + " |",
             "| --- |" + " --- |" * len(columns)]
    for key in ("fiche modifiée", "construction au démarrage (s)", "scrutation : un tour (s)"):
        lines.append(f"| {key} | " + " | ".join(str(results[f][key]) for f, _ in columns) + " |")
    for row in rows:
        lines.append(f"| {row} | " + " | ".join(str(results[f][label].get(row, "")) for f, label in columns) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure la mise à jour de catalogue serve après une fiche modifiée.")
    parser.add_argument("--catalogues", nargs="+", choices=list(FORMES), default=list(FORMES))
    args = parser.parse_args()
    results = {forme: measure(forme) for forme in args.catalogues}
    print(f"Mesuré le {date.today().isoformat()} ({platform.python_version()}, {platform.machine()}), 10 000 offres.\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
