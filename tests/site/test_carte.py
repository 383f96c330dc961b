"""The map page's own behaviour in headless Chromium: groups of places (Supercluster), what a click or Enter
on a group does, the names a screen reader hears (groups, zoom buttons) in the page's language, and axe
with the groups shown, at 1280 and 320 px. The texts of the markers are tested in tests/hostile/test_map_text.py."""

import re

import pytest

from ..support import french_context
from .conftest import Page

pytestmark = pytest.mark.browser

GROUPS = "#carte .marker-cluster"


def open_map(browser, base_url, path="carte/", width=1280):
    context = french_context(browser)
    pg = context.new_page()
    pg.set_viewport_size({"width": width, "height": 900 if width > 400 else 640})
    page = Page(pg, base_url)
    page.open(path)
    page.results()
    pg.wait_for_selector(GROUPS)
    return page


def shown_places(pg) -> int:
    """Places on the map: the number of each group, plus the places shown alone."""
    groups = [int(t) for t in pg.locator(GROUPS + " span").all_inner_texts()]
    alone = pg.locator("#carte .leaflet-marker-icon:not(.marker-cluster)").count()
    return sum(groups) + alone


def zoom(pg) -> int:
    return int(pg.locator("#carte").get_attribute("data-zoom"))


def test_every_place_is_on_the_map_in_named_groups(browser, base_url):
    page = open_map(browser, base_url)
    pg = page.page
    total = int(pg.locator("#carte").get_attribute("data-marqueurs"))
    assert total >= 5
    assert shown_places(pg) == total  # grouped, none lost nor counted twice
    group = pg.locator(GROUPS).first
    n = group.locator("span").inner_text()
    assert group.get_attribute("role") == "button" and group.get_attribute("tabindex") == "0"
    assert group.get_attribute("aria-label") == f"{n} lieux — zoomer"
    assert group.get_attribute("title") == f"{n} lieux — zoomer"
    assert page.errors == []
    pg.context.close()


def test_a_click_on_a_group_zooms_in_and_shows_its_places(browser, base_url):
    page = open_map(browser, base_url)
    pg = page.page
    before = zoom(pg)
    groups = pg.locator(GROUPS).count()
    pg.locator(GROUPS).first.click()
    pg.wait_for_function(f"() => +document.getElementById('carte').dataset.zoom > {before}")
    pg.wait_for_timeout(400)  # the zoom's animation
    # Closer: the group's places are in smaller groups, or alone, each with its name.
    assert pg.locator(GROUPS).count() < groups or pg.locator("#carte .leaflet-marker-icon:not(.marker-cluster)").count() > 0
    pg.context.close()


def test_enter_on_a_group_zooms_in_and_keeps_the_keyboard_on_the_map(browser, base_url):
    page = open_map(browser, base_url)
    pg = page.page
    before = zoom(pg)
    pg.locator(GROUPS).first.focus()
    pg.keyboard.press("Enter")
    pg.wait_for_function(f"() => +document.getElementById('carte').dataset.zoom > {before}")
    pg.wait_for_timeout(400)
    assert pg.evaluate("document.activeElement.id") == "carte"  # not lost on <body>
    pg.keyboard.press("Tab")  # the next control of the map is reachable
    assert pg.evaluate("!!document.activeElement.closest('#carte')")
    pg.context.close()


@pytest.mark.parametrize(("path", "zoom_in", "zoom_out", "group"), [
    ("carte/", "Zoom avant", "Zoom arrière", r"^\d+ lieux? — zoomer$"),
    ("en/carte/", "Zoom in", "Zoom out", r"^\d+ locations? — zoom in$"),
])
def test_zoom_buttons_and_groups_speak_the_pages_language(browser, base_url, path, zoom_in, zoom_out, group):
    page = open_map(browser, base_url, path)
    pg = page.page
    for selector, name in ((".leaflet-control-zoom-in", zoom_in), (".leaflet-control-zoom-out", zoom_out)):
        button = pg.locator("#carte " + selector)
        assert button.get_attribute("aria-label") == name and button.get_attribute("title") == name
    assert re.match(group, pg.locator(GROUPS).first.get_attribute("aria-label"))
    pg.context.close()


def test_the_offer_pages_map_names_its_zoom_buttons_in_french(page):
    pg = page.open("offres/mobilite-solidaire/location-scooters/")
    pg.wait_for_selector("#carte-offre .leaflet-marker-icon")
    assert pg.locator("#carte-offre .leaflet-control-zoom-in").get_attribute("aria-label") == "Zoom avant"
    assert pg.locator("#carte-offre .leaflet-control-zoom-out").get_attribute("aria-label") == "Zoom arrière"


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violation_with_the_groups_shown(browser, base_url, width):
    page = open_map(browser, base_url, width=width)
    assert page.axe() == []
    assert page.errors == []
    page.page.context.close()
