"""The files of site/donnees/: names, contents, determinism, privacy, national format, Frictionless, Atom."""

import csv
import io
import json
import random
import subprocess
from datetime import datetime, timezone

import feedparser
import frictionless
import pytest
from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.types import Lieu
from generator.opendata import common, export
from generator.opendata import datainclusion as di
from generator.opendata.donnees_page import donnees_page

from ..support import write_catalogue
from .conftest import ARCHIVEE, BASE_URL, CCAS, GENERATED, MOBILITE, PERIMEE, PUBLIC_IDS, export_catalogue, load, write_fixture

FILES = [
    "offres.json",
    "structures.json",
    "data-inclusion/services.json",
    "data-inclusion/structures.json",
    "offres.geojson",
    "offres.csv",
    "schema/offre.schema.json",
    "schema/structure.schema.json",
    "datapackage.json",
    "modifications.json",
    "modifications.atom",
]
# Added for the national submission and the published schemas (tests/export/test_sync.py tests them).
FILES += [
    "data-inclusion/data-inclusion.xlsx",
    "data-inclusion/services.csv",
    "data-inclusion/structures.csv",
    "schema/offres.schema.json",
    "schema/structures.schema.json",
    "schema/modifications.schema.json",
    "schema/data-inclusion-services.schema.json",
    "schema/data-inclusion-structures.schema.json",
]
SCHEMAS = {f for f in FILES if f.startswith("schema/")}


def test_every_file_of_the_contract_is_written(fixture_export):
    for rel in FILES:
        assert (fixture_export.out / rel).is_file(), rel
    assert sorted(p.relative_to(fixture_export.out).as_posix() for p in fixture_export.paths) == sorted(FILES)


def test_json_files_carry_licence_version_source_and_commit_date(fixture_export):
    for rel, key in [("offres.json", "offres"), ("structures.json", "structures"), ("modifications.json", "modifications")]:
        doc = json.loads(fixture_export.read(rel))
        assert doc["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
        assert doc["version_schema"] == "1.0"
        assert doc["date_generation"] == GENERATED.isoformat()
        assert doc["source"]["nom"] == "Offre d'insertion en Essonne"
        assert "actives" in doc["perimetre"]
        assert doc["nombre"] == len(doc[key])


def test_only_published_offers_are_exported(fixture_export):
    offres = json.loads(fixture_export.read("offres.json"))["offres"]
    assert [o["id"] for o in offres] == PUBLIC_IDS
    for rel in FILES[:6] + ["modifications.json", "modifications.atom"]:
        text = fixture_export.read(rel)
        assert "Ancienne location de vélos" not in text, rel  # archivée
        assert "Atelier vélo oublié" not in text, rel  # périmée
    # …while every structure is.
    structures = json.loads(fixture_export.read("structures.json"))["structures"]
    assert [s["id"] for s in structures] == ["ccas-evry", "mobilite-solidaire"]


def test_offres_json_holds_the_catalogue_extensions(fixture_export):
    garage = next(o for o in json.loads(fixture_export.read("offres.json"))["offres"] if o["id"] == "mobilite-solidaire/garage")
    assert garage["places"] == {"total": 12, "disponibles": 3, "date": "2026-11-02"}
    assert garage["mots_cles"] == ["garage", "réparation"]
    assert garage["url"] == BASE_URL + "offres/mobilite-solidaire/garage/"
    assert "frais" not in garage  # empty fields are left out


def test_two_writes_are_byte_identical(tmp_path):
    root = write_fixture(tmp_path / "cat")
    cat, vues = load(root)
    a = export.write(cat, vues, tmp_path / "a", base_url=BASE_URL, generated=GENERATED)
    shuffled = list(vues)
    random.Random(3).shuffle(shuffled)
    export.write(cat, shuffled, tmp_path / "b", base_url=BASE_URL, generated=GENERATED)
    for path in a:
        rel = path.relative_to(tmp_path / "a")
        assert path.read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_private_fields_never_leave_the_repository(any_export):
    private = common.private_fields(Structure)
    assert private == ["mainteneurs"]
    handles = {h for s in any_export.cat.structures.values() for h in s.mainteneurs}
    assert handles  # the catalogues do name maintainers
    for path in any_export.paths:
        if "schema" in path.parts:
            continue  # the schema documents the field (for the YAML files), it holds no value
        if path.suffix == ".xlsx":
            from generator.adapters import xlsx

            text = repr(xlsx.read(path))
        else:
            text = path.read_text(encoding="utf-8")
        assert "mainteneurs" not in text, path
        assert not any(h in text for h in handles), path


def test_any_field_marked_internal_is_left_out_even_nested():
    from typing import Annotated

    from pydantic import BaseModel, Field

    secret = Annotated[str | None, Field(json_schema_extra={"interne": True})]

    class Inner(BaseModel):
        visible: str
        cle: secret = None

    class Outer(BaseModel):
        nom: str
        notes: secret = None
        items: list[Inner] = []
        one: Inner | None = None

    doc = Outer(nom="a", notes="privé", items=[Inner(visible="v", cle="privé")], one=Inner(visible="w", cle="privé"))
    assert export.public_dump(doc) == {"nom": "a", "items": [{"visible": "v"}], "one": {"visible": "w"}}


def test_every_data_inclusion_record_passes_the_official_models(any_export):
    services = json.loads(any_export.read("data-inclusion/services.json"))
    structures = json.loads(any_export.read("data-inclusion/structures.json"))
    assert services and structures
    for record in services:
        DIService.model_validate(record)
    for record in structures:
        DIStructure.model_validate(record)
    ids = [s["id"] for s in services]
    assert len(ids) == len(set(ids))
    assert {s["structure_id"] for s in services} <= {s["id"] for s in structures}


def test_one_service_per_place_with_commune_suffixes(fixture_export):
    services = json.loads(fixture_export.read("data-inclusion/services.json"))
    ids = [s["id"] for s in services]
    base = "offre-d-insertion-en-essonne--mobilite-solidaire--permis"
    assert [i for i in ids if i.startswith(base)] == [
        f"{base}--evry-courcouronnes-1",
        f"{base}--evry-courcouronnes-2",
        f"{base}--corbeil-essonnes-1",
    ]
    antenne = services[ids.index(f"{base}--evry-courcouronnes-2")]
    assert antenne["adresse"] == "10 allée des Pyramides"
    assert antenne["horaires_accueil"] == "Tu,Th 09:00-12:00"  # the place's own hours
    # Single place: no suffix; remote: one service without address.
    assert "offre-d-insertion-en-essonne--mobilite-solidaire--garage" in ids
    remote = services[ids.index("offre-d-insertion-en-essonne--mobilite-solidaire--conseil-distance")]
    assert remote["adresse"] is None and remote["code_insee"] is None
    # The structure's phone and hours stand in for the offer's.
    assert services[ids.index(f"{base}--corbeil-essonnes-1")]["telephone"] == "+33199001010"


def test_place_ids_stay_stable_when_places_are_added(fixture_export):
    offre = fixture_export.cat.offres["mobilite-solidaire/permis"]
    structure = fixture_export.cat.structures["mobilite-solidaire"]
    before = [r["id"] for r in di.service_records("src", "mobilite-solidaire/permis", offre, structure, None)]
    massy = Lieu(adresse="2 rue de Paris", code_postal="91300", commune="Massy", code_insee="91377")
    evry = offre.lieux[0].model_copy()
    grown = offre.model_copy(update={"lieux": [massy, *offre.lieux, evry]})
    after = [r["id"] for r in di.service_records("src", "mobilite-solidaire/permis", grown, structure, None)]
    assert after[1:4] == before
    assert after[0].endswith("--massy-1") and after[4].endswith("--evry-courcouronnes-3")


def test_geojson_has_one_feature_per_place(any_export):
    geo = json.loads(any_export.read("offres.geojson"))
    assert geo["type"] == "FeatureCollection"
    published = [v for v in any_export.vues if v.public]
    assert len(geo["features"]) == sum(len(v.offre.lieux) for v in published)
    feature = next(f for f in geo["features"] if f["geometry"])
    offre = any_export.cat.offres[feature["properties"]["offre"]]
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) in {(l.latitude, l.longitude) for l in offre.lieux}


