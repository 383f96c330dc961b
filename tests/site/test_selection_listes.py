"""« Ajouter à ma sélection » on every list (search results, thématique, structure and territory pages)
and on the offer page: a toggle whose aria-pressed says the state, the header's count, /selection/
listing what was added; the offer's French text marked lang="fr" in the English pages."""

import pytest

pytestmark = pytest.mark.browser

GARAGE = "Garage solidaire"
SCOOTERS = "Location de scooters"
CV = "Atelier CV et lettre de motivation"


def bouton(pg, nom: str):
    """The selection button of the card whose title is `nom`."""
    return pg.locator(".cat-card", has=pg.locator(".cat-card__titre", has_text=nom)).locator("[data-selection-bouton]")


def compteur(pg) -> str:
    return pg.locator("[data-selection-compteur]").first.inner_text()


def test_add_from_search_results_then_the_selection_lists_them(page):
    pg = page.open("recherche/")
    page.results()
    garage, cv = bouton(pg, GARAGE), bouton(pg, CV)
    assert garage.is_visible() and garage.get_attribute("aria-pressed") == "false"
    assert compteur(pg) == ""
    garage.click()
    assert garage.get_attribute("aria-pressed") == "true"
    assert compteur(pg) == "1"
    # Said to screen readers, and named after its offer (several buttons on one page).
    assert pg.locator("[role=status]", has_text="Offre ajoutée à votre sélection (1).").count() == 1
    assert garage.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()") == f"Ajouter à ma sélection : {GARAGE}"
    cv.click()
    assert cv.get_attribute("aria-pressed") == "true" and compteur(pg) == "2"
    # Kept when the page comes back; a second press takes the offer out.
    pg.reload()
    page.results()
    assert bouton(pg, GARAGE).get_attribute("aria-pressed") == "true"
    bouton(pg, CV).click()
    assert bouton(pg, CV).get_attribute("aria-pressed") == "false" and compteur(pg) == "1"
    bouton(pg, CV).click()
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=1")
    assert pg.locator("#selection-fiches h2").all_inner_texts() == [GARAGE, CV]
    assert page.errors == []


def test_add_from_a_thematique_page_and_the_state_follows_on_other_lists(page):
    pg = page.open("thematiques/mobilite/")
    scooters = bouton(pg, SCOOTERS)
    scooters.click()
    assert scooters.get_attribute("aria-pressed") == "true"
    assert compteur(pg) == "1"
    # The same offer on the structure's page and in the search results: already pressed.
    pg = page.open("structures/mobilite-solidaire/")
    assert bouton(pg, SCOOTERS).get_attribute("aria-pressed") == "true"
    assert bouton(pg, GARAGE).get_attribute("aria-pressed") == "false"
    pg = page.open("recherche/?thematique=mobilite")
    page.results()
    assert bouton(pg, SCOOTERS).get_attribute("aria-pressed") == "true"
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-fiches .cat-fiche")
    assert pg.locator("#selection-fiches h2").all_inner_texts() == [SCOOTERS]


def test_territory_and_map_lists_have_the_button_too(page):
    pg = page.open("territoires/91/")
    assert pg.locator(".cat-card [data-selection-bouton]:visible").count() >= 1
    pg = page.open("carte/")
    page.results()
    assert pg.locator("#resultats [data-selection-bouton]:visible").count() == len(page.results())


def test_offer_page_button_is_pressed_once_added(page):
    pg = page.open("offres/mobilite-solidaire/garage-solidaire/")
    b = pg.locator("[data-selection-bouton]")
    assert b.get_attribute("aria-pressed") == "false"
    b.click()
    assert b.get_attribute("aria-pressed") == "true"
    assert compteur(pg) == "1"
    pg.reload()
    assert pg.locator("[data-selection-bouton]").get_attribute("aria-pressed") == "true"
    pg.locator("[data-selection-bouton]").click()
    assert pg.locator("[data-selection-bouton]").get_attribute("aria-pressed") == "false"
    assert compteur(pg) == ""


def test_without_javascript_no_button_is_shown(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base_url + "thematiques/mobilite/")
    assert pg.locator(".cat-card").count() >= 2
    assert pg.locator("[data-selection-bouton]:visible").count() == 0
    context.close()


@pytest.mark.parametrize("url, selectors", [
    ("en/offres/mobilite-solidaire/garage-solidaire/", ["h1", ".cat-fiche__structure a", ".cat-texte-offre", "address"]),
    ("en/thematiques/mobilite/", [".cat-card__titre a", ".cat-card__texte"]),
    ("en/structures/mobilite-solidaire/", ["h1", ".cat-card__titre a"]),
])
def test_french_offer_text_in_english_pages_is_marked_french(page, url, selectors):
    pg = page.open(url)
    for s in selectors:
        found = pg.locator(s)
        assert found.count() >= 1, s
        for e in found.all():
            assert e.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "fr", s
    # The interface around it stays English.
    assert pg.locator("html").get_attribute("lang") == "en"


def test_search_results_in_english_mark_the_offer_names_french(page):
    pg = page.open("en/recherche/")
    page.results()
    for e in pg.locator("#resultats .cat-card__titre a, #resultats .cat-card__texte").all():
        assert e.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "fr"
    assert pg.locator("#resultats [data-selection-bouton]").first.evaluate("b => b.closest('[lang]').getAttribute('lang')") == "en"


def test_french_pages_carry_no_extra_lang(page):
    pg = page.open("thematiques/mobilite/")
    assert pg.locator(".cat-card [lang]").count() == 0
