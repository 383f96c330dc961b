"""Reaching every person, in headless Chromium: languages spoken on site (page and search filter), the
« Appeler » and « Itinéraire » buttons, and « Orienter une personne » (a prefilled e-mail, nothing sent)."""

from urllib.parse import parse_qs, unquote, urlparse

import pytest

pytestmark = pytest.mark.browser

GARAGE = "offres/mobilite-solidaire/garage-solidaire/"
SCOOTERS = "offres/mobilite-solidaire/location-scooters/"
CV = "offres/mission-locale-massy/atelier-cv/"
DISTANCE = "offres/mission-locale-massy/coaching-distance/"


def hrefs(pg, selector: str) -> list[str]:
    return [a.get_attribute("href") for a in pg.locator(selector).all()]


# ----- languages -------------------------------------------------------------------------------------


def test_offer_page_names_the_languages_spoken_on_site(page):
    pg = page.open(GARAGE)
    assert pg.locator(".cat-langues-parlees").inner_text() == "Langues parlées sur place : arabe (العربية), anglais (English)."
    # Each name in its own language is marked as such (screen readers switch voice; Arabic reads right to left).
    assert pg.locator('.cat-langues-parlees bdi[lang="ar"]').inner_text() == "العربية"
    assert pg.locator(".cat-langues-parlees").count() == 1
    page.open(CV)
    assert pg.locator(".cat-langues-parlees").count() == 0  # no language given: nothing said


def test_the_language_facet_lists_only_the_catalogues_languages_by_name(page):
    pg = page.open("recherche/")
    page.results()
    options = pg.locator('input[name="langue"]')
    assert [o.get_attribute("value") for o in options.all()] == ["en", "ar", "uk"]  # anglais, arabe, ukrainien
    assert [pg.locator(f'label[for="f-langue-{c}"]').text_content() for c in ("en", "ar", "uk")] == ["anglais", "arabe", "ukrainien"]
    assert pg.locator("details:has(#f-langue-ar) summary").inner_text().startswith("Langue parlée sur place")


@pytest.mark.parametrize("code, expected", [("ar", ["Garage solidaire"]), ("uk", ["Location de scooters"])])
def test_a_link_with_a_language_filters_the_search(page, code, expected):
    pg = page.open(f"recherche/?langue={code}")
    assert page.results() == expected
    assert pg.locator(f"#f-langue-{code}").is_checked()
    assert page.errors == []


def test_ticking_a_language_filters_and_goes_into_the_url(page):
    pg = page.open("recherche/")
    page.results()
    pg.locator("details:has(#f-langue-en) summary").click()
    pg.check("#f-langue-en")
    pg.wait_for_function("() => document.getElementById('resultats-nombre').textContent.startsWith('1 offre')")
    assert page.results() == ["Garage solidaire"]
    assert parse_qs(urlparse(pg.url).query)["langue"] == ["en"]


# ----- « Appeler », « Itinéraire » ----------------------------------------------------------------------


def test_call_and_directions_buttons(page, base_url):
    pg = page.open(GARAGE)
    assert hrefs(pg, "a[data-appeler]") == ["tel:+33199001011"]  # the offer's own phone
    assert pg.locator("a[data-appeler]").inner_text().startswith("Appeler")
    assert hrefs(pg, "a[data-itineraire]") == ["https://www.openstreetmap.org/directions?to=48.6139%2C2.4826"]
    box = pg.locator("a[data-appeler]").bounding_box()
    assert box["height"] >= 44  # a tap target
    # Two places: one button per place, named after it.
    page.open(SCOOTERS)
    assert hrefs(pg, "a[data-appeler]") == ["tel:+33199001010"]  # no phone of its own: the structure's
    assert hrefs(pg, "a[data-itineraire]") == [
        "https://www.openstreetmap.org/directions?to=48.625%2C2.44",
        "https://www.openstreetmap.org/directions?to=48.653%2C2.414",
    ]
    names = [" ".join(t.split()) for t in pg.locator("a[data-itineraire]").all_inner_texts()]
    assert names == ["Itinéraire : Antenne d'Évry OpenStreetMap", "Itinéraire : Antenne de Ris-Orangis OpenStreetMap"]
    # Remote offer of a structure without a phone: neither button.
    page.open(DISTANCE)
    assert pg.locator("a[data-appeler], a[data-itineraire]").count() == 0
    # They are only links: the page itself asks nothing of OpenStreetMap.
    assert [u for u in page.requests if not u.startswith(base_url) and not u.startswith("data:")] == []


