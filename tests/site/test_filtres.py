"""The filters a référent needs on the search page: sub-thématiques (the thématique pages' « Affiner »
keeps them), active filters as removable chips (a shared link shows what it turns on), the language
switch keeping the search, a skip link to the results, and on a phone the filters folded behind
« Filtrer (n) » so that the results start on the first screen."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import Page

pytestmark = pytest.mark.browser

GARAGE = "Garage solidaire"
SCOOTERS = "Location de scooters"
REPARER = "mobilite--entretenir-reparer-son-vehicule"


def params(page) -> dict:
    return parse_qs(urlparse(page.page.url).query)


def chips(pg) -> list[str]:
    return [" ".join(t.split()) for t in pg.locator("#filtres-actifs li button").all_inner_texts()]


def test_thematique_page_refines_with_its_sub_thematique(page):
    pg = page.open(f"thematiques/{REPARER}/")
    pg.get_by_role("link", name=re.compile("Affiner la recherche")).click()
    pg.wait_for_url(re.compile(f"thematique={REPARER}"))
    assert page.results() == [GARAGE]  # not the scooters, which are « mobilité » too
    box = pg.locator(f"#f-thematique-{REPARER}")
    assert box.is_checked() and box.is_visible()  # its facet opened
    label = pg.locator(f"label[for='f-thematique-{REPARER}']").inner_text()
    assert chips(pg) == [f"{label} ×"]


def test_sub_thematiques_are_grouped_by_category_and_combine_with_categories(page):
    pg = page.open("recherche/")
    page.results()
    facet = pg.locator("details.cat-facette", has=pg.locator(f"#f-thematique-{REPARER}"))
    facet.locator("summary").click()
    assert facet.locator("legend", has_text="Mobilité").count() == 1
    pg.check("#f-thematique-mobilite--acceder-a-un-vehicule")
    pg.wait_for_function("() => document.getElementById('resultats-nombre').textContent.startsWith('2 offres')")
    assert set(page.results()) == {GARAGE, SCOOTERS}
    assert params(page)["thematique"] == ["mobilite--acceder-a-un-vehicule"]


def test_a_shared_link_shows_its_filters_as_chips_each_removable(page):
    pg = page.open("recherche/?q=scooter&commune=91174&thematique=mobilite&public=jeunes")
    assert page.results() == [SCOOTERS]
    assert chips(pg) == ["Mots-clés : « scooter » ×", "Habite : Corbeil-Essonnes (91100) ×", "Mobilité ×", "Jeunes ×"]
    # Named for what a press does.
    assert pg.locator("#filtres-actifs li button").nth(2).get_attribute("aria-label") == "Retirer le filtre « Mobilité »"
    pg.locator("#filtres-actifs li button").nth(2).click()
    pg.wait_for_function("() => !location.search.includes('thematique')")
    assert chips(pg) == ["Mots-clés : « scooter » ×", "Habite : Corbeil-Essonnes (91100) ×", "Jeunes ×"]
    assert not pg.locator("#f-thematique-mobilite").is_checked()
    assert pg.evaluate("document.activeElement.textContent.trim()").startswith("Jeunes")  # the focus stays among the chips
    pg.locator("#filtres-actifs li button").first.click()
    pg.wait_for_function("() => !location.search.includes('q=')")
    assert pg.locator("#q").input_value() == ""
    pg.locator("#filtres-actifs li button").first.click()  # the commune
    pg.wait_for_function("() => !location.search.includes('commune')")
    assert pg.locator("#commune-saisie").input_value() == ""
    pg.locator("#filtres-actifs li button").first.click()
    pg.wait_for_function("() => location.search === ''")
    assert pg.locator("#filtres-actifs").is_hidden()
    assert pg.evaluate("document.activeElement.id") == "resultats-zone"
    assert page.errors == []


def test_language_switch_keeps_the_search(page):
    pg = page.open("recherche/?thematique=mobilite")
    page.results()
    pg.check("#f-places")
    pg.wait_for_url(re.compile("places=1"))
    pg.locator(".cat-langues a[hreflang=en]").click()
    pg.wait_for_url(re.compile("/en/recherche/"))
    assert params(page) == {"thematique": ["mobilite"], "places": ["1"]}
    page.results()
    assert pg.locator("#f-thematique-mobilite").is_checked() and pg.locator("#f-places").is_checked()
    # And back, with what was changed in English.
    pg.uncheck("#f-places")
    pg.wait_for_function("() => !location.search.includes('places')")
    pg.locator(".cat-langues a[hreflang=fr]").click()
    pg.wait_for_url(re.compile(r"/recherche/\?thematique=mobilite$"))


def test_skip_link_leads_to_the_results(page):
    pg = page.open("recherche/")
    page.results()
    link = pg.locator("a.cat-evitement")
    assert not link.is_visible() or link.bounding_box()["x"] < 0
    link.focus()
    assert link.bounding_box()["x"] >= 0  # seen once focused
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.id") == "resultats-zone"


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  timezone_id="Europe/Paris", locale="fr-FR", service_workers="block")
    yield Page(context.new_page(), base_url)
    context.close()


def test_at_320_px_the_results_come_first_and_the_filters_fold(phone):
    pg = phone.open("recherche/?commune=91174&thematique=mobilite")
    phone.results()
    first = pg.locator("#resultats .cat-card").first.bounding_box()
    assert first["y"] < 640 - 44  # the first result's title is on the first screen, unscrolled
    toggle = pg.locator("#filtrer")
    assert toggle.is_visible() and " ".join(toggle.inner_text().split()) == "Filtrer (2)"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not pg.locator("#commune-saisie").is_visible() and not pg.locator("#f-places").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert pg.locator("#commune-saisie").is_visible() and pg.locator("#f-thematique-mobilite").is_visible()
    pg.check("#f-places")
    pg.wait_for_function("() => document.getElementById('filtrer').textContent.includes('(3)')")
    assert phone.errors == []


def test_on_a_wide_screen_nothing_folds(page):
    pg = page.open("recherche/?thematique=mobilite")
    page.results()
    assert not pg.locator("#filtrer").is_visible()
    assert pg.locator("#commune-saisie").is_visible() and pg.locator("#f-places").is_visible()


def test_unknown_commune_code_unfolds_the_filters_on_a_phone(phone):
    pg = phone.open("recherche/?commune=99999")
    phone.results()
    assert pg.locator("#commune-inconnue").is_visible()


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violation_on_the_search_page_with_chips(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR", service_workers="block")
    page = Page(context.new_page(), base_url)
    pg = page.open(f"recherche/?commune=91174&thematique={REPARER}&places=1")
    page.results()
    if width == 320:
        pg.click("#filtrer")
    closed = pg.locator("details.cat-facette:not([open]) > summary")
    while closed.count():
        closed.first.click()
    assert page.axe() == []
    context.close()
