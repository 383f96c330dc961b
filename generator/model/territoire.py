"""Territoire: the configuration of one catalogue (``territoire.yml``)."""

from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    EmailStr,
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
    type: Annotated[
        Literal["github", "gitlab", "gitea"], Field(description="Forge qui héberge le dépôt (« gitea » vaut aussi pour Forgejo).")
    ] = "github"
    url: Annotated[
        Lien, Field(description="Adresse du dépôt sur la forge.", examples=["https://github.com/exemple/catalogue-insertion"])
    ]
    branche: Annotated[
        str, StringConstraints(min_length=1, max_length=100), Field(description="Branche publiée du dépôt.", examples=["main"])
    ] = "main"
    oauth: Annotated[
        Lien | None,
        Field(
            title="Service de connexion GitHub",
            description="Outil d'édition sur GitHub : adresse du service OAuth qui connecte les partenaires (par exemple "
            "Sveltia CMS Authenticator déployé par le département). Sans elle, on se connecte avec un jeton d'accès "
            "personnel. Inutile pour GitLab et Gitea/Forgejo (connexion PKCE, sans serveur).",
            examples=["https://connexion-catalogue.exemple.workers.dev"],
        ),
    ] = None
    application: Annotated[
        str | None,
        StringConstraints(pattern=r"^[A-Za-z0-9._-]{1,200}$"),
        Field(
            title="Identifiant de l'application OAuth",
            description="Outil d'édition sur GitLab ou Gitea/Forgejo : identifiant (« Application ID », « Client ID ») de "
            "l'application OAuth créée sur la forge, adresse de retour « <site>/admin/ », sans secret (PKCE). Sans lui, on "
            "se connecte avec un jeton d'accès personnel.",
            examples=["8f3c2a9d0e1b4c5d6e7f8a9b0c1d2e3f"],
        ),
    ] = None


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
    contact: Annotated[
        EmailStr | None,
        Field(
            title="Courriel du catalogue",
            description="Adresse de l'équipe qui tient le catalogue. Nécessaire pour publier : les partenaires sans "
            "compte sur la forge y envoient une offre, une correction ou leurs places (« Envoyer par courriel »).",
            examples=["contact@offre-insertion.example.org"],
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
