"""The site in real headless Chromium: search, filters, commune, map, print, selection, keyboard, axe."""

import re
from datetime import datetime
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

GARAGE = "Garage solidaire"
SCOOTERS = "Location de scooters"
CV = "Atelier CV et lettre de motivation"
DISTANCE = "Coaching numérique à distance"
BUDGET = "Aide au budget familial"
PUBLIC = {GARAGE, SCOOTERS, CV, DISTANCE, BUDGET}


def params(page) -> dict:
    return parse_qs(urlparse(page.page.url).query)


def test_search_lists_every_public_offer_and_full_text_finds_keywords(page):
    page.open("recherche/")
    # Without any criterion: the territory's offers by name, then those without a place (geo/ files, read as
    # the list pages on: recherche.js toutLister).
    assert page.results() == [*sorted(PUBLIC - {DISTANCE}), DISTANCE]
    assert page.count_text() == "5 offres trouvées."
    page.page.fill("#q", "PMSMP")  # a keyword of the garage only
    page.page.wait_for_url(re.compile("q=PMSMP"))
    assert page.results() == [GARAGE]
    page.page.fill("#q", "reparation")  # accent-insensitive
    page.page.wait_for_url(re.compile("q=reparation"))
    assert page.results() == [GARAGE]
    assert params(page)["q"] == ["reparation"]
    page.page.fill("#q", "")  # words removed: back to the list without criterion
    page.page.wait_for_function("() => document.getElementById('resultats-nombre').textContent.startsWith('5 offres')")
    assert page.results() == [*sorted(PUBLIC - {DISTANCE}), DISTANCE]
    assert page.errors == []


@pytest.mark.parametrize("name, value, expected", [
    ("thematique", "mobilite", {GARAGE, SCOOTERS}),
    ("public", "jeunes", {SCOOTERS, CV, DISTANCE}),  # "tous publics" offers stay
    ("frais", "payant", {GARAGE}),
    ("type", "atelier", {CV}),
    ("accueil", "a-distance", {DISTANCE}),
])
def test_each_facet_filters_results_and_is_kept_in_the_url(page, name, value, expected):
    page.open("recherche/")
    page.results()
    if name != "thematique":
        page.page.locator(f"details:has(#f-{name}-{value}) summary").click()
    page.page.check(f"#f-{name}-{value}")
    page.page.wait_for_function(f"() => document.getElementById('resultats-nombre').textContent.startsWith('{len(expected)} offre')")
    assert set(page.results()) == expected
    assert params(page)[name] == [value]


def test_places_disponibles_keeps_fresh_counts_with_free_places(page):
    page.open("recherche/")
    page.results()
    page.page.check("#f-places")
    page.page.wait_for_function("() => document.getElementById('resultats-nombre').textContent.startsWith('2 offres')")
    # Scooters: 0 free place; budget: count too old ("à confirmer").
    assert set(page.results()) == {GARAGE, CV}
    assert params(page)["places"] == ["1"]


def badges(page) -> dict[str, str]:
    """Each result's title → its places badge (or "")."""
    page.results()
    return {
        c.locator(".cat-card__titre").inner_text(): (c.locator(".cat-badge").first.inner_text() if c.locator(".cat-badge").count() else "")
        for c in page.page.locator("#resultats .cat-card").all()
    }


def test_results_show_free_places_full_and_counts_to_confirm(page):
    page.open("recherche/")
    shown = badges(page)
    assert shown[GARAGE] == "3 places disponibles sur 10"
    assert shown[SCOOTERS] == "Complet"
    assert shown[BUDGET] == "Places à confirmer"
    assert page.page.locator(".cat-card:has-text('Complet') .cat-badge--non").count() == 1


@pytest.mark.parametrize("moment, expected", [
    (datetime(2026, 11, 23, 10, 30), {GARAGE, BUDGET}),  # Monday morning
    (datetime(2026, 11, 24, 15, 0), {CV}),               # Tuesday afternoon
    (datetime(2026, 11, 25, 15, 0), {SCOOTERS}),         # Wednesday: the Ris-Orangis place
    (datetime(2026, 12, 25, 10, 30), set()),              # Christmas, a Friday: "PH off"
])
def test_ouvert_maintenant_is_evaluated_in_the_browser_at_the_visitors_time(page, moment, expected):
    page.page.clock.set_fixed_time(moment.replace(tzinfo=ZoneInfo("Europe/Paris")))
    page.open("recherche/?ouvert=1")
    titles = page.results()
    assert set(titles) == expected
    assert page.page.locator("#f-ouvert").is_checked()


