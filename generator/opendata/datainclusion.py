"""Mapping between this catalogue's model and the national data·inclusion v1 format.

Shared by the export (`generator/opendata/export.py`) and the import (`generator/contribute/importer.py`), so that the
identifiers and the fields lost are defined once.

Identifiers (documented in docs/donnees.md):

- ``source``: a slug of the catalogue's name (``territoire.yml`` → ``nom``), or
  ``catalogue-insertion`` without territoire.yml;
- structure: ``<source>--<structure folder>``;
- service: ``<source>--<structure folder>--<offer file name>``; an offer with several places gives
  one service per place, suffixed ``--<commune slug>-<n>`` where n numbers the places of that
  commune in the order of the file (1, 2…): adding a place in another commune, or after the
  others, changes no existing id. Slugs never contain ``--``, so the parts are unambiguous.

A record imported from another producer (``source_externe`` of an offer or a structure) keeps that
producer's ``source``, ``id`` and ``lien_source``: it is exported as it came, so that its producer
recognises it (an imported offer with several places gets the place suffixes after its original id).
A service's ``structure_id`` is its structure's exported id, whichever producer it comes from.
``modes_accueil`` left empty (« non renseigné ») is exported as null.
"""

from collections import Counter
from collections.abc import Iterator

from data_inclusion.schema.v1 import Service as DIService
from data_inclusion.schema.v1 import Structure as DIStructure

from generator.model.offre import Offre
from generator.model.slug import slugify
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.territoires import referentiel
from generator.model.types import Lieu

DEFAULT_SOURCE = "catalogue-insertion"
SEP = "--"

SERVICE_FIELDS = list(DIService.model_fields)
STRUCTURE_FIELDS = list(DIStructure.model_fields)
ADDRESS_FIELDS = ["commune", "code_postal", "code_insee", "adresse", "complement_adresse", "longitude", "latitude"]

# Offer fields that are not in the national format, with what becomes of them (shown on the Données page).
LOST_OFFRE = {
    "mots_cles": "perdu",
    "statut": "seules les offres publiées (actives) sont exportées",
    "age_min": "perdu (à préciser dans « publics_precisions » si besoin)",
    "age_max": "perdu (à préciser dans « publics_precisions » si besoin)",
    "lieux": "un service par lieu ; le nom du lieu est perdu, ses horaires deviennent ceux du service",
    "places": "perdu (aucun champ « places » dans le format national)",
    "langues": "perdu (aucun champ « langues » dans le format national)",
    "date_debut": "perdu",
    "date_fin": "perdu",
    "partenaires": "perdu",
    "frequence_maj": "perdu",
    "doublons_ecartes": "donnée interne, jamais exportée",
    "source_externe": "devient « source », « id » et « lien_source » du service (ceux du producteur d'origine)",
}
LOST_STRUCTURE = {
    "frequence_maj": "perdu",
    "mainteneurs": "donnée interne, jamais exportée",
    "source_externe": "devient « source », « id » et « lien_source » de la structure (ceux du producteur d'origine)",
}


def source_of(territoire: Territoire | None) -> str:
    if territoire is None:
        return DEFAULT_SOURCE
    return territoire.identifiant or slugify(territoire.nom, 60) or DEFAULT_SOURCE


def structure_id(source: str, folder: str) -> str:
    return f"{source}{SEP}{folder}"


def place_suffixes(lieux: list[Lieu]) -> list[str]:
    """Stable suffix of each place: slug of its commune + its rank among the places of that commune."""
    ref = referentiel()
    seen: Counter[str] = Counter()
    out = []
    for lieu in lieux:
        info = ref.communes.get(lieu.code_insee)
        commune = slugify(info["nom"] if info else lieu.commune, 60) or lieu.code_insee.lower()
        seen[commune] += 1
        out.append(f"{commune}-{seen[commune]}")
    return out


def structure_ref(source: str, folder: str, structure: Structure | None) -> str:
    """The exported id of a structure: its original id when imported, else <source>--<folder>."""
    if structure is not None and structure.source_externe is not None:
        return structure.source_externe.id
    return structure_id(source, folder)


def service_id(source: str, offre_id: str, offre: Offre | None, structure: Structure | None = None) -> str:
    """The exported id of an offer (before any place suffix): its original id when imported."""
    if offre is not None and offre.source_externe is not None:
        return offre.source_externe.id
    folder, slug = offre_id.split("/", 1)
    return f"{source}{SEP}{folder}{SEP}{slug}"


def _origin(source: str, ident: str, lien_source: str | None, externe) -> dict:
    if externe is None:
        return {"source": source, "id": ident, "lien_source": lien_source}
    return {"source": externe.source, "id": externe.id, "lien_source": str(externe.lien) if externe.lien else None}


def structure_record(source: str, folder: str, structure: Structure, lien_source: str | None) -> dict:
    """One data·inclusion v1 structure (every field of the national format, null when absent)."""
    d = structure.model_dump(mode="json")
    rec = {name: d.get(name) for name in STRUCTURE_FIELDS}
    rec.update(_origin(source, structure_id(source, folder), lien_source, structure.source_externe))
    return rec


def service_records(
    source: str, offre_id: str, offre: Offre, structure: Structure, lien_source: str | None, dumped: dict | None = None
) -> Iterator[dict]:
    """The data·inclusion v1 services of one offer: one per place, or one without address (remote)."""
    folder = offre_id.split("/", 1)[0]
    d = dumped if dumped is not None else offre.model_dump(mode="json")
    base = {name: d.get(name) for name in SERVICE_FIELDS}
    # Contact and hours: the offer's, else its structure's (as on the site).
    base["telephone"] = offre.telephone or structure.telephone
    base["courriel"] = offre.courriel or structure.courriel
    base["horaires_accueil"] = offre.horaires_accueil or structure.horaires_accueil
    base["modes_accueil"] = base["modes_accueil"] or None  # [] : not stated by the source
    ident = service_id(source, offre_id, offre)
    base.update(_origin(source, ident, lien_source, offre.source_externe), structure_id=structure_ref(source, folder, structure))
    lieux = offre.lieux
    if not lieux:
        yield base
        return
    suffixes = place_suffixes(lieux) if len(lieux) > 1 else [None]
    for lieu, lieu_d, suffix in zip(lieux, d["lieux"], suffixes):
        rec = dict(base)
        rec["id"] = f"{ident}{SEP}{suffix}" if suffix else ident
        for name in ADDRESS_FIELDS:
            rec[name] = lieu_d.get(name)
        if lieu.horaires_accueil:
            rec["horaires_accueil"] = lieu.horaires_accueil
        yield rec
