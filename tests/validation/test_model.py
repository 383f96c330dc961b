"""The model is the single source: vocabularies from data·inclusion, documented fields, schemas in sync."""

import json
from pathlib import Path

import data_inclusion.schema.v1 as di
import pytest

from generator.model import offre, schema, structure, territoire, types

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_schema_files_are_generated_from_the_model(name):
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema.render(name), f"schema/{name}.schema.json est périmé : lancer « make schema »"


def test_national_vocabularies_come_from_data_inclusion():
    document = json.loads(schema.render("offre"))
    assert document["$defs"]["Thematique"]["enum"] == [t.value for t in di.Thematique]
    assert document["$defs"]["Public"]["enum"] == [p.value for p in di.Public]
    assert offre.Offre.model_fields["thematiques"].annotation == list[di.Thematique]
    # Editors show the French label of each value while completing.
    assert "Garde d’enfants" in document["$defs"]["Thematique"]["enumDescriptions"]


def test_field_names_follow_data_inclusion_services():
    national = set(di.Service.model_fields)
    ours = set(offre.Offre.model_fields)
    shared = {
        "nom", "description", "type", "thematiques", "frais", "frais_precisions", "publics", "publics_precisions",
        "conditions_acces", "modes_accueil", "zone_eligibilite", "lien_mobilisation", "modes_mobilisation",
        "mobilisable_par", "mobilisation_precisions", "horaires_accueil", "volume_horaire_hebdomadaire",
        "nombre_semaines", "telephone", "courriel", "date_maj",
    }
    assert shared <= ours and shared <= national
    assert set(types.Adresse.model_fields) <= set(di.Structure.model_fields)


MODELS = [offre.Offre, structure.Structure, types.Lieu, types.Places, territoire.Territoire, territoire.Forge, territoire.Tuiles, territoire.Bassin]


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_field_is_documented_in_french(model):
    # The field tables of the docs, the form and the CMS are generated from these descriptions.
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} n'a pas de description"


def test_every_yaml_file_declares_its_schema():
    for path in sorted((ROOT / "offers").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "structure" if path.name == "structure.yml" else "offre"
        assert first == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json", path
