"""The CMS under /admin/: Sveltia's config.yml generated from the model, its backends, the page self-hosted.

The CMS in Chromium (create, edit, save, validate): tests/contrib/test_cms_browser.py."""

import json
import re
import types
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel, Field, create_model

from generator.adapters import sveltia
from generator.contribute import cms, cms_backend
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.territoire import Forge, Territoire
from generator.model.types import Lieu, Places

TERRITOIRE = Territoire(
    nom="Catalogue de test",
    departements=["91"],
    forge=Forge(type="github", url="https://github.com/exemple/catalogue-test", branche="main"),
)


SVELTIA_SCHEMA = json.loads((sveltia.PACKAGE / "schema" / "sveltia-cms.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(cms.render_config(TERRITOIRE))


def schema_errors(config: dict) -> list[str]:
    import jsonschema

    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in jsonschema.Draft7Validator(SVELTIA_SCHEMA).iter_errors(config)]


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
    """(widget, detail) a model annotation must give in the CMS."""
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


def test_every_offer_field_is_in_the_one_offers_collection_with_the_right_widget(config):
    (offers,) = [c for c in config["collections"] if c["name"] == "offres"]
    assert (offers["folder"], offers["nested"], offers["meta"]["path"]["label"]) == ("offers", {"depth": 2, "subfolders": False}, "Dossier de la structure")
    assert_fields_match(Offre, offers["fields"])


def test_every_structure_field_is_in_the_structures_collection(config):
    (structures,) = [c for c in config["collections"] if c["name"] == "structures"]
    assert (structures["folder"], structures["path"], structures["create"]) == ("offers", "{{slug}}/structure", False)
    assert_fields_match(Structure, structures["fields"])


def test_places_and_lieux_are_nested(config):
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert fields["lieux"]["widget"] == "list" and [f["name"] for f in fields["lieux"]["fields"]] == list(Lieu.model_fields)
    assert fields["places"]["widget"] == "object" and [f["name"] for f in fields["places"]["fields"]] == list(Places.model_fields)
    lieu = {f["name"]: f for f in fields["lieux"]["fields"]}
    assert lieu["code_postal"]["pattern"][0] == r"^\d{5}$" and lieu["code_insee"]["pattern"]
    assert fields["zone_eligibilite"]["field"]["pattern"] and fields["partenaires"]["field"]["pattern"][0] == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert fields["thematiques"]["multiple"] is True and fields["thematiques"]["min"] == 1
    assert fields["frequence_maj"]["options"] == [{"label": f"{n} mois", "value": n} for n in (1, 3, 6, 12)]
    # Optional groups are optional (Sveltia shows « Ajouter Places »); no default written into every saved file.
    assert fields["places"]["required"] is False and fields["lieux"]["required"] is False
    assert "default" not in fields["modes_accueil"] and "default" not in fields["statut"]
    assert fields["date_maj"]["default"] == "{{now}}" and fields["date_maj"]["picker_utc"] is True
    assert "nom officiel de la commune du code INSEE" in lieu["commune"]["hint"]  # issue 18, point 6


def test_structure_files_stay_out_of_the_offers_collection(config):
    """Sveltia's filter tests each value of the field, or null when the field is absent (structure.yml)."""
    from generator.model.vocab import Thematique

    (offers,) = [c for c in config["collections"] if c["name"] == "offres"]
    pattern = re.compile(offers["filter"]["pattern"])
    assert offers["filter"]["field"] == "thematiques"
    assert all(pattern.search(t.value) for t in Thematique) and not pattern.search("null")


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


def test_config_passes_sveltias_own_schema_and_stays_small(config):
    assert schema_errors(config) == []
    broken = yaml.safe_load(cms.render_config(TERRITOIRE))
    broken["collections"][0]["nested"]["depth"] = "deux"
    assert schema_errors(broken)  # the check can fail
    assert config["publish_mode"] == "editorial_workflow" and config["output"]["omit_empty_optional_fields"] is True
    assert len(cms.render_config(TERRITOIRE).encode()) < 300_000  # whatever the number of structures (bench/cms.py)


def backend_of(**forge) -> dict:
    return cms_backend.backend(TERRITOIRE.model_copy(update={"forge": Forge(**forge)}))


def test_github_backend_signs_in_through_the_configured_oauth_service_or_a_token():
    url = "https://github.com/exemple/catalogue-test"
    assert backend_of(url=url) == {"name": "github", "repo": "exemple/catalogue-test", "branch": "main", "open_authoring": True, "auth_methods": ["token"]}
    with_oauth = backend_of(url=url, oauth="https://connexion.exemple.fr/")
    assert with_oauth["base_url"] == "https://connexion.exemple.fr" and with_oauth["auth_methods"] == ["oauth", "token"]
    assert backend_of(url="https://forge.exemple.fr/spie/catalogue")["api_root"] == "https://forge.exemple.fr/api/v3"


def test_gitlab_and_gitea_backends_sign_in_with_pkce():
    gitlab = backend_of(type="gitlab", url="https://gitlab.exemple.fr/spie/catalogue.git", branche="publie", application="abc123")
    assert gitlab == {"name": "gitlab", "repo": "spie/catalogue", "branch": "publie", "api_root": "https://gitlab.exemple.fr/api/v4",
                      "base_url": "https://gitlab.exemple.fr", "app_id": "abc123", "auth_type": "pkce", "auth_methods": ["oauth", "token"]}
    assert backend_of(type="gitlab", url="https://gitlab.com/spie/catalogue") == {"name": "gitlab", "repo": "spie/catalogue", "branch": "main", "auth_methods": ["token"]}
    codeberg = backend_of(type="gitea", url="https://codeberg.org/spie/catalogue", application="c1d2")
    assert codeberg == {"name": "gitea", "repo": "spie/catalogue", "branch": "main", "api_root": "https://codeberg.org/api/v1",
                        "base_url": "https://codeberg.org", "app_id": "c1d2", "auth_methods": ["oauth", "token"]}
    territoire = TERRITOIRE.model_copy(update={"forge": Forge(type="gitea", url="https://codeberg.org/spie/catalogue")})
    config = yaml.safe_load(cms.render_config(territoire))
    assert "publish_mode" not in config and schema_errors(config) == []  # Sveltia: no pull requests on Gitea yet


def test_gitea_forge_links_open_giteas_editor():
    from generator import urls

    territoire = TERRITOIRE.model_copy(update={"forge": Forge(type="gitea", url="https://codeberg.org/spie/catalogue")})
    links = urls.forge_links(territoire, "ccas-evry/aide", "Aide", "https://exemple.fr/offres/ccas-evry/aide/")
    assert links["modifier"] == "https://codeberg.org/spie/catalogue/_edit/main/offers/ccas-evry/aide.yml"


def test_a_bad_forge_setting_is_a_french_error_naming_the_field():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="application"):
        Forge(type="gitlab", url="https://gitlab.com/a/b", application="pas d'espace")
    with pytest.raises(ValidationError, match="type"):
        Forge(type="bitbucket", url="https://bitbucket.org/a/b")


