"""The catalogue's data model: the single definition of every field.

Field names follow data·inclusion v1 (services and structures); the extensions of this catalogue
(lieux, places, fréquence de mise à jour, âges, partenaires, mots-clés, sessions, statut,
langues, mainteneurs) are documented as such. The JSON Schema, the field tables of the docs, the
contribution form, the CMS configuration and the exports are all generated from these classes.

The model says what one field may hold. Rules between fields, or against the rest of the
catalogue, live in ``generator/checks/`` (one module per topic).
"""

from datetime import date
from typing import Annotated, Any, Literal

import phonenumbers
from opening_hours import OpeningHours, ParserError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .vocab import (
    Frais,
    Langue,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    ReseauPorteur,
    Saturation,
    Statut,
    Thematique,
    TypeService,
)

SCHEMA_VERSION = "1.0"

# Explicit limits (documented in docs/contribuer/limites.md).
MAX_NOM = 150
MAX_TEXTE_COURT = 2000
MAX_DESCRIPTION = 10000
MAX_LISTE = 100
MAX_LIEUX = 50
MAX_ZONE = 500
MAX_MOT_CLE = 60
MAX_MOTS_CLES = 30
MAX_THEMATIQUES = 30
MAX_HORAIRES = 500
MAX_LANGUES = 30

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
]
OffreId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=161),
]


# ----- Scalar types with French messages ------------------------------------------------------


def _as_text(value: Any) -> Any:
    """YAML reads 91000 as a number: codes are text, so numbers are taken back as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _digits(n: int, what: str):
    def check(value: str) -> str:
        if not (len(value) == n and value.isascii() and value.isdigit()):
            raise PydanticCustomError("format", f"{what} invalide « {{valeur}} » : {n} chiffres attendus", {"valeur": value})
        return value

    return check


def _code_insee(value: str) -> str:
    if not (len(value) == 5 and value.isascii() and value.isalnum() and value.upper() == value):
        raise PydanticCustomError(
            "format", "code INSEE invalide « {valeur} » : 5 caractères attendus (ex. 91228)", {"valeur": value}
        )
    return value


def _telephone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise PydanticCustomError(
            "telephone",
            "numéro de téléphone invalide « {valeur} » : écrire par exemple 01 64 00 00 00 ou +33 1 64 00 00 00",
            {"valeur": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _horaires(value: str) -> str:
    try:
        OpeningHours(value)
    except (ParserError, ValueError):
        raise PydanticCustomError(
            "horaires",
            "horaires illisibles « {valeur} » : utiliser le format OpenStreetMap, par exemple "
            "« Mo-Fr 09:00-12:00,14:00-17:00; PH off »",
            {"valeur": value},
        ) from None
    return value


CodePostal = Annotated[str, BeforeValidator(_as_text), AfterValidator(_digits(5, "code postal"))]
CodeInsee = Annotated[str, BeforeValidator(_as_text), AfterValidator(_code_insee)]
Siret = Annotated[str, BeforeValidator(_as_text), AfterValidator(_digits(14, "numéro SIRET"))]
Telephone = Annotated[
    str,
    BeforeValidator(_as_text),
    AfterValidator(_telephone),
    Field(json_schema_extra={"examples": ["01 64 00 00 00"]}),
]
Horaires = Annotated[str, StringConstraints(max_length=MAX_HORAIRES), AfterValidator(_horaires)]
TexteCourt = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXTE_COURT)]
Lien = HttpUrl  # http and https only


class Modele(BaseModel):
    """Common configuration: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=False)


# ----- Addresses -------------------------------------------------------------------------------


class Adresse(Modele):
    adresse: Annotated[
        str,
        StringConstraints(min_length=3, max_length=300),
        Field(description="Numéro et nom de la voie.", examples=["12 rue des Mazières"]),
    ]
    complement_adresse: Annotated[
        str | None,
        StringConstraints(max_length=300),
        Field(title="Complément d'adresse", description="Bâtiment, étage, lieu-dit…", examples=["Bâtiment B, 2e étage"]),
    ] = None
    code_postal: Annotated[CodePostal, Field(title="Code postal", description="Code postal de l'adresse (5 chiffres).", examples=["91000"])]
    commune: Annotated[
        str, StringConstraints(min_length=1, max_length=150), Field(description="Nom de la commune.", examples=["Évry-Courcouronnes"])
    ]
    code_insee: Annotated[
        CodeInsee,
        Field(
            title="Code INSEE de la commune",
            description="Code officiel géographique de la commune (différent du code postal).",
            examples=["91228"],
        ),
    ]
    latitude: Annotated[
        float | None,
        Field(
            ge=-90,
            le=90,
            description="Latitude WGS84 du lieu. Laisser vide : `catalogue geocode` la remplit à partir de l'adresse.",
            examples=[48.6243],
        ),
    ] = None
    longitude: Annotated[
        float | None,
        Field(ge=-180, le=180, description="Longitude WGS84 du lieu.", examples=[2.4296]),
    ] = None


