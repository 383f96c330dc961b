"""Size of the « Proposer une offre » page (/proposer/) for a catalogue: the page must stay small
(≤ 200 Ko) whatever the number of structures and of départements (issue 19). The structures are in
files apart (their names, then the details of the chosen one's key), the communes in the site's
geo/communes-<dép>.json, each loaded when the partner needs it: the largest of each is printed.

    .venv/bin/python bench/synthetic.py /tmp/dense 10000 --forme dense
    .venv/bin/python bench/proposer.py /tmp/dense
"""

import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import urls  # noqa: E402
from generator.cli.build import Progress, load_catalogue, make_site  # noqa: E402
from generator.contribute import form  # noqa: E402
from generator.site.search.communes import lignes  # noqa: E402
from generator.site.search.records import dumps  # noqa: E402


def main(root: Path) -> None:
    from datetime import datetime as dt

    cat = load_catalogue(root / "offers", root / "territoire.yml", Progress(quiet=True))
    _, site = make_site(cat, "", dt.now())
    with tempfile.TemporaryDirectory() as tmp:
        page = form.write(site, Path(tmp))
        folder = Path(tmp) / urls.PROPOSER
        print(f"{len(cat.structures)} structures, {len(site.vues)} offres, {len(site.territoire.departements)} départements")
        details = sorted(folder.glob("structures-*.json"), key=lambda p: p.stat().st_size)
        epci = sorted(folder.glob("intercommunalites-*.json"), key=lambda p: p.stat().st_size)
        for path in [page, folder / "structures.json", *details[-1:], *epci[-1:]]:
            gz = len(gzip.compress(path.read_bytes()))
            print(f"{path.relative_to(tmp)} : {path.stat().st_size / 1024:.0f} Ko ({gz / 1024:.0f} Ko compressé par gzip)")
        print(f"  (le plus gros de {len(details)} fichiers structures-<clé>.json et de {len(epci)} intercommunalites-<dép>.json)")
    by_dep, _ = lignes(site.ref, site.centres.of)
    sizes = {d: len(dumps(rows).encode()) for d, rows in by_dep.items() if d in site.territoire.departements}
    biggest = max(sizes, key=sizes.get)
    print(f"geo/communes-{biggest}.json (le plus gros des {len(sizes)} départements du catalogue) : {sizes[biggest] / 1024:.0f} Ko")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
