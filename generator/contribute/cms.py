"""The Git-based CMS (Sveltia CMS, self-hosted from npm) under /admin/, configured from the model.

``config.yml`` is generated from :class:`~generator.model.offre.Offre` and
:class:`~generator.model.structure.Structure`: every field, in model order, with its French title (label),
description (hint), whether it is required, its limits and its vocabulary (select widgets). Two collections
whatever the number of structures, so the file keeps the same size (47 KB) at 40 or 3,000 structures:

- « Offres »: one *nested* collection over ``offers/``: the structure folders are the tree, a new offer is
  created in the folder picked by the partner; ``structure.yml`` is left out by a filter (it has no
  ``thematiques``);
- « Structures »: the ``offers/<structure>/structure.yml`` files (path ``{{slug}}/structure``).

The backend (GitHub with an OAuth service, GitLab or Gitea/Forgejo with PKCE) is in
:mod:`generator.contribute.cms_backend`. ``publish_mode: editorial_workflow`` makes every save a pull
request (GitHub, GitLab; Sveltia has no such mode on Gitea yet). ``date_maj`` is set to the UTC day of the
save by ``catalogue-cms.js`` (a ``preSave`` listener); a new entry starts with it (``picker_utc``).
"""

from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel

from generator import urls
from generator.contribute import form
from generator.contribute.cms_backend import backend, copy_bundle
from generator.model.offre import Offre
from generator.model.schema import json_schema
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.types import Lieu, Places
from generator.paths import TEMPLATES

ADMIN_TEMPLATES = TEMPLATES / "admin"
MEDIA_FOLDER = "cache/medias"

# Client-side patterns of the CMS for the fields whose model has a format rule.
PATTERNS: dict[str, tuple[str, str]] = {
    "code_postal": (r"^\d{5}$", "5 chiffres (ex. 91000)"),
    "code_insee": (r"^[0-9A-Z]{5}$", "5 caractères (ex. 91228) : le code INSEE, différent du code postal"),
    "siret": (r"^\d{14}$", "14 chiffres"),
    "telephone": (r"^(\+33 ?[1-9]|0[1-9])([ .-]?\d{2}){4}$", "par exemple 01 64 00 00 00 ou +33 1 64 00 00 00"),
    "courriel": (r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", "par exemple contact@exemple.fr"),
    "lien": (r"^https?://[^\s/]+\.[^\s]+$", "adresse web commençant par https://"),
}
ZONE_PATTERN = (r"^(france|[0-9][0-9AB][0-9]{0,7})$", "code INSEE de commune, SIREN d'EPCI, code de département ou « france »")
# Said under the commune's name, which must be the one of its INSEE code (checked by « catalogue validate »).
COMMUNE_HINT = (" Écrire le nom officiel de la commune du code INSEE ci-dessous : la vérification de la demande "
                "signale un nom qui ne lui correspond pas et propose le bon.")


# ----- model → CMS fields -------------------------------------------------------------------------


def _hint(info_description: str, example: str) -> str:
    return info_description + (f" Exemple : « {example} »." if example else "")


class _Dumper(yaml.CSafeDumper):
    """libyaml's writer, without YAML anchors (people read this file)."""

    def ignore_aliases(self, data):
        return True


def widget(model: type[BaseModel], name: str, schema: dict, prefix: str = "") -> dict:
    """The CMS field of one model field."""
    c = form.control(model, name, schema, prefix)
    prop = form._unwrap(schema["properties"][name])
    out: dict[str, Any] = {"label": c.label, "name": name, "required": c.required}
    hint = _hint(c.help, c.example if c.kind not in ("select", "checkboxes", "thematiques", "langues") else "")
    if name == "commune":
        hint += COMMUNE_HINT
    if hint:
        out["hint"] = hint
    if c.kind in ("select", "checkboxes", "thematiques", "langues"):
        out["widget"] = "select"
        if "enum" in prop:
            # A Literal (fréquence de mise à jour): the values are numbers.
            out["options"] = [{"label": f"{v} mois", "value": v} for v in prop["enum"]]
        else:
            out["options"] = [{"label": o["label"], "value": o["value"]} for o in c.options]
        if c.kind != "select":
            out["multiple"] = True
            if c.min_items:
                out["min"] = c.min_items
            if c.max_items:
                out["max"] = c.max_items
        # No « default »: Sveltia would write it into every file it saves, even where the field is absent
        # (and means the same: the model's default).
    elif c.kind == "lieu":
        sub = json_schema(Lieu, "lieu")
        out["widget"] = "list"
        out["summary"] = "{{fields.adresse}}, {{fields.code_postal}} {{fields.commune}}"
        out["fields"] = [widget(Lieu, n, sub) for n in Lieu.model_fields]
        if c.max_items:
            out["max"] = c.max_items
    elif c.kind == "groupe":
        groupe = form._submodel(model.model_fields[name].annotation) or Places
        sub = json_schema(groupe, name)
        out["widget"] = "object"
        out["collapsed"] = groupe is not Places
        out["fields"] = [widget(groupe, n, sub) for n in groupe.model_fields]
    elif c.kind in ("liste", "zone", "structures"):
        items = prop.get("items", {})
        item: dict[str, Any] = {"label": c.label, "name": name, "widget": "string"}
        if name == "zone_eligibilite":
            item["pattern"] = list(ZONE_PATTERN)
        elif "pattern" in items:
            item["pattern"] = [items["pattern"], "minuscules sans accents, chiffres et tirets" if name != "mainteneurs" else "de la forme @identifiant"]
        out["widget"] = "list"
        out["field"] = item
        if c.min_items:
            out["min"] = c.min_items
        if c.max_items:
            out["max"] = c.max_items
    elif c.kind == "number":
        out["widget"] = "number"
        out["value_type"] = "int" if c.integer else "float"
        if c.minimum is not None:
            out["min"] = c.minimum
        if c.maximum is not None:
            out["max"] = c.maximum
    elif c.kind == "boolean":
        out["widget"] = "boolean"
    elif c.kind == "date":
        # picker_utc: the UTC date, like catalogue-cms.js, never « in the future » for the forge's check.
        out.update(widget="datetime", date_format="YYYY-MM-DD", format="YYYY-MM-DD", time_format=False, picker_utc=True)
        if name == "date_maj":
            out["default"] = "{{now}}"  # a new entry; a saved one gets the day of the save (catalogue-cms.js)
    else:
        out["widget"] = "text" if c.kind == "textarea" else "string"
        pattern = PATTERNS.get(c.check) or PATTERNS.get(name) or PATTERNS.get({"tel": "telephone", "email": "courriel", "url": "lien"}.get(c.kind, ""))
        if pattern is None and "pattern" in prop:
            pattern = (prop["pattern"], "format invalide")
        if pattern is None and c.min_length and c.min_length > 1:
            pattern = (rf"^[\s\S]{{{c.min_length},}}$", f"au moins {c.min_length} caractères")
        if pattern:
            out["pattern"] = list(pattern)
    return out


def model_fields(model: type[BaseModel], name: str) -> list[dict]:
    schema = json_schema(model, name)
    return [widget(model, n, schema) for n in model.model_fields]


# ----- the configuration ----------------------------------------------------------------------------

OUTPUT = {"omit_empty_optional_fields": True, "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"}}


