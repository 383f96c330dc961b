"""The parcours page and « Ma sélection » download only what the person's commune needs (issue 19: no data
file grows with the national catalogue): per need, the category's file of her département and its national
file (besoins/<categorie>/<dep>.json, france.json). Checked in headless Chromium on a catalogue of three
mobility offers: one for the Essonne, one for Paris, one open to all France."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.model.territoires import referentiel
from generator.site.pages import parcours

from ..support import OFFRE, Page, french_context, served, write_catalogue

pytestmark = pytest.mark.browser

ESSONNE, PARIS, FRANCE = "asso-a/garage-essonne", "asso-a/velo-paris", "asso-b/conseil-national"
CORBEIL = "parcours/?commune=91174&besoin=mobilite&rayon=50"
PARIS_15 = "parcours/?commune=75056&besoin=mobilite&rayon=50"


def offre(nom: str, zone: str) -> str:
    return OFFRE.replace("nom: Garage solidaire", f"nom: {nom}").replace('zone_eligibilite: ["91"]', f'zone_eligibilite: ["{zone}"]')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo = write_catalogue(tmp_path_factory.mktemp("parcours-fichiers"), offres={
        ESSONNE: offre("Garage de l'Essonne", "91"),
        PARIS: offre("Vélo-école parisienne", "75"),
        FRANCE: offre("Conseil mobilité national", "france"),
    })
    repo.build()
    with served(repo.site) as url:
        yield repo.site, url


@pytest.fixture
def visit(browser, site):
    contexts = []

    def make() -> Page:
        ctx = french_context(browser)
        contexts.append(ctx)
        return Page(ctx.new_page(), site[1])

    yield make
    for ctx in contexts:
        ctx.close()


def besoins_requested(page: Page) -> list[str]:
    return sorted(r.split("/besoins/", 1)[1] for r in page.requests if "/besoins/" in r)


def shown(pg) -> list[str]:
    return pg.evaluate("[...document.querySelectorAll('#parcours-groupes li[data-offre]')].map(li => li.dataset.offre).sort()")


@pytest.mark.parametrize("case", json.loads((Path(__file__).parents[1] / "js" / "cas" / "eligibilite.json").read_text(encoding="utf-8"))["cas"],
                         ids=lambda c: c["note"])
def test_an_offer_is_in_a_file_read_from_every_commune_it_is_open_to(case):
    """The shared cases of eligibility (tests/js/parcours.test.js reads them too): the files of an offer are
    the search index's filters, « france » alone when it is open to all France."""
    site = SimpleNamespace(ref=referentiel())
    vue = SimpleNamespace(offre=SimpleNamespace(zone_eligibilite=case["zone"]))
    files = parcours.fichiers(site, vue)
    filters = sorted("france" if f == "eligibilite" else f.removeprefix("eligibilite-") for f in case["filtres"])
    assert files == (["france"] if "france" in filters else filters)
    if case["eligible"]:
        assert case["commune"]["departement"] in files or files == ["france"]


def test_the_files_of_a_category_follow_the_departements_of_the_zones(site):
    besoins = site[0] / "besoins"
    ids = {f.stem: [e[0] for e in json.loads(f.read_text(encoding="utf-8"))["offres"]] for f in (besoins / "mobilite").glob("*.json")}
    assert ids == {"91": [ESSONNE], "75": [PARIS], "france": [FRANCE]}
    index = json.loads((besoins / "index.json").read_text(encoding="utf-8"))
    assert index["fichiers"]["mobilite"] == ["75", "91", "france"]
    assert index["fichiers"]["sante"] == ["france"]  # a need without offers: its national file, empty
    assert json.loads((besoins / "sante" / "france.json").read_text(encoding="utf-8"))["offres"] == []
    assert json.loads((besoins / "offres" / "asso-a.json").read_text(encoding="utf-8")) == {ESSONNE: "mobilite/91", PARIS: "mobilite/75"}


def test_an_offer_of_another_departement_is_not_downloaded_a_national_one_is(visit):
    page = visit()
    pg = page.open(CORBEIL)
    pg.wait_for_selector("#parcours-groupes[data-pret]")
    assert shown(pg) == [ESSONNE, FRANCE]
    assert besoins_requested(page) == ["index.json", "mobilite/91.json", "mobilite/france.json"]
    assert "Vélo-école parisienne" not in pg.content()
    assert page.errors == []
    # From Paris, the other way round.
    page = visit()
    pg = page.open(PARIS_15)
    pg.wait_for_selector("#parcours-groupes[data-pret]")
    assert besoins_requested(page) == ["index.json", "mobilite/75.json", "mobilite/france.json"]
    assert "Garage de l'Essonne" not in pg.content()
    assert FRANCE in shown(pg)


def test_a_selection_kept_in_the_browser_prints_every_offer_from_small_files(visit):
    """A selection as the browser keeps it ({id, nom}: the same since the first version of the page)."""
    page = visit()
    pg = page.open("selection/")
    pg.evaluate("(l) => localStorage.setItem('catalogue-selection', JSON.stringify(l))", [{"id": i, "nom": i} for i in (ESSONNE, PARIS, FRANCE)])
    page.requests.clear()
    pg = page.open("selection/")
    pg.wait_for_selector("#selection-tableau > li >> nth=2", state="attached")
    pg.emulate_media(media="print")
    text = pg.locator("#selection-tableau").inner_text()
    for nom in ("Garage de l'Essonne", "Vélo-école parisienne", "Conseil mobilité national"):
        assert nom in text
    assert text.count("Téléphone :") == 3 and "n'existe plus" not in text
    assert besoins_requested(page) == ["index.json", "mobilite/75.json", "mobilite/91.json", "mobilite/france.json",
                                       "offres/asso-a.json", "offres/asso-b.json"]
    assert page.errors == []


def test_an_offer_no_longer_published_is_said_so_in_the_printed_selection(visit):
    page = visit()
    pg = page.open("selection/?ids=asso-a/retiree,structure-disparue/offre," + ESSONNE)
    pg.wait_for_selector("#selection-tableau > li >> nth=2", state="attached")
    pg.emulate_media(media="print")
    cards = pg.locator("#selection-tableau > li").all_inner_texts()
    assert "L'offre « asso-a/retiree » n'existe plus dans le catalogue." in cards[0]
    assert "L'offre « structure-disparue/offre » n'existe plus dans le catalogue." in cards[1]
    assert "Garage de l'Essonne" in cards[2]
