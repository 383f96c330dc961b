"""Size of the « Proposer une offre » page (/proposer/) for a catalogue: the page must stay small
(≤ 200 Ko) whatever the number of structures (issue 19). The structures are in a separate file, loaded
when the person chooses hers.

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


def main(root: Path) -> None:
    from datetime import datetime as dt

    cat = load_catalogue(root / "offers", root / "territoire.yml", Progress(quiet=True))
    _, site = make_site(cat, "", dt.now())
    with tempfile.TemporaryDirectory() as tmp:
        page = form.write(site, Path(tmp))
        extra = sorted((Path(tmp) / urls.PROPOSER).iterdir())
        print(f"{len(cat.structures)} structures, {len(site.vues)} offres")
        for path in extra:
            gz = len(gzip.compress(path.read_bytes()))
            print(f"{path.relative_to(tmp)} : {path.stat().st_size / 1024:.0f} Ko ({gz / 1024:.0f} Ko compressé par gzip)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
