"""Fixtures of the « état de l'offre » tests: a hand-made catalogue whose matrix is known in advance, built once
into a site, a tiny HTML tree to read the pages, and (browser tests) the site served on 127.0.0.1."""

from html.parser import HTMLParser

import pytest

from ..support import Page, Repo, french_context, pinned_date, served, write_catalogue

TODAY = "2026-11-23"
SACLAY, COEUR, GPS = "200056232", "200057859", "200059228"
FORGE = "https://github.com/exemple/catalogue-test"
BASE = "etat-de-l-offre/"  # where the pages are, in the site


def _structure(nom, adresse, cp, commune, insee, lat, lon, owners) -> dict:
    return {"nom": nom, "adresse": adresse, "code_postal": cp, "commune": commune, "code_insee": insee,
            "latitude": lat, "longitude": lon, "date_maj": "2026-10-01", "mainteneurs": owners}


STRUCTURES = {
    "ccas-massy": _structure("CCAS de Massy", "1 avenue du Général de Gaulle", "91300", "Massy", "91377", 48.7309, 2.2713, ["@ccas-massy"]),
    "asso-mobilite": _structure("Association Mobilité 91", "4 rue de la Gare", "91100", "Corbeil-Essonnes", "91174", 48.6139, 2.4826, ["@mobilite-91"]),
    "ml-evry": _structure("Mission locale d'Évry", "2 place de l'Agora", "91000", "Évry-Courcouronnes", "91228", 48.6290, 2.4410, []),
}


def lieu(structure: str) -> list[dict]:
    """One place: the structure's own address."""
    keys = ("adresse", "code_postal", "commune", "code_insee", "latitude", "longitude")
    return [{k: STRUCTURES[structure][k] for k in keys}]


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

# Two bassins, and a forge for the « modifier » links.
TERRITOIRE = {
    "nom": "Essonne (test)",
    "departements": ["91"],
    "bassins": [{"nom": "Nord", "codes": [SACLAY]}, {"nom": "Centre", "codes": [COEUR, GPS]}],
    "forge": {"type": "github", "url": FORGE, "branche": "main"},
}


@pytest.fixture(scope="session")
def pinned():
    with pinned_date(TODAY):
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory, pinned) -> Repo:
    repo = write_catalogue(tmp_path_factory.mktemp("etat-site"), STRUCTURES, OFFRES, TERRITOIRE)
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


@pytest.fixture
def page(browser, base_url):
    context = french_context(browser)
    yield Page(context.new_page(), base_url)
    context.close()
