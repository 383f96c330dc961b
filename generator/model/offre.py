"""Offre: one offer of the catalogue (one YAML file), data·inclusion v1 « service » plus the catalogue's extensions."""

from datetime import date
from typing import Annotated

from pydantic import (
    BeforeValidator,
    EmailStr,
    Field,
    StringConstraints,
)

from generator.model.limits import (
    MAX_DESCRIPTION,
    MAX_LANGUES,
    MAX_LIEUX,
    MAX_LISTE,
    MAX_MOT_CLE,
    MAX_MOTS_CLES,
    MAX_NOM,
    MAX_THEMATIQUES,
    MAX_ZONE,
)
from generator.model.types import (
    NOM,
    FrequenceMaj,
    Horaires,
    Lien,
    Lieu,
    Modele,
    OffreId,
    Places,
    Slug,
    SourceExterne,
    Telephone,
    TexteCourt,
    as_text,
    date_maj_field,
    frequence_maj_field,
    source_externe_field,
)
from generator.model.vocab import (
    Frais,
    Langue,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Statut,
    Thematique,
    TypeService,
)


class Offre(Modele):
    """Une offre d'insertion (un « service » au sens de data·inclusion v1).

    Fichier ``offers/<structure>/<offre>.yml`` ; l'identifiant de l'offre est ce chemin sans extension.
    """

    nom: Annotated[
        str,
        StringConstraints(min_length=3, max_length=MAX_NOM),
        NOM,
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
        list[Annotated[str, BeforeValidator(as_text)]],
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
            description="En présentiel (dans un des lieux) et/ou à distance. Par défaut : en présentiel. Une liste "
            "vide (« [] ») signifie « non renseigné » : c'est ce qu'écrit l'import d'une fiche dont la source ne le dit pas.",
            examples=[["en-presentiel"]],
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
    date_maj: Annotated[date, date_maj_field("Date de la dernière vérification de l'offre.")]
    frequence_maj: Annotated[FrequenceMaj | None, frequence_maj_field("Par défaut, celle de la structure, sinon 6 mois.")] = None
    source_externe: Annotated[SourceExterne | None, source_externe_field("une offre")] = None


DEFAULT_FREQUENCE_MAJ = 6
