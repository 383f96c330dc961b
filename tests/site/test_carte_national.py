"""The map page without any criterion, fed straight from the geo/ files (recherche-carte.js, recherche-geo.js):
a département at a time, the catalogue's own first, its first groups drawn after one file, every offer
counted and listed once all are in; in headless Chromium, a file of another département held back by the
test. With a criterion the page still asks Pagefind. The communes of a card listed from geo/ follow the
search record's rule (tests/js/cas/lieux.json, shared with tests/js/recherche-geo.test.js)."""

import dataclasses
import json
import queue
import re
from pathlib import Path

import pytest

from generator.cli import build as b
from generator.site.search.records import record

from ..support import OFFRE, french_context, served, write_catalogue
from .conftest import Page

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "js" / "cas" / "lieux.json"
GROUPS = "#carte .marker-cluster"
STATUS = "#resultats-nombre"


def offre(nom: str, commune: str, code: str, lat: float, lon: float) -> str:
    text = OFFRE.replace("nom: Garage solidaire", f"nom: {nom}").replace('zone_eligibilite: ["91"]', "zone_eligibilite: [france]")
    text = text.replace("commune: Corbeil-Essonnes", f"commune: {commune}").replace('code_insee: "91174"', f'code_insee: "{code}"')
    return text.replace("latitude: 48.6139", f"latitude: {lat}").replace("longitude: 2.4826", f"longitude: {lon}")


# Essonne (the catalogue's département): three offers at one address, one a few kilometres away; Lyon and Paris.
OFFRES = {
    "asso/garage-evry": offre("Garage d'Évry", "Évry-Courcouronnes", "91228", 48.6300, 2.4400),
    "asso/permis-evry": offre("Permis d'Évry", "Évry-Courcouronnes", "91228", 48.6300, 2.4400),
    "asso/velo-evry": offre("Vélos d'Évry", "Évry-Courcouronnes", "91228", 48.6300, 2.4400),
    "asso/garage-corbeil": offre("Garage de Corbeil", "Corbeil-Essonnes", "91174", 48.6139, 2.4826),
    "asso/garage-lyon": offre("Garage de Lyon", "Lyon", "69123", 45.7640, 4.8357),
    "asso/permis-lyon": offre("Permis de Lyon", "Lyon", "69123", 45.7600, 4.8300),
    "asso/garage-paris": offre("Garage de Paris", "Paris", "75056", 48.8566, 2.3522),
}
ESSONNE = ["Garage d'Évry", "Permis d'Évry", "Vélos d'Évry", "Garage de Corbeil"]
HELD = "/geo/offres-75.json"  # Paris: fetched after Essonne (the catalogue's) and Lyon (same size, code order)


@pytest.fixture(scope="module")
def national(tmp_path_factory, pinned_today):
    repo = write_catalogue(tmp_path_factory.mktemp("carte-nationale"), ["asso"], OFFRES)
    repo.build()
    manifest = json.loads((repo.site / "geo" / "index.json").read_text(encoding="utf-8"))
    assert manifest["offres"]["91"] == ["offres-91.json"] and manifest["offres"]["75"] == ["offres-75.json"]
    with served(repo.site) as url:
        yield url


def open_held(browser, url, path="carte/"):
    """The page opened with Paris's geo file held back: `release()` lets it through."""
    context = french_context(browser)
    page = Page(context.new_page(), url)
    held: queue.Queue = queue.Queue()
    page.page.route("**" + HELD, lambda route: held.put(route))
    page.page.goto(url + path)  # not page.open: the network is never idle while the file is held

    def release():
        held.get(timeout=30).continue_()

    return page, release