def test_csv_one_row_per_offer_documented_columns_and_joined_lists(fixture_export):
    text = fixture_export.read("offres.csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    columns = [c[0] for c in export.csv_columns()]
    assert list(rows[0]) == columns
    assert [r["id"] for r in rows] == PUBLIC_IDS
    assert "mainteneurs" not in columns
    garage = next(r for r in rows if r["id"] == "mobilite-solidaire/garage")
    assert garage["thematiques"] == "mobilite--entretenir-reparer-son-vehicule|mobilite--acceder-a-un-vehicule"
    assert garage["places_disponibles"] == "3" and garage["places_date"] == "2026-11-02"
    permis = next(r for r in rows if r["id"] == "mobilite-solidaire/permis")
    assert permis["lieux_codes_insee"] == "91228|91228|91174"
    assert permis["frais_precisions"] == "Participation de 10 € par leçon | selon ressources"  # text kept as is
    # Every column is described in the datapackage, from the model.
    package = json.loads(fixture_export.read("datapackage.json"))
    fields = next(r for r in package["resources"] if r["path"] == "offres.csv")["schema"]["fields"]
    assert [f["name"] for f in fields] == columns
    assert all(f["description"] for f in fields)


def test_datapackage_passes_frictionless_validation(any_export):
    report = frictionless.validate(str(any_export.out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    package = json.loads(any_export.read("datapackage.json"))
    described = {r["path"] for r in package["resources"]}
    assert described == set(FILES) - {"datapackage.json"} - SCHEMAS
    assert package["licenses"][0]["name"] == "etalab-2.0"


def test_changes_newest_first(any_export):
    mods = json.loads(any_export.read("modifications.json"))["modifications"]
    dates = [m["date_maj"] for m in mods]
    assert dates == sorted(dates, reverse=True)
    assert len(mods) == sum(v.public for v in any_export.vues)


def test_atom_feed_is_read_by_a_feed_reader(any_export):
    feed = feedparser.parse(any_export.read("modifications.atom"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.endswith("mises à jour des offres")
    mods = json.loads(any_export.read("modifications.json"))["modifications"]
    assert len(feed.entries) == min(len(mods), export.ATOM_ENTRIES)
    first = feed.entries[0]
    assert first.link == mods[0]["url"]
    assert first.updated.startswith(mods[0]["date_maj"])
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_donnees_page_lists_files_and_fields_from_the_model(fixture_export):
    page = donnees_page(fixture_export.out)
    for rel in FILES:
        assert f"`donnees/{rel}`" in page
    line = next(l for l in page.splitlines() if "`donnees/data-inclusion/services.json`" in l)
    assert "| 6 |" in line  # 1 + 3 + 1 + 1 services
    assert " ko |" in line or " o |" in line
    for name in common.public_fields(Offre):
        assert f"`{name}`" in page, name
    assert "`places`" in page.split("Champs perdus")[1]
    # The counts survive another process (no in-memory cache).
    common.written_counts.clear()
    assert donnees_page(fixture_export.out) == page


def test_editorial_page_has_the_marker():
    from .conftest import REPO

    text = (REPO / "docs" / "donnees.md").read_text(encoding="utf-8")
    assert "<!-- donnees:auto -->" in text
    assert "Licence Ouverte" in text


def test_generation_date_is_the_last_commit_not_the_clock(tmp_path, monkeypatch):
    repo = write_fixture(tmp_path / "repo")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    env = {"GIT_COMMITTER_DATE": "2026-03-04T05:06:07+01:00", "GIT_AUTHOR_DATE": "2026-03-04T05:06:07+01:00"}
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True, env={**__import__("os").environ, **env})
    assert common.generation_date(repo) == datetime(2026, 3, 4, 4, 6, 7, tzinfo=timezone.utc)
    plain = write_fixture(tmp_path / "plain")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert common.generation_date(plain) == datetime.fromtimestamp(1700000000, tz=timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert common.generation_date(plain).date().isoformat() == "2026-11-10"  # newest date_maj


def test_relative_base_url_gives_no_invalid_links(tmp_path):
    root = write_fixture(tmp_path / "cat")
    cat, vues = load(root)
    export.write(cat, vues, tmp_path / "out", base_url="", generated=GENERATED)
    services = json.loads((tmp_path / "out" / "data-inclusion" / "services.json").read_text("utf-8"))
    assert all(s["lien_source"] is None for s in services)
    for record in services:
        DIService.model_validate(record)
    assert not feedparser.parse((tmp_path / "out" / "modifications.atom").read_text("utf-8")).bozo


# Catalogues with nothing to publish: nothing at all, structures without offers, only an archived and a stale offer.
NOTHING_TO_PUBLISH = {
    "vide": {},
    "structures-sans-offre": {"structures": {"mobilite-solidaire": MOBILITE, "ccas-evry": CCAS}},
    "offres-non-publiees": {"structures": {"mobilite-solidaire": MOBILITE}, "offres": {"mobilite-solidaire/velos": ARCHIVEE, "mobilite-solidaire/atelier-velo": PERIMEE}},
}


@pytest.mark.parametrize("catalogue", NOTHING_TO_PUBLISH.values(), ids=NOTHING_TO_PUBLISH)
def test_a_catalogue_with_nothing_to_publish_writes_valid_empty_files(tmp_path, catalogue):
    root = write_catalogue(tmp_path / "cat", territoire="nom: Catalogue vide\ndepartements: ['91']\n", **catalogue).root
    ex = export_catalogue(root, tmp_path / "out")
    offres = json.loads(ex.read("offres.json"))
    assert (offres["offres"], offres["nombre"]) == ([], 0)
    assert json.loads(ex.read("data-inclusion/services.json")) == []
    assert json.loads(ex.read("offres.geojson"))["features"] == []
    assert list(csv.reader(io.StringIO(ex.read("offres.csv"), newline=""))) == [[c[0] for c in export.csv_columns()]]  # the header only
    assert json.loads(ex.read("modifications.json"))["modifications"] == []
    feed = feedparser.parse(ex.read("modifications.atom"))
    assert not feed.bozo and feed.entries == []
    # Structures are published even when none of their offers is.
    ids = sorted(catalogue.get("structures", {}))
    assert [s["id"] for s in json.loads(ex.read("structures.json"))["structures"]] == ids
    assert [s["id"].rsplit("--", 1)[-1] for s in json.loads(ex.read("data-inclusion/structures.json"))] == ids
    report = frictionless.validate(str(ex.out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_every_field_missing_from_the_national_format_is_listed_as_lost(fixture_export):
    page = donnees_page(fixture_export.out)
    lost = page.split("## Champs perdus dans le format data·inclusion")[1]
    for model, national in ((Offre, di.SERVICE_FIELDS), (Structure, di.STRUCTURE_FIELDS)):
        for name in model.model_fields:
            if name not in national:
                assert f"| `{name}` |" in lost, name
    assert "| `nom` |" not in lost
