"""The field tables of the docs are generated from the model, never written by hand."""

from pathlib import Path

from generator.model import fields, limits, offre

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_offer_field_appears_in_the_generated_table():
    table = fields.expand((DOCS / "contribuer/champs.md").read_text(encoding="utf-8"))
    assert "<!--" not in table
    for name in offre.Offre.model_fields:
        assert f"| `{name}` |" in table
    assert "*(interne, jamais publié)*" in table  # mainteneurs is marked internal


def test_a_new_field_description_reaches_the_docs(monkeypatch):
    info = offre.Offre.model_fields["mots_cles"]
    monkeypatch.setattr(info, "description", "Description modifiée dans le modèle.")
    assert "Description modifiée dans le modèle." in fields.markdown_table(offre.Offre, "offre")


def test_vocabularies_and_limits_are_generated():
    text = fields.expand((DOCS / "contribuer/vocabulaires.md").read_text(encoding="utf-8"))
    assert "| `famille--garde-denfants` | Garde d’enfants |" in text
    table = fields.expand("<!-- limites -->")
    assert f"{limits.MAX_LIEUX} au plus" in table
