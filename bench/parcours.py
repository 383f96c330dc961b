"""Banc de la page « Préparer un parcours » : temps de réponse et octets téléchargés, dans Chromium.

    .venv/bin/python bench/parcours.py                     # catalogue d'exemple et 10 000 offres synthétiques
    .venv/bin/python bench/parcours.py --tailles 1000      # d'autres tailles
    .venv/bin/python bench/parcours.py --site-10000 DIR    # un site de 10 000 offres déjà construit

Pour chaque catalogue : un parcours de trois besoins (pour l'exemple, celui de Mme X à Corbeil-Essonnes ;
pour un catalogue synthétique, les trois catégories les plus fournies, depuis la commune du département
le plus dense), ouvert trois fois dans un navigateur neuf (rien en cache). On mesure le temps jusqu'à la
réponse (groupes affichés, ``#parcours-groupes[data-pret]``), depuis le début de la navigation et depuis
la fin du chargement de la page, et les kilo-octets transférés (les fichiers ``besoins/<catégorie>/<dép>.json``
et ``france.json`` de chaque besoin) : JSON, JavaScript, CSS et HTML comptés
compressés par gzip, comme les servent les hébergeurs statiques courants (même convention que
bench/run.py). Ce n'est pas un test : les chiffres vont dans docs/performance.md (section « parcours »).
"""

import argparse
import gzip
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from run import CATALOGUE, busiest_commune, catalogue_dir, run  # noqa: E402

from generator.model.vocab import Categorie  # noqa: E402

MME_X = "parcours/?commune=91174&besoin=famille--garde-denfants&besoin=mobilite&besoin=trouver-un-emploi&enfant=2&rayon=sans-voiture"
FOIS = 3
COMPRESSES = (".json", ".js", ".mjs", ".css", ".html", "/")

# Set when the answer is shown: the time since the navigation started, and the page's load event.
OBSERVER = """
new MutationObserver((_, obs) => {
  const g = document.getElementById('parcours-groupes');
  if (g && g.hasAttribute('data-pret')) {
    const nav = performance.getEntriesByType('navigation')[0];
    window.__reponse = { depuis_navigation: performance.now(), chargement: nav ? nav.domContentLoadedEventEnd : 0 };
    obs.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-pret'] });
"""


def build(offres_root: Path, out: Path, complet: bool = False) -> float:
    """The site of the catalogue in `offres_root` into `out`; its duration in seconds. By default only what
    the parcours page reads (the page in every language, besoins/, geo/, the static files and Material's
    stylesheets): the same files as `catalogue build` writes, in a fraction of its time; `complet`: the
    whole `catalogue build`."""
    if complet:
        seconds, _, _ = run([*CATALOGUE, "build", "--out", str(out)], offres_root, "0")
        return seconds
    from datetime import datetime

    from generator.adapters.material import STYLESHEETS, stylesheets
    from generator.cli.build import Progress, copy_static, load_catalogue, make_site
    from generator.site import render
    from generator.site.pages import parcours
    from generator.site.search.geo import write_geo

    start = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    cat = load_catalogue(offres_root / "offers", offres_root / "territoire.yml", Progress(quiet=True))
    _, site = make_site(cat, "", datetime.now())
    for job in parcours.jobs(site, render.Renderer(site, out), out):
        job()
    copy_static(out)
    write_geo(site, out, {})
    for css in stylesheets():
        (out / css).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLESHEETS / Path(css).name, out / css)
    return time.perf_counter() - start


def plan_synthetique(site: Path) -> str:
    """Three needs with the most offers for a person of the densest département, from its busiest commune."""
    commune = busiest_commune(site)
    dep = commune[:3] if commune.startswith(("97", "98")) else commune[:2]

    def size(c: Categorie) -> int:
        return sum(p.stat().st_size for p in (site / "besoins" / c.value / f"{dep}.json", site / "besoins" / c.value / "france.json") if p.exists())

    sizes = {c.value: size(c) for c in Categorie}
    besoins = sorted(sizes, key=sizes.get, reverse=True)[:3]
    return f"parcours/?commune={commune}&" + "&".join(f"besoin={b}" for b in besoins)


