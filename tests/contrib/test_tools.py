"""Partner tools: a-jour, codeowners, geocode, new. Each edits YAML without losing what partners wrote."""

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest

from generator.cli.main import main
from generator.contribute import geocode as geo
from generator.contribute.nouveau import Answers, ask, build

from ..support import OFFRE, STRUCTURE, write_catalogue
from ..validation.conftest import TODAY


@pytest.fixture(autouse=True)
def repo(tmp_path, monkeypatch):
    """A catalogue of one structure (STRUCTURE), no offer, no territoire.yml; the current folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)
    return write_catalogue(tmp_path, ["mobilite-solidaire"], territoire=None).root


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_a_jour_sets_today_and_keeps_comments(repo):
    path = repo / "offers/mobilite-solidaire/garage.yml"
    path.write_text("# Fiche relue avec le garage\n" + OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2025-01-02  # ancien"), encoding="utf-8")
    code, out, _ = run("a-jour", "mobilite-solidaire/garage")
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert "date_maj: 2026-11-23  # ancien" in text
    assert text.startswith("# Fiche relue avec le garage\n# yaml-language-server:")
    assert run("validate")[0] == 0
    assert run("a-jour", "mobilite-solidaire/absente")[0] == 1


def test_codeowners_follows_the_structures(repo):
    assert run("codeowners")[0] == 0
    owners = (repo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/offers/mobilite-solidaire/ @mobilite-demo\n" in owners
    assert run("codeowners", "--check")[0] == 0
    structure = repo / "offers/mobilite-solidaire/structure.yml"
    structure.write_text(STRUCTURE.replace('["@mobilite-demo"]', '["@mobilite-demo", "@coordination-91"]'), encoding="utf-8")
    code, _, err = run("codeowners", "--check")
    assert code == 1 and "n'est pas à jour" in err


class FakeGeocoder:
    def __init__(self, answers: dict[str, tuple[float, float] | None], offline: bool = False):
        self.answers, self.offline, self.asked = answers, offline, []

    def locate(self, query, code_insee):
        if self.offline:
            raise geo.GeocoderOffline("pas de réseau")
        self.asked.append(query)
        return self.answers.get(query)


NO_COORDS = "# Garage du quartier de la gare\n" + OFFRE.replace("    latitude: 48.6139\n    longitude: 2.4826\n", "    # coordonnées à venir\n")


def test_geocode_fills_coordinates_keeps_comments_and_caches(repo):
    path = repo / "offers/mobilite-solidaire/garage.yml"
    path.write_text(NO_COORDS, encoding="utf-8")
    fake = FakeGeocoder({"4 rue de la Gare, 91100 Corbeil-Essonnes": (48.6139, 2.4826)})
    report = geo.geocode([path], fake, repo / "cache/geocodage.json")
    assert report.filled == [f"{path}: lieux.0"] and fake.asked == ["4 rue de la Gare, 91100 Corbeil-Essonnes"]
    text = path.read_text(encoding="utf-8")
    assert '    code_insee: "91174"\n    # coordonnées à venir\n    latitude: 48.6139\n    longitude: 2.4826\n' in text
    assert text.startswith("# Garage du quartier de la gare\n")
    assert run("validate")[0] == 0
    cache = json.loads((repo / "cache/geocodage.json").read_text())
    assert cache == {"4 rue de la Gare, 91100 Corbeil-Essonnes": [48.6139, 2.4826]}
    # Next time the answer comes from the cache in the repo: no network.
    path.write_text(NO_COORDS, encoding="utf-8")
    offline = FakeGeocoder({}, offline=True)
    assert geo.geocode([path], offline, repo / "cache/geocodage.json").filled


def test_geocode_offline_changes_nothing(repo, monkeypatch):
    path = repo / "offers/mobilite-solidaire/garage.yml"
    path.write_text(NO_COORDS, encoding="utf-8")
    monkeypatch.setattr(geo.BanGeocoder, "locate", lambda self, q, c: (_ for _ in ()).throw(geo.GeocoderOffline("hors ligne")))
    code, out, err = run("geocode")
    assert code == 1
    assert err.strip() == "Le service de géocodage (Base Adresse Nationale) est injoignable : aucun fichier n'a été modifié."
    assert path.read_text(encoding="utf-8") == NO_COORDS
    assert not (repo / "cache/geocodage.json").exists()


def test_ban_answers_in_another_commune_are_rejected(monkeypatch):
    class Location:
        latitude, longitude = 48.85, 2.35
        raw = {"properties": {"citycode": "75056", "score": 0.9}}

    ban = geo.BanGeocoder()
    monkeypatch.setattr(ban._ban, "geocode", lambda query, exactly_one: Location())
    assert ban.locate("4 rue de la Gare, 91100 Corbeil-Essonnes", "91174") is None
    Location.raw = {"properties": {"citycode": "91174", "score": 0.9}}
    assert ban.locate("4 rue de la Gare, 91100 Corbeil-Essonnes", "91174") == (48.85, 2.35)


def test_new_non_interactive_writes_a_valid_file(repo):
    code, out, err = run(
        "new", "--non-interactif", "--structure", "mobilite-solidaire", "--nom", "Location de scooters",
        "--description", "Location à 1 € par jour pour aller travailler ou se former.",
        "--thematique", "mobilite--acceder-a-un-vehicule", "--zone", "91", "--adresse", "4 rue de la Gare",
        "--code-postal", "91100", "--commune", "Corbeil-Essonnes", "--telephone", "01 99 00 10 12", "--langue", "ar",
    )
    assert code == 0, err
    path = repo / "offers/mobilite-solidaire/location-de-scooters.yml"
    assert out.strip() == "écrit : offers/mobilite-solidaire/location-de-scooters.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/offre.schema.json\nnom: Location de scooters\n")
    assert "code_insee: '91174'" in text and "date_maj: 2026-11-23" in text
    assert "langues:\n  - ar\n" in text
    code, out, _ = run("validate")
    assert code == 0 and "0 erreur" in out


def test_new_refuses_invalid_answers_and_writes_nothing(repo):
    code, _, err = run(
        "new", "--non-interactif", "--structure", "mobilite-solidaire", "--nom", "Atelier", "--description", "Un atelier.",
        "--thematique", "mobilite--permis", "--zone", "91", "--a-distance", "--telephone", "12",
    )
    assert code == 1
    assert "vouliez-vous dire « mobilite--preparer-un-permis » ?" in err
    assert "numéro de téléphone invalide « 12 »" in err
    assert sorted(p.name for p in (repo / "offers/mobilite-solidaire").iterdir()) == ["structure.yml"]
    code, _, err = run("new", "--non-interactif", "--structure", "mobilite-solidair")
    assert code == 1 and "vouliez-vous dire « mobilite-solidaire » ?" in err


def test_new_asks_in_french_until_answers_are_valid(repo):
    replies = iter([
        "mobilite", "mobilite-solidaire",  # unknown structure, then the right one
        "Permis solidaire", "Préparation au permis B à tarif réduit.",
        "mobilite--permis", "mobilite--preparer-un-permis",  # a typo is caught and explained
        "jeunes", "91", "n", "4 rue de la Gare", "91100", "Corbeil-Essonnes", "", "",
        "arabe, en",  # a language's name is turned into its code (tests/contrib/test_nouveau.py: the rest)
    ])
    said = []
    answers = ask(Answers(), repo / "offers", prompt=lambda q: next(replies), say=said.append)
    assert answers.structure == "mobilite-solidaire" and answers.code_insee == "91174"
    assert any("vouliez-vous dire « mobilite--preparer-un-permis »" in s for s in said)
    assert answers.langues == ["ar", "en"]


def test_new_without_languages_writes_none(repo):
    replies = iter(["mobilite-solidaire", "Permis solidaire", "Préparation au permis B.", "mobilite--preparer-un-permis",
                    "", "91", "o", "", "", ""])
    answers = ask(Answers(), repo / "offers", prompt=lambda q: next(replies), say=lambda s: None)
    assert answers.langues == []
    path, text = build(answers, repo / "offers")
    assert path.name == "permis-solidaire.yml" and "langues" not in text
