"""Territoire: the configuration of one catalogue (``territoire.yml``)."""

from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
)

from generator.model.limits import MAX_NOM, MAX_ZONE
from generator.model.types import Lien, Modele, Slug, as_text


class Bassin(Modele):
    nom: Annotated[str, StringConstraints(min_length=2, max_length=MAX_NOM), Field(description="Nom du bassin d'emploi.", examples=["Nord Essonne"])]
    codes: Annotated[
        list[Annotated[str, BeforeValidator(as_text)]],
        Field(description="Codes SIREN d'EPCI ou codes INSEE de communes du bassin.", min_length=1, max_length=MAX_ZONE),
    ]


class Forge(Modele):
    type: Annotated[Literal["github", "gitlab"], Field(description="Forge qui héberge le dépôt.")] = "github"
    url: Annotated[
        Lien, Field(description="Adresse du dépôt sur la forge.", examples=["https://github.com/exemple/catalogue-insertion"])
    ]
    branche: Annotated[
        str, StringConstraints(min_length=1, max_length=100), Field(description="Branche publiée du dépôt.", examples=["main"])
    ] = "main"


class Tuiles(Modele):
    url: Annotated[
        str,
        StringConstraints(pattern=r"^https://[^\s]+\{z\}[^\s]*$", max_length=300),
        Field(description="Modèle d'adresse des tuiles de fond de carte ({z}, {x}, {y}).",
              examples=["https://tile.openstreetmap.org/{z}/{x}/{y}.png"]),
    ]
    attribution: Annotated[
        str, StringConstraints(min_length=1, max_length=300), Field(description="Mention des sources du fond de carte.", examples=["© OpenStreetMap"])
    ]


class Territoire(Modele):
    """Configuration du catalogue : fichier ``territoire.yml`` à la racine du dépôt."""

    nom: Annotated[
        str,
        StringConstraints(min_length=3, max_length=MAX_NOM),
        Field(description="Nom du catalogue, affiché sur le site.", examples=["Offre d'insertion en Essonne"]),
    ]
    identifiant: Annotated[
        Slug | None,
        Field(
            description="Identifiant stable du catalogue comme producteur de données (champ « source » du format "
            "data·inclusion, préfixe des identifiants publiés). Par défaut, dérivé du nom : le fixer avant de publier.",
            examples=["offre-insertion-essonne"],
        ),
    ] = None
    url: Annotated[
        Lien | None,
        Field(
            title="Adresse du site",
            description="Adresse publique du site construit (https://…). Nécessaire pour publier : les données "
            "ouvertes et les flux y prennent leurs liens absolus (« lien_source » du format data·inclusion, lien "
            "« self » des flux). L'option « --base-url » de « catalogue build » la remplace.",
            examples=["https://offre-insertion.example.org/"],
        ),
    ] = None
    departements: Annotated[
        list[Annotated[str, BeforeValidator(as_text)]],
        Field(title="Départements", description="Codes des départements couverts.", examples=[["91"]], min_length=1, max_length=120),
    ]
    bassins: Annotated[
        list[Bassin] | None,
        Field(description="Bassins d'emploi. Par défaut : les EPCI des départements.", max_length=200),
    ] = None
    forge: Annotated[Forge | None, Field(description="Où le dépôt est publié (liens « Modifier », formulaire).")] = None
    tuiles: Annotated[
        Tuiles | None,
        Field(description="Fond de carte. La seule ressource tierce du site ; sans elle, la carte marche sans fond."),
    ] = None