def test_offer_page_badge_says_open_now_or_closed(page):
    page.page.clock.set_fixed_time(datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Europe/Paris")))
    page.open("offres/mobilite-solidaire/garage-solidaire/")
    assert page.page.locator("[data-ouvert]").inner_text() == "Ouvert maintenant"
    page.page.clock.set_fixed_time(datetime(2026, 11, 23, 14, 30, tzinfo=ZoneInfo("Europe/Paris")))
    page.open("offres/mobilite-solidaire/garage-solidaire/")
    assert page.page.locator("[data-ouvert]").inner_text() == "Fermé en ce moment"


def test_commune_suggestions_by_name_and_postal_code_then_eligibility_and_distance(page):
    page.open("recherche/")
    page.results()
    page.page.fill("#commune-saisie", "corbeil")
    option = page.page.locator("#commune-suggestions [role=option]").first
    assert option.inner_text() == "Corbeil-Essonnes (91100)"
    option.click()
    page.page.wait_for_function("() => document.getElementById('resultats-nombre').textContent.includes('Corbeil')")
    # Eligible for Corbeil: département-wide, the agglomération, France; nearest first, remote last.
    assert page.results() == [GARAGE, SCOOTERS, DISTANCE]
    assert params(page)["commune"] == ["91174"]
    assert "à 0 km" in page.page.locator("#resultats li").first.inner_text() or "à 0,0 km" in page.page.locator("#resultats li").first.inner_text()
    page.page.fill("#commune-saisie", "91300")
    page.page.locator("#commune-suggestions [role=option]", has_text="Massy").click()
    page.page.wait_for_function("() => document.getElementById('resultats-nombre').textContent.includes('Massy')")
    assert page.results() == [CV, GARAGE, DISTANCE]


def test_filters_combine_and_a_reload_restores_them(page):
    page.open("recherche/?commune=91174&thematique=mobilite&public=jeunes")
    assert page.results() == [SCOOTERS]
    assert page.page.locator("#commune-saisie").input_value() == "Corbeil-Essonnes (91100)"
    # A shared link reads its commune from the département's file, not every commune of the territory.
    assert [u.rsplit("/", 1)[1] for u in page.requests if "/geo/communes-" in u] == ["communes-91.json"]
    page.page.reload()
    assert page.results() == [SCOOTERS]
    assert page.page.locator("#f-thematique-mobilite").is_checked()
    assert page.page.locator("#f-public-jeunes").is_checked()


def test_autour_de_moi_sorts_by_the_browsers_position(browser, base_url):
    from .conftest import Page

    context = browser.new_context(geolocation={"latitude": 48.7309, "longitude": 2.2713}, permissions=["geolocation"])
    page = Page(context.new_page(), base_url)
    page.open("recherche/")
    page.results()
    page.page.click("#autour")
    page.page.wait_for_function("() => document.getElementById('resultats-nombre').textContent.includes('plus proches')")
    titles = page.results()
    assert titles[0] == CV and titles[-1] == DISTANCE
    context.close()


def test_map_shows_clustered_markers_and_the_same_results_as_a_list(page):
    page.open("carte/?thematique=mobilite")
    titles = page.results()
    assert set(titles) == {GARAGE, SCOOTERS}
    page.page.wait_for_selector("#carte .leaflet-marker-icon")
    assert page.page.locator("#carte").get_attribute("data-marqueurs") == "3"  # garage + two scooter places
    icons = page.page.locator("#carte .leaflet-marker-icon")
    labels = [icons.nth(i).get_attribute("alt") or icons.nth(i).inner_text() for i in range(icons.count())]
    assert all(label.strip() for label in labels)
    page.open("carte/")
    page.results()
    assert page.page.locator("#carte .marker-cluster").count() >= 1  # nearby places grouped


def test_map_page_lists_every_offer_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base_url + "carte/")
    text = pg.locator("#liste-statique").inner_text()
    for title in PUBLIC:
        assert title in text
    assert "Ris-Orangis" in text and "À distance ou sans lieu fixe" in text
    context.close()


