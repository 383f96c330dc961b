"""The CMS under /admin/: Decap's config.yml generated from the model, the page self-hosted."""

import types
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel, Field, create_model

from generator.contribute import cms
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.territoire import Forge, Territoire
from generator.model.types import Lieu, Places

TERRITOIRE = Territoire(
    nom="Catalogue de test",
    departements=["91"],
    forge=Forge(type="github", url="https://github.com/exemple/catalogue-test", branche="main"),
)


def structure(nom: str) -> Structure:
    return Structure(nom=nom, adresse="1 rue de la Gare", code_postal="91100", commune="Corbeil-Essonnes", code_insee="91174", date_maj=date(2026, 11, 1))


STRUCTURES = {"mobilite-solidaire": structure("Association Mobilité Solidaire"), "ccas-evry": structure("CCAS d'Évry-Courcouronnes")}


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(cms.render_config(TERRITOIRE, STRUCTURES))


# ----- what each model field must become ---------------------------------------------------------------


def _plain(annotation: Any) -> Any:
    """The annotation without None and Annotated."""
    args = [a for a in get_args(annotation) if a is not type(None)] if get_origin(annotation) in (types.UnionType, Union) else None
    if args and len(args) == 1:
        return _plain(args[0])
    if hasattr(annotation, "__metadata__"):
        return _plain(get_args(annotation)[0])
    return annotation


def expected_widget(annotation: Any) -> tuple[str, Any]:
    """(widget, detail) a model annotation must give in Decap."""
    t = _plain(annotation)
    if get_origin(t) is list:
        inner = _plain(get_args(t)[0])
        if isinstance(inner, type) and issubclass(inner, Enum):
            return "select-multiple", [e.value for e in inner]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "list-fields", inner
        return "list-field", None
    if isinstance(t, type) and issubclass(t, Enum):
        return "select", [e.value for e in t]
    if get_origin(t) is Literal:
        return "select", list(get_args(t))
    if isinstance(t, type) and issubclass(t, BaseModel):
        return "object", t
    if t is date:
        return "datetime", None
    if t is int:
        return "number-int", None
    if t is float:
        return "number-float", None
    if t is bool:
        return "boolean", None
    return "string-or-text", None


def assert_fields_match(model: type[BaseModel], fields: list[dict]):
    assert [f["name"] for f in fields] == list(model.model_fields), f"{model.__name__} : champs différents du modèle"
    for f in fields:
        info = model.model_fields[f["name"]]
        kind, detail = expected_widget(info.annotation)
        where = f"{model.__name__}.{f['name']}"
        assert f["required"] is info.is_required(), where
        assert f["label"] == (info.title or f["name"].replace("_", " ").capitalize()), where
        if info.description:
            assert f["hint"].startswith(info.description), where
        if kind in ("select", "select-multiple"):
            assert f["widget"] == "select", where
            assert [o["value"] for o in f["options"]] == detail, where
            assert all(o["label"] for o in f["options"]), where
            assert f.get("multiple", False) is (kind == "select-multiple"), where
        elif kind == "list-fields":
            assert f["widget"] == "list", where
            assert_fields_match(detail, f["fields"])
        elif kind == "list-field":
            assert f["widget"] == "list" and f["field"]["widget"] == "string", where
        elif kind == "object":
            assert f["widget"] == "object", where
            assert_fields_match(detail, f["fields"])
        elif kind == "datetime":
            assert (f["widget"], f["date_format"], f["format"], f["time_format"]) == ("datetime", "YYYY-MM-DD", "YYYY-MM-DD", False), where
        elif kind.startswith("number"):
            assert f["widget"] == "number" and f["value_type"] == kind.split("-")[1], where
        elif kind == "boolean":
            assert f["widget"] == "boolean", where
        else:
            assert f["widget"] in ("string", "text"), where


def test_every_offer_field_is_in_each_offers_collection_with_the_right_widget(config):
    offers = [c for c in config["collections"] if "folder" in c]
    assert [c["folder"] for c in offers] == ["offers/ccas-evry", "offers/mobilite-solidaire"]
    for c in offers:
        assert_fields_match(Offre, c["fields"])


def test_every_structure_field_is_in_the_structures_collection(config):
    (structures,) = [c for c in config["collections"] if "files" in c]
    assert [f["file"] for f in structures["files"]] == ["offers/ccas-evry/structure.yml", "offers/mobilite-solidaire/structure.yml"]
    assert [f["label"] for f in structures["files"]] == ["CCAS d'Évry-Courcouronnes", "Association Mobilité Solidaire"]
    for f in structures["files"]:
        assert_fields_match(Structure, f["fields"])


