"""« État de l'offre » of a territory of three départements (Essonne, Yvelines, Val-d'Oise, EPCI rows): the overview
and the thématique pages have one row per département, each département a page with its EPCI rows whose figures
add up to the overview's; the offers to update are paginated. The one-département catalogue of conftest.py keeps
its pages (test_pages.py), and has no département page.

Offers: a crèche for Massy's residents (CA Paris-Saclay, Essonne only), a crèche for Mantes-la-Jolie's (CU Grand
Paris Seine et Oise, Yvelines only), a garage for all of Essonne, a permis course for all of Val-d'Oise; three
offers of the Mantes structure are past their update date (two pages of two offers in the test).
"""

from urllib.parse import unquote, urlsplit

import pytest

from generator.site.etat import detail

from ..support import Page, served, write_catalogue
from .conftest import BASE, parse, table

DEPS = ["91", "78", "95"]
NOMS = ["Essonne", "Yvelines", "Val-d'Oise"]
PARIS_SACLAY, GPSEO = "CA Communauté Paris-Saclay", "CU Grand Paris Seine et Oise"


def _structure(nom, cp, commune, insee, lat, lon) -> dict:
    return {"nom": nom, "adresse": "1 place de la Mairie", "code_postal": cp, "commune": commune, "code_insee": insee,
            "latitude": lat, "longitude": lon, "date_maj": "2026-10-01", "mainteneurs": ["@equipe"]}


STRUCTURES = {
    "ccas-massy": _structure("CCAS de Massy", "91300", "Massy", "91377", 48.7309, 2.2713),
    "ccas-mantes": _structure("CCAS de Mantes-la-Jolie", "78200", "Mantes-la-Jolie", "78361", 48.9908, 1.7167),
    "auto-ecole-95": _structure("Auto-école sociale du Val-d'Oise", "95100", "Argenteuil", "95018", 48.9472, 2.2467),
}


def _offre(nom, thematique, zone, date_maj="2026-11-01", **extra) -> dict:
    return {"nom": nom, "description": f"{nom} : une offre du catalogue de test sur trois départements.", "thematiques": [thematique],
            "zone_eligibilite": zone, "modes_accueil": ["a-distance"], "date_maj": date_maj, **extra}


OFFRES = {
    "ccas-massy/creche": _offre("Crèche de Massy", "famille--garde-denfants", ["91377"], places={"total": 10, "disponibles": 2, "date": "2026-11-01"}),
    "ccas-mantes/creche": _offre("Crèche de Mantes", "famille--garde-denfants", ["78361"], places={"total": 6, "disponibles": 1, "date": "2026-11-01"}),
    "ccas-massy/garage": _offre("Garage de l'Essonne", "mobilite--entretenir-reparer-son-vehicule", ["91"]),
    "auto-ecole-95/permis": _offre("Permis accompagné", "mobilite--preparer-un-permis", ["95"]),
    # Past their update date (8 months, frequency 6): listed « à mettre à jour », still published.
    **{f"ccas-mantes/atelier-{n}": _offre(f"Atelier numérique {n}", "numerique--acceder-a-des-services-en-ligne", ["78361"], "2026-03-01") for n in (1, 2, 3)},
}
TERRITOIRE = {"nom": "Trois départements (test)", "departements": DEPS}


@pytest.fixture(scope="module")
def trois(tmp_path_factory, pinned):
    repo = write_catalogue(tmp_path_factory.mktemp("etat-trois"), STRUCTURES, OFFRES, TERRITOIRE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detail, "OFFRES_PAR_PAGE", 2)  # two offers to update per page: three make two pages
        repo.build()
    return repo


def html_of(repo, url: str) -> str:
    return (repo.site / url / "index.html").read_text(encoding="utf-8")


def _matrix(doc) -> dict[str, dict[str, str]]:
    """Row name -> {category label -> cell text} of the table captioned « matrice-legende » (total row included)."""
    rows = table(doc.by_id("matrice-legende").parent)
    header = [c.text() for c in rows[0]]
    return {row[0].text(): dict(zip(header[1:], (c.text() for c in row[1:]))) for row in rows[1:]}


def _nombre(text: str) -> int:
    """« 2 offres : Famille, Essonne … » -> 2; « Lacune aucune offre … » -> 0."""
    words = text.replace("Lacune ", "").split()
    return 0 if words[0] == "aucune" else int(words[0])


def test_overview_has_one_row_per_departement_each_leading_to_its_page(trois):
    doc = parse(html_of(trois, BASE))
    cells = _matrix(doc)
    assert list(cells) == [*NOMS, "Tout le territoire (offres distinctes)"]
    assert cells["Essonne"]["Famille"].startswith("1 offre : Famille, Essonne")
    assert cells["Yvelines"]["Famille"].startswith("1 offre : Famille, Yvelines")
    assert cells["Val-d'Oise"]["Famille"].startswith("Lacune aucune offre")
    assert cells["Val-d'Oise"]["Mobilité"].startswith("1 offre : Mobilité, Val-d'Oise")
    assert cells["Tout le territoire (offres distinctes)"]["Famille"] == "2 offres 3 places libres sur 16"
    heads = {a.text(): a.attrs["href"] for a in doc.by_id("matrice-legende").parent.find_all("a") if a.parent.tag == "th" and a.parent.attrs.get("scope") == "row"}
    assert heads == {n: f"../etat-de-l-offre/departements/{d.lower()}/" for n, d in zip(NOMS, DEPS)}
    text = doc.text()
    assert "chaque ligne est un département, dont la page donne une ligne par EPCI" in text
    size = (trois.site / "donnees" / BASE / "matrice.csv").stat().st_size  # every EPCI × category: the file keeps them all
    assert f"Télécharger le tableau de toutes les cases (CSV, UTF-8, une ligne par case EPCI × thématique, {round(size / 1000)} ko)" in text
    # No page per EPCI listed on the overview: they are on the département pages.
    assert PARIS_SACLAY not in text


