"""Each validation rule: one bad file, the French message, the line of the field, the exit code.

In each case the line the problem must point to carries the comment `# ici`.
"""

import pytest

from ..support import OFFRE, STRUCTURE


def _line_of_marker(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if "# ici" in line)


ERRORS = [
    (
        "syntaxe YAML",
        OFFRE.replace('    code_postal: "91100"', '      code_postal: "91100" # ici'),
        "",
        "« : » inattendu",
    ),
    (
        "tabulation",
        OFFRE.replace("  - mobilite--entretenir-reparer-son-vehicule", "\t- mobilite--entretenir-reparer-son-vehicule # ici"),
        "",
        "tabulation interdite",
    ),
    (
        "champ en double",
        OFFRE.replace("telephone: 01 99 00 10 11", "telephone: 01 99 00 10 11\ntelephone: 01 99 00 10 12 # ici"),
        "telephone",
        "champ « telephone » présent deux fois",
    ),
    (
        "champ inconnu",
        OFFRE.replace("description:", "desciption: # ici\ndescription:"),
        "desciption",
        "champ inconnu « desciption » : vouliez-vous dire « description » ?",
    ),
    (
        "mauvais type",
        OFFRE.replace("date_maj:", "age_min: seize ans # ici\ndate_maj:"),
        "age_min",
        "nombre entier attendu",
    ),
    (
        "thématique inconnue",
        OFFRE.replace("  - mobilite--entretenir-reparer-son-vehicule", "  - mobilite--permis # ici"),
        "thematiques[0]",
        "valeur inconnue « mobilite--permis » : vouliez-vous dire « mobilite--preparer-un-permis » ?",
    ),
    (
        "public inconnu",
        OFFRE.replace("publics: [demandeurs-emploi]", "publics: [demandeur-emploi] # ici"),
        "publics[0]",
        "vouliez-vous dire « demandeurs-emploi » ?",
    ),
    (
        "champ obligatoire manquant",
        OFFRE.replace("description: Réparations à prix coûtant pour les personnes en parcours d'insertion.\n", "").replace(
            "nom: Garage solidaire", "nom: Garage solidaire # ici"
        ),
        "description",
        "champ obligatoire manquant « description »",
    ),
    (
        "téléphone invalide",
        OFFRE.replace("telephone: 01 99 00 10 11", "telephone: 01 99 00 # ici"),
        "telephone",
        "numéro de téléphone invalide « 01 99 00 »",
    ),
    (
        "courriel invalide",
        OFFRE.replace("date_maj:", "courriel: contact@@exemple # ici\ndate_maj:"),
        "courriel",
        "adresse électronique invalide « contact@@exemple »",
    ),
    (
        "lien non web",
        OFFRE.replace("date_maj:", "lien_mobilisation: javascript:alert(1) # ici\ndate_maj:"),
        "lien_mobilisation",
        "adresse web invalide",
    ),
    (
        "code INSEE inexistant dans un lieu",
        OFFRE.replace('    code_insee: "91174"', '    code_insee: "91999" # ici'),
        "lieux[0].code_insee",
        "code INSEE inconnu « 91999 »",
    ),
    (
        "code postal à la place du code INSEE",
        OFFRE.replace('    code_insee: "91174"', '    code_insee: "91000" # ici').replace("Corbeil-Essonnes\n    code_insee", "Evry\n    code_insee"),
        "lieux[0].code_insee",
        "c'est un code postal, pas un code INSEE",
    ),
    (
        "code INSEE faux mais commune reconnue",
        OFFRE.replace('    code_insee: "91174"', '    code_insee: "91000" # ici'),
        "lieux[0].code_insee",
        "code INSEE inconnu « 91000 » : le code INSEE de Corbeil-Essonnes est « 91174 »",
    ),
    (
        "zone d'éligibilité inconnue",
        OFFRE.replace('zone_eligibilite: ["91"]', 'zone_eligibilite:\n  - "91"\n  - "99999" # ici'),
        "zone_eligibilite[1]",
        "code de territoire inconnu « 99999 »",
    ),
    (
        "coordonnées hors de France",
        OFFRE.replace("    latitude: 48.6139\n    longitude: 2.4826", "    latitude: 2.4826 # ici\n    longitude: 48.6139"),
        "lieux[0].latitude",
        "coordonnées hors de France",
    ),
    (
        "plus de places disponibles que de places",
        OFFRE.replace("date_maj:", "places:\n  total: 4\n  disponibles: 6 # ici\n  date: 2026-11-10\ndate_maj:"),
        "places.disponibles",
        "plus de places disponibles (6) que de places au total (4)",
    ),
    (
        "date de mise à jour dans le futur",
        OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2027-01-15 # ici"),
        "date_maj",
        "date de mise à jour dans le futur (2027-01-15)",
    ),
    (
        "fréquence hors liste",
        OFFRE.replace("date_maj:", "frequence_maj: 5 # ici\ndate_maj:"),
        "frequence_maj",
        "valeurs possibles 1, 3, 6, 12",
    ),
    (
        "horaires illisibles",
        OFFRE.replace("date_maj:", "horaires_accueil: du lundi au vendredi # ici\ndate_maj:"),
        "horaires_accueil",
        "horaires illisibles",
    ),
    (
        "structure partenaire inconnue",
        OFFRE.replace("date_maj:", "partenaires:\n  - mobilite-solidair # ici\ndate_maj:"),
        "partenaires[0]",
        "structure partenaire inconnue « mobilite-solidair » : vouliez-vous dire « mobilite-solidaire » ?",
    ),
    (
        "âges incohérents",
        OFFRE.replace("date_maj:", "age_min: 26\nage_max: 16 # ici\ndate_maj:"),
        "age_max",
        "âge maximum (16) inférieur à l'âge minimum (26)",
    ),
    (
        "tous-publics avec d'autres publics",
        OFFRE.replace("publics: [demandeurs-emploi]", "publics: [tous-publics, jeunes] # ici"),
        "publics",
        "« tous-publics » s'utilise seul",
    ),
    (
        "langue écrite en toutes lettres",
        OFFRE.replace("date_maj:", "langues:\n  - ar\n  - anglais # ici\ndate_maj:"),
        "langues[1]",
        "code de langue inconnu « anglais » : écrire le code « en » (anglais)",
    ),
    (
        "code de pays à la place d'une langue",
        OFFRE.replace("date_maj:", "langues: [ua] # ici\ndate_maj:"),
        "langues[0]",
        "code de langue inconnu « ua » : c'est le code d'un pays (Ukraine), pas d'une langue ; langue officielle : « uk » (ukrainien)",
    ),
    (
        "code de langue inconnu",
        OFFRE.replace("date_maj:", "langues:\n  - xq # ici\ndate_maj:"),
        "langues[0]",
        "code de langue inconnu « xq » : code ISO 639-1 à deux lettres attendu, par exemple « ar » (arabe)",
    ),
    (
        "alias YAML",
        OFFRE.replace("publics: [demandeurs-emploi]", "publics: &p [demandeurs-emploi] # ici\npublics_precisions: *p"),
        "",
        "les ancres et alias YAML",
    ),
    (
        "alias YAML d'une liste dans elle-même",
        OFFRE.replace("publics: [demandeurs-emploi]", "publics: &p [demandeurs-emploi, *p] # ici"),
        "",
        "les ancres et alias YAML",
    ),
    (
        "fusion de champs YAML (<<)",
        OFFRE.replace("publics: [demandeurs-emploi]", "publics: [demandeurs-emploi]\nlieux:\n  - <<: {commune: Évry} # ici"),
        "",
        "les ancres et alias YAML",
    ),
    (
        "fichier qui n'est pas un dictionnaire",
        "- nom: Garage solidaire # ici\n",
        "",
        "le fichier doit contenir des champs",
    ),
]


