"""Routes without an account, in Chromium: the offer page's « Mettre à jour les places » (prefilled with the
page's figures, rebuilt from what the partner types into the forge's issue form link and into an e-mail
that `catalogue ticket` reads back), « Rien n'a changé », « Signaler une erreur » by e-mail, and the
« Proposer une offre » page's « Envoyer par courriel » with the offer's YAML."""

from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from generator.model import ticket

from .conftest import fill_valid_remote, open_form, produce

CONTACT = "contact@offre-insertion.example.org"
FORGE = "https://github.com/exemple/catalogue-test"
GARAGE = "offres/mobilite-solidaire/garage-solidaire/"  # total 10, disponibles 3 in the fixture catalogue


def mail(href: str) -> tuple[str, dict[str, str]]:
    """(address, {subject, body}) of a mailto link, decoded as a mail program does."""
    assert href.startswith("mailto:") and "+" not in href  # RFC 6068: a space is %20
    parts = urlsplit(href)
    return unquote(parts.path), {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}


def issue(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in parse_qs(parts.query).items()}


def open_offer(page):
    page.goto(page.base + GARAGE)
    page.wait_for_load_state("networkidle")
    return page


def test_places_form_is_prefilled_and_produces_the_issue_and_the_email(page):
    open_offer(page)
    forge_link, mail_link = page.locator("[data-places-ticket]"), page.locator("[data-places-courriel]")
    # Without a change, the links are the ones the page was built with (Python), today's date added.
    assert page.locator("#places-disponibles").input_value() == "3"
    assert page.locator("#places-total").input_value() == "10"
    assert page.locator("#places-date").input_value() == "2026-11-23"
    page.locator("[data-places] summary").click()
    page.fill("#places-date", "")
    url, query = issue(forge_link.get_attribute("href"))
    assert url == FORGE + "/issues/new"
    assert query == {"template": ticket.PLACES_FORM, "title": "Places : mobilite-solidaire/garage-solidaire",
                     "offre": "mobilite-solidaire/garage-solidaire", "disponibles": "3", "total": "10"}
    # The partner types a new count.
    page.fill("#places-disponibles", "1")
    page.fill("#places-total", "")
    page.fill("#places-date", "2026-11-20")
    _, query = issue(forge_link.get_attribute("href"))
    assert query == {"template": ticket.PLACES_FORM, "title": "Places : mobilite-solidaire/garage-solidaire",
                     "offre": "mobilite-solidaire/garage-solidaire", "disponibles": "1", "date": "2026-11-20"}
    address, message = mail(mail_link.get_attribute("href"))
    assert address == CONTACT and message["subject"] == "Places : mobilite-solidaire/garage-solidaire"
    read = ticket.read(message["body"])  # what `catalogue ticket` does with the e-mail pasted in
    assert (read.kind, read.offre, read.disponibles, read.total, read.date) == ("places", "mobilite-solidaire/garage-solidaire", "1", "", "2026-11-20")
    assert page.errors == []


def test_an_impossible_count_is_said_and_not_sent(page):
    open_offer(page)
    page.locator("[data-places] summary").click()
    before = page.locator("[data-places-ticket]").get_attribute("href")
    page.fill("#places-disponibles", "12")
    error = page.locator("#places-erreur")
    assert error.is_visible() and error.text_content() == "Plus de places disponibles (12) que de places au total (10)."
    assert page.locator("#places-disponibles").get_attribute("aria-invalid") is not None
    assert page.locator("[data-places-ticket]").get_attribute("href") == before
    page.locator("[data-places-ticket]").click()  # stopped by the page: nothing opens
    assert page.url.endswith(GARAGE)


def test_nothing_changed_and_report_an_error_by_forge_or_email(page):
    open_offer(page)
    url, query = issue(page.locator("[data-rien]").get_attribute("href"))
    assert url == FORGE + "/issues/new" and query["template"] == ticket.CONFIRM_FORM and query["offre"] == "mobilite-solidaire/garage-solidaire"
    address, message = mail(page.locator("[data-rien-courriel]").get_attribute("href"))
    assert address == CONTACT and ticket.read(message["body"]).kind == "confirmation"
    url, query = issue(page.locator("[data-signaler]").get_attribute("href"))
    assert query == {"template": ticket.ERROR_FORM, "title": "Erreur : mobilite-solidaire/garage-solidaire", "offre": "mobilite-solidaire/garage-solidaire"}
    address, message = mail(page.locator("[data-signaler-courriel]").get_attribute("href"))
    assert address == CONTACT and message["subject"] == "Erreur : mobilite-solidaire/garage-solidaire"
    assert "Offre : Garage solidaire (mobilite-solidaire/garage-solidaire)" in message["body"]
    assert "Qu'est-ce qui est faux ou manquant ?" in message["body"]


def test_the_partner_block_is_accessible_at_1280_and_320(page):
    from tests.support import Page

    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        open_offer(page)
        page.locator("[data-places] summary").click()
        page.locator(".cat-partenaire details:not([data-places]) summary").click()
        violations = Page(page, page.base).axe()
        assert violations == [], (width, violations)


def test_proposer_sends_the_yaml_by_email(page):
    open_form(page)
    fill_valid_remote(page)
    produce(page)
    page.locator("#proposer-resultat").wait_for(state="visible")
    address, message = mail(page.locator("#proposer-courriel").get_attribute("href"))
    assert address == CONTACT
    assert message["subject"] == "Nouvelle offre : offers/ccas-evry/permanence-numerique.yml"
    assert page.locator("#proposer-courriel-long").is_hidden()
    yaml_text = page.locator("#proposer-yaml").input_value()
    assert message["body"].endswith(yaml_text)
    assert yaml.safe_load(message["body"].split(" :\n\n", 1)[1])["nom"] == "Permanence numérique"


def test_proposer_long_offer_asks_for_an_attachment(page):
    open_form(page)
    fill_valid_remote(page)
    page.fill("#champ-description", "Aide aux démarches en ligne, pas à pas. " * 60)
    produce(page)
    page.locator("#proposer-resultat").wait_for(state="visible")
    href = page.locator("#proposer-courriel").get_attribute("href")
    assert len(href) <= 2000
    _, message = mail(href)
    assert "est joint à ce courriel" in message["body"] and "description" not in message["body"]
    assert page.locator("#proposer-courriel-long").is_visible()
