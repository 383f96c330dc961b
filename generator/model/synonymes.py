"""Synonymes de la recherche (``synonymes.yml`` à la racine du dépôt) : les mots de tous les jours qu'un
visiteur tape (« nounou », « psy ») et les mots des offres qu'ils doivent aussi chercher. Appliqués par la
page de recherche au moment de la requête (site_templates/static/recherche-tolerance.js)."""

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.model.types import Modele

MAX_SYNONYMES = 500  # entries
MAX_EQUIVALENTS = 10  # expressions per entry
MAX_EXPRESSION = 60  # characters

_FORME = re.compile(r"^[^\W_]+(?:[ '’-]+[^\W_]+)*$")


def _forme(value: str) -> str:
    if not _FORME.match(value):
        raise PydanticCustomError(
            "format", "expression invalide « {valeur} » : des mots (lettres, chiffres) séparés par des espaces, apostrophes ou traits d'union",
            {"valeur": value},
        )
    return value


# Words (letters of any alphabet, digits) joined by spaces, apostrophes or hyphens: what a person types.
Expression = Annotated[
    str, StringConstraints(min_length=2, max_length=MAX_EXPRESSION, strip_whitespace=True), AfterValidator(_forme),
]


class Synonymes(Modele):
    """Fichier ``synonymes.yml`` : chaque mot ou expression tapé, avec les expressions des offres qu'il cherche aussi."""

    synonymes: Annotated[
        dict[Expression, Annotated[list[Expression], Field(min_length=1, max_length=MAX_EQUIVALENTS)]],
        Field(
            description="Mot ou expression tapé dans la recherche → expressions des offres à chercher aussi.",
            examples=[{"nounou": ["assistante maternelle", "garde d'enfants"], "psy": ["psychologue"]}],
            max_length=MAX_SYNONYMES,
        ),
    ]
