"""Fixtures of the site tests: the fixture catalogue built once, served on 127.0.0.1, and Chromium."""


import pytest

from .. import support
from ..support import Repo, french_context, pinned_date, served, write_catalogue
from .catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE, TODAY


@pytest.fixture(scope="session", autouse=True)
def pinned_today():
    with pinned_date(TODAY):
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory, pinned_today) -> Repo:
    cat = write_catalogue(tmp_path_factory.mktemp("catalogue"), STRUCTURES, OFFRES, TERRITOIRE)
    cat.build()
    return cat


@pytest.fixture
def fresh(tmp_path) -> Repo:
    """A catalogue of one's own, for tests that change files."""
    return write_catalogue(tmp_path, STRUCTURES, OFFRES, TERRITOIRE)


@pytest.fixture(scope="session")
def base_url(built):
    with served(built.site) as url:
        yield url


class Page(support.Page):
    """A page of the site, with what the search tests read."""

    def results(self) -> list[str]:
        """Titles of the listed results, once the search has answered."""
        self.page.wait_for_function("() => { const s = document.getElementById('resultats-nombre'); return s && s.textContent && !s.textContent.startsWith('Recherche'); }")
        self.page.wait_for_load_state("networkidle")
        return self.page.locator("#resultats .cat-card__titre").all_inner_texts()

    def count_text(self) -> str:
        self.results()
        return self.page.locator("#resultats-nombre").inner_text()


@pytest.fixture
def page(browser, base_url):
    context = french_context(browser)
    pg = context.new_page()
    wrapper = Page(pg, base_url)
    yield wrapper
    context.close()
