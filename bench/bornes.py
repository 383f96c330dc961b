"""What a build cannot spend less on: the cost of the fixed parts of `catalogue build`, measured alone.

    .venv/bin/python bench/bornes.py            # on the 10 000-offer synthetic catalogue
    .venv/bin/python bench/bornes.py --taille 1000

Prints, in CPU seconds (user + system, children included): the libyaml parse floor, Pagefind indexing
the site's search records, Jinja2 rendering every offer page in every interface language (templates
only: the pages' data is prepared beforehand and not counted), and writing that many pages into a new
folder. Their sum divided by the number of cores is the shortest wall time a build doing this work
could take, before preparing any page's data, the open data, the état de l'offre or the editorial pages.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import catalogue_dir, parse_floor  # noqa: E402

from generator import i18n
from generator.adapters.pagefind import run_pagefind
from generator.cli import build  # noqa: E402
from generator.site import render
from generator.site.pages.offre import offre_view
from generator.site.search import index
from generator.site.search.records import search_records


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measured(fn) -> float:
    start = cpu()
    fn()
    return cpu() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Coût des parties incompressibles d'une construction.")
    parser.add_argument("--taille", type=int, default=10000)
    args = parser.parse_args()
    os.environ["CATALOGUE_CACHE"] = "0"
    root = catalogue_dir(args.taille)
    floor = measured(lambda: parse_floor(root))
    cat = build.load_catalogue(root / "offers", root / "territoire.yml", build.Progress(quiet=True))
    vues, site = build.make_site(cat, "", datetime(2026, 11, 23))
    records = search_records(site)  # what the build gives Pagefind
    scratch = Path(tempfile.mkdtemp(prefix="bornes-", dir=index.SCRATCH if os.access(index.SCRATCH, os.W_OK) else None))
    try:
        pagefind = measured(lambda: run_pagefind(records, scratch / "pagefind"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    renderer = render.Renderer(site, root)
    pages: list[str] = []
    templates = 0.0
    for lang in i18n.languages():
        template = renderer.env(lang).get_template("offre.html")
        with i18n.speaking(lang):
            views = [offre_view(site, v) for v in vues]
            templates += measured(lambda: pages.extend(template.render(**view) for view in views))  # noqa: B023
    # A new folder, never a removed one's place (see EXT4_REUSE_WINDOW_S in run.py); removed by the next run.
    out = root / "mesures" / f"ecriture-{time.time_ns()}"
    out.mkdir(parents=True)

    def write_all() -> None:
        for i, html in enumerate(pages):
            render.write(out / f"s{i % 500}" / f"o{i}" / "index.html", html)

    writes = measured(write_all)
    cores = os.cpu_count() or 1
    rows = [
        ("plancher libyaml (lecture des fichiers)", floor),
        ("Pagefind : index des offres publiées", pagefind),
        (f"gabarits Jinja2 seuls : {len(pages)} pages d'offres", templates),
        (f"écriture de {len(pages)} pages", writes),
    ]
    total = sum(seconds for _, seconds in rows)
    print(f"| {args.taille} offres | s de calcul |\n| --- | --- |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.1f} |")
    print(f"| total | {total:.1f} |")
    print(f"\nSur {cores} cœurs, au mieux {total / cores:.1f} s, soit {total / cores / floor:.1f} × le plancher ({floor:.2f} s).")


if __name__ == "__main__":
    main()
