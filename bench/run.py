"""Benchmark: synthetic catalogues of N offers, measured in one run.

    .venv/bin/python bench/run.py                 # 1 000 and 10 000 offers
    .venv/bin/python bench/run.py --sizes 60000   # national scale

For each size: the libyaml parse floor (every file read with yaml.CSafeLoader, one process),
`catalogue validate`, `catalogue build` (when available) with its steps, peak memory, and the
resulting sizes. Results are printed as a Markdown table and written to bench/out/results.json.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import write_catalogue  # noqa: E402

CATALOGUE = [sys.executable, "-m", "generator.cli"]


def catalogue_dir(n: int) -> Path:
    root = HERE / "out" / f"catalogue-{n}"
    if not (root / "offers").is_dir():
        print(f"… écriture d'un catalogue synthétique de {n} offres", file=sys.stderr)
        write_catalogue(root, n)
    return root


def parse_floor(root: Path) -> tuple[float, int]:
    files = sorted((root / "offers").rglob("*.yml"))
    start = time.perf_counter()
    for path in files:
        with open(path, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start, len(files)


def run(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall time, peak RSS in MB of the child, and its output."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"échec de {' '.join(cmd)} (code {proc.returncode})")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, int(peak_mb), proc.stdout + proc.stderr


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, with_build: bool) -> dict:
    root = catalogue_dir(n)
    floor, files = parse_floor(root)
    validate_s, validate_mb, _ = run([*CATALOGUE, "validate", "--format", "json"], root)
    result = {
        "offres": n,
        "fichiers": files,
        "plancher_libyaml_s": round(floor, 2),
        "validate_s": round(validate_s, 2),
        "validate_sur_plancher": round(validate_s / floor, 2),
        "validate_memoire_mo": validate_mb,
    }
    if with_build:
        build_s, build_mb, output = run([*CATALOGUE, "build", "--out", "site", "--timings"], root)
        result.update(
            {
                "build_s": round(build_s, 2),
                "build_sur_plancher": round(build_s / floor, 2),
                "build_memoire_mo": build_mb,
                "site_mo": round(dir_size(root / "site") / 1e6, 1),
            }
        )
        timings = root / "site" / ".." / "build-timings.json"
        if timings.exists():
            result["etapes_s"] = json.loads(timings.read_text())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure validate et build sur des catalogues synthétiques.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--sans-build", action="store_true", help="ne mesurer que validate")
    args = parser.parse_args()
    results = [measure(n, not args.sans_build) for n in args.sizes]
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    keys = list(dict.fromkeys(k for r in results for k in r if k != "etapes_s"))
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in results:
        print("| " + " | ".join(str(r.get(k, "")) for k in keys) + " |")
        for step, seconds in (r.get("etapes_s") or {}).items():
            print(f"    {step}: {seconds} s")


if __name__ == "__main__":
    main()