def test_places_and_lieux_are_nested(config):
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert fields["lieux"]["widget"] == "list" and [f["name"] for f in fields["lieux"]["fields"]] == list(Lieu.model_fields)
    assert fields["places"]["widget"] == "object" and [f["name"] for f in fields["places"]["fields"]] == list(Places.model_fields)
    lieu = {f["name"]: f for f in fields["lieux"]["fields"]}
    assert lieu["code_postal"]["pattern"][0] == r"^\d{5}$" and lieu["code_insee"]["pattern"]
    assert fields["zone_eligibilite"]["field"]["pattern"] and fields["partenaires"]["field"]["pattern"][0] == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert fields["thematiques"]["multiple"] is True and fields["thematiques"]["min"] == 1
    assert fields["frequence_maj"]["options"] == [{"label": f"{n} mois", "value": n} for n in (1, 3, 6, 12)]
    assert fields["modes_accueil"]["default"] == ["en-presentiel"]


def test_a_field_added_to_the_model_must_reach_the_cms():
    """The check fails when the model gains a field that the configuration does not have."""
    Etendue = create_model("OffreEtendue", __base__=Offre, nouveau_champ=(Annotated[int | None, Field(description="Essai.")], None))
    fields = cms.model_fields(Etendue, "offre")
    assert_fields_match(Etendue, fields)  # the generator follows the model…
    stale = [f for f in fields if f["name"] != "nouveau_champ"]
    with pytest.raises(AssertionError):  # …and a configuration that misses it is caught
        assert_fields_match(Etendue, stale)
    Bizarre = create_model("OffreBizarre", __base__=Offre, tableau=(dict[str, int] | None, None))
    with pytest.raises(TypeError, match="tableau"):  # a type nobody taught the CMS is an error, never a silent text box
        cms.model_fields(Bizarre, "offre")


def test_offers_collections_and_editorial_workflow(config):
    assert config["backend"] == {"name": "github", "repo": "exemple/catalogue-test", "branch": "main", "open_authoring": True}
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "fr" and config["media_folder"]
    c = config["collections"][1]
    assert c["label"] == "Offres — Association Mobilité Solidaire"
    assert (c["extension"], c["format"], c["create"], c["identifier_field"], c["slug"]) == ("yml", "yml", True, "nom", "{{slug}}")
    assert "{{filename}}" in c["summary"]
    assert {"label": "Offres seulement (sans la fiche de la structure)", "field": "thematiques", "pattern": "."} in c["view_filters"]


def test_gitlab_backend_and_deterministic_output():
    gitlab = TERRITOIRE.model_copy(update={"forge": Forge(type="gitlab", url="https://gitlab.exemple.fr/spie/catalogue", branche="publie")})
    backend = yaml.safe_load(cms.render_config(gitlab, STRUCTURES))["backend"]
    assert backend == {"name": "gitlab", "repo": "spie/catalogue", "branch": "publie", "api_root": "https://gitlab.exemple.fr/api/v4", "base_url": "https://gitlab.exemple.fr"}
    assert cms.render_config(TERRITOIRE, STRUCTURES) == cms.render_config(TERRITOIRE, dict(reversed(STRUCTURES.items())))
    assert "&id" not in cms.render_config(TERRITOIRE, STRUCTURES)  # no YAML anchors


def test_built_site_has_the_admin_page_and_its_self_hosted_files(built):
    admin = built / "site" / "admin"
    html = (admin / "index.html").read_text("utf-8")
    assert '<html lang="fr">' in html and "<title>Édition du catalogue" in html and 'name="robots" content="noindex' in html
    assert '<script src="decap-cms.js"></script>' in html and "http" not in html.split("<body>")[1].replace('href="../contribuer/"', "")
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000 and list(admin.glob("*.decap-cms.js"))
    assert not list(admin.glob("*.map"))
    config = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
    assert config["backend"]["repo"] == "exemple/catalogue-test"
    assert {c["folder"] for c in config["collections"] if "folder" in c} == {f"offers/{p.name}" for p in (built / "offers").iterdir() if (p / "structure.yml").is_file()}


def test_built_guide_has_the_field_tables(built):
    page = (built / "site" / "contribuer" / "champs" / "index.html").read_text("utf-8")
    assert "<!-- champs:offre -->" not in page and "zone_eligibilite" in page and "<table>" in page
    vocab = (built / "site" / "contribuer" / "vocabulaires" / "index.html").read_text("utf-8")
    assert "mobilite--preparer-un-permis" in vocab


@pytest.mark.browser
def test_admin_page_loads_decap_from_the_same_origin(browser, base_url):
    context = browser.new_context(locale="fr-FR", service_workers="block")
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(lambda url: not url.startswith(base_url), lambda route: route.abort())  # nothing leaves the machine
    page.goto(base_url + "admin/")
    # The configuration passed Decap's own schema check: the French login screen of the forge shows.
    page.get_by_text("Se connecter avec GitHub").wait_for(timeout=30000)
    scripts = [r for r in requests if r.endswith(".js")]
    assert base_url + "admin/decap-cms.js" in scripts and all(s.startswith(base_url) for s in scripts)
    assert base_url + "admin/config.yml" in requests
    body = page.locator("body").inner_text()
    assert "Error loading the CMS configuration" not in body and "Config Errors" not in body, body[:500]
    assert page.title().startswith("Édition du catalogue")
    context.close()
