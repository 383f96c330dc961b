"""A small catalogue written into a temporary folder: 3 structures, 7 offers covering the cases the
site must handle (rich offer, several places, remote, stale, suspended, too old, places, hours,
languages spoken on site, the ways to refer a person). Written by `tests.support.write_catalogue`:
`write_catalogue(root, STRUCTURES, OFFRES, TERRITOIRE)`."""

TODAY = "2026-11-23"  # a Monday

TERRITOIRE = """\
nom: Offre d'insertion de test
departements: ["91", "77"]
contact: contact@offre-insertion.example.org
forge:
  type: github
  url: https://github.com/exemple/catalogue-test
  branche: main
"""

STRUCTURES = {
    "mobilite-solidaire": """\
nom: Association Mobilité Solidaire
description: Association qui aide les personnes en insertion à se déplacer.
adresse: 4 rue de la Gare
code_postal: "91100"
commune: Corbeil-Essonnes
code_insee: "91174"
latitude: 48.6139
longitude: 2.4826
telephone: 01 99 00 10 10
courriel: contact@mobilite.example.org
horaires_accueil: Mo-Fr 09:00-17:00; PH off
date_maj: 2026-10-01
""",
    "mission-locale-massy": """\
nom: Mission locale de Massy
adresse: 1 avenue de France
code_postal: "91300"
commune: Massy
code_insee: "91377"
latitude: 48.7309
longitude: 2.2713
date_maj: 2026-10-01
""",
    "ccas-evry": """\
nom: CCAS d'Évry-Courcouronnes
adresse: Place des Droits de l'Homme
code_postal: "91000"
commune: Évry-Courcouronnes
code_insee: "91228"
latitude: 48.6243
longitude: 2.4296
date_maj: 2026-10-01
""",
}

LONG = " ".join(
    [
        "Le garage solidaire répare les véhicules des personnes en parcours d'insertion à prix coûtant :",
        "vidange, freins, pneus, contrôle technique. Un mécanicien professionnel encadre des salariés en insertion.",
    ]
    * 6
)

OFFRES = {
    "mobilite-solidaire/garage-solidaire": f"""\
nom: Garage solidaire
description: |
  {LONG}

  Ce que vous pouvez faire :

  - faire réparer votre voiture ou votre scooter ;
  - apprendre l'entretien de base lors d'un **atelier mensuel** ;
  - voir [le tarif](https://example.org/tarifs) ou cliquer [ici](javascript:alert(1)).

  <script>alert("xss")</script>
type: aide-materielle
thematiques:
  - mobilite--entretenir-reparer-son-vehicule
  - mobilite--acceder-a-un-vehicule
mots_cles: [PMSMP, garage, réparation]
publics: [demandeurs-emploi, beneficiaires-des-minimas-sociaux]
publics_precisions: Personnes suivies par un référent RSA ou un conseiller France Travail.
conditions_acces: Avoir un projet professionnel et un véhicule immatriculé à son nom.
zone_eligibilite: ["91"]
frais: payant
frais_precisions: Main d'œuvre gratuite, pièces au prix coûtant.
lieux:
  - nom: Atelier de Corbeil
    adresse: 4 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
    latitude: 48.6139
    longitude: 2.4826
horaires_accueil: Mo-Fr 09:00-12:00; PH off
langues: [ar, en]
places:
  total: 10
  disponibles: 3
  date: 2026-11-10
mobilisable_par: [professionnels, usagers]
modes_mobilisation: [telephoner, envoyer-un-courriel]
mobilisation_precisions: Fiche de liaison à envoyer par le référent.
telephone: 01 99 00 10 11
courriel: garage@mobilite.example.org
volume_horaire_hebdomadaire: 4
nombre_semaines: 12
partenaires: [ccas-evry]
date_maj: 2026-11-02
""",
    "mobilite-solidaire/location-scooters": """\
nom: Location de scooters
description: Location de scooters à petit prix pour aller travailler ou en formation.
type: aide-materielle
thematiques: [mobilite--acceder-a-un-vehicule]
publics: [jeunes]
zone_eligibilite: ["200059228"]
frais: gratuit
lieux:
  - nom: Antenne d'Évry
    adresse: 2 boulevard de l'Europe
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
    latitude: 48.6250
    longitude: 2.4400
  - nom: Antenne de Ris-Orangis
    adresse: 10 rue de la Mairie
    code_postal: "91130"
    commune: Ris-Orangis
    code_insee: "91521"
    latitude: 48.6530
    longitude: 2.4140
    horaires_accueil: We 14:00-18:00
horaires_accueil: Sa 09:00-12:00
langues: [uk]
places:
  total: 5
  disponibles: 0
  date: 2026-11-15
date_maj: 2026-11-02
""",
    "mission-locale-massy/atelier-cv": """\
nom: Atelier CV et lettre de motivation
description: Un atelier collectif pour écrire son CV et sa lettre de motivation.
type: atelier
thematiques: [preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation]
publics: [jeunes]
zone_eligibilite: ["91377"]
frais: gratuit
lieux:
  - adresse: 1 avenue de France
    code_postal: "91300"
    commune: Massy
    code_insee: "91377"
    latitude: 48.7309
    longitude: 2.2713
horaires_accueil: Tu,Th 14:00-17:00
places:
  total: 12
  disponibles: 4
  date: 2026-11-20
modes_mobilisation: [utiliser-lien-mobilisation, se-presenter]
lien_mobilisation: https://example.org/inscription-atelier-cv
date_maj: 2026-11-02
""",
    "mission-locale-massy/coaching-distance": """\
nom: Coaching numérique à distance
description: Des séances en visio pour apprendre à utiliser les démarches en ligne.
type: formation
thematiques: [numerique--acceder-a-des-services-en-ligne]
publics: [tous-publics]
zone_eligibilite: [france]
frais: gratuit
modes_accueil: [a-distance]
date_maj: 2026-11-02
""",
    "ccas-evry/aide-budget": """\
nom: Aide au budget familial
description: Un conseiller aide les familles à faire leur budget et à régler les dettes.
type: accompagnement
thematiques: [difficultes-financieres--ameliorer-sa-gestion-budgetaire]
publics: [familles]
zone_eligibilite: ["91228"]
frais: gratuit
lieux:
  - adresse: Place des Droits de l'Homme
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
    latitude: 48.6243
    longitude: 2.4296
horaires_accueil: Mo 09:00-12:00
places:
  total: 8
  disponibles: 2
  date: 2026-02-01
date_maj: 2026-02-01
""",
    "ccas-evry/epicerie-suspendue": """\
nom: Épicerie solidaire fermée pour travaux
description: L'épicerie solidaire du centre-ville, fermée pendant les travaux.
thematiques: [equipement-et-alimentation--alimentation]
zone_eligibilite: ["91228"]
statut: suspendue
lieux:
  - adresse: Place des Droits de l'Homme
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
date_maj: 2026-11-02
""",
    "ccas-evry/ancienne-permanence": """\
nom: Ancienne permanence logement
description: Permanence d'information sur le logement, plus vérifiée depuis longtemps.
thematiques: [logement-hebergement--louer-un-logement]
zone_eligibilite: ["91228"]
lieux:
  - adresse: Place des Droits de l'Homme
    code_postal: "91000"
    commune: Évry-Courcouronnes
    code_insee: "91228"
date_maj: 2024-01-15
""",
}

