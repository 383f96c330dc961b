"""Structure: the operator of offers (one ``structure.yml`` per folder)."""

from datetime import date
from typing import Annotated

from pydantic import (
    EmailStr,
    Field,
    StringConstraints,
)

from generator.model.limits import MAX_DESCRIPTION, MAX_NOM
from generator.model.types import (
    NOM,
    Adresse,
    FrequenceMaj,
    Horaires,
    Lien,
    Modele,
    Siret,
    SourceExterne,
    Telephone,
    date_maj_field,
    frequence_maj_field,
    source_externe_field,
)
from generator.model.vocab import ReseauPorteur


class _StructureIdentite(Modele):
    nom: Annotated[
        str,
        StringConstraints(min_length=3, max_length=MAX_NOM),
        NOM,
        Field(description="Nom de la structure.", examples=["Mission locale des Portes de l'Essonne"]),
    ]
    siret: Annotated[
        Siret | None,
        Field(title="SIRET", description="Numéro SIRET de l'établissement (14 chiffres).", examples=["13002526500013"]),
    ] = None
    description: Annotated[
        str | None,
        StringConstraints(min_length=5, max_length=MAX_DESCRIPTION),
        Field(description="Présentation de la structure, en phrases courtes.", examples=["Accueil des jeunes de 16 à 25 ans."]),
    ] = None
    reseaux_porteurs: Annotated[
        list[ReseauPorteur] | None,
        Field(
            title="Réseaux porteurs",
            description="Réseaux, organisations ou administrations portant la structure (vocabulaire national).",
            examples=[["mission-locale"]],
            max_length=20,
        ),
    ] = None


class _StructureSuivi(Modele):
    telephone: Annotated[Telephone | None, Field(title="Téléphone", description="Numéro d'accueil de la structure.")] = None
    courriel: Annotated[
        EmailStr | None, Field(description="Adresse électronique de contact.", examples=["accueil@exemple.fr"])
    ] = None
    site_web: Annotated[Lien | None, Field(title="Site web", description="Site internet de la structure.", examples=["https://www.exemple.fr"])] = None
    horaires_accueil: Annotated[
        Horaires | None,
        Field(
            title="Horaires d'accueil",
            description="Horaires d'accueil du public au format OpenStreetMap opening_hours.",
            examples=["Mo-Fr 09:00-12:30,13:30-17:00; PH off"],
        ),
    ] = None
    accessibilite_lieu: Annotated[
        Lien | None,
        Field(title="Accessibilité du lieu", description="Lien vers la fiche Acceslibre du lieu d'accueil."),
    ] = None
    date_maj: Annotated[date, date_maj_field("Date de la dernière vérification de la fiche de la structure.")]
    frequence_maj: Annotated[
        FrequenceMaj | None, frequence_maj_field("Elle s'applique aussi aux offres de la structure qui n'en précisent pas.")
    ] = None
    mainteneurs: Annotated[
        list[Annotated[str, StringConstraints(pattern=r"^@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:/[A-Za-z0-9._-]+)?$")]],
        Field(
            description="Identifiants sur la forge (GitHub ou GitLab) des personnes qui valident les modifications du "
            "dossier de la structure. Donnée interne : jamais publiée dans les exports.",
            examples=[["@ml-portes-essonne"]],
            max_length=20,
            json_schema_extra={"interne": True},
        ),
    ] = []
    source_externe: Annotated[SourceExterne | None, source_externe_field("une structure")] = None


class Structure(_StructureSuivi, Adresse, _StructureIdentite):
    """Une structure (opérateur) : Conseil départemental, France Travail, Mission locale, CCAS, association…

    Fichier ``offers/<structure>/structure.yml``. Champs du format data·inclusion v1 « structures »,
    plus ``frequence_maj``, ``mainteneurs`` et ``source_externe``.
    """
