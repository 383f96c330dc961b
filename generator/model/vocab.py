"""Vocabularies.

The national ones come from the official ``data-inclusion-schema`` package; the few that this
catalogue adds (statut, saturation…) follow the same (value, label, description) pattern so that
forms, filters, docs and exports treat every vocabulary alike.
"""

from functools import cache

from data_inclusion.schema.base import EnhancedEnum
from data_inclusion.schema.v1 import (
    Categorie,
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    ReseauPorteur,
    Thematique,
    TypeService,
)

from generator.model import langues

__all__ = [
    "Categorie",
    "Frais",
    "ModeAccueil",
    "ModeMobilisation",
    "PersonneMobilisatrice",
    "Public",
    "ReseauPorteur",
    "Thematique",
    "TypeService",
    "Statut",
    "Saturation",
    "Langue",
    "categorie_of",
    "VOCABULAIRES",
    "AFFICHES",
]


class Statut(EnhancedEnum):
    """Statuts d'une offre"""

    ACTIVE = ("active", "Active", "L'offre est ouverte et publiée dans le catalogue.")
    SUSPENDUE = (
        "suspendue",
        "Suspendue",
        "L'offre est temporairement fermée : elle n'apparaît plus dans les listes publiques.",
    )
    ARCHIVEE = (
        "archivee",
        "Archivée",
        "L'offre n'existe plus : le fichier est gardé pour l'historique, l'offre n'est plus publiée.",
    )


class Saturation(EnhancedEnum):
    """Niveaux de saturation des places"""

    FAIBLE = ("faible", "Places disponibles", "Les entrées sont possibles rapidement.")
    MOYENNE = ("moyenne", "Quelques places", "Les entrées sont possibles sous quelques semaines.")
    FORTE = ("forte", "Liste d'attente", "Les entrées se font sur liste d'attente.")
    COMPLET = ("complet", "Complet", "Aucune entrée possible pour le moment.")


@cache
def categorie_of(thematique: Thematique | str) -> Categorie:
    """The category of a thématique: its code up to the first ``--``."""
    return Categorie(str(thematique).split("--", 1)[0])


def _langue() -> type[EnhancedEnum]:
    enum = EnhancedEnum("Langue", [(code.upper(), (code, langues.nom(code, "fr"), None)) for code in langues.trier(list(langues.codes()), "fr")])
    enum.__doc__ = "Langues (codes ISO 639-1)"
    return enum


# Languages spoken on site: every ISO 639-1 code, labelled with its French name (from Babel / CLDR),
# in the alphabetical order of the names (lists and selects read in that order).
Langue = _langue()

# Every vocabulary of the model, in the order the partners' guide lists them.
VOCABULAIRES = (Thematique, Public, Frais, TypeService, ModeAccueil, ModeMobilisation, PersonneMobilisatrice, Statut, Saturation, Langue)
# Those whose labels the public site shows (translated with the interface by « catalogue traductions »).
AFFICHES = (Categorie, Thematique, Public, Frais, TypeService, ModeAccueil, ModeMobilisation, Saturation)
