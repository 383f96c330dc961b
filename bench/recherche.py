"""Benchmark of the search's quality and cost, in Chromium, on a built site.

    .venv/bin/python bench/recherche.py                      # builds offers/ (sample catalogue) and measures
    .venv/bin/python bench/recherche.py --site DIR --octets  # bytes per query only (e.g. a 10,000-offer build)

The queries and the offers a référent expects for each are in bench/recherche.yml. Each query is run
twice in a fresh browser context (nothing cached), from a blank page of the site:
- « avant »: Pagefind alone, as the search page did before (every word needed, no typo, no synonym);
- « après »: site_templates/static/recherche-tolerance.js (words one by one, corrections, synonyms).
Both then read the first 20 results (the page's first screen, PAR_PAGE in recherche.js). Reported: the
share of expected offers found in the first 10 results, the queries with all their offers there, and
the bytes the browser downloaded for the query: Pagefind's script and WebAssembly (once per visit: left
out in « sans_code »), metadata, index chunks, fragments, the synonyms and, when a word finds nothing,
the vocabulary (also counted gzip-compressed, as a web host serves it). The page's own modules come with
the page and are not counted.
"""

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import chromium, served

# A page of our own in the built site: no Content-Security-Policy to lift for the benchmark's script.
PAGE = "bench-recherche.html"
SCRIPT = """async ([mode, q]) => {
  const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
  await pf.options({ baseUrl: "/" });
  if (pf.init) await pf.init();
  let results;
  if (mode === "avant") {
    results = (await pf.search(q)).results;
  } else {
    const t = await import(new URL("assets/catalogue/recherche-tolerance.js", location.href).href);
    const get = async (f) => (await fetch(new URL(f, location.href))).json();
    const syn = await get("recherche-synonymes.json");
    const complet = async () => t.preparer({ ...syn, ...(await get("recherche-vocabulaire.json")) });
    results = (await t.rechercher(pf, q, {}, t.preparer(syn), { corriger: true, complet })).results;
  }
  const datas = await Promise.all(results.slice(0, 20).map((r) => r.data()));
  return datas.map((d) => d.meta.id);
}"""


def build_sample(out: Path) -> Path:
    from generator.cli import build as b

    b.build(ROOT / "offers", ROOT / "territoire.yml", out, progress=b.Progress(quiet=True))
    return out


def kind(url: str) -> str:
    """What a downloaded file is: Pagefind's index chunks, fragments (one per result shown), filters,
    metadata, code (script and WebAssembly), or our files."""
    path = url.split("?")[0]
    for part in ("/index/", "/fragment/", "/filter/"):
        if part in path:
            return part.strip("/")
    if path.endswith("pf_meta"):
        return "meta"
    if "/pagefind/" in path:
        return "code"
    return path.rsplit("/", 1)[-1]


def run(site: Path, queries: list[str]) -> dict[str, dict[str, dict]]:
    """{mode: {query: {"ids": [...], "octets": n, "vocabulaire": n}}}"""
    (site / PAGE).write_text('<!doctype html><html lang="fr"><meta charset="utf-8"><title>banc</title><body data-urls="{}"></body></html>\n', encoding="utf-8")
    out: dict[str, dict[str, dict]] = {"avant": {}, "apres": {}}
    with served(site) as base, chromium() as browser:
        for mode, per_query in out.items():
            for q in queries:
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                page.goto(base + PAGE)
                responses = []
                page.on("response", lambda r, acc=responses: acc.append(r))
                ids = page.evaluate(SCRIPT, [mode, q])
                page.wait_for_load_state("networkidle")
                # The page's own modules (recherche-tolerance.js, lib.js) come with the page, not with a query.
                sizes = {r.url: len(r.body()) for r in responses if r.ok and not r.url.endswith(".js") or "/pagefind/" in r.url}
                voc = sum(v for u, v in sizes.items() if u.endswith("recherche-vocabulaire.json"))
                kinds: dict[str, int] = {}
                for u, v in sizes.items():
                    kinds[kind(u)] = kinds.get(kind(u), 0) + v
                per_query[q] = {"ids": ids, "octets": sum(sizes.values()), "vocabulaire": voc, "parts": kinds}
                context.close()
    (site / PAGE).unlink()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="Banc de la recherche : qualité (offres attendues dans les 10 premiers résultats) et octets par requête.")
    parser.add_argument("--site", type=Path, help="site déjà construit (par défaut : construit offers/ dans un dossier temporaire)")
    parser.add_argument("--requetes", type=Path, default=ROOT / "bench" / "recherche.yml")
    parser.add_argument("--octets", action="store_true", help="seulement les octets par requête (site sans les offres attendues)")
    parser.add_argument("--q", action="append", help="seulement cette requête (répétable) ; affiche ses 10 premiers résultats")
    args = parser.parse_args()
    cases = yaml.safe_load(args.requetes.read_text(encoding="utf-8"))["requetes"]
    if args.q:
        cases = [c for c in cases if c["q"] in args.q] or [{"q": q, "attendues": []} for q in args.q]
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_sample(Path(tmp) / "site")
        vocab = (site / "recherche-vocabulaire.json").read_bytes()
        results = run(site, [c["q"] for c in cases])
    print(f"vocabulaire : {len(json.loads(vocab)['mots'])} mots, {len(vocab) / 1000:.1f} ko ({len(gzip.compress(vocab)) / 1000:.1f} ko compressé)")
    report = {}
    for mode, per_query in results.items():
        octets = [r["octets"] for r in per_query.values()]
        # The vocabulary counted as a host serves it (gzip), like Pagefind's own files (already compressed).
        served_bytes = [r["octets"] - r["vocabulaire"] + (len(gzip.compress(vocab)) if r["vocabulaire"] else 0) for r in per_query.values()]
        parts = sorted({k for r in per_query.values() for k in r["parts"]})
        # Without Pagefind's script and WebAssembly, downloaded once per visit: what each further query costs.
        sans_code = [r["octets"] - r["parts"].get("code", 0) for r in per_query.values()]
        line = {"octets_median": statistics.median(octets), "octets_max": max(octets), "octets_servis_max": max(served_bytes),
                "sans_code_median": statistics.median(sans_code), "sans_code_max": max(sans_code),
                "median_par_partie": {k: statistics.median(r["parts"].get(k, 0) for r in per_query.values()) for k in parts},
                "requete_max": max(per_query, key=lambda q: per_query[q]["octets"])}
        if not args.octets:
            found = total = complete = 0
            missed = []
            for c in cases:
                top = per_query[c["q"]]["ids"][:10]
                hits = [i for i in c["attendues"] if i in top]
                found += len(hits)
                total += len(c["attendues"])
                complete += len(hits) == len(c["attendues"])
                if len(hits) < len(c["attendues"]):
                    missed.append(f"{c['q']} ({len(hits)}/{len(c['attendues'])})")
            line |= {"part_top10": round(100 * found / total, 1), "requetes_completes": f"{complete}/{len(cases)}", "manquees": missed}
        report[mode] = line
        if args.q:
            for q, r in per_query.items():
                print(f"  {mode} « {q} » : {r['parts']} ; " + ", ".join(r["ids"][:10]))
        print(f"{mode} : " + json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
