"""« Proposer une offre » for a catalogue of several départements (issue 19: no page or file over its limit
at national scale): the page carries no commune, the communes of a département are read from the site's
geo/communes-<dép>.json when a postal code or a commune is typed, and the structures from files apart
(their names, then the details of the chosen one's key). bench/proposer.py measures 60,000 offers."""

import json

import pytest
import yaml
from playwright.sync_api import expect

from generator.contribute import form_data
from tests.support import STRUCTURE, Page, french_context, served, write_catalogue

from .conftest import open_form, produce

DEPARTEMENTS = ["91", "69", "2A", "13", "59", "33", "31", "44", "67", "75", "92", "93"]
NOMS = ["Atelier Lyonnais", "Bureau Corse", "Chantier du Nord", "Garage Girondin", "Maison Toulousaine",
        "Relais Nantais", "Sentier Alsacien", "Vélo Solidaire"]
SIDS = ["atelier-lyonnais", "bureau-corse", "chantier-nord", "garage-girondin", "maison-toulousaine",
        "relais-nantais", "sentier-alsacien", "velo-solidaire"]
PAGE_MAX = 200 * 1024
FICHIER_MAX = 300 * 1024


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A catalogue of 12 départements and 8 structures, their details in 4 files (2 structures a file)."""
    structures = {sid: STRUCTURE.replace("Association Mobilité Solidaire", nom) for sid, nom in zip(SIDS, NOMS, strict=True)}
    territoire = {"nom": "Catalogue de plusieurs départements", "departements": DEPARTEMENTS,
                  "forge": {"type": "github", "url": "https://github.com/exemple/catalogue-test"}}
    repo = write_catalogue(tmp_path_factory.mktemp("national"), structures, [f"{sid}/garage" for sid in SIDS], territoire)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(form_data, "STRUCTURES_PER_FILE", 2)
        repo.build()
    return repo.site


@pytest.fixture(scope="module")
def national_url(national):
    with served(national) as url:
        yield url


@pytest.fixture
def npage(browser, national_url):
    context = french_context(browser)
    pg = context.new_page()
    recorder = Page(pg, national_url)
    pg.errors, pg.requests, pg.base = recorder.errors, recorder.requests, national_url  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_the_page_carries_no_commune_and_no_file_is_over_its_limit(national):
    page = national / "proposer" / "index.html"
    html = page.read_text("utf-8")
    assert page.stat().st_size <= PAGE_MAX
    for name in ("Villeurbanne", "Ajaccio", "Vénissieux", "Bastia", "codes_postaux"):
        assert name not in html
    index = json.loads((national / "proposer" / "structures.json").read_text("utf-8"))
    assert {sid: nom for part in index.values() for sid, nom in part.items()} == dict(zip(SIDS, NOMS, strict=True))
    assert len(index) == 4  # 8 structures, 2 a file
    epci = json.loads((national / "proposer" / "intercommunalites-69.json").read_text("utf-8"))
    assert ["200046977", "Métropole de Lyon"] in epci and "200046977" not in html
    for cle, part in index.items():
        details = json.loads((national / "proposer" / f"structures-{cle}.json").read_text("utf-8"))
        assert set(details) == set(part)
        assert all(d["offres"] == ["garage"] and d["telephone"] and d["courriel"] for d in details.values())
    for path in (national / "proposer").glob("*.json"):
        assert path.stat().st_size <= FICHIER_MAX, path
    # The communes the page reads: every commune of each département of the catalogue, with its postal codes.
    manifest = json.loads((national / "geo" / "index.json").read_text("utf-8"))
    assert set(manifest["communes"]) >= set(DEPARTEMENTS)
    rows = json.loads((national / "geo" / manifest["communes"]["69"]).read_text("utf-8"))
    assert ["69266", "Villeurbanne", "69100"] == rows[[r[0] for r in rows].index("69266")][:3]
    assert "69" in manifest["codes_postaux"]["69"]
    for dep in DEPARTEMENTS:
        assert (national / "geo" / manifest["communes"][dep]).stat().st_size <= FICHIER_MAX


def communes_lues(page) -> list[str]:
    return sorted(r.rsplit("/", 1)[1] for r in page.requests if "/geo/communes-" in r)


@pytest.mark.browser
def test_a_postal_code_of_a_second_departement_reads_its_communes_on_demand(npage):
    open_form(npage)
    assert communes_lues(npage) == []  # nothing before a postal code is typed
    npage.fill("#champ-lieu-code-postal", "69100")
    expect(npage.locator("#champ-lieu-commune")).to_have_value("69266")
    assert npage.locator("#champ-lieu-commune option:checked").inner_text() == "Villeurbanne (code INSEE 69266)"
    assert communes_lues(npage) == ["communes-69.json"]  # only the département of the postal code
    npage.fill("#champ-lieu-code-postal", "69999")
    expect(npage.locator("#champ-lieu-commune option").first).to_have_text("Code postal inconnu dans ce catalogue")
    assert npage.errors == []


@pytest.mark.browser
def test_an_offer_of_a_structure_in_a_split_file_with_places_in_two_departements(npage):
    open_form(npage)
    cle = next(k for k, part in json.loads(npage.evaluate("fetch('structures.json').then(r => r.text())")).items() if "bureau-corse" in part)
    npage.focus("#champ-structure")
    expect(npage.locator("#proposer-structures option")).to_have_count(8)
    npage.fill("#champ-structure", "Bureau Corse (bureau-corse)")
    npage.fill("#champ-nom", "Garage")  # the structure has an offer garage.yml: its details say so
    npage.fill("#champ-description", "Réparations à prix coûtant.")
    npage.check("#champ-thematiques-mobilite--entretenir-reparer-son-vehicule")
    npage.fill("#champ-zone-eligibilite-communes", "Ajaccio, Villeurbanne")
    assert npage.locator("#champ-zone-eligibilite-200046977").count() == 0  # no intercommunalité before its département
    npage.select_option("#champ-zone-eligibilite-epci-departement", "69")
    npage.check("#champ-zone-eligibilite-200046977")  # Métropole de Lyon, read from intercommunalites-69.json
    npage.fill("#champ-lieu-adresse", "1 cours Napoléon")
    npage.fill("#champ-lieu-code-postal", "20000")
    expect(npage.locator("#champ-lieu-commune")).to_have_value("2A004")
    produce(npage)
    assert npage.locator("#proposer-erreurs").is_hidden(), npage.locator("#proposer-erreurs").inner_text()
    assert npage.locator("#proposer-chemin").inner_text() == "offers/bureau-corse/garage-2.yml"
    data = yaml.safe_load(npage.locator("#proposer-yaml").input_value())
    assert data["zone_eligibilite"] == ["200046977", "2A004", "69266"]
    assert data["lieux"][0]["commune"] == "Ajaccio" and data["lieux"][0]["code_insee"] == "2A004"
    # The structures: their names, then the details of bureau-corse's file only.
    lus = sorted(r.rsplit("/", 1)[1] for r in npage.requests if "/proposer/structures" in r)
    assert "structures.json" in lus and [r for r in lus if r != "structures.json"] == [f"structures-{cle}.json"]
    # A commune typed by name needs every département of the catalogue; nothing else than them.
    assert communes_lues(npage) == sorted(f"communes-{d}.json" for d in DEPARTEMENTS)
    assert npage.errors == []


@pytest.mark.browser
def test_the_intercommunalites_ticked_come_back_with_the_draft(npage):
    open_form(npage)
    npage.select_option("#champ-zone-eligibilite-epci-departement", "69")
    npage.check("#champ-zone-eligibilite-200046977")
    npage.select_option("#champ-zone-eligibilite-epci-departement", "2A")
    npage.check("#champ-zone-eligibilite-242010056")  # CA du Pays Ajaccien
    npage.reload()
    npage.wait_for_load_state("networkidle")
    expect(npage.locator("#champ-zone-eligibilite-200046977")).to_be_checked()
    expect(npage.locator("#champ-zone-eligibilite-242010056")).to_be_checked()
    assert npage.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_no_axe_violation_with_the_intercommunalites_shown(npage, width):
    npage.set_viewport_size({"width": width, "height": 900})
    open_form(npage)
    npage.select_option("#champ-zone-eligibilite-epci-departement", "69")
    expect(npage.locator("#champ-zone-eligibilite-200046977")).to_be_visible()
    assert Page(npage, npage.base).axe() == []
    produce(npage)  # with the error summary shown
    assert Page(npage, npage.base).axe() == []
    assert npage.errors == []