class _NomLieu(Modele):
    nom: Annotated[
        str | None,
        StringConstraints(min_length=1, max_length=MAX_NOM),
        Field(title="Nom du lieu", description="Nom de l'antenne ou du site, s'il y en a plusieurs.", examples=["Antenne de Massy"]),
    ] = None


class Lieu(Adresse, _NomLieu):
    """Un lieu où l'offre est proposée (extension du catalogue : data·inclusion n'a qu'une adresse par service)."""

    horaires_accueil: Annotated[
        Horaires | None,
        Field(
            title="Horaires d'accueil du lieu",
            description="Horaires propres à ce lieu, au format OpenStreetMap. Sinon, ceux de l'offre s'appliquent.",
            examples=["Tu,Th 09:00-12:00"],
        ),
    ] = None


class Places(Modele):
    """Places de l'offre (extension du catalogue : absente du format national)."""

    total: Annotated[int, Field(ge=0, le=100000, description="Nombre total de places.", examples=[12])]
    disponibles: Annotated[
        int, Field(ge=0, le=100000, description="Nombre de places libres à la date du comptage.", examples=[3])
    ]
    date: Annotated[
        date,
        Field(
            title="Date du comptage",
            description="Date à laquelle les places ont été comptées. Plus ancienne que la fréquence de mise à "
            "jour, le nombre est affiché « à confirmer ».",
            examples=["2026-11-02"],
        ),
    ]
    saturation: Annotated[
        Saturation | None,
        Field(description="Niveau de saturation, si le nombre exact ne suffit pas.", examples=["moyenne"]),
    ] = None


FrequenceMaj = Literal[1, 3, 6, 12]


def _frequence_maj(precision: str):
    return Field(
        title="Fréquence de mise à jour (mois)",
        description="Tous les combien de mois l'information est vérifiée : 1, 3, 6 ou 12. Passé ce délai, "
        "la fiche est signalée « à mettre à jour » ; passé trois fois ce délai, elle n'est plus publiée. " + precision,
        examples=[6],
    )


def _date_maj(description: str):
    return Field(title="Date de mise à jour", description=description, examples=["2026-10-15"])


# ----- Structure ---------------------------------------------------------------------------------


