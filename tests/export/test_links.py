"""Absolute links by default: the site's address is in territoire.yml (« url »); --base-url overrides it;
building without any address warns, and `catalogue build --publier` refuses."""

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import feedparser
import yaml

from generator.cli import build as b
from generator.cli.main import main
from generator.model.territoire import Territoire

from .conftest import REPO, TERRITOIRE, write_fixture

URL = "https://offre-insertion.example.org/"


def _build(root, out, base_url=""):
    return b.build(root / "offers", root / "territoire.yml", out, base_url=base_url, progress=b.Progress(quiet=True))


def _links(site):
    services = json.loads((site / "donnees" / "data-inclusion" / "services.json").read_text("utf-8"))
    structures = json.loads((site / "donnees" / "data-inclusion" / "structures.json").read_text("utf-8"))
    feed = feedparser.parse((site / "donnees" / "modifications.atom").read_text("utf-8"))
    theme = feedparser.parse((site / "thematiques" / "mobilite" / "flux.atom").read_text("utf-8"))
    selfs = [next((l.href for l in f.feed.get("links", []) if l.rel == "self"), None) for f in (feed, theme)]
    return [r["lien_source"] for r in services + structures], selfs


def test_a_plain_build_publishes_absolute_links_from_territoire_yml(tmp_path):
    root = write_fixture(tmp_path / "cat")
    (root / "territoire.yml").write_text(TERRITOIRE + f"url: {URL}\n", "utf-8")
    _build(root, tmp_path / "site")
    liens, selfs = _links(tmp_path / "site")
    assert liens and all(l and l.startswith(URL) for l in liens)
    assert selfs == [URL + "donnees/modifications.atom", URL + "thematiques/mobilite/flux.atom"]
    offres = json.loads((tmp_path / "site" / "donnees" / "offres.json").read_text("utf-8"))
    assert offres["source"]["url"] == URL and offres["offres"][0]["url"].startswith(URL)
    # --base-url wins over territoire.yml.
    _build(root, tmp_path / "autre", base_url="https://autre.example.net/catalogue/")
    liens, selfs = _links(tmp_path / "autre")
    assert all(l.startswith("https://autre.example.net/catalogue/") for l in liens)
    assert selfs[0] == "https://autre.example.net/catalogue/donnees/modifications.atom"


def _cli(*args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, err.getvalue()


def test_without_an_address_build_warns_and_publier_refuses(tmp_path):
    root = write_fixture(tmp_path / "cat")  # territoire.yml without « url »
    common = ["--offres", str(root / "offers"), "--territoire", str(root / "territoire.yml")]
    code, err = _cli("build", *common, "--out", str(tmp_path / "site"))
    assert code == 0
    assert "avertissement" in err and "« url »" in err and "lien_source" in err
    liens, selfs = _links(tmp_path / "site")
    assert set(liens) == {None} and selfs == [None, None]
    code, err = _cli("build", *common, "--out", str(tmp_path / "publie"), "--publier")
    assert code == 1 and "pour publier" in err
    assert not (tmp_path / "publie").exists()
    code, err = _cli("build", *common, "--out", str(tmp_path / "publie"), "--publier", "--base-url", URL)
    assert code == 1 and "« contact »" in err and not (tmp_path / "publie").exists()  # publishing also needs the contact
    with (root / "territoire.yml").open("a", encoding="utf-8") as f:
        f.write("contact: contact@offre-insertion.example.org\n")
    code, err = _cli("build", *common, "--out", str(tmp_path / "publie"), "--publier", "--base-url", URL)
    assert code == 0 and "avertissement : territoire.yml" not in err


def test_the_sample_catalogue_declares_its_address():
    territoire = Territoire.model_validate(yaml.safe_load((REPO / "territoire.yml").read_text("utf-8")))
    assert str(territoire.url) == URL
    info = Territoire.model_fields["url"]
    assert info.title and info.description and info.examples
