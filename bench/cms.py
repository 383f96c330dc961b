"""The CMS under /admin/: size of its configuration at 3,000 structures, and what a partner's browser downloads.

    .venv/bin/python bench/cms.py [--offres 9000]

Writes a dense département (bench/dense.py: ~3 offers per structure, so 9,000 offers = 3,000 structures),
generates /admin/ as « catalogue build » does (generator.contribute.cms.write) and prints the size of
config.yml (limit: 300 KB), then the bytes transferred (gzip -6) for the page's scripts, fonts and messages,
against decap-cms (still in node_modules, for the comparison). Figures: docs/performance.md, « Outil d'édition ».
"""

import argparse
import gzip
import sys
import tempfile
import time
import types
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dense import write_dense
from generator.contribute import cms
from generator.model.territoire import Forge, Territoire
from generator.paths import NODE_MODULES

LIMIT = 300_000


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offres", type=int, default=9000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        offers = write_dense(root, args.offres)
        n_structures = sum(1 for p in offers.iterdir() if (p / "structure.yml").is_file())
        territoire = Territoire.model_validate(yaml.safe_load((root / "territoire.yml").read_text("utf-8")))
        if territoire.forge is None:
            territoire = territoire.model_copy(update={"forge": Forge(url="https://github.com/exemple/catalogue")})
        site = types.SimpleNamespace(territoire=territoire, base_url="", offres_dir="offers", structures={})
        start = time.perf_counter()
        admin = cms.write(site, root / "site")
        seconds = time.perf_counter() - start
        config = admin / "config.yml"
        size = config.stat().st_size
        print(f"structures : {n_structures}")
        print(f"config.yml : {size / 1000:.1f} Ko ({gz(config) / 1000:.1f} Ko gzip), écrit avec la page en {seconds:.2f} s ; limite {LIMIT // 1000} Ko")
        files = [admin / "sveltia-cms.js", *sorted((admin / "fonts").glob("*.woff2")), admin / "locales" / "fr.json",
                 admin / "vendor" / "immutable" / "dist" / "immutable.es.js"]
        print(f"Sveltia CMS, transféré : {sum(gz(f) for f in files) / 1e6:.2f} Mo (script {gz(files[0]) / 1e6:.2f} Mo, brut {files[0].stat().st_size / 1e6:.2f} Mo)")
        decap = NODE_MODULES / "decap-cms" / "dist"
        if (decap / "decap-cms.js").is_file():
            dfiles = [decap / "decap-cms.js", *decap.glob("*.wasm")]
            print(f"Decap CMS, transféré : {sum(gz(f) for f in dfiles) / 1e6:.2f} Mo (script {gz(dfiles[0]) / 1e6:.2f} Mo, brut {dfiles[0].stat().st_size / 1e6:.2f} Mo)")
        return 0 if size <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