def measure(site: Path, path: str) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.support import ARGS, CHROMIUM, served

    runs = []
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(FOIS):
            context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", service_workers="block")
            page = context.new_page()
            page.add_init_script(OBSERVER)
            sizes: dict[str, int] = {}

            def on_response(response, sizes=sizes):
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - a response without body counts for nothing
                    return
                url = response.url.split("?")[0]
                sizes[url] = len(gzip.compress(body, 6)) if url.endswith(COMPRESSES) else len(body)

            page.on("response", on_response)
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            start = time.perf_counter()
            page.goto(base + path)
            page.wait_for_function("() => window.__reponse", timeout=120000)
            wall = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            r = page.evaluate("window.__reponse")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            groupes = page.locator("#parcours-groupes [data-besoin]").count()
            donnees = sum(v for k, v in sizes.items() if "/besoins/" in k or "/geo/" in k)
            runs.append({
                "reponse_ms": r["depuis_navigation"],
                "apres_chargement_ms": r["depuis_navigation"] - r["chargement"],
                "mur_s": wall,
                "ko": sum(sizes.values()) / 1000,
                "donnees_ko": donnees / 1000,
                "groupes": groupes,
                # The page's main thread at work (scripts, style, layout) until now: what the page itself costs,
                # apart from the waiting for the network and, on a busy machine, for a processor.
                "calcul_ms": metrics.get("TaskDuration", 0) * 1000,
                "script_ms": metrics.get("ScriptDuration", 0) * 1000,
            })
            context.close()
        browser.close()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return {
        "adresse": path,
        "reponse_ms": round(med["reponse_ms"]),
        "apres_chargement_ms": round(med["apres_chargement_ms"]),
        "ko_transferes": round(med["ko"], 1),
        "donnees_ko": round(med["donnees_ko"], 1),
        "groupes": int(med["groupes"]),
        "calcul_ms": round(med["calcul_ms"]),
        "script_ms": round(med["script_ms"]),
        "charge_machine": round(__import__("os").getloadavg()[0], 1),
        "fichier_besoins_max_ko": round(max(p.stat().st_size for p in (site / "besoins").rglob("*.json")) / 1000, 1),
        "besoins_offres_max_ko": round(max((p.stat().st_size for p in (site / "besoins" / "offres").glob("*.json")), default=0) / 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesure la page « Préparer un parcours ».")
    parser.add_argument("--tailles", type=int, nargs="*", default=[10000])
    parser.add_argument("--site-10000", type=Path, help="site de 10 000 offres déjà construit (sinon construit ici)")
    parser.add_argument("--complet", action="store_true", help="construire les sites par « catalogue build » complet")
    parser.add_argument("--reutiliser", action="store_true", help="mesurer les sites de bench/out/parcours/ déjà construits")
    args = parser.parse_args()
    out = HERE / "out" / "parcours"
    out.mkdir(parents=True, exist_ok=True)
    results = []
    exemple = out / "site-exemple"
    build_s = None if (args.reutiliser and exemple.is_dir()) else round(build(ROOT, exemple, args.complet), 1)
    results.append({"catalogue": "exemple (offers/)", "build_s": build_s, **measure(exemple, MME_X)})
    for n in args.tailles:
        site = args.site_10000 if (n == 10000 and args.site_10000) else out / f"site-{n}"
        build_s = None
        if site != args.site_10000 and not (args.reutiliser and site.is_dir()):
            build_s = round(build(catalogue_dir(n), site, args.complet), 1)
        results.append({"catalogue": f"{n} offres synthétiques", "build_s": build_s, **measure(site, plan_synthetique(site))})
    (out / "resultats.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print("| catalogue | réponse depuis la navigation (ms) | après le chargement (ms) | travail de la page (ms), dont scripts | ko transférés (dont données) | plus gros fichier besoins/ (ko) | charge de la machine |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['catalogue']} | {r['reponse_ms']} | {r['apres_chargement_ms']} | {r['calcul_ms']} ({r['script_ms']}) | "
              f"{r['ko_transferes']} ({r['donnees_ko']}) | {r['fichier_besoins_max_ko']} | {r['charge_machine']} |")


if __name__ == "__main__":
    main()
