"""One-page hand-outs, printed by headless Chromium on A4 (pages counted in page.pdf()): a plan of 3 needs ×
3 offers and Mme X's plan, an 8-offer « Ma sélection »; the print date, the link and its QR code; nothing
of the screen only (buttons, « Lien copié… », the form). Also on /selection/: the shared link of today,
every aria-labelledby pointing to an element of the page, and « Vider la sélection » that can be undone."""

import json
import re

import pytest

from ..support import Page, french_context, served
from .sample_site import MME_X, TROIS_FOIS_TROIS, built_sample

pytestmark = pytest.mark.browser

# Eight offers of the sample catalogue, from eight structures.
HUIT = [
    "halte-garderie-les-petits-pas/halte-garderie",
    "point-conseil-budget-essonne/microcredit-personnel",
    "etti-tremplin-interim/parcours-caces-afest",
    "mds-draveil/accompagnement-social-global",
    "centre-social-les-tilleuls/ateliers-fle",
    "plateforme-mobilite-essonne/diagnostic-mobilite",
    "auto-ecole-sociale-essonne/permis-b-accompagne",
    "creche-avip-les-lucioles/places-creche-avip",
]
SCREEN_ONLY = ["Lien copié", "Le lien est sélectionné", "Fermé en ce moment", "Ouvert maintenant", "Imprimer", "Copier le lien",
               "Vider la sélection", "Retirer", "Commune de résidence", "Préparer le parcours", "Parcours prêt", "Ma sélection :"]


@pytest.fixture(scope="module")
def sample_url():
    with served(built_sample()) as url:
        yield url


@pytest.fixture
def page(browser, sample_url):
    ctx = french_context(browser)
    yield Page(ctx.new_page(), sample_url)
    ctx.close()


def pages_of(pg) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pg.pdf(format="A4")))


def printed_text(pg) -> str:
    pg.emulate_media(media="print")
    return pg.evaluate("document.body.innerText")


def check_print_head(pg, link: str) -> None:
    text = printed_text(pg)
    assert "Offre d'insertion en Essonne" in text and re.search(r"Imprimé le \d{1,2}(er)? \w+ 20\d\d\.", text)
    assert link in text.replace("\n", "")
    qr = pg.locator("[data-impression-qr] svg")
    assert qr.is_visible() and int(qr.get_attribute("data-modules")) >= 25  # a QR code of the link (version 2 at least)
    box = qr.bounding_box()
    assert box["width"] >= 80 and box["width"] == box["height"]  # about 26 mm: scannable from paper
    for words in SCREEN_ONLY:
        assert words not in text, words


def test_a_plan_of_three_needs_by_three_offers_prints_on_one_page(page):
    pg = page.open(TROIS_FOIS_TROIS)
    pg.wait_for_selector("#parcours-groupes[data-pret]")
    assert [pg.locator(f"[data-besoin='{b}'] li").count() for b in ("mobilite", "trouver-un-emploi", "se-former")] == [3, 3, 3]
    pg.click("#parcours-copier")  # « Lien copié… » or « Le lien est sélectionné… » on screen, never on paper
    pg.wait_for_function("() => document.getElementById('parcours-etat').textContent.startsWith('L')")
    check_print_head(pg, pg.url)
    text = printed_text(pg)
    for label in ("Adresse :", "Téléphone :", "Horaires :", "Comment y entrer :", "Places :"):
        assert text.count(label) == 9, label
    assert pages_of(pg) == 1
    assert page.errors == []


def test_mme_x_plan_prints_on_one_page(page):
    pg = page.open(MME_X)
    pg.wait_for_selector("#parcours-groupes[data-pret]")
    check_print_head(pg, pg.url)
    text = printed_text(pg)
    assert "Habite à Corbeil-Essonnes · sans voiture (jusqu'à 5 km)" in text
    assert "Aucune offre n'annonce de place libre à moins de 5 km" in text and "Places en crèche pour parents en recherche d'emploi" in text
    assert pages_of(pg) == 1


def keep(pg, ids: list[str]) -> None:
    pg.evaluate("(l) => localStorage.setItem('catalogue-selection', JSON.stringify(l))", [{"id": i, "nom": i} for i in ids])


def test_a_selection_of_eight_offers_prints_on_one_page(page):
    pg = page.open("selection/")
    keep(pg, HUIT)
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-tableau > li >> nth=7", state="attached")  # shown in print only
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=7")
    link = pg.locator("#selection-lien").input_value()
    assert link.endswith("selection/?ids=" + ",".join(HUIT))
    check_print_head(pg, link)
    text = printed_text(pg)
    assert text.count("Téléphone :") == 8 and text.count("Comment y entrer :") == 8
    assert "Halte-garderie parentale" in text and "Accompagnement social des familles" in text
    assert pages_of(pg) == 1
    assert page.errors == []


def test_the_shared_link_of_a_selection_still_opens_it(page):
    pg = page.open("selection/?ids=" + ",".join(HUIT[:2]))
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=1")
    assert pg.locator("#selection-etat").inner_text() == "Sélection partagée : 2 offres."
    assert pg.locator("#selection-tableau > li").count() == 2
    assert pg.locator("#selection-garder").is_visible()


def test_every_label_reference_of_the_selection_points_into_the_page_and_axe_agrees(page):
    pg = page.open("selection/")
    keep(pg, HUIT[:3])
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=2")
    missing = pg.evaluate("""[...document.querySelectorAll('[aria-labelledby]')].flatMap(e =>
        e.getAttribute('aria-labelledby').split(/\\s+/).filter(id => !document.getElementById(id)))""")
    assert missing == []
    ids = pg.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert pg.locator(".cat-orienter[aria-labelledby]").count() == 3
    assert page.axe() == []


def test_emptying_the_selection_can_be_undone(page):
    pg = page.open("selection/")
    keep(pg, HUIT[:3])
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=2")
    pg.click("#selection-vider")
    pg.wait_for_selector("#selection-annuler:focus")
    assert pg.locator("#selection-etat").inner_text() == "Sélection vidée : 3 offres retirées."
    assert json.loads(pg.evaluate("localStorage.getItem('catalogue-selection')")) == []
    pg.click("#selection-annuler")
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=2")
    assert [x["id"] for x in json.loads(pg.evaluate("localStorage.getItem('catalogue-selection')"))] == HUIT[:3]
    assert not pg.locator("#selection-annuler").is_visible()


def test_an_offer_fiche_still_prints_on_one_page(page):
    pg = page.open("offres/" + HUIT[0] + "/")
    assert pages_of(pg) == 1