def test_deterministic_output_without_anchors():
    assert cms.render_config(TERRITOIRE) == cms.render_config(TERRITOIRE)
    assert "&id" not in cms.render_config(TERRITOIRE)  # no YAML anchors


def test_sveltia_bundle_contract_fonts_and_immutable_are_self_hosted():
    """generator/adapters/sveltia.py: the CDN addresses it rewrites are still in the bundle (a new version may move them)."""
    text = sveltia.SCRIPT.read_text("utf-8")
    patched, fonts = sveltia.bundle(text)
    assert "cdn.jsdelivr.net" in text and "cdn.jsdelivr.net" not in patched
    assert {"material-symbols-outlined-latin-wght-normal.woff2", "source-sans-3-latin-wght-normal.woff2"} <= set(fonts)
    imports = json.loads(sveltia.import_map(text, "./vendor/immutable/"))["imports"]
    (key,) = imports
    assert re.fullmatch(r"https://unpkg\.com/immutable@5\.[0-9.]+/", key) and sveltia.IMMUTABLE.is_file()
    assert "`https://unpkg.com/${e}`" in text  # how the bundle builds that address (import() of unpkg.com/<name>@<version>)
    with pytest.raises(sveltia.BundleChanged):
        sveltia.bundle("no fonts here")


def test_built_site_has_the_admin_page_and_its_self_hosted_files(built):
    admin = built / "site" / "admin"
    html = (admin / "index.html").read_text("utf-8")
    assert '<html lang="fr">' in html and "<title>Édition du catalogue" in html and 'name="robots" content="noindex' in html
    assert '<script src="sveltia-cms.js"></script>' in html and '"https://unpkg.com/immutable@' in html
    body = html.split("<body>")[1].replace('href="../contribuer/"', "")
    assert "http" not in body.replace(re.search(r'"https://unpkg\.com/immutable@[0-9.]+/"', body).group(0), "")
    assert (admin / "sveltia-cms.js").stat().st_size > 1_000_000 and "cdn.jsdelivr.net" not in (admin / "sveltia-cms.js").read_text("utf-8")
    assert (admin / "locales" / "fr.json").is_file() and (admin / "vendor" / "immutable" / "dist" / "immutable.es.js").is_file()
    assert len(list((admin / "fonts").glob("*.woff2"))) == 3 and not list(admin.rglob("*.map"))
    config = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
    assert config["backend"]["repo"] == "exemple/catalogue-test" and schema_errors(config) == []


def test_built_guide_has_the_field_tables(built):
    page = (built / "site" / "contribuer" / "champs" / "index.html").read_text("utf-8")
    assert "<!-- champs:offre -->" not in page and "zone_eligibilite" in page and "<table>" in page
    vocab = (built / "site" / "contribuer" / "vocabulaires" / "index.html").read_text("utf-8")
    assert "mobilite--preparer-un-permis" in vocab
