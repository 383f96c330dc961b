"""« Proposer une offre »: the draft kept in the browser (reload loses nothing, « Effacer le brouillon »),
communes of the zone by name or postal code, structures fetched apart so that the page does not grow
with the catalogue (issue 19; bench/proposer.py measures a dense département)."""

import json

import pytest
import yaml
from playwright.sync_api import expect

from .conftest import open_form, produce


def test_the_page_does_not_carry_the_structures(built):
    html = (built / "site" / "proposer" / "index.html").read_text("utf-8")
    index = json.loads((built / "site" / "proposer" / "structures.json").read_text("utf-8"))
    noms = {sid: nom for part in index.values() for sid, nom in part.items()}
    assert set(noms) == {"ccas-evry", "mission-locale-massy", "mobilite-solidaire"}
    assert noms["mobilite-solidaire"] == "Association Mobilité Solidaire"
    cle = next(k for k, part in index.items() if "mobilite-solidaire" in part)
    details = json.loads((built / "site" / "proposer" / f"structures-{cle}.json").read_text("utf-8"))
    assert "garage-solidaire" in details["mobilite-solidaire"]["offres"]
    for sid, nom in noms.items():
        assert nom not in html and f"({sid})" not in html  # neither a list nor a box per structure
    assert 'data-structures="../proposer/structures.json"' in html
    assert 'data-structures-detail="../proposer/structures-{cle}.json"' in html


@pytest.mark.browser
def test_a_reload_loses_nothing_and_the_draft_can_be_cleared(page):
    open_form(page)
    page.fill("#champ-structure", "Mission locale de Massy (mission-locale-massy)")
    page.fill("#champ-nom", "Atelier CV")
    page.fill("#champ-description", "Écrire son CV avec une conseillère.")
    page.check("#champ-thematiques-preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation")
    page.uncheck("#champ-modes-accueil-en-presentiel")  # a box ticked by default, unticked: kept unticked
    page.check("#champ-modes-accueil-a-distance")
    page.fill("#champ-lieu-code-postal", "91100")
    page.select_option("#champ-lieu-commune", "91659")
    page.fill("#champ-partenaires-recherche", "ccas-evry")
    page.click("[data-structures-ajouter]")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#champ-structure").input_value() == "Mission locale de Massy (mission-locale-massy)"
    assert page.locator("#champ-nom").input_value() == "Atelier CV"
    assert page.locator("#champ-description").input_value() == "Écrire son CV avec une conseillère."
    assert page.locator("#champ-thematiques-preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation").is_checked()
    assert not page.locator("#champ-modes-accueil-en-presentiel").is_checked()
    assert page.locator("#champ-lieu-commune").input_value() == "91659"  # the communes of the postal code came back first
    expect(page.locator('label[for="champ-partenaires-ccas-evry"]')).to_contain_text("CCAS d'Évry-Courcouronnes")  # named once fetched
    assert page.locator("#champ-partenaires-ccas-evry").is_checked()
    assert "Brouillon repris" in page.locator("#proposer-brouillon-etat").inner_text()

    page.click("#proposer-effacer-brouillon")
    assert page.locator("#champ-nom").input_value() == "" and page.locator("#champ-structure").input_value() == ""
    assert page.locator("#champ-modes-accueil-en-presentiel").is_checked()  # back to the defaults
    assert page.locator("#champ-partenaires-ccas-evry").count() == 0
    assert "Brouillon effacé" in page.locator("#proposer-brouillon-etat").inner_text()
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#champ-nom").input_value() == ""
    assert page.errors == []


@pytest.mark.browser
def test_zone_communes_by_name_or_postal_code(page):
    open_form(page)
    page.fill("#champ-structure", "ccas-evry")
    page.fill("#champ-nom", "Permanence emploi")
    page.fill("#champ-description", "Conseils pour chercher un emploi.")
    page.check("#champ-thematiques-preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation")
    page.uncheck("#champ-modes-accueil-en-presentiel")
    page.check("#champ-modes-accueil-a-distance")
    page.fill("#champ-zone-eligibilite-communes", "st germain les arpajon, 91290, MASSY")
    produce(page)
    assert page.locator("#proposer-erreurs").is_hidden(), page.locator("#proposer-erreurs").inner_text()
    data = yaml.safe_load(page.locator("#proposer-yaml").input_value())
    assert data["zone_eligibilite"] == ["91552", "91021", "91457", "91377"]
    assert page.errors == []
