"""The Git-based CMS (Decap CMS, self-hosted from npm) under /admin/, configured from the model.

``config.yml`` is generated from :class:`~generator.model.offre.Offre` and
:class:`~generator.model.structure.Structure`: every field, in model order, with its French title (label),
description (hint), whether it is required, its limits and its vocabulary (select widgets). The
backend is the forge of ``territoire.yml``; ``publish_mode: editorial_workflow`` makes every save
a pull request (``open_authoring`` lets people without write access propose one from a fork).

Decap limitation (decap-cms 3.16.3): a folder collection lists every ``.yml`` file of its folder,
so the collection of a structure's offers also shows its ``structure.yml``; a collection ``filter``
only keeps entries whose field *equals* a value, which cannot tell the two apart. Mitigation: the
summary of each entry shows its file name (the structure's reads « fiche de la structure »), and a
view filter « Offres seulement » hides every entry without ``thematiques`` (structure.yml has none).
Structures are edited in their own « Structures » collection.
"""

import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel

from generator import urls
from generator.contribute import form
from generator.model.offre import Offre
from generator.model.schema import json_schema
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.types import Lieu, Places
from generator.paths import NODE_MODULES, TEMPLATES
from generator.pipeline.problems import BuildError

DECAP_DIST = NODE_MODULES / "decap-cms" / "dist"
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


# ----- model → Decap fields -----------------------------------------------------------------------


def _hint(info_description: str, example: str) -> str:
    return info_description + (f" Exemple : « {example} »." if example else "")


class _Dumper(yaml.CSafeDumper):
    """libyaml's writer, without YAML anchors: every collection repeats its fields (Decap reads both, people
    read this one)."""

    def ignore_aliases(self, data):
        return True


def widget(model: type[BaseModel], name: str, schema: dict, prefix: str = "") -> dict:
    """The Decap field of one model field."""
    c = form.control(model, name, schema, prefix)
    prop = form._unwrap(schema["properties"][name])
    out: dict[str, Any] = {"label": c.label, "name": name, "required": c.required}
    hint = _hint(c.help, c.example if c.kind not in ("select", "checkboxes", "thematiques", "langues") else "")
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
        if c.default is not None:
            out["default"] = c.default
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
        out.update(widget="datetime", date_format="YYYY-MM-DD", format="YYYY-MM-DD", time_format=False)
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


def backend(territoire: Territoire) -> dict:
    forge = territoire.forge
    if forge is None:
        raise ValueError("territoire.yml n'a pas de forge : l'outil d'édition en a besoin")
    url = urlparse(str(forge.url))
    repo = url.path.strip("/").removesuffix(".git")
    out: dict[str, Any] = {"name": forge.type, "repo": repo, "branch": forge.branche}
    host = f"{url.scheme}://{url.netloc}"
    if forge.type == "github":
        out["open_authoring"] = True
        if url.netloc != "github.com":
            out["api_root"] = f"{host}/api/v3"
    elif url.netloc != "gitlab.com":
        out["api_root"] = f"{host}/api/v4"
        out["base_url"] = host
    return out


def config(territoire: Territoire, structures: dict[str, Structure], base_url: str = "", offres_dir: str = "offers") -> dict:
    """Decap's config.yml as a dict: deterministic (structures sorted, model order)."""
    offre_fields = model_fields(Offre, "offre")
    structure_fields = model_fields(Structure, "structure")
    collections: list[dict] = []
    for sid in sorted(structures):
        collections.append(
            {
                "name": f"offres-{sid}",
                "label": f"Offres — {structures[sid].nom}",
                "label_singular": "Offre",
                "description": f"Offres de la structure « {structures[sid].nom} » (dossier {offres_dir}/{sid}/). "
                "La fiche de la structure apparaît aussi dans cette liste : la modifier dans « Structures ».",
                "folder": f"{offres_dir}/{sid}",
                "extension": "yml",
                "format": "yml",
                "create": True,
                "delete": False,
                "identifier_field": "nom",
                "slug": "{{slug}}",
                "summary": "{{nom}} — fichier {{filename}}.yml",
                "sortable_fields": ["nom", "date_maj"],
                "view_filters": [
                    {"label": "Offres seulement (sans la fiche de la structure)", "field": "thematiques", "pattern": "."},
                    {"label": "Offres suspendues ou archivées", "field": "statut", "pattern": "suspendue|archivee"},
                ],
                "editor": {"preview": False},
                "fields": offre_fields,
            }
        )
    collections.append(
        {
            "name": "structures",
            "label": "Structures",
            "label_singular": "Structure",
            "description": f"La fiche de chaque structure ({offres_dir}/<structure>/structure.yml). Une nouvelle structure "
            "s'ajoute par une demande sur la forge.",
            "format": "yml",
            "editor": {"preview": False},
            "files": [
                {"label": structures[sid].nom, "name": sid, "file": f"{offres_dir}/{sid}/structure.yml", "fields": structure_fields}
                for sid in sorted(structures)
            ],
        }
    )
    out: dict[str, Any] = {
        "backend": backend(territoire),
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        "media_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if base_url:
        out["site_url"] = base_url
        out["display_url"] = base_url
    out["collections"] = collections
    return out


def render_config(territoire: Territoire, structures: dict[str, Structure], base_url: str = "", offres_dir: str = "offers") -> str:
    head = (
        "# Configuration de Decap CMS, produite par « catalogue build » depuis le modèle (generator/contribute/cms.py).\n"
        "# Ne pas modifier à la main : elle est réécrite à chaque construction du site.\n"
    )
    return head + yaml.dump(config(territoire, structures, base_url, offres_dir), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def copy_decap(target: Path) -> None:
    """decap-cms.js, its chunks and wasm files (no source maps), from node_modules: never from a CDN."""
    if not (DECAP_DIST / "decap-cms.js").is_file():

        raise BuildError("bibliothèque decap-cms introuvable dans node_modules/ : lancer « npm ci » (ou « make site »)")
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DECAP_DIST.iterdir()):
        name = path.name
        keep = name == "decap-cms.js" or re.fullmatch(r"\d+\.decap-cms\.js", name) or name.endswith(".wasm") or name in (
            "cms.css",
            "decap-cms.js.LICENSE.txt",
        )
        if keep and path.is_file():
            shutil.copyfile(path, target / name)


def write(site, out: Path) -> Path:
    """Write site/admin/ (index.html, config.yml, Decap's files). Returns the admin folder."""
    from generator.site.render import write as write_file

    target = out / urls.ADMIN
    copy_decap(target)
    write_file(target / "config.yml", render_config(site.territoire, site.structures, site.base_url, site.offres_dir))
    env = Environment(loader=FileSystemLoader(str(ADMIN_TEMPLATES)), autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    html = env.get_template("index.html").render(site_nom=site.territoire.nom)
    write_file(target / "index.html", html)
    return target
