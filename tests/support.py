"""What the test folders share: a catalogue folder to build, a pinned « today », a local web server,
headless Chromium."""

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


class Repo:
    """A catalogue folder (offers/, territoire.yml) and the site built from it."""

    def __init__(self, root: Path):
        self.root = root
        self.offers = root / "offers"
        self.territoire = root / "territoire.yml"
        self.site = root / "site"

    def build(self, out: Path | None = None):
        from generator.cli import build as b

        return b.build(self.offers, self.territoire, out or self.site, progress=b.Progress(quiet=True))


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


class Page:
    """A Playwright page that records every request, and JavaScript or Content-Security-Policy errors."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if "Content Security Policy" in m.text or "Refused to" in m.text else None)

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
