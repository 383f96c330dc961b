"""« Proposer une offre » refuses what the validator refuses, with French messages tied to the fields."""

import json
import re

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.model.types import Telephone
from tests.site.catalogue_fixture import TODAY

from .conftest import fill_valid_remote, open_form, produce


def page_data(built) -> dict:
    """What the built /proposer/ page hands to its script (the validator's rules, the vocabularies…)."""
    html = (built / "site" / "proposer" / "index.html").read_text("utf-8")
    return json.loads(re.search(r'<script type="application/json" id="proposer-donnees">(.*?)</script>', html, re.DOTALL).group(1))


def test_the_form_refuses_a_phone_prefix_exactly_when_the_validator_does(built):
    # The page ships the 4-digit prefixes to refuse; `catalogue validate` decides with the model's Telephone type.
    # Every French number 0X XX 55 55 55 (a subscriber part the form's list is not computed from) gets one verdict.
    refused_by_form = set(page_data(built)["telephone_invalides"])
    telephone = TypeAdapter(Telephone)

    def validator_accepts(number: str) -> bool:
        try:
            telephone.validate_python(number)
            return True
        except ValidationError:
            return False

    prefixes = [f"0{n}" for n in range(100, 1000)]
    disagree = [p for p in prefixes if (p in refused_by_form) == validator_accepts(p + "555555")]
    assert disagree == []
    assert "0700" in refused_by_form  # not attributed: « 07 00 00 00 00 » is refused as soon as it is typed
    assert not {"0164", "0199", "0612", "0972"} & refused_by_form  # landline, fiction range, mobile, box


# ----- in the browser ----------------------------------------------------------------------------


INVALID = [
    # (what to fill, field id, expected message part)
    ({"#champ-telephone": "01 23"}, "champ-telephone", "Numéro de téléphone invalide « 01 23 »"),
    ({"#champ-telephone": "07 00 00 00 00"}, "champ-telephone", "Numéro de téléphone invalide « 07 00 00 00 00 »"),
    ({"#champ-courriel": "contact@exemple"}, "champ-courriel", "Adresse électronique invalide « contact@exemple »"),
    ({"#champ-courriel": "a..b@exemple.fr"}, "champ-courriel", "Adresse électronique invalide"),
    ({"#champ-courriel": "contact@site.test"}, "champ-courriel", "Adresse électronique invalide"),
    ({"#champ-lieu-adresse": "1 rue X", "#champ-lieu-code-postal": "75001"}, "champ-lieu-code-postal", "Code postal inconnu « 75001 »"),
    ({"#champ-lieu-adresse": "1 rue X", "#champ-lieu-code-postal": "910"}, "champ-lieu-code-postal", "Code postal invalide « 910 » : 5 chiffres attendus"),
    ({"#champ-zone-eligibilite-communes": "Evry"}, "champ-zone-eligibilite", "Commune inconnue « Evry » dans les départements du catalogue : vouliez-vous dire « Évry-"),
    ({"#champ-zone-eligibilite-communes": "99999"}, "champ-zone-eligibilite", "« 99999 » n'est ni un code INSEE ni un code postal d'une commune du catalogue"),
    ({"#champ-horaires-accueil": "lundi 9h-12h"}, "champ-horaires-accueil", "Horaires illisibles « lundi 9h-12h »"),
    ({"#champ-lien-mobilisation": "www.exemple.fr"}, "champ-lien-mobilisation", "Adresse web invalide"),
    ({"#champ-age-min": "30", "#champ-age-max": "20"}, "champ-age-max", "Âge maximum (20) inférieur à l'âge minimum (30)"),
    ({"#champ-places-total": "2", "#champ-places-disponibles": "5", "#champ-places-date": "2026-11-20"}, "champ-places-disponibles", "Plus de places disponibles (5) que de places au total (2)"),
    ({"#champ-places-total": "2"}, "champ-places-date", "indiquer « Date du comptage »"),
    ({"#champ-date-maj": "2030-01-01"}, "champ-date-maj", "Date de mise à jour dans le futur"),
    ({"#champ-langues-autres": "arabe, klingon"}, "champ-langues", "Langue inconnue « klingon »"),
    ({"#champ-langues-autres": "LSF"}, "champ-langues", "La langue des signes française n'a pas de code ISO 639-1"),
]


@pytest.mark.browser
@pytest.mark.parametrize("values, field, message", INVALID, ids=[i[1] + "-" + str(n) for n, i in enumerate(INVALID)])
def test_invalid_inputs_are_refused_with_french_messages_tied_to_the_field(page, values, field, message):
    open_form(page)
    fill_valid_remote(page)
    for selector, value in values.items():
        page.fill(selector, value)
    produce(page)
    assert_refused(page, field, message)


