"""Possible duplicates as groups: the same national text on disjoint zones is not a duplicate, the same
text on overlapping zones from two structures is; groups grow with the offers, never with pairs."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model.territoires import referentiel
from generator.pipeline.enrich import enrich
from generator.pipeline.load import discover
from generator.pipeline.validate import today, validate
from generator.site.etat.duplicates import groupes

from ..support import OFFRE, STRUCTURE, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
REF = referentiel()
EPCIS = sorted(code for code, e in REF.epci.items() if any(REF.communes.get(m, {}).get("departement") == "91" for m in e["membres"]))


def offre(zone: list[str], nom: str = "Garage solidaire", texte: str = "Réparations à prix coûtant pour les personnes en parcours d'insertion.", ecartes=()) -> str:
    text = OFFRE.replace('zone_eligibilite: ["91"]', f"zone_eligibilite: {zone!r}".replace("'", '"')).replace("nom: Garage solidaire", f"nom: {nom}")
    text = text.replace("description: Réparations à prix coûtant pour les personnes en parcours d'insertion.", f"description: {texte}")
    if ecartes:
        text += "doublons_ecartes: [" + ", ".join(ecartes) + "]\n"
    return text


def found(tmp_path: Path, offres: dict[str, str]) -> list:
    structures = {ident.split("/")[0]: STRUCTURE.replace("Association Mobilité Solidaire", f"Structure {ident.split('/')[0]}") for ident in offres}
    repo = write_catalogue(tmp_path, structures, offres)
    cat = validate(repo.offers, discover([repo.offers], repo.offers))
    assert not cat.errors, cat.errors
    return groupes(enrich(cat, today()), REF)


def test_a_national_text_on_disjoint_zones_is_not_a_duplicate(tmp_path):
    offres = {f"antenne-{i}/garage": offre([epci]) for i, epci in enumerate(EPCIS[:4])}
    assert found(tmp_path, offres) == []


def test_the_same_text_on_overlapping_zones_makes_one_group(tmp_path):
    offres = {f"antenne-{i}/garage": offre([epci]) for i, epci in enumerate(EPCIS[:4])}
    offres["departement/garage"] = offre(["91"])  # overlaps every antenna's zone
    (g,) = found(tmp_path, offres)
    assert [m.id for m in g.membres] == sorted(offres)
    assert g.score == 100 and g.thematiques == ("mobilite--entretenir-reparer-son-vehicule",)


def test_alike_texts_are_grouped_with_their_score(tmp_path):
    offres = {
        "asso-a/garage": offre(["91"]),
        "asso-b/garage": offre(["91"], nom="Garage solidaire et social", texte="Réparations à prix coûtant pour des personnes en parcours d'insertion."),
        "asso-c/autre": offre(["91"], nom="Épicerie sociale", texte="Des courses à petit prix pour les familles."),
    }
    (g,) = found(tmp_path, offres)
    assert [m.id for m in g.membres] == ["asso-a/garage", "asso-b/garage"]
    assert 80 <= g.score < 100


def test_one_structure_alone_is_no_group(tmp_path):
    assert found(tmp_path, {"asso-a/garage": offre(["91"]), "asso-a/garage-bis": offre(["91"])}) == []


def test_an_offer_that_sets_every_other_member_aside_leaves_the_group(tmp_path):
    offres = {
        "asso-a/garage": offre(["91"], ecartes=["asso-b/garage", "asso-c/garage"]),
        "asso-b/garage": offre(["91"]),
        "asso-c/garage": offre(["91"]),
    }
    (g,) = found(tmp_path, offres)
    assert [m.id for m in g.membres] == ["asso-b/garage", "asso-c/garage"]
    # Pair by pair, as before: b sets c aside, and nothing else ties them.
    offres["asso-b/garage"] = offre(["91"], ecartes=["asso-c/garage"])
    assert found(tmp_path / "deux", offres) == []


@pytest.mark.parametrize("n", [30, 90])
def test_output_grows_with_the_offers_not_with_the_pairs(tmp_path, n):
    offres = {f"antenne-{i:03d}/garage": offre(["91"]) for i in range(n)}  # n(n-1)/2 pairs: 435, then 4,005
    (g,) = found(tmp_path, offres)
    assert len(g.membres) == n
    repo_root = tmp_path
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--out", str(repo_root / "site")], cwd=repo_root,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT), "CATALOGUE_CACHE": "0"}, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO((repo_root / "site" / "donnees" / "etat-de-l-offre" / "doublons.csv").read_text(encoding="utf-8"))))
    assert len(rows) == n and {r["groupe"] for r in rows} == {"1"}
    page = (repo_root / "site" / "etat-de-l-offre" / "doublons" / "index.html").read_text(encoding="utf-8")
    assert f"Garage solidaire : {n} offres de {n} structures" in page
    assert page.count("<code>antenne-") <= 20 + 3 and f"Et {n - 20} autres offres" in page
    assert not (repo_root / "site" / "etat-de-l-offre" / "doublons" / "2").exists()
