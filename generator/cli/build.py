"""`catalogue build`: load → validate → enrich → render → index → export, then mkdocs for the editorial pages.

Everything is written into a temporary folder next to the target (``.site-…``) and swapped in only
when every step succeeded: a failing build leaves the previous site intact. Output is deterministic
(sorted iteration, no timestamp other than the last commit's date).
"""

import html
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from generator import i18n, urls
from generator.adapters import material
from generator.adapters.pagefind import PagefindError
from generator.contribute import traductions as messages
from generator.model.territoire import Territoire
from generator.model.territoires import referentiel
from generator.opendata import export, history
from generator.opendata.common import generation_date
from generator.opendata.donnees_page import donnees_page
from generator.paths import DOCS, MKDOCS_YML, NODE_MODULES, STATIC
from generator.pipeline.enrich import OffreVue, enrich
from generator.pipeline.load import discover
from generator.pipeline.problems import BuildError
from generator.pipeline.synonymes import add_synonymes
from generator.pipeline.validate import Catalogue, today, validate
from generator.site import feeds, folders, render, sitemap
from generator.site.context import Site
from generator.site.etat import pages as render_etat
from generator.site.pages import parcours
from generator.site.search import index
from generator.site.search.geo import write_geo
from generator.site.search.vocabulaire import write_vocabulaire

DONNEES_MARKER = "<!-- donnees:auto -->"
# Vendored front-end libraries, copied from node_modules (never from a CDN).
VENDOR = {
    "leaflet": ("leaflet/dist", ["leaflet.js", "leaflet.css", "images"]),
    # Supercluster's bundle (kdbush included): a classic script that sets window.Supercluster.
    "supercluster": ("supercluster/dist", ["supercluster.min.js"]),
    "qrcode": ("qrcode-generator/dist", ["qrcode.mjs"]),  # the QR code of the printed plans and selections
}


# ----- progress ------------------------------------------------------------------------------------


class Progress:
    """A rich progress bar on a terminal, a few plain lines otherwise."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.tty = sys.stderr.isatty() and not quiet
        self.timings: dict[str, float] = {}
        self._bar = None

    @contextmanager
    def step(self, label: str, total: int | None = None):
        start = time.perf_counter()
        if self.tty and total:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as bar:
                task = bar.add_task(label, total=total)
                self._bar = lambda n: bar.advance(task, n)
                try:
                    yield self
                finally:
                    self._bar = None
        else:
            if not self.quiet:
                print(f"… {label}", file=sys.stderr, flush=True)
            yield self
        self.timings[label] = round(time.perf_counter() - start, 2)

    def advance(self, n: int = 1) -> None:
        if self._bar:
            self._bar(n)


# ----- helpers ---------------------------------------------------------------------------------------


def copy_static(out: Path) -> None:
    target = out / urls.ASSETS
    shutil.copytree(STATIC, target, dirs_exist_ok=True)
    for lang in i18n.languages()[1:]:  # the browser's messages, loaded before commun.js (CSP: no inline script)
        data = json.dumps(messages.browser_messages(lang), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (target / f"messages.{lang}.js").write_text(f"window.CatalogueMessages = {data};\n", encoding="utf-8")
    for name, (src, items) in VENDOR.items():
        base = NODE_MODULES / src
        if not base.is_dir():
            raise BuildError(f"bibliothèque {name} introuvable dans node_modules/ : lancer « npm ci » (ou « make site »)")
        for item in items:
            s, d = base / item, target / "vendor" / name / item
            if s.is_dir():
                shutil.copytree(s, d, dirs_exist_ok=True)
            else:
                d.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(s, d)


def _merge(src: Path, dst: Path) -> None:
    """Move mkdocs' output into the site; the generator's pages win on conflicts."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif not target.exists():
            shutil.copyfile(path, target)


def run_mkdocs(out: Path, work: Path, site: Site, donnees_md: str) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    docs = work / "docs"
    if DOCS.is_dir():
        shutil.copytree(DOCS, docs)
    else:
        docs.mkdir(parents=True)
    from generator.contribute import pages as contribuer

    contribuer.write(site, out, docs)  # /proposer/, /admin/, field tables of the partners' guide
    donnees = docs / "donnees.md"
    if donnees.is_file():
        text = donnees.read_text("utf-8")
        if DONNEES_MARKER in text:
            donnees.write_text(text.replace(DONNEES_MARKER, donnees_md, 1), encoding="utf-8")
    mk_out = work / "mkdocs"
    for name in ("mkdocs", "mkdocs.commands.build", "mkdocs.structure.pages", "mkdocs.plugins", "material"):
        logging.getLogger(name).setLevel(logging.ERROR)
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.combine(site.generated, datetime.min.time()).timestamp()))
    try:
        # MkDocs templates do not autoescape: the name from territoire.yml is escaped here, once.
        config = load_config(config_file=str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(mk_out), site_name=html.escape(site.territoire.nom))
        config.extra["csp"] = site.csp
        config.extra["page_urls"] = urls.PAGES
        # Editorial pages are in French: the language switcher leads to each language's home page.
        config.extra["langues"] = i18n.switcher("")
        if site.base_url:
            config.site_url = site.base_url.rstrip("/") + "/"
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"pages éditoriales (mkdocs) : {exc}") from None
    finally:
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


