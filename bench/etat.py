"""The « état de l'offre » alone on a catalogue: time of its analysis, of its pages, and their sizes.

    .venv/bin/python bench/synthetic.py /tmp/dense 10000 --forme dense
    .venv/bin/python bench/etat.py /tmp/dense

Prints the analysis time (bassins × thématiques by eligibility, duplicate groups: the build's step
« analyse de l'offre »), the time to write its pages and CSV files, the number of pages and the largest
pages (each should stay ≤ 200 KB). Figures are reported in docs/performance.md.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.cli import build
from generator.opendata.common import generation_date
from generator.pipeline.load import discover
from generator.pipeline.validate import validate
from generator.site import render
from generator.site.etat import analyse as etat
from generator.site.etat import pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path, help="dossier qui contient offers/ et territoire.yml")
    args = parser.parse_args()
    offers = args.catalogue / "offers"
    cat = validate(offers, discover([offers], offers), territoire=args.catalogue / "territoire.yml")
    _, site = build.make_site(cat, "", generation_date(args.catalogue))
    with tempfile.TemporaryDirectory(prefix="etat-") as tmp:
        out = Path(tmp)
        start, cpu = time.perf_counter(), time.process_time()
        e = pages.compute(site)
        analyse, analyse_cpu = time.perf_counter() - start, time.process_time() - cpu
        cpu = time.process_time()
        etat.matrice(site.vues, e.matrice.bassins, site.ref)
        matrice_cpu = time.process_time() - cpu
        renderer = render.Renderer(site, out)
        start = time.perf_counter()
        render.run(pages.jobs(site, renderer))  # computes the figures again, then writes
        ecriture = time.perf_counter() - start - analyse
        html = sorted(out.rglob("index.html"), key=lambda p: p.stat().st_size, reverse=True)
        csv = sorted(out.rglob("*.csv"), key=lambda p: p.stat().st_size, reverse=True)
        print(f"offres publiées : {len(site.publiques)} ; bassins : {len(e.matrice.bassins)}")
        print(f"analyse de l'offre (état, doublons) : {analyse:.2f} s ({analyse_cpu:.2f} s de calcul, "
              f"dont matrice par éligibilité : {matrice_cpu:.2f} s)")
        print(f"pages et CSV de l'état : {ecriture:.2f} s, {len(html)} pages, {len(csv)} fichiers CSV")
        for p in html[:5]:
            print(f"  {p.stat().st_size / 1000:7.1f} ko  {p.relative_to(out).parent.as_posix()}/")
        for p in csv[:2]:
            print(f"  {p.stat().st_size / 1000:7.1f} ko  {p.relative_to(out).as_posix()}")


if __name__ == "__main__":
    main()
