"""Fixtures of the « état de l'offre » page tests: the hand-made catalogue of test_etat.py, built once
into a site, a tiny HTML tree to read the pages, and (browser tests) the site served on 127.0.0.1."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from ..support import Page, Repo, chromium, pinned_date, served
from .test_etat import COEUR, GPS, OFFRES, SACLAY, STRUCTURES, TODAY

FORGE = "https://github.com/exemple/catalogue-test"


def write_repo(root: Path) -> None:
    """The catalogue of test_etat.py (same offers, same bassins), with a forge for the « modifier » links."""
    for ident, (nom, adresse, cp, commune, insee, lat, lon, owners) in STRUCTURES.items():
        folder = root / "offers" / ident
        folder.mkdir(parents=True)
        doc = {"nom": nom, "adresse": adresse, "code_postal": cp, "commune": commune, "code_insee": insee,
               "latitude": lat, "longitude": lon, "date_maj": "2026-10-01", "mainteneurs": owners}
        (folder / "structure.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    for ident, doc in OFFRES.items():
        (root / "offers" / f"{ident}.yml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    territoire = {
        "nom": "Essonne (test)",
        "departements": ["91"],
        "bassins": [{"nom": "Nord", "codes": [SACLAY]}, {"nom": "Centre", "codes": [COEUR, GPS]}],
        "forge": {"type": "github", "url": FORGE, "branche": "main"},
    }
    (root / "territoire.yml").write_text(yaml.safe_dump(territoire, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="session")
def pinned():
    with pinned_date(TODAY):
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory, pinned) -> Repo:
    repo = Repo(tmp_path_factory.mktemp("etat-site"))
    write_repo(repo.root)
    repo.build()
    return repo


# ----- a tiny HTML tree (the standard library has no DOM) ------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []  # Node or str

    def text(self) -> str:
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        return "".join(c if isinstance(c, str) else c._raw() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, **attrs) -> list["Node"]:
        return [n for n in self.iter() if n.tag == tag and all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def by_id(self, ident: str) -> "Node | None":
        return next((n for n in self.iter() if n.attrs.get("id") == ident), None)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html: str) -> Node:
    p = _Builder()
    p.feed(html)
    p.close()
    return p.root


def table(node: Node) -> list[list[Node]]:
    """Rows of a table, each a list of its th/td nodes."""
    return [[c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")] for tr in node.find_all("tr")]


# ----- the served site and Chromium (browser tests) --------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(built):
    with served(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as br:
        yield br


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(timezone_id="Europe/Paris", locale="fr-FR", service_workers="block")
    yield Page(context.new_page(), base_url)
    context.close()
