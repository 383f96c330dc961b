"""The change feed (modifications.json, modifications.atom): modification dates from Git, and the records
that left the published set (deleted, suspended, archived, expired) with their date and reason."""

import json
import os
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from generator.opendata import common, export, history
from generator.opendata.atom import TOMBSTONES

from .conftest import BASE_URL, REPO, TODAY, load, write_fixture

SOURCE = "offre-d-insertion-en-essonne"
VIDE = 'nom: Structure sans offre\nadresse: 2 rue de Paris\ncode_postal: "91300"\ncommune: Massy\ncode_insee: "91377"\ndate_maj: 2026-09-01\n'


class Git:
    def __init__(self, root: Path):
        self.root = root
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)

    def commit(self, when: str, message: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        git = ["git", "-C", str(self.root), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
        subprocess.run([*git, "add", "-A"], check=True, env=env)
        subprocess.run([*git, "commit", "-q", "-m", message], check=True, env=env)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The fixture catalogue, with a history: an old deletion, an edit that left date_maj alone, a deleted
    offer with three places, a deleted structure, a suspension."""
    root = write_fixture(tmp_path_factory.mktemp("git") / "repo")
    offers = root / "offers"
    (offers / "vide").mkdir()
    (offers / "vide" / "structure.yml").write_text(VIDE, "utf-8")
    shutil.copy(offers / "mobilite-solidaire" / "garage.yml", offers / "mobilite-solidaire" / "ancienne.yml")
    git = Git(root)
    git.commit("2026-05-01T10:00:00+02:00", "catalogue")
    (offers / "mobilite-solidaire" / "ancienne.yml").unlink()
    git.commit("2026-06-01T10:00:00+02:00", "ancienne offre retirée (hors de la fenêtre)")
    garage = offers / "mobilite-solidaire" / "garage.yml"
    garage.write_text(garage.read_text("utf-8").replace("à prix coûtant", "à prix coûtant (pièces comprises)"), "utf-8")
    git.commit("2026-11-10T08:00:00+00:00", "garage : description corrigée, date_maj inchangée")
    (offers / "mobilite-solidaire" / "permis.yml").unlink()
    shutil.rmtree(offers / "vide")
    git.commit("2026-11-15T09:00:00+00:00", "permis et structure vide retirés")
    aide = offers / "ccas-evry" / "aide-budget.yml"
    aide.write_text(aide.read_text("utf-8").replace("date_maj:", "statut: suspendue\ndate_maj:"), "utf-8")
    git.commit("2026-11-18T12:00:00+00:00", "aide au budget suspendue")
    return root


@pytest.fixture(scope="module")
def feed(repo, tmp_path_factory):
    from datetime import date

    cat, vues = load(repo)
    changes = history.read(repo / "offers")
    generated = history.publication_date(common.generation_date(repo), cat, date.fromisoformat(TODAY))
    out = tmp_path_factory.mktemp("donnees")
    export.write(cat, vues, out, base_url=BASE_URL, generated=generated, history=changes)
    return out, changes, generated


def test_modification_dates_come_from_git(feed):
    out, changes, generated = feed
    assert generated == utc("2026-11-18T12:00:00+00:00")  # the last commit (no offer expired since)
    assert changes.modified["mobilite-solidaire/garage"] == utc("2026-11-10T08:00:00+00:00")
    assert changes.modified["mobilite-solidaire/conseil-distance"] == utc("2026-05-01T08:00:00+00:00")
    mods = json.loads((out / "modifications.json").read_text("utf-8"))["modifications"]
    # The garage's description changed on 10 November, its date_maj (2 November) did not: it comes first,
    # before the remote offer verified on 10 November but unchanged since May.
    assert [(m["id"], m["date_modification"], m["date_maj"]) for m in mods] == [
        ("mobilite-solidaire/garage", "2026-11-10T08:00:00Z", "2026-11-02"),
        ("mobilite-solidaire/conseil-distance", "2026-05-01T08:00:00Z", "2026-11-10"),
    ]
    entries = feedparser.parse((out / "modifications.atom").read_text("utf-8")).entries
    assert [e.updated for e in entries] == ["2026-11-10T08:00:00Z", "2026-05-01T08:00:00Z"]


def test_records_that_left_are_listed_with_date_and_reason(feed):
    out, _, _ = feed
    doc = json.loads((out / "modifications.json").read_text("utf-8"))
    assert doc["fenetre_suppressions_jours"] == history.WINDOW_DAYS == 90
    assert doc["nombre_supprimees"] == len(doc["supprimees"])
    # The archived offer (last changed in May) and the deletion of June are older than the window;
    # « atelier-velo » expired years ago.
    assert doc["supprimees"] == [
        {"id": "ccas-evry/aide-budget", "type": "offre", "date": "2026-11-18T12:00:00Z", "raison": "suspendue",
         "ids_data_inclusion": [f"{SOURCE}--ccas-evry--aide-budget"]},
        {"id": "mobilite-solidaire/permis", "type": "offre", "date": "2026-11-15T09:00:00Z", "raison": "supprimee",
         # read back from Git: the three services of the deleted offer, one per place
         "ids_data_inclusion": [f"{SOURCE}--mobilite-solidaire--permis--evry-courcouronnes-1",
                                f"{SOURCE}--mobilite-solidaire--permis--evry-courcouronnes-2",
                                f"{SOURCE}--mobilite-solidaire--permis--corbeil-essonnes-1"]},
        {"id": "vide", "type": "structure", "date": "2026-11-15T09:00:00Z", "raison": "supprimee",
         "ids_data_inclusion": [f"{SOURCE}--vide"]},
    ]


def test_atom_tombstones_follow_rfc_6721(feed):
    out, _, _ = feed
    text = (out / "modifications.atom").read_text("utf-8")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    root = ET.fromstring(text)
    tombstones = root.findall(f"{{{TOMBSTONES}}}deleted-entry")
    uid = lambda ident: f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{SOURCE}/{ident}')}"  # noqa: E731
    assert [(t.get("ref"), t.get("when")) for t in tombstones] == [
        (uid("ccas-evry/aide-budget"), "2026-11-18T12:00:00Z"),
        (uid("mobilite-solidaire/permis"), "2026-11-15T09:00:00Z"),
    ]
    assert "suspendue" in tombstones[0].find(f"{{{TOMBSTONES}}}comment").text
    # The ref is the id the offer's entry had while it was published.
    assert uid("mobilite-solidaire/garage") in {e.id for e in parsed.entries}


def test_expired_offers_are_listed_on_the_day_they_expired(repo, tmp_path):
    from datetime import date, timedelta

    cat, _ = load(repo)
    aide_free = {k: v for k, v in cat.offres.items() if k != "ccas-evry/aide-budget"}
    garage = cat.offres["mobilite-solidaire/garage"]
    expiry = history.expiry_day(garage.date_maj, 12)  # the structure checks every 12 months
    day = expiry + timedelta(days=3)
    from generator.pipeline.enrich import enrich

    cat.offres = aide_free
    vues = enrich(cat, day)
    assert not next(v for v in vues if v.id == "mobilite-solidaire/garage").public
    generated = history.publication_date(utc("2026-11-18T12:00:00+00:00"), cat, day)
    assert generated == history.midnight(expiry)
    gone = history.suppressions(history.History(), vues, cat.structures, SOURCE, generated)
    assert ("mobilite-solidaire/garage", "perimee", history.midnight(expiry)) in [(s.id, s.raison, s.date) for s in gone]
    assert date(2029, 1, 1) < expiry < date(2030, 1, 1)


def test_one_git_log_for_the_whole_folder(repo, monkeypatch):
    calls = []
    real = subprocess.run

    def spy(args, *a, **k):
        calls.append(args)
        return real(args, *a, **k)

    monkeypatch.setattr(history.subprocess, "run", spy)
    cat, vues = load(repo)
    changes = history.read(repo / "offers")
    history.suppressions(changes, vues, cat.structures, SOURCE, utc("2026-11-18T12:00:00+00:00"))
    assert sum("log" in c for c in calls) == 1 and sum("cat-file" in c for c in calls) == 1
    assert len(calls) <= 5


def test_outside_git_the_modification_date_is_date_maj(repo, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(repo / "offers", plain / "offers")
    shutil.copy(repo / "territoire.yml", plain / "territoire.yml")
    changes = history.read(plain / "offers")
    assert changes.modified == {} and changes.deleted == {} and changes.folder is None
    cat, vues = load(plain)
    export.write(cat, vues, tmp_path / "out", base_url=BASE_URL, generated=utc("2026-11-20T00:00:00+00:00"), history=changes)
    mods = json.loads((tmp_path / "out" / "modifications.json").read_text("utf-8"))["modifications"]
    assert [(m["id"], m["date_modification"]) for m in mods] == [
        ("mobilite-solidaire/conseil-distance", "2026-11-10T00:00:00Z"),
        ("mobilite-solidaire/garage", "2026-11-02T00:00:00Z"),
    ]


def test_a_shallow_clone_does_not_date_every_file_to_its_only_commit(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    changes = history.read(clone / "offers")
    assert changes.folder is not None
    assert changes.modified == {} and changes.deleted == {}  # unknown: date_maj stands in


def test_the_window_and_the_sources_of_dates_are_documented():
    text = (REPO / "docs" / "donnees.md").read_text("utf-8")
    assert f"{history.WINDOW_DAYS} jours" in text
    for word in ("git log", "date_modification", "supprimees", "deleted-entry", "perimee", "suspendue", "archivee"):
        assert word in text, word


def test_a_change_of_the_structure_dates_its_offers(tmp_path):
    root = write_fixture(tmp_path / "repo")
    git = Git(root)
    git.commit("2026-10-01T10:00:00+00:00", "catalogue")
    structure = root / "offers" / "ccas-evry" / "structure.yml"
    structure.write_text(structure.read_text("utf-8").replace("01 99 00 20 20", "01 99 00 20 21"), "utf-8")
    git.commit("2026-11-05T10:00:00+00:00", "CCAS : nouveau numéro")
    changes = history.read(root / "offers")
    assert changes.modified["ccas-evry/aide-budget"] == utc("2026-11-05T10:00:00+00:00")
    assert changes.modified["mobilite-solidaire/garage"] == utc("2026-10-01T10:00:00+00:00")