def test_departement_pages_show_their_epci_and_add_up_to_the_overview(trois):
    overview = _matrix(parse(html_of(trois, BASE)))
    for nom, dep in zip(NOMS, DEPS):
        cells = _matrix(parse(html_of(trois, f"{BASE}departements/{dep.lower()}/")))
        total = cells.pop("Tout le département (offres distinctes)")
        for label, text in total.items():
            # The département's total row is its row on the overview, figure for figure.
            assert _nombre(overview[nom][label]) == _nombre(text), (nom, label)
        # The crèches are open to one commune each, of an EPCI within one département: the rows add up.
        assert sum(_nombre(row["Famille"]) for row in cells.values()) == _nombre(total["Famille"])
        assert len(cells) > 3
    essonne = _matrix(parse(html_of(trois, BASE + "departements/91/")))
    assert essonne[PARIS_SACLAY]["Famille"].startswith("1 offre : Famille, CA Communauté Paris-Saclay")
    assert GPSEO in _matrix(parse(html_of(trois, BASE + "departements/78/"))) and GPSEO not in essonne
    # An EPCI across two départements of the catalogue is on both pages, and the page says so.
    assert "Métropole du Grand Paris" in essonne
    assert "Métropole du Grand Paris" in _matrix(parse(html_of(trois, BASE + "departements/95/")))
    assert "aussi sur la page de l'autre département" in parse(html_of(trois, BASE + "departements/91/")).text()


def test_thematique_page_has_departement_rows(trois):
    doc = parse(html_of(trois, BASE + "thematiques/famille/"))
    rows = table(doc.by_id("par-bassin").parent)
    assert rows[0][0].text() == "Département"
    assert [r[0].text().split(" EPCI")[0] for r in rows[1:]] == NOMS
    assert rows[1][0].text().startswith("Essonne EPCI sans offre : ")
    assert "Lacune : aucune offre dans Val-d'Oise." in doc.text()
    assert "Médiane : 1 offre par département." in doc.text()


def test_offers_to_update_are_paginated_past_the_limit(trois):
    first = parse(html_of(trois, BASE + "a-mettre-a-jour/"))
    second = parse(html_of(trois, BASE + "a-mettre-a-jour/2/"))
    assert "3 offres de 1 structure n'ont pas été vérifiées" in first.text()
    assert "Offres 1 à 2 sur 3, par structure." in first.text() and "Offres 3 à 3 sur 3, par structure." in second.text()
    assert [a.text() for a in first.find_all("a") if "atelier-" in a.attrs.get("href", "")] == ["Atelier numérique 1", "Atelier numérique 2"]
    assert [a.text() for a in second.find_all("a") if "atelier-" in a.attrs.get("href", "")] == ["Atelier numérique 3"]
    # The structure cut by the page break continues on the next page, and says so.
    assert second.by_id("structure-ccas-mantes").text() == "CCAS de Mantes-la-Jolie (suite)"
    nav = [n for n in first.find_all("nav") if n.attrs.get("aria-label", "").startswith("Pages des offres")]
    assert len(nav) == 2 and "../../etat-de-l-offre/a-mettre-a-jour/2/" in [a.attrs["href"] for a in nav[0].find_all("a")]


def test_a_territory_of_one_departement_keeps_its_pages(built):
    assert not (built.site / BASE / "departements").exists()
    assert not (built.site / BASE / "a-mettre-a-jour" / "2").exists()
    assert "Un bassin, toutes les thématiques" in parse(html_of(built, BASE)).text()


def test_every_link_of_the_new_pages_points_to_an_existing_page_and_anchor(trois):
    pages = [trois.site / BASE / "index.html", *sorted((trois.site / BASE / "departements").rglob("index.html")),
             trois.site / BASE / "thematiques/famille/index.html", *sorted((trois.site / BASE / "a-mettre-a-jour").rglob("index.html"))]
    assert len(pages) == 1 + 3 + 1 + 2
    for path in pages:
        for a in parse(path.read_text(encoding="utf-8")).find_all("a"):
            parts = urlsplit(a.attrs["href"])
            if parts.scheme:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{path.relative_to(trois.site)} : {a.attrs['href']}"
            if parts.fragment and target.suffix == ".html":
                assert parse(target.read_text(encoding="utf-8")).by_id(parts.fragment), f"{path.relative_to(trois.site)} : {a.attrs['href']}"


@pytest.fixture(scope="module")
def trois_url(trois):
    with served(trois.site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violation_on_the_new_pages(browser, trois_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR", service_workers="block")
    try:
        page = Page(context.new_page(), trois_url)
        for url in [BASE, BASE + "departements/91/", BASE + "thematiques/famille/", BASE + "a-mettre-a-jour/2/"]:
            page.open(url)
            assert page.axe() == [], url
            assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
        assert page.errors == []
    finally:
        context.close()
