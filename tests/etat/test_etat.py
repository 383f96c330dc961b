"""État de l'offre on a small hand-made catalogue whose matrix is known in advance."""

import io
import json
from contextlib import redirect_stdout

import pytest
import yaml

from generator.cli.main import main
from generator.model.territoires import referentiel
from generator.pipeline.enrich import enrich
from generator.pipeline.load import discover
from generator.pipeline.validate import today, validate
from generator.site.etat import analyse as etat

TODAY = "2026-11-23"
SACLAY, COEUR, GPS = "200056232", "200057859", "200059228"

STRUCTURES = {
    "ccas-massy": ("CCAS de Massy", "1 avenue du Général de Gaulle", "91300", "Massy", "91377", 48.7309, 2.2713, ["@ccas-massy"]),
    "asso-mobilite": ("Association Mobilité 91", "4 rue de la Gare", "91100", "Corbeil-Essonnes", "91174", 48.6139, 2.4826, ["@mobilite-91"]),
    "ml-evry": ("Mission locale d'Évry", "2 place de l'Agora", "91000", "Évry-Courcouronnes", "91228", 48.6290, 2.4410, []),
}


def lieu(structure: str) -> list[dict]:
    _, adresse, cp, commune, insee, lat, lon, _ = STRUCTURES[structure]
    return [{"adresse": adresse, "code_postal": cp, "commune": commune, "code_insee": insee, "latitude": lat, "longitude": lon}]


