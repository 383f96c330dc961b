"""JSON Schemas of the published JSON files, generated from the model (like those of the YAML files).

``schema/offre.schema.json`` and ``schema/structure.schema.json`` describe the YAML files of the
repository; a published record differs from them: it has its ``id``, ``structure`` and ``url``, and no
internal field. So each published JSON file has its own schema, describing the whole file (header and
records): ``schema/offres.schema.json``, ``schema/structures.schema.json``,
``schema/modifications.schema.json``; and the data·inclusion files have the official models' schemas
(``schema/data-inclusion-services.schema.json``, ``schema/data-inclusion-structures.schema.json``).
"""

import copy
import json
from functools import cache

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure
from pydantic import BaseModel

from generator.model.offre import Offre
from generator.model.schema import BASE_ID
from generator.model.structure import Structure
from generator.model.types import SCHEMA_VERSION
from generator.opendata.history import REASONS, WINDOW_DAYS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string"}
_DATETIME = {"type": "string", "format": "date-time"}

_HEADER = {
    "titre": {**_TEXT, "description": "Nom du catalogue et contenu du fichier."},
    "version_schema": {**_TEXT, "description": "Version du modèle du catalogue.", "const": SCHEMA_VERSION},
    "licence": {**_TEXT, "description": "Licence des données."},
    "licence_url": {**_TEXT, "format": "uri", "description": "Texte de la licence."},
    "source": {
        "type": "object",
        "description": "Le catalogue qui publie le fichier.",
        "properties": {
            "nom": {**_TEXT, "description": "Nom du catalogue."},
            "url": {"type": ["string", "null"], "format": "uri", "description": "Adresse du site (null s'il n'en déclare pas)."},
            "identifiant": {**_TEXT, "description": "Identifiant du catalogue (champ « source » du format data·inclusion)."},
        },
        "required": ["nom", "url", "identifiant"],
        "additionalProperties": False,
    },
    "date_generation": {**_DATETIME, "description": "Date de génération : elle change chaque fois que le contenu change."},
    "perimetre": {**_TEXT, "description": "Ce que le fichier contient (offres publiées)."},
    "nombre": {"type": "integer", "minimum": 0, "description": "Nombre d'enregistrements du fichier."},
    "schema": {**_TEXT, "format": "uri-reference", "description": "Ce schéma."},
}

_MODIFICATION = {
    "type": "object",
    "description": "Une offre publiée, de la plus récemment modifiée à la plus ancienne.",
    "properties": {
        "id": {**_TEXT, "description": "Identifiant de l'offre : <structure>/<offre>."},
        "nom": {**_TEXT, "description": "Nom de l'offre."},
        "structure": {**_TEXT, "description": "Identifiant de la structure."},
        "structure_nom": {**_TEXT, "description": "Nom de la structure."},
        "date_maj": {**_TEXT, "format": "date", "description": "Date de la dernière vérification de l'offre."},
        "date_modification": {**_DATETIME, "description": "Date de la dernière modification du fichier de l'offre "
                              "(dernier commit qui l'a changé ; à défaut, date_maj)."},
        "url": {**_TEXT, "description": "Page de l'offre sur le site."},
    },
    "required": ["id", "nom", "structure", "structure_nom", "date_maj", "date_modification", "url"],
    "additionalProperties": False,
}

_SUPPRESSION = {
    "type": "object",
    "description": f"Une fiche sortie des données publiées dans les {WINDOW_DAYS} jours précédant la date de génération.",
    "properties": {
        "id": {**_TEXT, "description": "Identifiant de la fiche : <structure>/<offre>, ou <structure>."},
        "type": {"enum": ["offre", "structure"], "description": "Offre ou structure."},
        "date": {**_DATETIME, "description": "Date de la sortie."},
        "raison": {"enum": list(REASONS), "description": "Pourquoi : " + " ; ".join(f"« {k} » : {v}" for k, v in REASONS.items()) + "."},
        "ids_data_inclusion": {"type": "array", "items": _TEXT,
                               "description": "Identifiants de ses services (ou de la structure) au format data·inclusion."},
    },
    "required": ["id", "type", "date", "raison", "ids_data_inclusion"],
    "additionalProperties": False,
}


def _strip_internal(schema: dict) -> dict:
    """Remove every property marked internal (« interne »), in the schema and in its definitions."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        props = node.get("properties", {})
        for name in [n for n, p in props.items() if p.get("interne")]:
            del props[name]
            if name in node.get("required", []):
                node["required"].remove(name)
    return schema


def _record(model: type[BaseModel], extra: dict[str, dict]) -> dict:
    schema = _strip_internal(copy.deepcopy(model.model_json_schema(mode="serialization")))
    schema["properties"] = {**extra, **schema["properties"]}
    schema["required"] = [*extra, *schema.get("required", [])]
    return schema


def _document(name: str, title: str, key: str, record: dict, extra_header: dict | None = None) -> dict:
    defs = record.pop("$defs", {})
    header = {**_HEADER, **(extra_header or {})}
    return {
        "$schema": DRAFT,
        "$id": f"{BASE_ID}/{name}.schema.json",
        "version": SCHEMA_VERSION,
        "title": title,
        "type": "object",
        "properties": {**header, key: {"type": "array", "items": record}},
        "required": [*[k for k in header if k != "schema"], key],
        "additionalProperties": False,
        **({"$defs": defs} if defs else {}),
    }


@cache
def document_schemas() -> dict[str, dict]:
    """The schema of each published JSON file of this catalogue's model, by name."""
    ident = {**_TEXT, "description": "Identifiant de l'offre : <structure>/<offre>."}
    offre = _record(Offre, {
        "id": ident,
        "structure": {**_TEXT, "description": "Identifiant (nom de dossier) de la structure qui porte l'offre."},
        "url": {**_TEXT, "description": "Page de l'offre sur le site."},
    })
    structure = _record(Structure, {
        "id": {**_TEXT, "description": "Identifiant de la structure (nom de son dossier)."},
        "url": {**_TEXT, "description": "Page de la structure sur le site."},
    })
    changes = _document("modifications", "modifications.json", "modifications", copy.deepcopy(_MODIFICATION), {
        "fenetre_suppressions_jours": {"type": "integer", "const": WINDOW_DAYS,
                                       "description": "Durée pendant laquelle une fiche sortie reste dans « supprimees »."},
        "nombre_supprimees": {"type": "integer", "minimum": 0, "description": "Nombre de fiches sorties listées."},
        "supprimees": {"type": "array", "items": _SUPPRESSION,
                       "description": "Fiches sorties des données publiées, de la plus récente à la plus ancienne."},
    })
    return {
        "offres": _document("offres", "offres.json", "offres", offre),
        "structures": _document("structures", "structures.json", "structures", structure),
        "modifications": changes,
        "data-inclusion-services": DIService.model_list_json_schema(
            "data·inclusion v1 — services", f"{BASE_ID}/data-inclusion-services.schema.json",
            "Services au format national data·inclusion v1 (schéma des modèles officiels du paquet data-inclusion-schema)."),
        "data-inclusion-structures": DIStructure.model_list_json_schema(
            "data·inclusion v1 — structures", f"{BASE_ID}/data-inclusion-structures.schema.json",
            "Structures au format national data·inclusion v1 (schéma des modèles officiels du paquet data-inclusion-schema)."),
    }


def render(name: str) -> str:
    return json.dumps(document_schemas()[name], ensure_ascii=False, indent=2) + "\n"