def offers_collection(offres_dir: str) -> dict:
    """One collection over every structure folder (nested), whatever their number."""
    return {
        "name": "offres",
        "label": "Offres",
        "label_singular": "Offre",
        "description": f"Les offres, rangées par dossier de structure (dans {offres_dir}). Une nouvelle offre se "
        "crée dans le dossier de sa structure (choisi dans l'éditeur, en haut).",
        "folder": offres_dir,
        "extension": "yml",
        "format": "yml",
        "create": True,
        "delete": False,
        "identifier_field": "nom",
        "slug": "{{slug}}",
        "summary": "{{nom}}",
        "nested": {"depth": 2, "subfolders": False},
        "meta": {"path": {"widget": "string", "label": "Dossier de la structure"}},
        "filter": {"field": "thematiques", "pattern": "--"},  # every code is « catégorie--besoin »; structure.yml has none
        "sortable_fields": ["nom", "date_maj"],
        "view_filters": [{"label": "Offres suspendues ou archivées", "field": "statut", "pattern": "suspendue|archivee"}],
        "editor": {"preview": False},
        "fields": model_fields(Offre, "offre"),
    }


def structures_collection(offres_dir: str) -> dict:
    return {
        "name": "structures",
        "label": "Structures",
        "label_singular": "Structure",
        "description": f"La fiche de chaque structure ({offres_dir}/<structure>/structure.yml). Une nouvelle structure "
        "s'ajoute par une demande sur la forge.",
        "folder": offres_dir,
        "path": "{{slug}}/structure",
        "extension": "yml",
        "format": "yml",
        "create": False,
        "delete": False,
        "identifier_field": "nom",
        "summary": "{{nom}}",
        "sortable_fields": ["nom", "date_maj"],
        "editor": {"preview": False},
        "fields": model_fields(Structure, "structure"),
    }


def config(territoire: Territoire, base_url: str = "", offres_dir: str = "offers") -> dict:
    """Sveltia's config.yml as a dict: deterministic, independent of the number of structures."""
    out: dict[str, Any] = {
        "backend": backend(territoire),
        "app_title": f"Édition du catalogue — {territoire.nom}",
        "media_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": OUTPUT,
    }
    if territoire.forge and territoire.forge.type != "gitea":  # Sveltia: no pull requests on Gitea/Forgejo yet
        out["publish_mode"] = "editorial_workflow"
    if base_url:
        out["site_url"] = base_url
        out["display_url"] = base_url
    out["collections"] = [offers_collection(offres_dir), structures_collection(offres_dir)]
    return out


def render_config(territoire: Territoire, base_url: str = "", offres_dir: str = "offers") -> str:
    head = (
        "# Configuration de Sveltia CMS, produite par « catalogue build » depuis le modèle (generator/contribute/cms.py).\n"
        "# Ne pas modifier à la main : elle est réécrite à chaque construction du site. Réglages : « forge » dans territoire.yml.\n"
    )
    return head + yaml.dump(config(territoire, base_url, offres_dir), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def write(site, out: Path) -> Path:
    """Write site/admin/ (index.html, config.yml, the CMS's files). Returns the admin folder."""
    from generator.site.render import write as write_file

    target = out / urls.ADMIN
    imports = copy_bundle(target)
    write_file(target / "config.yml", render_config(site.territoire, site.base_url, site.offres_dir))
    env = Environment(loader=FileSystemLoader(str(ADMIN_TEMPLATES)), autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    write_file(target / "index.html", env.get_template("index.html").render(site_nom=site.territoire.nom, import_map=Markup(imports)))
    write_file(target / "catalogue-cms.js", (ADMIN_TEMPLATES / "catalogue-cms.js").read_text("utf-8"))
    return target
