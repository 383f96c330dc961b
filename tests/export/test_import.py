"""`catalogue import data-inclusion`: round trip, tidy files, refusals and reports in French."""

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from generator.cli.main import main
from generator.model.offre import Offre
from generator.model.structure import Structure

from .conftest import copy_sample, export_catalogue, write_fixture, write_synthetic


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def import_into(donnees: Path, offers: Path, *extra: str) -> tuple[int, str, str]:
    return run(
        "import", "data-inclusion",
        "--services", str(donnees / "data-inclusion" / "services.json"),
        "--structures", str(donnees / "data-inclusion" / "structures.json"),
        "--out", str(offers), *extra,
    )


@pytest.mark.parametrize("make", [write_fixture, copy_sample, write_synthetic], ids=["fixture", "sample", "synthetic"])
def test_round_trip_export_import_export_is_identical(tmp_path, make):
    first = export_catalogue(make(tmp_path / "a"), tmp_path / "a" / "donnees")
    (tmp_path / "b").mkdir()
    shutil.copy(tmp_path / "a" / "territoire.yml", tmp_path / "b" / "territoire.yml")
    code, out, err = import_into(first.out, tmp_path / "b" / "offers")
    assert code == 0, err
    code, report, _ = run("validate", "--offres", str(tmp_path / "b" / "offers"), "--territoire", str(tmp_path / "b" / "territoire.yml"))
    assert code == 0, report
    second = export_catalogue(tmp_path / "b", tmp_path / "b" / "donnees")
    for rel in ("data-inclusion/services.json", "data-inclusion/structures.json"):
        assert first.read(rel) == second.read(rel), rel


def test_several_places_come_back_as_one_offer(tmp_path):
    first = export_catalogue(write_fixture(tmp_path / "a"), tmp_path / "a" / "donnees")
    code, out, _ = import_into(first.out, tmp_path / "b")
    assert code == 0
    permis = yaml.safe_load((tmp_path / "b" / "mobilite-solidaire" / "permis.yml").read_text("utf-8"))
    assert [l["code_insee"] for l in permis["lieux"]] == ["91228", "91228", "91174"]
    assert permis["lieux"][1]["horaires_accueil"] == "Tu,Th 09:00-12:00"
    assert sorted(p.name for p in (tmp_path / "b" / "mobilite-solidaire").iterdir()) == [
        "conseil-distance.yml", "garage.yml", "permis.yml", "structure.yml",
    ]
    assert "2 structure(s) et 4 offre(s)" in out


def test_imported_files_are_tidy(tmp_path):
    first = export_catalogue(write_fixture(tmp_path / "a"), tmp_path / "a" / "donnees")
    import_into(first.out, tmp_path / "b")
    for path in sorted((tmp_path / "b").rglob("*.yml")):
        text = path.read_text("utf-8")
        kind = "structure" if path.name == "structure.yml" else "offre"
        assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"), path
        data = yaml.safe_load(text)
        order = list((Structure if kind == "structure" else Offre).model_fields)
        assert list(data) == sorted(data, key=order.index), path  # model order
        assert all(v not in (None, "", [], {}) for v in data.values()), path  # no empty field
    # The offer's phone equal to its structure's is not repeated; a different one is kept, readable.
    garage = yaml.safe_load((tmp_path / "b" / "mobilite-solidaire" / "garage.yml").read_text("utf-8"))
    assert garage["telephone"] == "01 99 00 10 11"
    permis = yaml.safe_load((tmp_path / "b" / "mobilite-solidaire" / "permis.yml").read_text("utf-8"))
    assert "telephone" not in permis


def test_import_refuses_to_overwrite_without_force(tmp_path):
    first = export_catalogue(write_fixture(tmp_path / "a"), tmp_path / "a" / "donnees")
    assert import_into(first.out, tmp_path / "b")[0] == 0
    garage = tmp_path / "b" / "mobilite-solidaire" / "garage.yml"
    garage.write_text("# modifié à la main\n", "utf-8")
    code, out, err = import_into(first.out, tmp_path / "b")
    assert code == 1
    assert "existent déjà" in err and "--force" in err and "garage.yml" in err
    assert garage.read_text("utf-8") == "# modifié à la main\n"  # nothing written
    code, out, err = import_into(first.out, tmp_path / "b", "--force")
    assert code == 0 and "remplacé" in out
    assert garage.read_text("utf-8").startswith("# yaml-language-server")


@pytest.mark.parametrize("content", ['[{"id": "x",', "\xff\xfe garbage", '{"pas": "une liste"}'])
def test_unreadable_input_exits_1_with_a_french_message_naming_the_file(tmp_path, content):
    bad = tmp_path / "services.json"
    bad.write_bytes(content.encode("latin-1"))
    structures = tmp_path / "structures.json"
    structures.write_text("[]", "utf-8")
    code, out, err = run("import", "data-inclusion", "--services", str(bad), "--structures", str(structures), "--out", str(tmp_path / "o"))
    assert code == 1
    assert str(bad) in err
    assert "Traceback" not in err + out
    assert any(word in err for word in ("JSON invalide", "UTF-8", "liste de services"))
    assert not (tmp_path / "o").exists()