@pytest.mark.parametrize("case,text,key,message", ERRORS, ids=[c[0] for c in ERRORS])
def test_error_is_reported_at_its_line_in_french(cat, case, text, key, message):
    cat.write("mobilite-solidaire/garage-solidaire.yml", text)
    code, out = cat.validate()
    assert code == 1, out
    problems = [p for p in cat.problems() if p["gravite"] == "erreur"]
    matching = [p for p in problems if message in p["message"]]
    assert matching, f"message attendu « {message} », obtenu : {problems}"
    problem = matching[0]
    assert problem["fichier"] == "offers/mobilite-solidaire/garage-solidaire.yml"
    if key:
        assert problem["champ"] == key
    if "# ici" in text:
        assert problem["ligne"] == _line_of_marker(text)
    # The text report carries file:line:column: field: message.
    assert f"offers/mobilite-solidaire/garage-solidaire.yml:{problem['ligne']}:{problem['colonne']}: " in out


def test_unclosed_quote_is_reported_near_its_line(cat):
    text = OFFRE.replace("nom: Garage solidaire", 'nom: "Garage solidaire')
    cat.write("mobilite-solidaire/garage-solidaire.yml", text)
    (problem,) = cat.problems()
    assert problem["message"].startswith("guillemet non fermé")
    assert (problem["ligne"], problem["colonne"]) == (2, 6)