GARAGE = "Réparations et entretien de véhicules à prix coûtant pour les personnes en insertion, avec un mécanicien."
OFFRES = {
    "ccas-massy/creche": {
        "nom": "Crèche à vocation d'insertion", "description": "Places en crèche pour les parents en recherche d'emploi.",
        "thematiques": ["famille--garde-denfants"], "zone_eligibilite": ["91377"], "lieux": lieu("ccas-massy"),
        "places": {"total": 10, "disponibles": 2, "date": "2026-11-01"}, "date_maj": "2026-11-01",
    },
    "asso-mobilite/garage": {
        "nom": "Garage solidaire", "description": GARAGE, "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
        "zone_eligibilite": ["91"], "lieux": lieu("asso-mobilite"),
        "places": {"total": 5, "disponibles": 0, "date": "2026-01-05"}, "date_maj": "2026-10-01",
    },
    "ml-evry/garage": {
        "nom": "Garage solidaire", "description": GARAGE + " Sur rendez-vous.", "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
        "zone_eligibilite": ["91228"], "lieux": lieu("ml-evry"), "date_maj": "2026-10-15",
    },
    "ml-evry/permis-en-ligne": {
        "nom": "Code de la route en ligne", "description": "Préparation au code de la route sur ordinateur, avec un tuteur.",
        "thematiques": ["mobilite--preparer-un-permis"], "zone_eligibilite": [SACLAY], "modes_accueil": ["a-distance"], "date_maj": "2026-09-01",
    },
    "ccas-massy/atelier-numerique": {
        "nom": "Atelier numérique", "description": "Apprendre à utiliser les services en ligne.",
        "thematiques": ["numerique--acceder-a-des-services-en-ligne"], "zone_eligibilite": ["91377"], "lieux": lieu("ccas-massy"),
        "date_maj": "2025-01-01",  # 22 months with a 6-month frequency: no longer published
    },
    "ccas-massy/garage": {
        "nom": "Garage solidaire", "description": GARAGE, "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
        "zone_eligibilite": ["91377"], "lieux": lieu("ccas-massy"), "date_maj": "2026-11-02",
        "doublons_ecartes": ["asso-mobilite/garage"],  # same name, but the coordinators checked: not a duplicate
    },
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("etat")
    for ident, (nom, adresse, cp, commune, insee, lat, lon, owners) in STRUCTURES.items():
        folder = root / "offers" / ident
        folder.mkdir(parents=True)
        doc = {"nom": nom, "adresse": adresse, "code_postal": cp, "commune": commune, "code_insee": insee,
               "latitude": lat, "longitude": lon, "date_maj": "2026-10-01", "mainteneurs": owners}
        (folder / "structure.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    for ident, doc in OFFRES.items():
        (root / "offers" / f"{ident}.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    territoire = {"nom": "Essonne (test)", "departements": ["91"], "bassins": [{"nom": "Nord", "codes": [SACLAY]}, {"nom": "Centre", "codes": [COEUR, GPS]}]}
    (root / "territoire.yml").write_text(yaml.safe_dump(territoire, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def pinned(monkeypatch, repo):
    monkeypatch.setenv("CATALOGUE_DATE", TODAY)
    monkeypatch.chdir(repo)


@pytest.fixture
def state(repo):
    cat = validate(repo / "offers", discover([repo / "offers"], repo / "offers"), territoire=repo / "territoire.yml")
    assert not cat.errors, cat.errors
    vues = enrich(cat, today())
    ref = referentiel()
    return cat, vues, ref, etat.bassins(cat.territoire, ref, ["91"])


def test_matrix_counts_offers_places_and_gaps(state):
    _, vues, ref, bassins = state
    m = etat.matrice(vues, bassins, ref)
    nord, centre = (b.code for b in m.bassins)
    assert sorted(m.cellule(nord, "famille").offres) == ["ccas-massy/creche"]
    assert (m.cellule(nord, "famille").places_total, m.cellule(nord, "famille").places_disponibles) == (10, 2)
    assert m.cellule(nord, "famille").part_fraiche == 1
    # The remote offer counts for the bassin whose residents it is open to, and only that one.
    assert sorted(m.cellule(nord, "mobilite").offres) == ["ccas-massy/garage", "ml-evry/permis-en-ligne"]
    assert sorted(m.cellule(centre, "mobilite").offres) == ["asso-mobilite/garage", "ml-evry/garage"]
    assert m.cellule(centre, "mobilite").part_fraiche == 0  # the only count is 10 months old
    assert m.cellule(centre, "famille").lacune  # where garde d'enfants places are missing
    assert m.cellule(nord, "numerique").lacune  # the stale offer is not published, so it does not count
    assert not any(c.sur_offre for c in m.cellules.values())


def test_default_bassins_are_the_epci_of_the_departement():
    ref = referentiel()
    default = etat.bassins(None, ref, ["91"])
    assert {b.code for b in default} >= {SACLAY, COEUR, GPS}
    assert sum(len(b.communes) for b in default) == sum(1 for c in ref.communes.values() if c["departement"] == "91")


def test_duplicates_across_structures_with_overlapping_zones(state):
    _, vues, ref, _ = state
    pairs = etat.doublons(vues, ref)
    assert [(d.a, d.b) for d in pairs] == [("asso-mobilite/garage", "ml-evry/garage")]
    assert pairs[0].score >= etat.SEUIL_DOUBLON and pairs[0].thematiques == ("mobilite--entretenir-reparer-son-vehicule",)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_cli_doublons_and_stats():
    code, out = run("doublons")
    assert code == 0
    assert "asso-mobilite/garage « Garage solidaire »  ~  ml-evry/garage « Garage solidaire »" in out
    assert "ccas-massy/garage" not in out
    code, out = run("stats")
    assert code == 0
    assert "Offres publiées                    5 (sur 6 fiches)" in out
    assert "2 disponibles sur 15" in out
    assert "Doublons possibles                 1" in out


def test_cli_a_mettre_a_jour_lists_by_structure_with_maintainers():
    code, out = run("a-mettre-a-jour")
    assert code == 0
    assert "## CCAS de Massy — @ccas-massy" in out
    assert "- [ ] `ccas-massy/atelier-numerique` Atelier numérique : vérifiée le 1er janvier 2025 (plus publiée, tous les 6 mois)" in out
    code, out = run("a-mettre-a-jour", "--format", "json")
    doc = json.loads(out)
    assert doc == [
        {
            "structure": "ccas-massy", "nom": "CCAS de Massy", "mainteneurs": ["@ccas-massy"],
            "offres": [{"id": "ccas-massy/atelier-numerique", "nom": "Atelier numérique", "date_maj": "2025-01-01", "frequence_maj": 6, "fraicheur": "perimee"}],
        }
    ]