def write_data(cat: Catalogue, vues: list[OffreVue], site: Site, out: Path, work: Path, base_url: str, generated: datetime,
               changes: history.History | None = None) -> None:
    """The open data, then the editorial pages (whose « données » page lists the files) into `work/mkdocs`."""
    export.write(cat, vues, out / "donnees", base_url=base_url, generated=generated, history=changes)
    run_mkdocs(out, work, site, donnees_page(out / "donnees"))


TEMP_PREFIXES = (".site-", ".site-travail-")


def swap(tmp: Path, out: Path) -> None:
    """Replace `out` by `tmp` in one step; the old site is removed afterwards."""
    old = folders.swap_in(tmp, out)
    if old:
        discard(old)


def discard(path: Path) -> None:
    """Remove a replaced site in a detached process: the new site is served as soon as it is in place
    (removing 20,000 files takes longer than writing them on some disks)."""
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(path)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


class _Background:
    """Run a function in a thread; `result()` returns its value or raises its exception."""

    def __init__(self, fn, *args):
        self._value = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn, *args), daemon=True)
        self._thread.start()

    def _run(self, fn, *args):
        try:
            self._value = fn(*args)
        except BaseException as exc:  # re-raised in the caller's thread
            self._error = exc

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


# ----- the build ---------------------------------------------------------------------------------------


@dataclass
class Result:
    cat: Catalogue
    vues: list[OffreVue]
    site: Site
    out: Path
    generated: datetime
    timings: dict[str, float] = field(default_factory=dict)
    changes: history.History = field(default_factory=history.History)  # what Git knows of the offers (opendata.history)


def public_address(base_url: str, territoire: Territoire | None) -> str:
    """The site's public address: --base-url, else « url » of territoire.yml, else none (relative links)."""
    if base_url:
        return base_url
    return str(territoire.url) if territoire is not None and territoire.url is not None else ""


NO_CONTACT = (
    "territoire.yml n'indique pas le courriel du catalogue (« contact ») : les partenaires sans compte sur la forge "
    "n'auraient aucun moyen d'envoyer une offre, une correction ou leurs places"
)
NO_ADDRESS = (
    "territoire.yml n'indique pas l'adresse du site (« url ») et --base-url n'est pas donné : les données ouvertes "
    "n'auront pas de liens absolus (« lien_source » vide dans le format data·inclusion, flux sans lien « self »)"
)


def load_catalogue(offres: Path, territoire: Path, progress: Progress) -> Catalogue:
    if not offres.is_dir():
        raise BuildError(f"dossier des offres introuvable : {offres}")
    with progress.step("validation des fiches"):
        files = discover([offres], offres)
        cat = validate(offres, files, territoire=territoire)
        add_synonymes(cat, territoire)
    return cat


def make_site(cat: Catalogue, base_url: str, generated: datetime, offres_dir: str = "offers") -> tuple[list[OffreVue], Site]:
    territoire = cat.territoire or Territoire(nom="Catalogue de l'offre d'insertion", departements=["91"])
    vues = enrich(cat, today())
    site = Site(
        territoire=territoire,
        ref=referentiel(),
        vues=vues,
        structures=cat.structures,
        today=today(),
        base_url=base_url,
        generated=generated.date(),
        css=material.stylesheets(),
        offres_dir=offres_dir,
    )
    return vues, site