def test_offer_without_structure_file(cat):
    cat.write("ccas-sans-fiche/aide-alimentaire.yml", OFFRE)
    code, out = cat.validate()
    assert code == 1
    assert "offers/ccas-sans-fiche/aide-alimentaire.yml:1:1: (fichier): le dossier « ccas-sans-fiche » n'a pas de fichier structure.yml" in out


def test_two_files_with_the_same_id(cat):
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE)
    cat.write("mobilite-solidaire/garage-solidaire.yaml", OFFRE)
    code, out = cat.validate()
    assert code == 1
    assert "même identifiant « mobilite-solidaire/garage-solidaire »" in out


def test_file_and_folder_names_must_be_slugs(cat):
    cat.write("mobilite-solidaire/Garage Solidaire.yml", OFFRE)
    code, out = cat.validate()
    assert code == 1
    assert "nom de fichier invalide « Garage Solidaire.yml »" in out
    assert "(ex. garage-solidaire.yml)" in out


def test_invalid_structure_is_reported_too(cat):
    cat.write("mobilite-solidaire/structure.yml", STRUCTURE.replace("nom: Association", "nom: Association\nsiret: 123 # ici"))
    code, out = cat.validate()
    assert code == 1
    assert "offers/mobilite-solidaire/structure.yml:3:1: siret: numéro SIRET invalide « 123 » : 14 chiffres attendus" in out


WARNINGS = [
    (
        "offre à mettre à jour",
        OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2025-09-01 # ici"),
        "date_maj",
        "à mettre à jour : vérifiée le 01/09/2025, plus de 6 mois",
    ),
    (
        "places comptées il y a trop longtemps",
        OFFRE.replace("date_maj:", "places:\n  total: 4\n  disponibles: 1\n  date: 2026-01-10 # ici\ndate_maj:"),
        "places.date",
        "le nombre sera affiché « à confirmer »",
    ),
    (
        "langue en double",
        OFFRE.replace("date_maj:", "langues:\n  - ar\n  - en\n  - ar # ici\ndate_maj:"),
        "langues[2]",
        "langue en double « ar »",
    ),
    (
        "adresse sans coordonnées",
        OFFRE.replace("    latitude: 48.6139\n    longitude: 2.4826\n", "").replace("  - adresse: 4", "  - adresse: 4"),
        "lieux[0].adresse",
        "adresse sans coordonnées",
    ),
]


@pytest.mark.parametrize("case,text,key,message", WARNINGS, ids=[c[0] for c in WARNINGS])
def test_warning_does_not_fail_validation(cat, case, text, key, message):
    cat.write("mobilite-solidaire/garage-solidaire.yml", text)
    code, out = cat.validate()
    assert code == 0, out
    (problem,) = cat.problems()
    assert problem["gravite"] == "avertissement"
    assert problem["champ"] == key
    assert message in problem["message"]
    if "# ici" in text:
        assert problem["ligne"] == _line_of_marker(text)


def test_structure_frequency_applies_to_its_offers(cat):
    cat.write("mobilite-solidaire/structure.yml", STRUCTURE.replace("date_maj:", "frequence_maj: 1\ndate_maj:").replace("2026-10-01", "2026-11-01"))
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2026-09-15"))
    messages = [p["message"] for p in cat.problems()]
    assert any("plus de 1 mois" in m for m in messages), messages
