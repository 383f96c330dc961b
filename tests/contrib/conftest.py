"""Fixtures of the contribution tests: the site's fixture catalogue built once and served, Chromium, and the
steps of the « Proposer une offre » form that its two test files share."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.site.catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE, TODAY
from tests.support import Page, french_context, pinned_date, served, write_catalogue


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The folder of the fixture catalogue (offers/, territoire.yml) and of its site (site/)."""
    repo = write_catalogue(tmp_path_factory.mktemp("proposer"), STRUCTURES, OFFRES, TERRITOIRE)
    with pinned_date(TODAY):
        repo.build()
    return repo.root


@pytest.fixture(scope="session")
def base_url(built):
    with served(built / "site") as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = french_context(browser)
    pg = context.new_page()
    pg.clock.set_fixed_time(datetime.fromisoformat(TODAY + "T10:00:00").replace(tzinfo=ZoneInfo("Europe/Paris")))
    recorder = Page(pg, base_url)  # records errors and requests; the form tests use the Playwright page itself
    pg.errors, pg.requests, pg.base = recorder.errors, recorder.requests, base_url  # type: ignore[attr-defined]
    yield pg
    context.close()


# ----- steps of the form ---------------------------------------------------------------------------------


def open_form(page):
    page.goto(page.base + "proposer/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#proposer").is_visible()
    return page


def produce(page):
    page.locator("#proposer-produire").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#proposer:not([aria-busy])", state="attached")  # the structures are read first


def fill_valid_remote(page):
    page.fill("#champ-structure", "ccas-evry")
    page.fill("#champ-nom", "Permanence numérique")
    page.fill("#champ-description", "Aide aux démarches en ligne.")
    page.check("#champ-thematiques-numerique--acceder-a-des-services-en-ligne")
    page.check("#champ-zone-eligibilite-91")
    page.uncheck("#champ-modes-accueil-en-presentiel")
    page.check("#champ-modes-accueil-a-distance")
