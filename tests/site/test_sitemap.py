"""sitemap.xml lists every public page of the built site, and only those (sitemaps.org protocol):
every language, paginated lists, « état de l'offre » and editorial pages, absolute URLs from the site's
address; not the editing tool (admin/, noindex) nor « Ma sélection » (a visitor's own list, empty for a
robot); an index of several sitemaps beyond the protocol's limits; a line in robots.txt when there is one."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli import build as b
from generator.site import sitemap

from ..support import OFFRE, write_catalogue

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://insertion.example.org/catalogue/"
N = 201  # one more than a list page holds: « mobilite » has a page 2


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    offres = {f"asso-{i // 20:02d}/offre-{i:03d}": OFFRE.replace("nom: Garage solidaire", f"nom: Garage solidaire {i:03d}") for i in range(N)}
    territoire = {"nom": "Catalogue de test", "departements": ["91"], "contact": "contact@example.org",
                  "forge": {"type": "github", "url": "https://github.com/exemple/catalogue", "branche": "main"}}  # an admin/ page
    repo = write_catalogue(tmp_path_factory.mktemp("sitemap"), offres=offres, territoire=territoire)
    b.build(repo.offers, repo.territoire, repo.site, base_url=BASE, progress=b.Progress(quiet=True))
    return repo.site


def locs(path: Path, tag: str = "urlset") -> list[str]:
    root = ET.parse(path).getroot()  # well-formed XML, or this raises
    assert root.tag == NS + tag
    return [e.text for e in root.iter(NS + "loc")]


def test_the_sitemap_lists_every_page_of_the_site_and_only_those(site):
    listed = locs(site / "sitemap.xml")
    assert len(listed) == len(set(listed)) and all(u.startswith(BASE) for u in listed)
    # Walk the site: every folder with an index.html is a page.
    every = {"" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    excluded = {p for p in every if p.startswith(("admin/", "selection/", "en/selection/"))}
    assert excluded == {"admin/", "selection/", "en/selection/"}
    assert {u[len(BASE):] for u in listed} == every - excluded
    for page in ("", "en/", "offres/asso-00/offre-000/", "en/offres/asso-00/offre-000/", "thematiques/mobilite/2/",
                 "en/thematiques/mobilite/2/", "territoires/91/2/", "etat-de-l-offre/", "etat-de-l-offre/bassins/200059228/",
                 "a-propos/", "donnees/", "recherche/", "carte/"):
        assert BASE + page in listed, page
    assert '<meta name="robots" content="noindex' in (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert not (site / "sitemap.xml.gz").exists()  # mkdocs' copy, of the editorial pages only, is gone


def tree(tmp_path: Path, n: int) -> Path:
    for i in range(n):
        folder = tmp_path / "offres" / f"o-{i:03d}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return tmp_path


def test_beyond_the_limits_the_sitemap_becomes_an_index_of_sitemaps_at_the_root(tmp_path):
    out = tree(tmp_path, 120)
    assert sitemap.write(out, BASE, max_urls=50) == 121
    children = locs(out / "sitemap.xml", "sitemapindex")
    assert children == [f"{BASE}sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [locs(out / f"sitemap-{n}.xml") for n in (1, 2, 3)]
    assert [len(p) for p in parts] == [50, 50, 21]
    assert sorted(u for p in parts for u in p) == sorted([BASE] + [f"{BASE}offres/o-{i:03d}/" for i in range(120)])
    # By size too: no file over the limit.
    limit = 2_000
    sitemap.write(out, BASE, max_octets=limit)
    files = sorted(out.glob("sitemap-*.xml"))
    assert len(files) > 3 and all(f.stat().st_size <= limit for f in files)
    assert sum(len(locs(f)) for f in files) == 121
    # Back under the limits: one sitemap again, no stale part left.
    sitemap.write(out, BASE)
    assert len(locs(out / "sitemap.xml")) == 121 and not list(out.glob("sitemap-*.xml"))


def test_robots_txt_points_to_the_sitemap_when_the_site_has_one(tmp_path):
    out = tree(tmp_path, 1)
    sitemap.write(out, BASE)
    assert not (out / "robots.txt").exists()  # none is created
    (out / "robots.txt").write_text("User-agent: *\nDisallow: /admin/", encoding="utf-8")
    sitemap.write(out, BASE)
    sitemap.write(out, BASE)  # once only
    assert (out / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nDisallow: /admin/\nSitemap: {BASE}sitemap.xml\n"


def test_without_an_address_there_is_no_sitemap(tmp_path):
    out = tree(tmp_path, 1)
    (out / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")  # e.g. mkdocs' own, with relative addresses
    assert sitemap.write(out, "") == 0
    assert not (out / "sitemap.xml").exists()