class _StructureIdentite(Modele):
    nom: Annotated[
        str,
        StringConstraints(min_length=3, max_length=MAX_NOM),
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
    date_maj: Annotated[date, _date_maj("Date de la dernière vérification de la fiche de la structure.")]
    frequence_maj: Annotated[
        FrequenceMaj | None, _frequence_maj("Elle s'applique aussi aux offres de la structure qui n'en précisent pas.")
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


class Structure(_StructureSuivi, Adresse, _StructureIdentite):
    """Une structure (opérateur) : Conseil départemental, France Travail, Mission locale, CCAS, association…

    Fichier ``offers/<structure>/structure.yml``. Champs du format data·inclusion v1 « structures »,
    plus ``frequence_maj`` et ``mainteneurs``.
    """


# ----- Offre -------------------------------------------------------------------------------------


class Offre(Modele):
    """Une offre d'insertion (un « service » au sens de data·inclusion v1).

    Fichier ``offers/<structure>/<offre>.yml`` ; l'identifiant de l'offre est ce chemin sans extension.
    """

    nom: Annotated[
        str,
        StringConstraints(min_length=3, max_length=MAX_NOM),
        Field(description="Nom de l'offre, court et parlant. Ne se termine pas par un point.", examples=["Garage solidaire"]),
    ]
    description: Annotated[
        str,
        StringConstraints(min_length=5, max_length=MAX_DESCRIPTION),
        Field(
            description="Ce que propose l'offre, en phrases courtes et en langage simple (idéalement 200 à 2 000 "
            "caractères). Mise en forme simple possible : paragraphes, listes à puces, **gras**, liens.",
            examples=["Réparations à prix coûtant pour les personnes en parcours d'insertion."],
        ),
    ]
    type: Annotated[TypeService | None, Field(title="Type d'offre", description="Nature de l'offre : accompagnement, atelier, formation, aide financière…", examples=["accompagnement"])] = None
    thematiques: Annotated[
        list[Thematique],
        Field(
            title="Thématiques",
            description="Besoins auxquels l'offre répond (vocabulaire national data·inclusion).",
            examples=[["mobilite--entretenir-reparer-son-vehicule"]],
            min_length=1,
            max_length=MAX_THEMATIQUES,
        ),
    ]
    mots_cles: Annotated[
        list[Annotated[str, StringConstraints(min_length=2, max_length=MAX_MOT_CLE)]] | None,
        Field(
            title="Mots-clés",
            description="Noms de dispositifs ou mots que les gens tapent : PMSMP, POEC, CDDI, CEJ…",
            examples=[["PMSMP", "immersion"]],
            max_length=MAX_MOTS_CLES,
        ),
    ] = None
    statut: Annotated[
        Statut,
        Field(description="Une offre suspendue ou archivée n'est plus listée publiquement.", examples=["active"]),
    ] = Statut.ACTIVE
    publics: Annotated[
        list[Public] | None,
        Field(
            description="Publics visés. « tous-publics » s'utilise seul.",
            examples=[["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"]],
            min_length=1,
            max_length=20,
        ),
    ] = None
    publics_precisions: Annotated[
        TexteCourt | None,
        Field(title="Précisions sur les publics", description="Ce que les publics cochés ne disent pas : statut, situation, orientation nécessaire.", examples=["Bénéficiaires du RSA soumis aux droits et devoirs."]),
    ] = None
    age_min: Annotated[int | None, Field(title="Âge minimum", description="Âge à partir duquel l'offre est accessible.", ge=0, le=120, examples=[16])] = None
    age_max: Annotated[int | None, Field(title="Âge maximum", description="Âge jusqu'auquel l'offre est accessible (inclus).", ge=0, le=120, examples=[25])] = None
    conditions_acces: Annotated[
        TexteCourt | None,
        Field(title="Conditions d'accès", description="Prérequis ou justificatifs à présenter.", examples=["Permis B"]),
    ] = None
    zone_eligibilite: Annotated[
        list[Annotated[str, BeforeValidator(_as_text)]],
        Field(
            title="Zone d'éligibilité",
            description="Où il faut habiter pour accéder à l'offre : codes INSEE de communes, codes SIREN d'EPCI, "
            "codes de départements, ou « france ».",
            examples=[["91"], ["200059228", "91021"]],
            min_length=1,
            max_length=MAX_ZONE,
        ),
    ]
    frais: Annotated[Frais | None, Field(description="L'offre est-elle gratuite ou payante pour la personne ?", examples=["gratuit"])] = None
    frais_precisions: Annotated[
        TexteCourt | None, Field(title="Précisions sur les frais", description="Montant, tarifs réduits, prise en charge possible.", examples=["Adhésion annuelle de 10 €"])
    ] = None
    modes_accueil: Annotated[
        list[ModeAccueil],
        Field(
            title="Modes d'accueil",
            description="En présentiel (dans un des lieux) et/ou à distance.",
            examples=[["en-presentiel"]],
            min_length=1,
            max_length=2,
        ),
    ] = [ModeAccueil.EN_PRESENTIEL]
    lieux: Annotated[
        list[Lieu],
        Field(
            description="Adresses où l'offre est proposée. Une offre uniquement à distance n'en a pas.",
            max_length=MAX_LIEUX,
        ),
    ] = []
    horaires_accueil: Annotated[
        Horaires | None,
        Field(
            title="Horaires d'accueil",
            description="Horaires au format OpenStreetMap opening_hours. Sinon, ceux de la structure s'appliquent.",
            examples=["Mo-Fr 09:00-12:00,14:00-17:00; PH off"],
        ),
    ] = None
    langues: Annotated[
        list[Langue] | None,
        Field(
            title="Langues parlées sur place",
            description="Langues dans lesquelles l'équipe peut accueillir les personnes, en plus du français : "
            "codes ISO 639-1 à deux lettres (ar : arabe, en : anglais, uk : ukrainien…). Extension du catalogue, "
            "absente du format national.",
            examples=[["ar", "en", "uk"]],
            min_length=1,
            max_length=MAX_LANGUES,
        ),
    ] = None
    places: Annotated[
        Places | None,
        Field(description="Places de l'offre et date du comptage (extension du catalogue, absente du format national)."),
    ] = None
    mobilisable_par: Annotated[
        list[PersonneMobilisatrice] | None,
        Field(
            title="Qui peut orienter",
            description="« usagers » : la personne peut s'adresser directement à l'offre ; « professionnels » : "
            "un référent doit l'orienter.",
            examples=[["professionnels"]],
            min_length=1,
            max_length=2,
        ),
    ] = None
    modes_mobilisation: Annotated[
        list[ModeMobilisation] | None,
        Field(title="Comment mobiliser l'offre", description="Ce qu'il faut faire pour entrer : téléphoner, envoyer un courriel, se présenter, utiliser le lien.", examples=[["telephoner", "envoyer-un-courriel"]], min_length=1, max_length=4),
    ] = None
    lien_mobilisation: Annotated[
        Lien | None,
        Field(title="Lien de mobilisation", description="Formulaire ou page pour demander l'accès à l'offre."),
    ] = None
    mobilisation_precisions: Annotated[
        TexteCourt | None,
        Field(title="Précisions sur la mobilisation", description="Démarche détaillée : fiche de prescription, pièces à fournir, délai.", examples=["Fiche de prescription à envoyer par le référent RSA."]),
    ] = None
    telephone: Annotated[Telephone | None, Field(title="Téléphone", description="Numéro pour se renseigner ou s'inscrire.")] = None
    courriel: Annotated[
        EmailStr | None, Field(description="Adresse électronique pour se renseigner ou orienter une personne.", examples=["contact@exemple.fr"])
    ] = None
    volume_horaire_hebdomadaire: Annotated[
        float | None, Field(title="Heures par semaine", description="Durée hebdomadaire de l'offre, en heures (utile pour les 15 à 20 heures d'activité des bénéficiaires du RSA).", ge=0, le=80, examples=[20])
    ] = None
    nombre_semaines: Annotated[int | None, Field(title="Nombre de semaines", description="Durée totale de l'offre, en semaines.", ge=1, le=520, examples=[12])] = None
    date_debut: Annotated[date | None, Field(title="Début de la session", description="Pour une offre par sessions : date de début de la prochaine session.", examples=["2027-01-11"])] = None
    date_fin: Annotated[date | None, Field(title="Fin de la session", description="Date de fin de la session.", examples=["2027-04-02"])] = None
    partenaires: Annotated[
        list[Slug] | None,
        Field(
            description="Identifiants (noms de dossier) des structures qui co-portent l'offre.",
            examples=[["france-travail-evry"]],
            max_length=MAX_LISTE,
        ),
    ] = None
    doublons_ecartes: Annotated[
        list[OffreId] | None,
        Field(
            title="Pas des doublons",
            description="Identifiants (<structure>/<offre>) d'offres qui se ressemblent sans être des doublons : "
            "elles ne sont plus signalées comme « doublons possibles ». Donnée de coordination, jamais publiée.",
            examples=[["ccas-evry/epicerie-solidaire"]],
            max_length=MAX_LISTE,
            json_schema_extra={"interne": True},
        ),
    ] = None
    date_maj: Annotated[date, _date_maj("Date de la dernière vérification de l'offre.")]
    frequence_maj: Annotated[FrequenceMaj | None, _frequence_maj("Par défaut, celle de la structure, sinon 6 mois.")] = None


DEFAULT_FREQUENCE_MAJ = 6


# ----- Territoire (configuration of one catalogue) ----------------------------------------------


class Bassin(Modele):
    nom: Annotated[str, StringConstraints(min_length=2, max_length=MAX_NOM), Field(description="Nom du bassin d'emploi.", examples=["Nord Essonne"])]
    codes: Annotated[
        list[Annotated[str, BeforeValidator(_as_text)]],
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
    departements: Annotated[
        list[Annotated[str, BeforeValidator(_as_text)]],
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
