"""The announced dates follow the exported content: the same commit on the same day gives the same bytes;
a build whose published set changed because offers expired gives a later date everywhere."""

import json
from datetime import date, datetime, timezone
from pathlib import Path

from generator.opendata import export, history
from generator.pipeline.enrich import enrich

from ..support import pinned_date
from .conftest import BASE_URL, load, write_fixture

COMMIT = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)


def _write(root: Path, out: Path, day: date) -> dict[str, bytes]:
    cat, _ = load(root)
    generated = history.publication_date(COMMIT, cat, day)
    paths = export.write(cat, enrich(cat, day), out, base_url=BASE_URL, generated=generated)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in paths}


def _dates(files: dict[str, bytes]) -> set[str]:
    """date_generation, the feed's <updated> and the datapackage's created."""
    offres = json.loads(files["offres.json"])["date_generation"]
    created = json.loads(files["datapackage.json"])["created"]
    feed = files["modifications.atom"].decode().split("<updated>", 1)[1].split("<", 1)[0]
    return {offres, created, feed}


def test_the_publication_date_is_the_commit_or_the_last_expiry(tmp_path):
    cat, _ = load(write_fixture(tmp_path / "cat"))
    aide = cat.offres["ccas-evry/aide-budget"]  # CCAS: default frequency, 6 months
    expiry = history.expiry_day(aide.date_maj, 6)
    assert history.publication_date(COMMIT, cat, date(2026, 11, 23)) == COMMIT
    assert history.publication_date(COMMIT, cat, expiry) == history.midnight(expiry)
    assert history.publication_date(COMMIT, cat, date.fromordinal(expiry.toordinal() + 40)) == history.midnight(expiry)
    # The day before, the offer is still published: the date is still the commit's.
    before = date.fromordinal(expiry.toordinal() - 1)
    assert history.publication_date(COMMIT, cat, before) == COMMIT
    assert next(v for v in enrich(cat, before) if v.id == "ccas-evry/aide-budget").public
    assert not next(v for v in enrich(cat, expiry) if v.id == "ccas-evry/aide-budget").public


def test_same_commit_same_published_set_same_bytes(tmp_path):
    root = write_fixture(tmp_path / "cat")
    a = _write(root, tmp_path / "a", date(2026, 11, 23))
    b = _write(root, tmp_path / "b", date(2026, 11, 23))
    c = _write(root, tmp_path / "c", date(2026, 12, 30))  # a later day, but no offer expired meanwhile
    assert a == b == c


def test_content_changed_by_time_alone_changes_every_date(tmp_path):
    root = write_fixture(tmp_path / "cat")
    now = _write(root, tmp_path / "a", date(2026, 11, 23))
    later = _write(root, tmp_path / "b", date(2028, 9, 1))  # the CCAS offer has expired
    assert json.loads(now["offres.json"])["nombre"] == 4 and json.loads(later["offres.json"])["nombre"] == 3
    assert _dates(now) == {COMMIT.isoformat()}
    (new_date,) = _dates(later)
    assert new_date > COMMIT.isoformat()
    cat, _ = load(root)
    assert new_date == history.midnight(history.expiry_day(cat.offres["ccas-evry/aide-budget"].date_maj, 6)).isoformat()
    changed = {rel for rel in now if now[rel] != later[rel]}
    assert {"offres.json", "data-inclusion/services.json", "data-inclusion/data-inclusion.xlsx", "modifications.json",
            "modifications.atom", "datapackage.json"} <= changed
    # The expired offer is announced in the change feed, on the day it expired.
    gone = json.loads(later["modifications.json"])["supprimees"]
    assert [(s["id"], s["raison"]) for s in gone] == [("ccas-evry/aide-budget", "perimee")]


def test_the_build_announces_the_date_of_its_content(tmp_path):
    """`catalogue build` computes the date (not only export.write): two days, two published sets, two dates."""
    from ..support import Repo

    repo = Repo(write_fixture(tmp_path / "cat"))
    out = {}
    for day in ("2026-11-23", "2028-09-01"):
        with pinned_date(day):
            repo.build(tmp_path / day)
        out[day] = json.loads((tmp_path / day / "donnees" / "offres.json").read_text("utf-8"))
    assert out["2026-11-23"]["nombre"] == 4 and out["2028-09-01"]["nombre"] == 3
    assert out["2026-11-23"]["date_generation"] < out["2028-09-01"]["date_generation"]
    feed = (tmp_path / "2028-09-01" / "thematiques" / "difficultes-financieres" / "flux.atom").read_text("utf-8")
    assert f"<updated>{out['2028-09-01']['date_generation']}</updated>" in feed
