"""The search page without any criterion lists every offer from the geo/ files, without a Pagefind search
(its answer for every offer of a national catalogue takes tens of seconds, docs/performance.md), a file at a
time as the list pages on (recherche.js `toutLister`; the count from geo/index.json): its cards are read from
their Pagefind fragment (recherche-geo.js `fiche`), the same records a search with words shows. A commune search reads its département's geo file only: an offer without a place (« autres ») keeps
its « Ouvert maintenant » badge from its search record (meta « horaires », generator/site/search/records.py).
In headless Chromium, the clock fixed."""

import gzip
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from ..support import french_context, served, write_catalogue
from .catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE
from .conftest import Page

pytestmark = pytest.mark.browser

DISTANCE = "Coaching numérique à distance"
CV = "Atelier CV et lettre de motivation"
# The remote offer (no place, in geo « autres ») open on weekdays, 9 h to 17 h.
OFFRES_ICI = {**OFFRES, "mission-locale-massy/coaching-distance": OFFRES["mission-locale-massy/coaching-distance"].replace(
    "modes_accueil: [a-distance]", "modes_accueil: [a-distance]\nhoraires_accueil: Mo-Fr 09:00-17:00")}
LUNDI_MATIN = datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
DIMANCHE = datetime(2026, 11, 22, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
# Pagefind's search itself: its script, WebAssembly, metadata, index and filter chunks (fragments are records).
PAGEFIND_SEARCH = ("pagefind.js", ".pagefind", ".pf_meta", "/index/", "/filter/")


@pytest.fixture(scope="module")
def site(tmp_path_factory, pinned_today):
    repo = write_catalogue(tmp_path_factory.mktemp("sans-critere"), STRUCTURES, OFFRES_ICI, TERRITOIRE)
    repo.build()
    with served(repo.site) as url:
        yield repo.site, url


def open_page(browser, url, moment, path):
    page = Page(french_context(browser).new_page(), url)
    page.page.clock.set_fixed_time(moment)
    page.open(path)
    return page


def cards(page) -> dict[str, list[str]]:
    """Each listed card's title → its badges."""
    page.results()
    return {c.locator(".cat-card__titre").inner_text(): c.locator(".cat-badge").all_inner_texts() for c in page.page.locator("#resultats .cat-card").all()}


def test_no_criterion_lists_every_offer_without_a_pagefind_search(site, browser):
    _, url = site
    page = open_page(browser, url, LUNDI_MATIN, "recherche/")
    shown = cards(page)
    assert page.page.locator("#resultats-nombre").inner_text() == "5 offres trouvées."
    # The catalogue's département by name, then the offer without a place.
    assert list(shown) == ["Aide au budget familial", CV, "Garage solidaire", "Location de scooters", DISTANCE]
    # The records of a search: places, « ouvert » (its geo entry).
    assert "4 places disponibles sur 12" in shown[CV]
    assert shown[DISTANCE] == ["Ouvert maintenant"]
    assert [r for r in page.requests if any(p in r for p in PAGEFIND_SEARCH)] == []
    assert any("/pagefind/fragment/" in r for r in page.requests)
    assert page.errors == []
    # A criterion then asks Pagefind, as before.
    page.page.check("#f-places")
    page.page.wait_for_function("() => document.getElementById('resultats-nombre').textContent.startsWith('2 offres')")
    assert set(page.results()) == {"Garage solidaire", CV}
    assert any(r.endswith("pagefind.js") for r in page.requests)


def test_a_fragment_read_by_the_page_is_the_record_pagefind_gives(site, browser):
    """recherche-geo.js `fiche` reads Pagefind's fragment format: the same meta as Pagefind's result.data()."""
    root, url = site
    page = open_page(browser, url, LUNDI_MATIN, "recherche/?q=coaching")
    assert page.results() == [DISTANCE]
    ours, theirs = page.page.evaluate("""async () => {
      const pf = await import(new URL("/pagefind/pagefind.js", location.href).href);
      const r = (await pf.search("coaching")).results[0];
      const geo = await import(new URL("/assets/catalogue/recherche-geo.js", location.href).href);
      return [(await geo.fiche(r.id)).meta, (await r.data()).meta];
    }""")
    assert ours == theirs and ours["title"] == DISTANCE
    assert json.loads(ours["horaires"])[0]["j"][0] == [[540, 1020]]  # Monday, 9 h to 17 h
    raw = gzip.decompress(next((root / "pagefind" / "fragment").iterdir()).read_bytes())
    assert raw.startswith(b"pagefind_dcd{")


@pytest.mark.parametrize("moment, badge", [(LUNDI_MATIN, ["Ouvert maintenant"]), (DIMANCHE, [])])
def test_commune_search_shows_open_now_for_an_offer_without_a_place(site, browser, moment, badge):
    _, url = site
    page = open_page(browser, url, moment, "recherche/?commune=91228")  # Évry-Courcouronnes
    shown = cards(page)
    assert DISTANCE in shown
    assert shown[DISTANCE] == badge
    # Its département's positions only: the file of the offers without a place is not downloaded.
    assert any(r.endswith("/geo/points-91.json") for r in page.requests)
    assert not any("autres" in r for r in page.requests if "/geo/" in r and "communes" not in r)
    assert page.errors == []


@pytest.fixture(scope="module")
def many(tmp_path_factory, pinned_today):
    """25 offers in the Essonne, its geo/ files cut in parts of a few offers (limit of 700 bytes)."""
    from generator.site.search import geo as geo_module

    from ..support import OFFRE

    offres = {f"asso-a/garage-{k:02d}": OFFRE.replace("nom: Garage solidaire", f"nom: Garage {k:02d}") for k in range(1, 26)}
    repo = write_catalogue(tmp_path_factory.mktemp("sans-critere-parties"), offres=offres)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(geo_module, "MAX_BYTES", 700)
        repo.build()
    with served(repo.site) as url:
        yield repo.site, url


def test_no_criterion_reads_the_geo_files_only_as_the_list_pages_on(many, browser):
    root, url = many
    parts = json.loads((root / "geo" / "index.json").read_text(encoding="utf-8"))["points"]["91"]
    assert len(parts) >= 3
    page = open_page(browser, url, LUNDI_MATIN, "recherche/")
    shown = page.results()
    assert page.page.locator("#resultats-nombre").inner_text() == "25 offres trouvées."  # the count of every offer
    assert shown == [f"Garage {k:02d}" for k in range(1, 21)]
    fetched = lambda: {name for name in parts if any(r.endswith("/geo/" + name) for r in page.requests)}  # noqa: E731
    assert 0 < len(fetched()) < len(parts)  # the first page's files only
    page.page.click("#plus")
    page.page.wait_for_function("() => document.querySelectorAll('#resultats .cat-card').length === 25")
    assert fetched() == set(parts)
    assert page.page.locator("#plus").is_hidden()
    assert [r for r in page.requests if any(p in r for p in PAGEFIND_SEARCH)] == [] and page.errors == []