def test_action_buttons_are_not_printed(page):
    pg = page.open(GARAGE)
    assert pg.locator("a[data-appeler]").is_visible()
    pg.emulate_media(media="print")
    assert not pg.locator("a[data-appeler]").is_visible()
    assert not pg.locator("a[data-itineraire]").is_visible()
    assert not pg.locator("a[data-orienter-courriel]").is_visible()
    assert pg.locator("#orienter-titre").is_visible()  # the section itself stays on paper


# ----- « Orienter une personne » --------------------------------------------------------------------------


def test_refer_follows_the_offers_modes_in_their_order(page):
    pg = page.open(GARAGE)
    steps = pg.locator(".cat-orienter__etapes > li")
    assert steps.count() == 2  # modes_mobilisation: [telephoner, envoyer-un-courriel]
    assert steps.nth(0).inner_text() == "Téléphonez au 01 99 00 10 11 pour présenter la situation de la personne."
    assert steps.nth(0).locator("a").get_attribute("href") == "tel:+33199001011"
    assert steps.nth(1).locator("a[data-orienter-courriel]").get_attribute("href").startswith("mailto:garage@mobilite.example.org?")
    # [utiliser-lien-mobilisation, se-presenter]: the online form first, then coming on site.
    page.open(CV)
    steps = pg.locator(".cat-orienter__etapes > li")
    assert steps.count() == 2
    assert steps.nth(0).locator("a").get_attribute("href") == "https://example.org/inscription-atelier-cv"
    assert steps.nth(1).inner_text().startswith("La personne peut se présenter sur place")
    assert pg.locator("a[data-orienter-courriel]").count() == 0  # no e-mail mode: no e-mail offered
    # No mode given: a clear sentence, no action.
    page.open(SCOOTERS)
    section = pg.locator("section.cat-orienter")
    assert "Cette offre ne précise pas comment orienter une personne : contactez la structure" in section.inner_text()
    assert section.locator("a").count() == 1  # no action: only the way to a plan for her other needs
    assert section.locator("a").get_attribute("href").endswith("parcours/")


def test_prefilled_email_names_the_offer_and_its_page(page, base_url):
    pg = page.open(GARAGE)
    href = pg.locator("a[data-orienter-courriel]").get_attribute("href")
    url = urlparse(href)
    assert url.scheme == "mailto" and url.path == "garage@mobilite.example.org"
    query = {k: unquote(v) for k, v in (part.split("=", 1) for part in url.query.split("&"))}
    assert query["subject"] == "Orientation vers « Garage solidaire »"
    body = query["body"]
    assert "votre offre « Garage solidaire »" in body
    assert base_url + GARAGE in body.split("\r\n")  # the page's full address, on a line of its own
    assert "Sa situation : [à compléter]" in body and "(avec son accord)" in body
    assert "\n" not in body.replace("\r\n", "")  # line breaks as CRLF (RFC 6068)
    text = pg.locator("section.cat-orienter").inner_text()
    assert "Rien n'est envoyé ni conservé par ce site" in text
    assert page.errors == []


@pytest.mark.parametrize("url", [GARAGE, SCOOTERS, CV])
def test_axe_finds_no_violation_on_offer_pages(page, url):
    page.open(url)
    violations = page.axe()
    assert violations == [], violations
    assert page.errors == []
