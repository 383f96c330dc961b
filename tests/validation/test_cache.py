"""The validation cache: unchanged folders are not validated again, and it never hides a change."""

from pathlib import Path

import pytest

from ..support import OFFRE

ERREUR = "valeur inconnue « mobilite--voler »"


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "validation").glob("*.pickle")) if (cache / "validation").is_dir() else []


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CATALOGUE_CACHE", str(folder))
    return folder


def test_a_second_validation_gives_the_same_result_from_the_cache(cat, cache):
    cat.write("mobilite-solidaire/garage.yml", OFFRE)
    first = cat.validate()
    assert len(entries(cache)) == 1
    assert cat.validate() == first == (0, first[1])


def test_an_edited_file_is_validated_again(cat, cache):
    path = cat.write("mobilite-solidaire/garage.yml", OFFRE)
    assert cat.validate()[0] == 0
    path.write_text(OFFRE.replace("mobilite--entretenir-reparer-son-vehicule", "mobilite--voler"), encoding="utf-8")
    code, out = cat.validate()
    assert code == 1 and ERREUR in out
    path.write_text(OFFRE, encoding="utf-8")
    assert cat.validate()[0] == 0


def test_a_new_day_checks_freshness_again(cat, cache, monkeypatch):
    cat.write("mobilite-solidaire/garage.yml", OFFRE)
    assert "à mettre à jour" not in cat.validate()[1]
    monkeypatch.setenv("CATALOGUE_DATE", "2027-09-01")  # ten months after date_maj
    assert "à mettre à jour" in cat.validate()[1]


def test_a_damaged_cache_entry_is_ignored(cat, cache):
    cat.write("mobilite-solidaire/garage.yml", OFFRE.replace("mobilite--entretenir-reparer-son-vehicule", "mobilite--voler"))
    first = cat.validate()
    for entry in entries(cache):
        entry.write_bytes(b"pas un cache")
    assert cat.validate() == first and first[0] == 1


def test_the_cache_can_be_turned_off(cat, tmp_path, monkeypatch):
    monkeypatch.setenv("CATALOGUE_CACHE", "0")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    cat.write("mobilite-solidaire/garage.yml", OFFRE)
    assert cat.validate()[0] == 0
    assert not (tmp_path / ".cache").exists()