def test_missing_input_file_is_named(tmp_path):
    code, _, err = run("import", "data-inclusion", "--services", str(tmp_path / "absent.json"), "--structures", str(tmp_path / "absent2.json"))
    assert code == 1 and "absent.json" in err and "illisible" in err


def _structure(**extra) -> dict:
    return {
        "source": "dora", "id": "dora--s1", "nom": "Centre social Le Tournesol", "date_maj": "2026-10-01",
        "adresse": "3 rue des Lilas", "code_postal": "91100", "commune": "Corbeil-Essonnes", "code_insee": "91174",
        "telephone": "01 99 00 30 30", **extra,
    }


def _service(ident: str, **extra) -> dict:
    return {
        "source": "dora", "structure_id": "dora--s1", "id": ident, "nom": "Atelier numérique",
        "description": "Apprendre à utiliser les démarches en ligne.", "date_maj": "2026-10-01",
        "thematiques": ["numerique--acceder-a-des-services-en-ligne"],
        "zone_eligibilite": ["91174"], **extra,
    }


def test_foreign_records_are_mapped_and_losses_reported(tmp_path):
    services = [
        _service("dora--AB:12", modes_accueil=["en-presentiel"], contact_nom_prenom="Mme Exemple",
                 adresse="3 rue des Lilas", code_postal="91100", commune="Corbeil-Essonnes", code_insee="91174"),
        _service("dora--sans-theme", thematiques=[]),
        _service("dora--theme-inconnu", thematiques=["numerique--theme-qui-n-existe-pas"]),
        _service("dora--code-inconnu", zone_eligibilite=["91174", "99999"], modes_mobilisation=["envoyer-un-courriel"]),
        _service("dora--sans-adresse", modes_accueil=["en-presentiel"]),  # in person, no address: the structure's
    ]
    (tmp_path / "services.json").write_text(json.dumps(services), "utf-8")
    (tmp_path / "structures.json").write_text(json.dumps([_structure()]), "utf-8")
    code, out, err = run("import", "data-inclusion", "--services", str(tmp_path / "services.json"),
                         "--structures", str(tmp_path / "structures.json"), "--out", str(tmp_path / "offers"))
    assert code == 0, err
    folder = tmp_path / "offers" / "s1"
    assert sorted(p.name for p in folder.iterdir()) == ["ab-12.yml", "code-inconnu.yml", "sans-adresse.yml", "structure.yml"]
    assert "service sans thématique, non importé : 2 (dora--sans-theme, dora--theme-inconnu)" in out
    assert "champ « thematiques » invalide au format data·inclusion, non repris : 1 (dora--theme-inconnu)" in out
    assert "contact_nom_prenom" in out
    assert "code de zone non repris (code de territoire inconnu « 99999 »" in out
    assert "« envoyer-un-courriel » retiré" in out
    assert "adresse de la structure reprise" in out
    inconnu = yaml.safe_load((folder / "code-inconnu.yml").read_text("utf-8"))
    assert inconnu["zone_eligibilite"] == ["91174"] and "modes_mobilisation" not in inconnu
    code, report, _ = run("validate", "--offres", str(tmp_path / "offers"))
    assert code == 0, report


def test_territoire_keeps_only_that_territory(tmp_path):
    services = [_service("dora--ici"), _service("dora--ailleurs", zone_eligibilite=["75056"], structure_id="dora--s1")]
    (tmp_path / "services.json").write_text(json.dumps(services), "utf-8")
    (tmp_path / "structures.json").write_text(json.dumps([_structure()]), "utf-8")
    code, out, _ = run("import", "data-inclusion", "--services", str(tmp_path / "services.json"),
                       "--structures", str(tmp_path / "structures.json"), "--out", str(tmp_path / "offers"), "--territoire", "91")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "offers" / "s1").iterdir()) == ["ici.yml", "structure.yml"]
    assert "hors du territoire 91" in out


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
_FIELDS = ["nom", "description", "date_maj", "thematiques", "zone_eligibilite", "adresse", "code_postal", "code_insee",
           "commune", "telephone", "courriel", "modes_accueil", "modes_mobilisation", "publics", "horaires_accueil",
           "latitude", "longitude", "id", "lien_mobilisation", "nombre_semaines"]
_service_like = st.builds(
    lambda ident, changes: {**_service(f"dora--{ident}", adresse="3 rue des Lilas", code_postal="91100",
                                       commune="Corbeil-Essonnes", code_insee="91174"), **changes},
    st.text(max_size=12),
    st.dictionaries(st.sampled_from(_FIELDS), _json_values, max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(services=st.lists(_service_like | _json_values, max_size=5))
def test_hostile_records_never_crash_the_import(tmp_path, services):
    (tmp_path / "services.json").write_text(json.dumps(services), "utf-8")
    (tmp_path / "structures.json").write_text(json.dumps([_structure()]), "utf-8")
    out_dir = tmp_path / "offers"
    shutil.rmtree(out_dir, ignore_errors=True)
    code, out, err = run("import", "data-inclusion", "--services", str(tmp_path / "services.json"),
                         "--structures", str(tmp_path / "structures.json"), "--out", str(out_dir))
    assert code == 0  # the structure itself is always importable
    assert "Traceback" not in out + err
    code, report, _ = run("validate", "--offres", str(out_dir))
    assert code == 0, report
