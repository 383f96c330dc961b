"""What the test folders share: the one writer of sample catalogues, a pinned « today », a local web
server, headless Chromium."""

import functools
import os
import shutil
import threading
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

CHROMIUM = "/usr/bin/chromium"
# What Chromium logs when the page's security policy stops something (CSP, Trusted Types): a test fails on it.
SECURITY_MESSAGES = ("Content Security Policy", "Refused to", "requires 'TrustedHTML'", "requires 'TrustedScript", "Trusted Type")
ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


# ----- sample catalogues ---------------------------------------------------------------------------------------

# A valid structure and a valid offer of that structure, as a contributor writes them (schema comment first).
# Tests derive broken files from them by replacing a line, and read problems at known lines: keep the lines.
STRUCTURE = """\
# yaml-language-server: $schema=../../schema/structure.schema.json
nom: Association Mobilité Solidaire
reseaux_porteurs: [wimoov]
adresse: 4 rue de la Gare
code_postal: "91100"
commune: Corbeil-Essonnes
code_insee: "91174"
latitude: 48.6139
longitude: 2.4826
telephone: 01 99 00 10 10
courriel: contact@example.org
date_maj: 2026-10-01
mainteneurs: ["@mobilite-demo"]
"""

OFFRE = """\
# yaml-language-server: $schema=../../schema/offre.schema.json
nom: Garage solidaire
description: Réparations à prix coûtant pour les personnes en parcours d'insertion.
thematiques:
  - mobilite--entretenir-reparer-son-vehicule
publics: [demandeurs-emploi]
zone_eligibilite: ["91"]
lieux:
  - adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
    latitude: 48.6139
    longitude: 2.4826
telephone: 01 99 00 10 11
date_maj: 2026-11-02
"""

# A place in Melun (Seine-et-Marne, 77): an item of « lieux », to move an offer out of the Essonne.
MELUN = """\
  - adresse: 2 rue de la Gare
    code_postal: "77000"
    commune: Melun
    code_insee: "77288"
    latitude: 48.5420
    longitude: 2.6554
"""

TERRITOIRE = """\
nom: Offre d'insertion de test
departements: ["91"]
"""

Content = str | bytes | Mapping[str, Any]


def as_file(content: Content) -> str | bytes:
    """What a file holds: text and bytes as given, a mapping as YAML (keys in the given order)."""
    if isinstance(content, (str, bytes)):
        return content
    return yaml.safe_dump(dict(content), allow_unicode=True, sort_keys=False)


class Repo:
    """A catalogue folder (offers/, territoire.yml), the files written into it, and the site built from it."""

    def __init__(self, root: Path):
        self.root = root
        self.offers = root / "offers"
        self.territoire = root / "territoire.yml"
        self.site = root / "site"

    def write(self, rel: str, content: Content) -> Path:
        """Write offers/`rel` (e.g. « ccas-evry/aide.yml »): text, bytes, or a mapping dumped as YAML."""
        return self._write(self.offers / rel, content)

    def structure(self, ident: str, content: Content = STRUCTURE) -> Path:
        """offers/<ident>/structure.yml."""
        return self.write(f"{ident}/structure.yml", content)

    def offre(self, ident: str, content: Content = OFFRE) -> Path:
        """offers/<structure>/<offre>.yml for `ident` « structure/offre »."""
        return self.write(f"{ident}.yml", content)

    def set_territoire(self, content: Content = TERRITOIRE) -> Path:
        return self._write(self.territoire, content)

    @staticmethod
    def _write(path: Path, content: Content) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = as_file(content)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return path

    def build(self, out: Path | None = None):
        from generator.cli import build as b

        return b.build(self.offers, self.territoire, out or self.site, progress=b.Progress(quiet=True))


def write_catalogue(
    root: Path,
    structures: Mapping[str, Content] | Iterable[str] = (),
    offres: Mapping[str, Content] | Iterable[str] = (),
    territoire: Content | None = TERRITOIRE,
) -> Repo:
    """Write a catalogue under `root` and return it; with no argument, an empty valid catalogue.

    `structures`: {folder: content} or folder names (each gets STRUCTURE); `offres`: {« structure/offre »:
    content} or identifiers (each gets OFFRE). A folder of an offer without its structure gets STRUCTURE.
    `territoire`: the content of territoire.yml, None for no file. Contents are text, bytes, or mappings
    (dumped as YAML).
    """
    repo = Repo(root)
    repo.offers.mkdir(parents=True, exist_ok=True)
    structures = structures if isinstance(structures, Mapping) else dict.fromkeys(structures, STRUCTURE)
    offres = offres if isinstance(offres, Mapping) else dict.fromkeys(offres, OFFRE)
    for ident, content in structures.items():
        repo.structure(ident, content)
    for ident, content in offres.items():
        folder = ident.split("/", 1)[0]
        if not (repo.offers / folder / "structure.yml").exists():
            repo.structure(folder)
        repo.offre(ident, content)
    if territoire is not None:
        repo.set_territoire(territoire)
    return repo


# ----- a pinned « today », a local web server, Chromium ---------------------------------------------------------


@contextmanager
def pinned_date(day: str):
    """CATALOGUE_DATE set to `day` (YYYY-MM-DD) for the duration, then restored."""
    old = os.environ.get("CATALOGUE_DATE")
    os.environ["CATALOGUE_DATE"] = day
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("CATALOGUE_DATE", None)
        else:
            os.environ["CATALOGUE_DATE"] = old


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(directory: Path):
    """A static web server on 127.0.0.1 for `directory`; yields its base URL (ending with /)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (browsers cannot be downloaded here).

    One at a time: two sync Playwright instances cannot live together in one thread, so callers
    keep a browser for one test module at most.
    """
    if not shutil.which(CHROMIUM):
        pytest.fail("Chromium absent : « make browser » l'installe (paquet Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def french_context(browser):
    """A browser context as the site's visitors have it: Paris time, French, no service worker."""
    return browser.new_context(timezone_id="Europe/Paris", locale="fr-FR", service_workers="block")


class Page:
    """A Playwright page that records every request, and JavaScript or Content-Security-Policy errors."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if any(s in m.text for s in SECURITY_MESSAGES) else None)

    def open(self, path: str = ""):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def axe(self) -> list[dict]:
        if not self.page.evaluate("() => !!window.axe"):
            # Evaluated through the DevTools protocol: the page's Content-Security-Policy stays in force.
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        return self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
        )