def build(
    offres: Path,
    territoire: Path,
    out: Path,
    *,
    base_url: str = "",
    progress: Progress | None = None,
    report=None,
    repo: Path | None = None,
) -> Result:
    """Build the whole site into `out`. Raises BuildError (French message) on failure; `out` is then untouched."""
    progress = progress or Progress()
    cat = load_catalogue(offres, territoire, progress)
    if report:
        report(cat)
    if cat.errors:
        n = len(cat.errors)
        raise BuildError(f"{n} erreur{'s' if n > 1 else ''} dans le catalogue : corriger les fiches (voir « catalogue validate ») ; le site n'a pas été modifié")
    if territoire.is_file() and cat.territoire is None:
        raise BuildError(f"configuration {territoire} invalide : le site n'a pas été modifié")
    repo = repo or offres.resolve().parent
    base_url = public_address(base_url, cat.territoire)
    # The publication date: the last commit, or a later day on which offers expired (opendata.history).
    generated = history.publication_date(generation_date(repo), cat, today())
    changes = history.read(offres.resolve())
    offres_dir = offres.resolve().relative_to(repo.resolve()).as_posix() if offres.resolve().is_relative_to(repo.resolve()) else offres.name
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*out.parent.glob(".site-ancien-*"), *out.parent.glob(".ancien-*")]:  # left by an interrupted removal
        discard(stale)
    folders.remove_orphans(out.parent, TEMP_PREFIXES)  # left by a killed build
    tmp = folders.owned_tempdir(".site-", out.parent)
    work = folders.owned_tempdir(".site-travail-", out.parent, 0o700)
    indexing = None
    try:
        with progress.step("enrichissement"):
            vues, site = make_site(cat, base_url, generated, offres_dir)
        # Pagefind indexes in its own process while the pages are rendered here.
        indexing = _Background(index.write_pagefind, site, tmp)
        renderer = render.Renderer(site, tmp)
        with progress.step("analyse de l'offre (état, doublons)"):
            etat_jobs = render_etat.jobs(site, renderer)
        # One pool for every page, the open data and mkdocs: the heaviest jobs first.
        jobs = [partial(write_data, cat, vues, site, tmp, work, base_url, generated, changes), *etat_jobs, *renderer.jobs(),
                *parcours.jobs(site, renderer, tmp), partial(write_vocabulaire, site, tmp, cat.synonymes),
                *feeds.jobs(site, tmp, generated, cat.territoire, changes.modified)]
        with progress.step("pages, données ouvertes et pages éditoriales", total=len(jobs)) as p:
            render.run(jobs, progress=p.advance)
        with progress.step("ressources statiques"):
            copy_static(tmp)
            _merge(work / "mkdocs", tmp)
        with progress.step("index de recherche"):
            try:
                ids = indexing.result()
            except PagefindError as exc:
                raise BuildError(f"index de recherche : {exc}") from None
            write_geo(site, tmp, ids)
        with progress.step("plan du site (sitemap.xml)"):
            sitemap.write(tmp, base_url)  # last: it lists the pages found in the folder
        swap(tmp, out)
    except BaseException:
        if indexing is not None:
            indexing._thread.join()  # it writes into tmp
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Result(cat, vues, site, out, generated, dict(progress.timings), changes)


def write_timings(out: Path, timings: dict[str, float]) -> Path:
    path = out.resolve().parent / "build-timings.json"
    path.write_text(json.dumps(timings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


# ----- command line ------------------------------------------------------------------------------------


def _report(cat: Catalogue) -> None:
    """Warnings are shown, errors listed; on stderr so that stdout stays quiet."""
    from generator.cli.report import print_problems

    if cat.problems:
        print_problems(cat.problems, "text", len(cat.offres) + len(cat.structures), out=sys.stderr)


def build_command(args) -> int:
    progress = Progress()
    start = time.perf_counter()
    publier = getattr(args, "publier", False)

    def report(cat: Catalogue) -> None:
        _report(cat)
        if not public_address(args.base_url, cat.territoire).startswith(("https://", "http://")):
            if publier:
                raise BuildError(f"{NO_ADDRESS} : ajouter « url » à territoire.yml (ou --base-url) pour publier ; "
                                 "le site n'a pas été modifié")
            print(f"avertissement : {NO_ADDRESS}. L'ajouter avant de publier.", file=sys.stderr)
        if publier and (cat.territoire is None or not cat.territoire.contact):
            raise BuildError(f"{NO_CONTACT} : ajouter « contact » à territoire.yml pour publier ; le site n'a pas été modifié")

    try:
        result = build(args.offres, args.territoire, args.out, base_url=args.base_url, progress=progress, report=report)
    except BuildError as exc:
        print(f"catalogue build : {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"catalogue build : échec d'écriture ({exc.strerror or exc}) : le site n'a pas été modifié", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug or a broken tool: say it in one line, keep the previous site
        print(f"catalogue build : échec inattendu ({type(exc).__name__} : {exc}) : le site n'a pas été modifié", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    if getattr(args, "timings", False):
        write_timings(args.out, {**result.timings, "total": round(elapsed, 2)})
    publiques = len(result.site.publiques)
    print(
        f"site construit dans {args.out} : {publiques} offre{'s' if publiques > 1 else ''} publiée{'s' if publiques > 1 else ''}"
        f" sur {len(result.vues)}, en {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0