def assert_refused(page, field: str, message: str):
    summary = page.locator("#proposer-erreurs")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "proposer-erreurs"
    assert message in summary.inner_text()
    error = page.locator(f"#{field}-erreur")
    assert error.is_visible() and message in error.inner_text()
    target = page.locator(f"#{field}")
    assert f"{field}-erreur" in (target.get_attribute("aria-describedby") or "").split()
    invalid = page.locator(f"#{field}[aria-invalid=true], #{field} [aria-invalid=true]")
    assert invalid.count() >= 1
    assert page.locator("#proposer-resultat").is_hidden() and page.locator("#proposer-yaml").input_value() == ""
    # The summary's link takes the keyboard to the field.
    page.locator("#proposer-erreurs a", has_text=message[:20]).first.click()
    focused = page.evaluate("document.activeElement.id")
    assert focused == field or focused.startswith(field)


@pytest.mark.browser
def test_empty_required_fields_are_all_listed(page):
    open_form(page)
    page.fill("#champ-date-maj", "")
    produce(page)
    text = page.locator("#proposer-erreurs").inner_text()
    assert "Le formulaire contient" in text
    for field in ("champ-structure", "champ-nom", "champ-description", "champ-thematiques", "champ-zone-eligibilite", "champ-date-maj", "champ-lieu-adresse"):
        assert page.locator(f"#{field}-erreur").is_visible(), field
    assert "Champ obligatoire : indiquer « Nom »" in text
    assert "Offre en présentiel sans lieu" in text
    # Fixing them clears the messages and the aria-invalid marks.
    fill_valid_remote(page)
    page.fill("#champ-date-maj", TODAY)
    produce(page)
    assert page.locator("#proposer-erreurs").is_hidden()
    assert page.locator("[aria-invalid=true]").count() == 0
    assert page.locator("#proposer-resultat").is_visible()


@pytest.mark.browser
def test_tous_publics_alone_and_phone_needed_for_telephoner(page):
    open_form(page)
    fill_valid_remote(page)
    page.check("#champ-publics-tous-publics")
    page.check("#champ-publics-jeunes")
    page.check("#champ-modes-mobilisation-telephoner")  # ccas-evry has no phone in structure.yml
    produce(page)
    assert_refused(page, "champ-publics", "« Tous publics » s'utilise seul")
    assert "Mode « Téléphoner » choisi" in page.locator("#champ-telephone-erreur").inner_text()


@pytest.mark.browser
def test_client_checks_accept_only_what_the_validator_accepts(page):
    from pydantic import TypeAdapter, ValidationError

    from generator.model.types import Horaires, Telephone

    open_form(page)
    def accepted(adapter, value) -> bool:
        try:
            adapter.validate_python(value)
            return True
        except ValidationError:
            return False

    # French numbers: the form and the validator agree both ways. Foreign numbers are refused by the form only.
    phones = ["01 64 00 00 00", "+33 1 64 00 00 00", "0033164000000", "06 12 34 56 78", "01 00 00 00 00", "08 00 00 00 00",
              "09 72 00 00 00", "07 00 00 00 00", "07 30 00 00 00", "02 62 00 00 00", "0164", "01-64-00-00-00", "01 64 00 00 00 0"]
    for p in phones:
        assert page.evaluate("v => !!CatalogueProposer.telephone(v)", p) == accepted(TypeAdapter(Telephone), p), p
    assert not page.evaluate("v => !!CatalogueProposer.telephone(v)", "+32 2 000 00 00")
    # Opening hours: the form accepts a subset of what the validator reads.
    hours = ["Mo-Fr 09:00-12:00,14:00-17:00; PH off", "Tu,Th 09:00-12:00", "24/7", "Mo-Sa 08:30-18:00; Su off", "PH off",
             "Mo 25:00-26:00", "lundi", "Mo-Fr 09:00-12:00;PH off", "Mo-Fr 09:00-24:00"]
    for h in hours:
        if page.evaluate("v => CatalogueProposer.horaires(v)", h):
            assert accepted(TypeAdapter(Horaires), h), h
    assert page.evaluate("v => CatalogueProposer.horaires(v)", hours[0])
    # E-mail addresses: the form accepts a subset (ASCII, two-letter top-level domains at least).
    from pydantic import EmailStr

    for e in ["a@b.fr", "a.b+c@d-e.fr", "contact@mobilite.example.org", "a@b.test", "a@b", "é@b.fr", "a@b.c", "a@-b.fr", "a..b@c.fr", ".a@b.fr", "a@b.onion"]:
        if page.evaluate("v => CatalogueProposer.courriel(v)", e):
            assert accepted(TypeAdapter(EmailStr), e), e
        else:
            assert e in ("a@b.test", "a@b", "é@b.fr", "a@b.c", "a@-b.fr", "a..b@c.fr", ".a@b.fr", "a@b.onion"), e


