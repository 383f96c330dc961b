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
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from dense import write_dense  # noqa: E402
from synthetic import write_catalogue  # noqa: E402

CATALOGUE = [sys.executable, "-m", "generator.cli"]


# The two shapes of a catalogue: offers spread over a region (synthetic.py), or a dense département
# written from national templates (dense.py).
FORMES = {"etalee": write_catalogue, "dense": write_dense}


def catalogue_dir(n: int, forme: str = "etalee") -> Path:
    root = HERE / "out" / (f"catalogue-{n}" if forme == "etalee" else f"catalogue-{forme}-{n}")
    if not (root / "offers").is_dir():
        print(f"… écriture d'un catalogue synthétique de {n} offres ({forme})", file=sys.stderr)
        FORMES[forme](root, n)
    return root


def parse_floor(root: Path) -> tuple[float, int]:
    files = sorted((root / "offers").rglob("*.yml"))
    start = time.perf_counter()
    for path in files:
        with open(path, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start, len(files)


# Runs a command and prints the peak memory of it and its children, and the CPU seconds (user + system)
# they spent: measured per command, not per benchmark.
_PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print('peak_kb', u.ru_maxrss, 'cpu_s', u.ru_utime + u.ru_stime, file=sys.stderr); sys.exit(r.returncode)"
)
LAST_CPU_S: list[float] = []  # the CPU seconds of each command run, in order


def run(cmd: list[str], cwd: Path, cache: str) -> tuple[float, int, str]:
    """Wall time, peak RSS in MB of the command, and its output; `cache` is its CATALOGUE_CACHE. Its CPU
    seconds are appended to LAST_CPU_S."""
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CATALOGUE_CACHE": cache}
    proc = subprocess.run([sys.executable, "-c", _PEAK, *cmd], cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"échec de {' '.join(cmd)} (code {proc.returncode})")
    peak_kb, _, cpu_s = proc.stderr.rsplit("peak_kb", 1)[1].split()[:3]
    LAST_CPU_S.append(float(cpu_s))
    peak_kb = int(peak_kb)
    return elapsed, peak_kb // 1024, proc.stdout + proc.stderr


# ext4 without a journal (this machine's disk) does not reuse an inode freed less than 60 s ago (up to
# 6 minutes while its block is not written back): creating 30,000 files just after removing as many
# then costs up to ten times more system time. Builds therefore write into new folders, and what a
# previous run left is removed once, before the first measure, followed by a wait past that window.
EXT4_REUSE_WINDOW_S = 65


