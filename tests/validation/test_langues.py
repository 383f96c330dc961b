"""`langues`: ISO 639-1 codes from Babel, their names in the interface's language, French messages."""

import json

import data_inclusion.schema.v1 as di
import pytest

from generator import i18n
from generator.model import fields, langues, schema
from generator.model.offre import Offre
from generator.model.vocab import Langue
from generator.opendata import datainclusion

from ..support import OFFRE


def test_valid_codes_are_accepted_and_kept_in_order(cat):
    # « no » (norvégien) stays a word, not YAML's false.
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE.replace("date_maj:", "langues: [uk, ar, en, no]\ndate_maj:"))
    code, out = cat.validate()
    assert code == 0, out
    assert cat.problems() == []
    offre = Offre.model_validate({"nom": "Garage", "description": "Réparations.", "thematiques": ["mobilite--acceder-a-un-vehicule"],
                                         "zone_eligibilite": ["91"], "date_maj": "2026-11-02", "langues": ["uk", "ar"]})
    assert [lang.value for lang in offre.langues] == ["uk", "ar"]


@pytest.mark.parametrize("value, hint", [
    ("AR", "écrire « ar » (arabe), en minuscules"),
    ("ara", "écrire « ar » (arabe)"),  # ISO 639-2
    ("iw", "écrire « he » (hébreu)"),  # former code
    ("Arabic", "écrire le code « ar » (arabe)"),
    ("ukrainein", "vouliez-vous dire « uk » (ukrainien) ?"),
    ("soninké", "pas de code ISO 639-1 (code ISO 639-3 « snk »)"),
    ("LSF", "la langue des signes française n'a pas de code ISO 639-1"),
])
def test_each_unknown_code_gets_a_suggestion(cat, value, hint):
    text = OFFRE.replace("date_maj:", f"langues:\n  - en\n  - {value}\ndate_maj:")
    cat.write("mobilite-solidaire/garage-solidaire.yml", text)
    code, out = cat.validate()
    assert code == 1
    line = text.splitlines().index(f"  - {value}") + 1
    assert f"offers/mobilite-solidaire/garage-solidaire.yml:{line}:5: langues[1]: code de langue inconnu « {value} » : " in out
    assert hint in out, out


def test_codes_and_names_come_from_babel():
    codes = langues.codes()
    assert len(codes) == 184 and {"ar", "en", "uk", "ps", "ti", "wo"} <= set(codes)
    assert not {"ua", "xx", "fil", "ara"} & set(codes)
    assert {lang.value for lang in Langue} == set(codes)
    assert Langue("ar").label == "arabe"


def test_names_follow_the_interface_language():
    assert [v["nom"] for v in langues.vue(["ar", "en"])] == ["arabe", "anglais"]
    i18n.activate("en")
    try:
        assert [v["nom"] for v in langues.vue(["ar", "en"])] == ["Arabic", "English"]
        assert langues.vue(["en"])[0]["endonyme"] == ""  # not « English (English) »
    finally:
        i18n.activate(i18n.SOURCE)
    assert langues.vue(["uk"])[0]["endonyme"] == "українська"
    assert langues.trier(["uk", "ar", "en", "es"]) == ["en", "ar", "es", "uk"]  # anglais, arabe, espagnol, ukrainien


def test_editors_complete_codes_with_their_french_names():
    offre = json.loads(schema.render("offre"))
    assert offre["properties"]["langues"]["anyOf"][0]["items"] == {"$ref": "#/$defs/Langue"}
    definition = offre["$defs"]["Langue"]
    assert definition["enumDescriptions"][definition["enum"].index("ar")] == "arabe"
    table = fields.markdown_table(Offre, "offre")
    assert "| `langues` | liste de vocabulaire « Langues (codes ISO 639-1) » |" in table
    assert "| `ti` | tigrigna |" in fields.expand("<!-- vocabulaire:Langue -->")


def test_the_national_format_has_no_languages_field():
    assert "langues" not in di.Service.model_fields
    assert "langues" in datainclusion.LOST_OFFRE
