"""Field types shared by the model's documents: scalars with French messages, addresses, places, the
common configuration. One definition each; `offre`, `structure` and `territoire` compose them.
"""

import re
from datetime import date
from typing import Annotated, Any, Literal

import phonenumbers
from opening_hours import OpeningHours, ParserError
from phonenumbers import shortnumberinfo
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from generator.model.limits import MAX_HORAIRES, MAX_NOM, MAX_TEXTE_COURT
from generator.model.slug import SLUG
from generator.model.vocab import Saturation

SCHEMA_VERSION = "1.0"
Slug = Annotated[
    str,
    StringConstraints(pattern=f"^{SLUG}$", max_length=80),
]
OffreId = Annotated[
    str,
    StringConstraints(pattern=f"^{SLUG}/{SLUG}$", max_length=161),
]


def as_text(value: Any) -> Any:
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


# Control characters, refused in every text (tab, line feed and carriage return are text): the YAML
# reader refuses them even written as escapes (« "\\e" »), the import removes them from national data.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Characters that do not show but change what a name looks like: bidi overrides and isolates (an RLO
# turns « gro.elpmaxe » around), zero-width spaces and joiners, the byte order mark.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible_name(value: str | None) -> str | None:
    found = _INVISIBLE.search(value) if value else None
    if found:
        raise PydanticCustomError(
            "format", f"caractère invisible ou qui change le sens d'écriture (U+{ord(found.group()):04X}) dans un nom : le retirer"
        )
    return value


# Placed after the field's length constraints: `Annotated[str, StringConstraints(…), NOM, Field(…)]`.
NOM = AfterValidator(visible_name)


def _telephone(value: str) -> str:
    """A number stored in E.164 (+33164000000); a French short number (3949, 115) as its digits."""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number is not None and number.country_code == 33 and shortnumberinfo.is_valid_short_number_for_region(number, "FR"):
        return phonenumbers.national_significant_number(number)
    raise PydanticCustomError(
        "telephone",
        "numéro de téléphone invalide « {valeur} » : écrire par exemple 01 64 00 00 00, +33 1 64 00 00 00 ou un numéro court (3949)",
        {"valeur": value},
    )


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


CodePostal = Annotated[str, BeforeValidator(as_text), AfterValidator(_digits(5, "code postal"))]
CodeInsee = Annotated[str, BeforeValidator(as_text), AfterValidator(_code_insee)]
Siret = Annotated[str, BeforeValidator(as_text), AfterValidator(_digits(14, "numéro SIRET"))]
Telephone = Annotated[
    str,
    BeforeValidator(as_text),
    AfterValidator(_telephone),
    Field(json_schema_extra={"examples": ["01 64 00 00 00"]}),
]
Horaires = Annotated[str, StringConstraints(max_length=MAX_HORAIRES), AfterValidator(_horaires)]
TexteCourt = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXTE_COURT)]
Lien = HttpUrl  # http and https only


class Modele(BaseModel):
    """Common configuration: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=False)


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
        str, StringConstraints(min_length=1, max_length=150), NOM, Field(description="Nom de la commune.", examples=["Évry-Courcouronnes"])
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
        NOM,
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


_PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f]+$"  # no control character (a YAML file could not hold it)


class SourceExterne(Modele):
    """Où une fiche importée a d'abord été publiée (extension du catalogue)."""

    source: Annotated[
        str,
        StringConstraints(min_length=1, max_length=100, pattern=_PRINTABLE),
        Field(description="Identifiant du producteur d'origine (champ « source » du format data·inclusion).", examples=["carif-oref"]),
    ]
    id: Annotated[
        str,
        StringConstraints(min_length=1, max_length=300, pattern=_PRINTABLE),
        Field(title="Identifiant d'origine", description="Identifiant de la fiche chez le producteur d'origine, tel quel (champ « id »).",
              examples=["carif-oref--14_SE_0001597312"]),
    ]
    lien: Annotated[
        Lien | None,
        Field(description="Page de la fiche chez le producteur d'origine (champ « lien_source »).",
              examples=["https://www.exemple-carif-oref.fr/formation/14_SE_0001597312"]),
    ] = None


def source_externe_field(kind: str):
    return Field(
        title="Source d'origine",
        description=f"Pour {kind} importée (« catalogue import ») : producteur, identifiant et lien d'origine, gardés tels "
        "quels et repris dans le format data·inclusion (« source », « id », « lien_source ») pour que le producteur "
        "d'origine reconnaisse sa fiche. Extension du catalogue ; à ne pas modifier à la main.",
    )


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


def frequence_maj_field(precision: str):
    return Field(
        title="Fréquence de mise à jour (mois)",
        description="Tous les combien de mois l'information est vérifiée : 1, 3, 6 ou 12. Passé ce délai, "
        "la fiche est signalée « à mettre à jour » ; passé trois fois ce délai, elle n'est plus publiée. " + precision,
        examples=[6],
    )


def date_maj_field(description: str):
    return Field(title="Date de mise à jour", description=description, examples=["2026-10-15"])