def fresh_outputs(root: Path) -> Path:
    """An empty folder for this run's sites; the previous run's are removed first."""
    outputs = root / "mesures"
    stale = [p for p in (outputs, root / "site", *root.glob(".site-*")) if p.exists()]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    outputs.mkdir()
    os.sync()
    if stale:
        print(f"… attente de {EXT4_REUSE_WINDOW_S} s après la suppression des sites précédents", file=sys.stderr)
        time.sleep(EXT4_REUSE_WINDOW_S)
    return outputs


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def offer_pages(site: Path) -> dict:
    sizes = sorted(p.stat().st_size for p in (site / "offres").rglob("index.html"))
    return {"page_offre_mediane_ko": round(sizes[len(sizes) // 2] / 1000, 1), "page_offre_max_ko": round(sizes[-1] / 1000, 1)}


SEARCHES = {
    "recherche_ko": "q=emploi",  # words only
    "recherche_commune_ko": "commune={commune}",  # eligibility for a commune, sorted by distance
    "recherche_commune_mot_ko": "q=emploi&commune={commune}",
}


def busiest_commune(site: Path) -> str:
    """The commune of the territory whose département holds the most offers: the heaviest commune search."""
    geo = site / "geo"
    manifest = json.loads((geo / "index.json").read_text())
    dep = max((d for d in manifest["offres"] if d != "autres"), key=lambda d: sum((geo / f).stat().st_size for f in manifest["offres"][d]))
    return json.loads((geo / manifest["communes"][dep]).read_text())[0][0]


def search_bytes(site: Path) -> dict[str, float]:
    """Kilobytes the browser fetches for each search of SEARCHES, measured in headless Chromium.

    Pagefind's files are compressed by Pagefind itself; JSON and JavaScript are counted gzip-compressed,
    as every common static host (GitHub Pages, GitLab Pages, Netlify, nginx) sends them.
    """
    import functools
    import gzip
    import http.server
    import threading

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    commune = busiest_commune(site)
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"],
            )
            for key, query in SEARCHES.items():
                page = browser.new_page()  # a new page: nothing cached from the previous search
                sizes: list[int] = []

                def on_response(response, sizes=sizes):
                    if "/pagefind/" not in response.url and "/geo/" not in response.url:
                        return
                    try:
                        body = response.body()
                    except Exception:  # noqa: BLE001 - a response without body counts for nothing
                        return
                    compressible = response.url.endswith((".json", ".js"))
                    sizes.append(len(gzip.compress(body, 6)) if compressible else len(body))

                page.on("response", on_response)
                page.goto(f"http://127.0.0.1:{server.server_port}/recherche/?{query.format(commune=commune)}")
                page.locator("#resultats-nombre", has_text=re.compile("trouvée|Aucune")).wait_for(timeout=120000)
                page.wait_for_load_state("networkidle")
                out[key] = round(sum(sizes) / 1000, 1)
                page.close()
            out.update(map_page(browser, f"http://127.0.0.1:{server.server_port}/carte/"))
            browser.close()
    finally:
        server.shutdown()
    return out


def map_page(browser, url: str) -> dict:
    """The map with every offer: seconds until its first groups (or markers) show, the number of places
    it holds once every geo/ file is read (data-marqueurs: the map is fed a file at a time), and the
    longest task that blocked the page until then (a frozen page is what "not smooth" means; goals:
    1.5 s and 200 ms at 60,000 offers)."""
    page = browser.new_page()
    page.add_init_script(
        "window.__longest = 0; new PerformanceObserver((l) => { for (const e of l.getEntries())"
        " window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });"
    )
    start = time.perf_counter()
    page.goto(url)
    page.locator(".marker-cluster, .leaflet-marker-icon").first.wait_for(timeout=300000)
    elapsed = time.perf_counter() - start
    page.locator("#carte[data-marqueurs]").wait_for(state="attached", timeout=300000)
    out = {
        "carte_s": round(elapsed, 1),
        "carte_marqueurs": int(page.locator("#carte").get_attribute("data-marqueurs")),
        "carte_tache_max_ms": round(page.evaluate("window.__longest")),
    }
    page.close()
    return out


MAX_FILE_BYTES = 1_000_000  # no page or data file over 1 MB (issue 19), bulk open data and vendored scripts aside


def largest_files(site: Path) -> dict:
    """The largest page or data file, bulk open data and vendored scripts aside, and every such file over
    1 MB (`trop_gros`: the run then ends in error, see main)."""
    exempt = (site / "donnees", site / "assets")
    sizes = [(p.stat().st_size, p) for p in site.rglob("*") if p.is_file() and not any(p.is_relative_to(e) for e in exempt)]
    size, path = max(sizes)
    out = {"plus_gros_fichier_ko": f"{size // 1000} ({path.relative_to(site)})"}
    trop = [f"{s // 1000} ({p.relative_to(site)})" for s, p in sorted(sizes, reverse=True) if s > MAX_FILE_BYTES]
    if trop:
        out["trop_gros"] = trop
        print(f"ALERTE : {len(trop)} fichier(s) de plus de 1 Mo : " + " ; ".join(trop[:10]), file=sys.stderr)
    return out


def median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def measure(n: int, with_build: bool, times: int, forme: str = "etalee") -> dict:
    """Validate and build without cache (a fresh clone), then with the validation cache filled.

    Each cold measure is made `times` times and its median kept; the floor is measured as often,
    spread over the run (before validate, before the builds, after them), so that the ratios compare
    the same state of the machine."""
    root = catalogue_dir(n, forme)
    outputs = fresh_outputs(root) if with_build else None
    floors = [parse_floor(root)]
    files = floors[0][1]
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    validate = [*CATALOGUE, "validate", "--format", "json"]
    try:
        validate_s = median([run(validate, root, "0")[0] for _ in range(times)])
        validate_mb = run(validate, root, cache)[1]  # fills the cache
        warm_s = run(validate, root, cache)[0]
        result = {"offres": n, "forme": forme, "fichiers": files, "validate_s": round(validate_s, 2), "validate_cache_s": round(warm_s, 2),
                  "validate_memoire_mo": validate_mb}
        if with_build:
            floors.append(parse_floor(root))

            cpu: list[float] = []

            def build(name: str, cache_dir: str) -> tuple[float, int]:
                seconds, peak_mb, _ = run([*CATALOGUE, "build", "--out", str(outputs / name), "--timings"], root, cache_dir)
                cpu.append(LAST_CPU_S[-1])
                os.sync()
                return seconds, peak_mb

            warm_build_s = build("cache-rempli", cache)[0]
            cold = [build(f"sans-cache-{i + 1}", "0") for i in range(times)]  # the last one's steps are reported
            site = outputs / f"sans-cache-{times}"
            result.update(
                {
                    "build_s": round(median([s for s, _ in cold]), 2),
                    "build_cache_s": round(warm_build_s, 2),
                    # The work of a cold build in CPU seconds, and the shortest wall time it allows on this machine.
                    "build_calcul_s": round(median(cpu[1:]), 1),
                    "build_calcul_par_coeur_s": round(median(cpu[1:]) / (os.cpu_count() or 1), 1),
                    "build_memoire_mo": max(mb for _, mb in cold),
                    "site_mo": round(dir_size(site) / 1e6, 1),
                    **offer_pages(site),
                }
            )
            result.update(search_bytes(site))
            result.update(largest_files(site))
            timings = outputs / "build-timings.json"
            if timings.exists():
                result["etapes_s"] = json.loads(timings.read_text())
        if with_build or times > 1:
            floors.append(parse_floor(root))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    floor = median([f for f, _ in floors])
    result["plancher_libyaml_s"] = round(floor, 2)
    result["plancher_libyaml_mesures_s"] = [round(f, 2) for f, _ in floors]
    for key in ("validate", "validate_cache", "build", "build_cache"):
        if f"{key}_s" in result:
            result[f"{key}_sur_plancher"] = round(result[f"{key}_s"] / floor, 2)
    return result


LABELS = {
    "offres": "offres",
    "forme": "forme du catalogue",
    "fichiers": "fichiers YAML",
    "plancher_libyaml_s": "plancher libyaml, médiane (s)",
    "plancher_libyaml_mesures_s": "plancher libyaml, chaque mesure (s)",
    "validate_s": "validate, sans cache, médiane (s)",
    "validate_sur_plancher": "validate / plancher",
    "validate_cache_s": "validate, cache rempli (s)",
    "validate_cache_sur_plancher": "validate, cache rempli / plancher",
    "validate_memoire_mo": "mémoire validate (Mo)",
    "build_s": "build complet, sans cache, médiane (s)",
    "build_sur_plancher": "build / plancher",
    "build_cache_s": "build complet, cache rempli (s)",
    "build_cache_sur_plancher": "build, cache rempli / plancher",
    "build_calcul_s": "build sans cache : secondes de calcul (utilisateur + système, médiane)",
    "build_calcul_par_coeur_s": "build sans cache : calcul ÷ cœurs = durée la plus courte possible (s)",
    "build_memoire_mo": "mémoire max (Mo)",
    "site_mo": "taille du site (Mo)",
    "page_offre_mediane_ko": "page d'offre médiane (ko)",
    "page_offre_max_ko": "page d'offre max (ko)",
    "recherche_ko": "une recherche par mots (ko transférés)",
    "recherche_commune_ko": "une recherche par commune (ko transférés)",
    "recherche_commune_mot_ko": "mots + commune (ko transférés)",
    "carte_s": "carte de toutes les offres : premiers groupes affichés (s)",
    "carte_marqueurs": "carte : nombre de lieux placés",
    "carte_tache_max_ms": "carte : plus longue tâche bloquant la page (ms)",
    "plus_gros_fichier_ko": "plus gros fichier hors données ouvertes (ko)",
    "trop_gros": "⚠ fichiers de plus de 1 Mo (ko)",
}
MARKER_START, MARKER_END = "<!-- bench:debut -->", "<!-- bench:fin -->"


def _cell(value) -> str:
    return " ; ".join(map(str, value)) if isinstance(value, list) else str(value)


def markdown(results: list[dict]) -> str:
    """One column per catalogue size, one row per measure, then the build steps."""
    head = "| mesure | " + " | ".join(f"{r['offres']} offres ({r.get('forme', 'etalee')})" for r in results) + " |"
    lines = [head, "| --- |" + " --- |" * len(results)]
    for key, label in LABELS.items():
        if any(key in r for r in results):
            lines.append(f"| {label} | " + " | ".join(_cell(r.get(key, "")) for r in results) + " |")
    steps = list(dict.fromkeys(step for r in results for step in (r.get("etapes_s") or {})))
    for step in steps:
        lines.append(f"| étape : {step} (s) | " + " | ".join(str((r.get("etapes_s") or {}).get(step, "")) for r in results) + " |")
    return "\n".join(lines) + "\n"


def publish(results: list[dict], doc: Path) -> None:
    """Replace the figures between the markers of docs/performance.md."""
    import platform

    text = doc.read_text(encoding="utf-8")
    start, end = text.index(MARKER_START) + len(MARKER_START), text.index(MARKER_END)
    machine = f"{os.cpu_count()} cœurs, Python {platform.python_version()}, {platform.machine()}"
    block = f"\n\nMesuré le {time.strftime('%Y-%m-%d')} ({machine}).\n\n{markdown(results)}\n"
    doc.write_text(text[:start] + block + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure validate et build sur des catalogues synthétiques.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formes", nargs="+", choices=sorted(FORMES), default=["etalee", "dense"],
                        help="formes de catalogue mesurées (la dense seulement à partir de 10 000 offres)")
    parser.add_argument("--sans-build", action="store_true", help="ne mesurer que validate")
    parser.add_argument("--fois", type=int, default=3, help="mesures sans cache de chaque taille (la médiane est gardée) ; 3 par défaut")
    parser.add_argument("--publier", action="store_true",
                        help="écrire dans docs/performance.md les chiffres de cette mesure et la dernière mesure des autres tailles")
    args = parser.parse_args()
    results = [
        measure(n, not args.sans_build, max(1, args.fois), forme)
        for n in args.sizes
        for forme in args.formes
        if forme == "etalee" or n >= 10000
    ]
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    for r in results:  # the latest measure of each size, for --publier
        (HERE / "out" / f"resultat-{r['forme']}-{r['offres']}.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n")
    print(markdown(results))
    if args.publier:
        # This run's sizes, and the latest measure of the others (60,000 offers is measured apart).
        latest = [json.loads(p.read_text()) for p in (HERE / "out").glob("resultat-*.json")]
        publish(sorted(latest, key=lambda r: (r["offres"], r.get("forme", "etalee"))), ROOT / "docs" / "performance.md")
    trop = [f"{r['offres']} offres ({r['forme']}) : " + " ; ".join(r["trop_gros"]) for r in results if r.get("trop_gros")]
    if trop:
        raise SystemExit("échec : fichiers de plus de 1 Mo hors données ouvertes\n" + "\n".join(trop))


if __name__ == "__main__":
    main()