def test_offer_prints_as_a_clean_one_page_fiche(page):
    pg = page.open("offres/mobilite-solidaire/garage-solidaire/")
    pg.emulate_media(media="print")
    assert not pg.locator(".cat-header").is_visible()
    assert not pg.locator(".cat-footer").is_visible()
    assert not pg.locator("[data-selection-bouton]").is_visible()
    assert pg.locator("h1").is_visible() and pg.locator("text=Téléphone : 01 99 00 10 11").is_visible()  # in « Contacts »
    pdf = pg.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_selection_add_print_and_share(page):
    pg = page.open("offres/mobilite-solidaire/garage-solidaire/")
    pg.click("[data-selection-bouton]")
    assert pg.locator("[data-selection-compteur]").inner_text() == "1"
    pg = page.open("offres/mission-locale-massy/atelier-cv/")
    pg.click("[data-selection-bouton]")
    assert pg.locator("[data-selection-bouton]").get_attribute("aria-pressed") == "true"  # its label stays; its state says it is in
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=1")
    assert pg.locator("#selection-fiches h2").all_inner_texts() == [GARAGE, CV]
    link = pg.locator("#selection-lien").input_value()
    assert "ids=mobilite-solidaire/garage-solidaire,mission-locale-massy/atelier-cv" in link
    pg.emulate_media(media="print")
    assert not pg.locator("#selection-actions").is_visible()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pg.pdf(format="A4"))) == 1  # compact cards on one page (test_impression.py)
    # The link opens the same selection in another browser.
    other = page.page.context.browser.new_context()
    p2 = other.new_page()
    p2.goto(link)
    p2.wait_for_selector("#selection-fiches .cat-fiche >> nth=1")
    assert p2.locator("#selection-fiches h2").all_inner_texts() == [GARAGE, CV]
    assert p2.locator("#selection-garder").is_visible()
    other.close()


def test_keyboard_only_journey(page):
    pg = page.open("")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == "Aller au contenu"
    pg.keyboard.press("Enter")
    # Home search box → search page.
    for _ in range(10):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.id") == "q-accueil":
            break
    pg.keyboard.type("scooters")
    pg.keyboard.press("Enter")
    pg.wait_for_url(re.compile(r"recherche/\?q=scooters"))
    assert page.results() == [SCOOTERS]
    pg.fill("#q", "")
    page.results()
    # Commune by keyboard: type, arrow down, Enter.
    pg.focus("#commune-saisie")
    pg.keyboard.type("Corbeil")
    pg.wait_for_selector("#commune-suggestions [role=option]")
    pg.keyboard.press("ArrowDown")
    assert pg.locator("#commune-saisie").get_attribute("aria-activedescendant") == "commune-option-0"
    pg.keyboard.press("Enter")
    pg.wait_for_function("() => document.getElementById('resultats-nombre').textContent.includes('Corbeil')")
    # Thématique by keyboard: Tab to the checkbox, Space.
    for _ in range(40):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.id") == "f-thematique-mobilite":
            break
    pg.keyboard.press("Space")
    pg.wait_for_function("() => document.getElementById('resultats-nombre').textContent.startsWith('2 offres')")
    assert page.results() == [GARAGE, SCOOTERS]
    # Open the first result, add it to the selection.
    for _ in range(60):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.textContent") == GARAGE:
            break
    pg.keyboard.press("Enter")
    pg.wait_for_url(re.compile(r"offres/mobilite-solidaire/garage-solidaire/"))
    for _ in range(30):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.hasAttribute('data-selection-bouton')"):
            break
    outline = pg.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    pg.keyboard.press("Enter")
    assert pg.locator("[data-selection-compteur]").inner_text() == "1"


PAGES = [
    "",
    "recherche/?commune=91174",
    "carte/",
    "selection/",
    "offres/mobilite-solidaire/garage-solidaire/",
    "offres/ccas-evry/epicerie-suspendue/",
    "structures/mobilite-solidaire/",
    "thematiques/mobilite/",
    "thematiques/mobilite--acceder-a-un-vehicule/",
    "territoires/91/",
    "territoires/200059228/",
    "a-propos/",
    "accessibilite/",
    "donnees/",
]


@pytest.mark.parametrize("url", PAGES)
def test_axe_finds_no_violation(page, url):
    page.open(url)
    if "recherche" in url or "carte" in url:
        page.results()
    violations = page.axe()
    assert violations == [], violations
    assert page.errors == []


@pytest.mark.parametrize("url", PAGES)
def test_headings_in_order_and_a_single_h1(page, url):
    pg = page.open(url)
    levels = pg.evaluate("[...document.querySelectorAll('main h1, main h2, main h3, main h4, article h1, article h2, article h3, article h4')].map(h => +h.tagName[1])")
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_no_request_leaves_the_site(page, base_url):
    for url in ["", "recherche/?q=garage&commune=91174", "carte/", "offres/mobilite-solidaire/location-scooters/", "a-propos/"]:
        page.open(url)
        if "recherche" in url or "carte" in url:
            page.results()
    others = [u for u in page.requests if not u.startswith(base_url) and not u.startswith("data:")]
    assert others == []
    assert page.errors == []