def test_the_first_groups_show_before_the_last_file_is_served(national, browser):
    page, release = open_held(browser, national)
    pg = page.page
    pg.wait_for_selector(GROUPS)
    # Paris's file is not served yet: Essonne's offers are already grouped, the map fitted to Essonne.
    assert pg.locator(GROUPS + " span").first.inner_text() == "3"
    assert re.fullmatch(r"3 lieux — zoomer", pg.locator(GROUPS).first.get_attribute("aria-label"))
    assert int(pg.locator("#carte").get_attribute("data-zoom")) >= 10
    assert pg.locator("#carte").get_attribute("data-marqueurs") is None  # not all there yet
    assert pg.locator(STATUS).inner_text() == "Recherche en cours…"
    pg.wait_for_function("() => document.querySelectorAll('#resultats .cat-card').length >= 4")
    titles = pg.locator("#resultats .cat-card__titre").all_inner_texts()
    assert sorted(titles[:4]) == sorted(ESSONNE)  # the catalogue's own first
    release()
    pg.wait_for_function(f"() => document.getElementById('resultats-nombre').textContent === '{len(OFFRES)} offres trouvées.'")
    assert pg.locator("#carte").get_attribute("data-marqueurs") == str(len(OFFRES))
    assert int(pg.locator("#carte").get_attribute("data-zoom")) >= 10  # not moved by the other départements
    assert sorted(page.results()) == sorted(o.split("nom: ")[1].split("\n")[0] for o in OFFRES.values())
    assert not any("/pagefind/" in u for u in page.requests)  # every offer without Pagefind
    assert page.errors == []
    pg.context.close()


def test_a_card_listed_from_the_geo_files_links_to_its_offer(national, browser):
    context = french_context(browser)
    page = Page(context.new_page(), national)
    page.open("carte/")
    page.results()
    card = page.page.locator("#resultats .cat-card", has_text="Garage de Corbeil")
    assert card.locator("a").first.get_attribute("href").endswith("/offres/asso/garage-corbeil/")
    assert card.locator(".cat-card__texte").inner_text() == "Corbeil-Essonnes"
    card.locator("[data-selection-bouton]").click()  # the list's button works on these cards too
    assert card.locator("[data-selection-bouton]").get_attribute("aria-pressed") == "true"
    assert page.errors == []
    context.close()


def test_a_search_made_meanwhile_stops_the_map_of_every_offer(national, browser):
    page, release = open_held(browser, national)
    pg = page.page
    pg.wait_for_selector(GROUPS)
    pg.fill("#q", "permis")
    pg.wait_for_timeout(500)  # the search has begun (it waits for every geo file, Paris's too)
    release()  # Paris's file, late, adds nothing to the map of « permis »
    pg.wait_for_function("() => /trouvée/.test(document.getElementById('resultats-nombre').textContent)")
    pg.wait_for_function("() => document.getElementById('carte').dataset.marqueurs === '2'")
    page.results()
    assert pg.locator("#carte").get_attribute("data-marqueurs") == "2"
    assert sorted(pg.locator("#resultats .cat-card__titre").all_inner_texts()) == ["Permis d'Évry", "Permis de Lyon"]
    assert page.errors == []
    pg.context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violation_while_the_map_is_being_fed(national, browser, width):
    page, release = open_held(browser, national)
    page.page.set_viewport_size({"width": width, "height": 900 if width > 400 else 640})
    page.page.wait_for_selector(GROUPS)
    assert page.axe() == []
    release()
    page.results()
    assert page.axe() == []
    page.page.context.close()


# ----- the communes of a card: the same rule in the search record and in recherche-geo.js ------------------------

def _cases() -> list[dict]:
    return json.loads(CASES.read_text(encoding="utf-8"))["cas"]


@pytest.fixture(scope="module")
def exemple():
    cat = b.load_catalogue(ROOT / "offers", ROOT / "territoire.yml", b.Progress(quiet=True))
    return b.make_site(cat, "", b.datetime.now())[1]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: str(len(c["communes"])))
def test_the_communes_of_a_card_follow_the_same_rule_in_python(exemple, case):
    vue = next(v for v in exemple.publiques if v.offre.lieux)
    lieu = vue.offre.lieux[0]
    lieux = [lieu.model_copy(update={"commune": c}) for c in case["communes"]]
    vue = dataclasses.replace(vue, offre=vue.offre.model_copy(update={"lieux": lieux}))
    assert record(exemple, vue)["meta"]["lieux"] == case["lieux"]
