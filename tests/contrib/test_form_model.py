"""The model drives « Proposer une offre »: a field added to the offer's model reaches the form, is checked
with the model's limits and is written in the YAML file in the model's order, with no change to the page's
script (proposer.js reads every control the page data describes, by its type). A control or a rule the
script cannot read stops the page with a French message instead of being silently dropped."""

import re
import shutil
from typing import Annotated

import pytest
import yaml
from pydantic import Field

from generator.contribute import form
from generator.model.offre import Offre
from tests.site.catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE, TODAY
from tests.support import pinned_date, served, write_catalogue

from .conftest import fill_valid_remote, open_form, produce


class OffreAvecNouveauChamp(Offre):
    """A copy of the offer's model with one more field, as a future version of the model could add it."""

    exemple_nouveau: Annotated[
        str | None,
        Field(title="Exemple nouveau", description="Champ ajouté pour le test.", examples=["valeur"], max_length=50),
    ] = None


FIELDS = list(OffreAvecNouveauChamp.model_fields)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The fixture catalogue's site, its /proposer/ page made from the model with the added field (the page
    fixture of conftest.py opens this site)."""
    root = tmp_path_factory.mktemp("proposer-modele")
    repo = write_catalogue(root, STRUCTURES, OFFRES, TERRITOIRE)
    with pinned_date(TODAY):
        result = repo.build()
        form.write(result.site, repo.site, model=OffreAvecNouveauChamp)
    with served(repo.site) as url:
        yield url
    shutil.rmtree(root, ignore_errors=True)


def test_the_added_field_is_a_control_with_the_models_limits():
    controls = form.controls(model=OffreAvecNouveauChamp)
    assert [c.name for c in controls] == [n for n in FIELDS if n not in form.SKIPPED]
    added = controls[-1]
    assert (added.name, added.kind, added.max_length, added.label) == ("exemple_nouveau", "text", 50, "Exemple nouveau")
    assert form.spec(added) == {"nom": "exemple_nouveau", "type": "text", "requis": False, "libelle": "Exemple nouveau", "max_longueur": 50}
    assert "exemple_nouveau" not in [c.name for c in form.controls()]  # the catalogue's own model is untouched


@pytest.mark.browser
def test_an_added_model_field_reaches_the_yaml_in_model_order(page):
    open_form(page)
    assert page.locator("label[for='champ-exemple-nouveau']").inner_text() == "Exemple nouveau"
    assert "Champ ajouté pour le test." in page.locator("#champ-exemple-nouveau-aide").inner_text()
    fill_valid_remote(page)
    page.fill("#champ-frais-precisions", "Gratuit pour les personnes accompagnées.")
    page.select_option("#champ-frequence-maj", "3")
    page.fill("#champ-exemple-nouveau", "valeur")
    produce(page)
    assert page.locator("#proposer-erreurs").is_hidden(), page.locator("#proposer-erreurs").inner_text()
    text = page.locator("#proposer-yaml").input_value()
    assert "\nexemple_nouveau: valeur\n" in text
    data = yaml.safe_load(text)
    assert list(data) == [n for n in FIELDS if n in data]  # model order: the added field comes last
    assert list(data)[-3:] == ["date_maj", "frequence_maj", "exemple_nouveau"]
    OffreAvecNouveauChamp.model_validate(data)  # the file is valid for the model the page was made from
    assert page.errors == []


@pytest.mark.browser
def test_an_added_model_field_is_checked_with_the_models_limits(page):
    open_form(page)
    fill_valid_remote(page)
    assert page.locator("#champ-exemple-nouveau").get_attribute("maxlength") == "50"  # typing stops there
    page.eval_on_selector("#champ-exemple-nouveau", "e => { e.value = 'x'.repeat(51); }")  # the script checks anyway
    produce(page)
    assert page.locator("#champ-exemple-nouveau-erreur").inner_text() == "Texte trop long : 50 caractères au plus."
    assert "Exemple nouveau : Texte trop long" in page.locator("#proposer-erreurs").inner_text()
    assert page.locator("#champ-exemple-nouveau").get_attribute("aria-invalid") == "true"


def _with_page_data(page, pattern: str, insert: str):
    """Open /proposer/ with `insert` added to its page data after `pattern` (a control or a rule this
    version of the script does not know)."""

    def handle(route):
        response = route.fetch()
        body, n = re.subn(pattern, lambda m: m.group(0) + insert, response.text(), count=1)
        assert n == 1
        route.fulfill(response=response, body=body)

    page.route("**/proposer/", handle)
    page.goto(page.base + "proposer/")
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
def test_a_control_of_an_unknown_type_stops_the_form_in_french(page):
    _with_page_data(page, r'"controles":\[', '{"libelle":"Champ futur","nom":"champ_futur","requis":false,"type":"carte"},')
    assert any("« champ_futur » est de type « carte », que proposer.js ne sait pas lire" in e for e in page.errors), page.errors
    assert page.locator("#proposer").is_hidden()  # no form that would write a file without the field
    assert page.locator("#proposer-sans-js").is_visible()


@pytest.mark.browser
def test_a_rule_of_an_unknown_kind_stops_the_form_in_french(page):
    _with_page_data(page, r'"regles":\[', '{"champ":["nom"],"message":"x","type":"different"},')
    assert any("règle entre champs de type inconnu « different »" in e for e in page.errors), page.errors
    assert page.locator("#proposer").is_hidden()
