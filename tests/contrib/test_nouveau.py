"""`catalogue new` guides like a person would, driven through the command with scripted stdin: each answer
is checked as it is given (the reason, a suggestion, the same question again), no answer is lost;
thématiques from a numbered list or by words, publics and languages by name, communes by name or
postal code."""

import io
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest
import yaml

from generator.cli.main import main
from generator.contribute import reponses

from ..support import write_catalogue
from ..validation.conftest import TODAY


@pytest.fixture(autouse=True)
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)
    return write_catalogue(tmp_path, ["mobilite-solidaire"])  # territoire.yml: département 91


def new(monkeypatch, lines: list[str], *options: str) -> tuple[int, str, str]:
    """`catalogue new` with these lines typed on stdin; (exit code, what it printed, its errors)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["new", *options])
    return code, out.getvalue(), err.getvalue()


def written(repo, name: str) -> dict:
    return yaml.safe_load((repo.offers / "mobilite-solidaire" / name).read_text(encoding="utf-8"))


def number_of(label: str) -> int:
    return next(n for n, t in enumerate(reponses.thematiques_numerotees(), 1) if t.label == label)


def test_a_whole_offer_typed_as_a_person_writes_it(monkeypatch, repo):
    permis = number_of("Préparer un permis")
    code, out, err = new(monkeypatch, [
        "mobilite-solidaire",
        "Permis solidaire",
        "Préparation au permis B à tarif réduit.",
        f"{permis}, réparer",  # a number of the list, and words: « réparer » starts a word of one thématique only
        "demandeurs d'emploi, jeunes",  # names, the apostrophe and the space kept inside one public
        "Corbeil-Essonnes, 91290",  # a commune by name, the communes of a postal code
        "n", "4 rue de la Gare", "91100", "2",  # the second commune of the postal code's list
        "01 99 00 10 12", "",
        "arabe, Anglais",
    ])
    assert code == 0, out + err
    assert "Thématiques :" in out and f"{permis:2d}. Préparer un permis" in out  # the numbered list is shown
    doc = written(repo, "permis-solidaire.yml")
    assert doc["thematiques"] == ["mobilite--preparer-un-permis", "mobilite--entretenir-reparer-son-vehicule"]
    assert doc["publics"] == ["demandeurs-emploi", "jeunes"]
    assert doc["zone_eligibilite"] == ["91174", "91021", "91457"]  # Corbeil-Essonnes; Arpajon and La Norville (91290)
    assert doc["lieux"][0]["commune"] == "Villabé" and doc["lieux"][0]["code_insee"] == "91659"
    assert doc["langues"] == ["ar", "en"]
    assert main(["validate"]) == 0


def test_a_bad_answer_is_asked_again_with_its_reason_and_nothing_is_lost(monkeypatch, repo):
    code, out, err = new(monkeypatch, [
        "mobilite-solidaire", "Permis solidaire", "Préparation au permis B à tarif réduit.",
        "logement",  # 7 thématiques: which one?
        "mobilite--preparer-un-permis",
        "chomeurs", "demandeurs d'emploi",
        "Evry", "91000",  # a name not in the département; then its postal code
        "o",  # at a distance only: no place
        "12",  # a bad phone number: asked again at once, not after the last question
        "01 99 00 10 12",
        "x@", "contact@example.org",
        "klingon, ar",
        "ar",
    ])
    assert code == 0, err
    assert "→ « logement » correspond à 7 thématiques" in out and "donner le numéro" in out
    assert "→ public inconnu « chomeurs »" in out
    assert "→ commune inconnue « Evry » dans les départements du catalogue (91) : vouliez-vous dire « Évry-Courcouronnes » ?" in out
    assert "→ numéro de téléphone invalide « 12 » : écrire par exemple 01 64 00 00 00" in out
    assert out.index("invalide « 12 »") < out.index("Courriel")  # said before the next question
    assert "→ adresse électronique invalide « x@ »" in out
    assert "→ langue inconnue « klingon »" in out
    doc = written(repo, "permis-solidaire.yml")
    assert doc["nom"] == "Permis solidaire" and doc["description"] == "Préparation au permis B à tarif réduit."
    assert doc["publics"] == ["demandeurs-emploi"] and doc["zone_eligibilite"] == ["91228"]
    assert doc["telephone"] == "01 99 00 10 12" and doc["courriel"] == "contact@example.org" and doc["langues"] == ["ar"]


def test_postal_code_and_commune_of_the_place_are_checked(monkeypatch, repo):
    code, out, err = new(monkeypatch, [
        "mobilite-solidaire", "Garage", "Réparations à prix coûtant.", "réparer", "", "91",
        "n", "4 rue de la Gare",
        "9110", "99999", "91100",  # 4 digits; a postal code no commune has; then the right one
        "Massy", "corbeil essonnes",  # not a commune of 91100; then by name, any spelling
        "", "", "",
    ])
    assert code == 0, err
    assert "→ code postal à 5 chiffres attendu" in out and "→ aucune commune n'a le code postal 99999" in out
    assert "→ « Massy » n'a pas le code postal 91100" in out
    lieu = written(repo, "garage.yml")["lieux"][0]
    assert (lieu["code_postal"], lieu["commune"], lieu["code_insee"]) == ("91100", "Corbeil-Essonnes", "91174")


def test_options_by_name_are_turned_into_codes(repo):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([
            "new", "--non-interactif", "--structure", "mobilite-solidaire", "--nom", "Location de scooters",
            "--description", "Location à 1 € par jour.", "--thematique", "mobilite--acceder-a-un-vehicule",
            "--public", "demandeurs d'emploi", "--zone", "Massy", "--zone", "91290", "--langue", "arabe", "--a-distance",
        ])
    assert code == 0, err.getvalue()
    doc = written(repo, "location-de-scooters.yml")
    assert doc["publics"] == ["demandeurs-emploi"] and doc["langues"] == ["ar"]
    assert doc["zone_eligibilite"] == ["91377", "91021", "91457"]


def test_a_refused_offer_gives_back_the_command_with_every_answer(monkeypatch, repo):
    # Options the questions do not ask again: a commune that is not the one of its INSEE code, refused at the end.
    code, out, err = new(monkeypatch, ["Atelier vélo", "Réparer son vélo soi-même.", "réparer", "tous publics, jeunes", "", "91", "", "", ""],
                         "--structure", "mobilite-solidaire", "--adresse", "4 rue de la Gare", "--code-postal", "91100",
                         "--commune", "Massy", "--code-insee", "91174")
    assert code == 1
    assert "→ « tous-publics » s'utilise seul" in out  # the rule of the validator, said at once
    assert "lieux[0].commune : la commune « Massy » n'est pas celle du code INSEE 91174 (Corbeil-Essonnes)" in err
    assert "Vos réponses ne sont pas perdues" in err
    assert "catalogue new --structure mobilite-solidaire --nom 'Atelier vélo' --description 'Réparer son vélo soi-même.'" in err
    assert "--thematique mobilite--entretenir-reparer-son-vehicule --public tous-publics --zone 91" in err
    assert sorted(p.name for p in (repo.offers / "mobilite-solidaire").iterdir()) == ["structure.yml"]


def test_non_interactive_says_every_problem_at_once(repo):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["new", "--non-interactif", "--structure", "mobilite-solidaire", "--nom", "Atelier", "--description",
                     "Un atelier.", "--thematique", "réparer", "--zone", "Nulle-Part-sur-Mer", "--a-distance", "--telephone", "12"])
    assert code == 1
    assert "zone : commune inconnue « Nulle-Part-sur-Mer »" in err.getvalue()
    assert "numéro de téléphone invalide « 12 »" in err.getvalue()
    assert sorted(p.name for p in (repo.offers / "mobilite-solidaire").iterdir()) == ["structure.yml"]
