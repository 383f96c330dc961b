"""Fixtures of the site tests: the fixture catalogue built once, served on 127.0.0.1, and Chromium."""


import pytest

from ..support import AXE, Repo, chromium, pinned_date, served
from .catalogue_fixture import TODAY, write_catalogue


@pytest.fixture(scope="session", autouse=True)
def pinned_today():
    with pinned_date(TODAY):
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory, pinned_today) -> Repo:
    root = tmp_path_factory.mktemp("catalogue")
    write_catalogue(root)
    cat = Repo(root)
    cat.build()
    return cat


@pytest.fixture
def fresh(tmp_path) -> Repo:
    """A catalogue of one's own, for tests that change files."""
    write_catalogue(tmp_path)
    return Repo(tmp_path)


@pytest.fixture(scope="session")
def base_url(built):
    with served(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as br:
        yield br


class Page:
    """A Playwright page that records every request and every JavaScript error."""

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

    def results(self) -> list[str]:
        """Titles of the listed results, once the search has answered."""
        self.page.wait_for_function("() => { const s = document.getElementById('resultats-nombre'); return s && s.textContent && !s.textContent.startsWith('Recherche'); }")
        self.page.wait_for_load_state("networkidle")
        return self.page.locator("#resultats .cat-card__titre").all_inner_texts()

    def count_text(self) -> str:
        self.results()
        return self.page.locator("#resultats-nombre").inner_text()

    def axe(self) -> list[dict]:
        if not self.page.evaluate("() => !!window.axe"):
            # Evaluated through the DevTools protocol: the page's Content-Security-Policy stays in force.
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        return self.page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))")


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(timezone_id="Europe/Paris", locale="fr-FR", service_workers="block")
    pg = context.new_page()
    wrapper = Page(pg, base_url)
    yield wrapper
    context.close()
