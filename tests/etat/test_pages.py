"""« État de l'offre » pages, built from the hand-made catalogue of conftest.py whose matrix is known:

bassin Nord (CA Paris-Saclay): Famille = la crèche (2 places libres sur 10, comptage récent);
Mobilité = ccas-massy/garage + ml-evry/permis-en-ligne (à distance), places non comptées.
Bassin Centre (Cœur d'Essonne + Grand Paris Sud): Mobilité = the two other garages (0 place libre sur 5,
comptage de 10 mois : pas récent). Every other cell is a gap (29 of 32); the stale atelier numérique
is not published. One duplicate pair; ccas-massy/garage ~ asso-mobilite/garage is excluded.
The pages as a site (links, accessibility, keyboard): test_pages_site.py.
"""

import csv
import io
import re

from generator.cli.build import make_site
from generator.model.vocab import Categorie
from generator.opendata.common import generation_date
from generator.pipeline.load import discover
from generator.pipeline.validate import validate
from generator.site.etat import pages as render_etat

from ..support import write_catalogue
from .conftest import BASE, FORGE, OFFRES, STRUCTURES, parse, table


def html(built, url: str) -> str:
    return (built.site / url / "index.html").read_text(encoding="utf-8")


def matrix(built) -> dict[tuple[str, str], str]:
    """(bassin, category label) -> text of the cell, read from the page's table."""
    doc = parse(html(built, BASE))
    caption = doc.by_id("matrice-legende")
    rows = table(caption.parent)
    header = [c.text() for c in rows[0]]
    assert header[0] == "Bassin" and header[1:] == [c.label for c in Categorie]
    out = {}
    for row in rows[1:]:
        if row[0].text().startswith("Tout le territoire"):
            continue
        assert row[0].attrs == {"scope": "row"}
        for label, cell in zip(header[1:], row[1:]):
            out[(row[0].text(), label)] = cell.text()
    return out


def test_matrix_page_shows_the_known_cells_in_words(built):
    cells = matrix(built)
    assert {b for b, _ in cells} == {"Nord", "Centre"} and len(cells) == 32
    # The Massy crèche is open to Massy's residents only: part of Nord.
    assert cells[("Nord", "Famille")] == "1 offre : Famille, Nord dont 1 pour une partie des communes seulement 2 places libres sur 10 100 % des comptages récents"
    # The département-wide garage (located in Centre) is open to Nord's residents too, with its places.
    partly = "dont 1 pour une partie des communes seulement"
    assert cells[("Nord", "Mobilité")] == f"3 offres : Mobilité, Nord {partly} aucune place libre sur 5 0 % des comptages récents"
    assert cells[("Centre", "Mobilité")] == f"2 offres : Mobilité, Centre {partly} aucune place libre sur 5 0 % des comptages récents"
    # Where garde d'enfants is missing: a gap, said in words.
    assert cells[("Centre", "Famille")] == "Lacune aucune offre : Famille, Centre"
    # The stale offer is not published: Numérique stays a gap in Nord.
    assert cells[("Nord", "Numérique")].startswith("Lacune")
    assert sum(text.startswith("Lacune") for text in cells.values()) == 29
    assert not any("Sur-offre" in text for text in cells.values())


def test_matrix_is_an_accessible_table_in_a_named_focusable_scroll_region(built):
    doc = parse(html(built, BASE))
    caption = doc.by_id("matrice-legende")
    tbl = caption.parent
    assert tbl.tag == "table" and caption.tag == "caption"
    region = tbl.parent
    assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0" and region.attrs["aria-labelledby"] == "matrice-legende"
    assert all(th.attrs.get("scope") in ("col", "row") for th in tbl.find_all("th"))
    assert len(tbl.find_all("th", scope="col")) == 17
    # Gap and over-supply cells carry a class only as a repeat of their words.
    gaps = [td for td in tbl.find_all("td") if "cat-etat-case--lacune" in td.attrs.get("class", "")]
    assert len(gaps) == 29 and all(td.text().startswith("Lacune") for td in gaps)


def test_key_figures_and_lists_of_gaps(built):
    text = parse(html(built, BASE)).text()
    for expected in [
        "5 offres publiées (sur 6 fiches)",
        "3 structures",
        "2 places libres sur 15 (2 offres comptent leurs places)",
        "50 % des comptages de places sont récents",
        "29 cases vides sur 32 (bassin × thématique)",
        "1 groupe de doublons possibles",
        "1 offre à mettre à jour",
        "Famille : aucune offre dans Centre.",
        "Numérique : aucune offre dans aucun bassin.",
        "Aucune case n'est signalée.",
    ]:
        assert expected in text, expected
    assert "Créer une entreprise : aucune offre dans aucun bassin." in text


def test_each_cell_links_to_its_list_of_offers_on_the_bassin_page(built):
    doc = parse(html(built, BASE))
    tbl = doc.by_id("matrice-legende").parent
    links = [a for td in tbl.find_all("td") for a in td.find_all("a")]
    assert len(links) == 32
    assert links[5].attrs["href"] == "../etat-de-l-offre/bassins/nord/#famille"  # Nord × Famille
    bassin = parse(html(built, BASE + "bassins/nord/"))
    section = bassin.by_id("mobilite").parent
    names = [a.text() for a in section.find_all("a") if a.attrs["href"].startswith("../../../offres/")]
    # Counted because Nord's residents are eligible: the département-wide garage, located in Centre.
    assert names == ["Code de la route en ligne", "Garage solidaire", "Garage solidaire"]
    assert "3 offres · aucune place libre sur 5" in section.text()
    assert "Garage solidaire — Association Mobilité 91 · accueil hors du bassin ·" in section.text()
    assert "Code de la route en ligne — Mission locale d'Évry · sans lieu d'accueil" in section.text()
    famille = bassin.by_id("famille").parent.text()
    assert ("Crèche à vocation d'insertion — CCAS de Massy · accueil dans le bassin · pour une partie des communes seulement"
            " · 2 places libres sur 10") in famille
    centre = parse(html(built, BASE + "bassins/centre/"))
    assert centre.by_id("famille").text() == "Famille : lacune"
    mobilite = centre.by_id("mobilite").parent.text()
    assert "Garage solidaire — Association Mobilité 91 · accueil dans le bassin · places à confirmer (comptage du 5 janvier 2026)" in mobilite
    assert "Garage solidaire — Mission locale d'Évry" in mobilite
    # From a section, the search of the category (the search filters by commune, not by bassin).
    hrefs = [a.attrs["href"] for a in centre.by_id("famille").parent.find_all("a")]
    assert "../../../recherche/?thematique=famille" in hrefs
    assert "../../../etat-de-l-offre/thematiques/famille/" in hrefs


def test_thematique_page_answers_where_garde_d_enfants_is_missing(built):
    doc = parse(html(built, BASE + "thematiques/famille/"))
    assert "Lacune : aucune offre dans Centre." in doc.text()
    rows = table(doc.by_id("par-besoin").parent)
    header = [c.text() for c in rows[0]]
    col = header.index("Garde d’enfants")
    by_bassin = {r[0].text(): r[col].text() for r in rows[1:]}
    assert by_bassin == {"Nord": "1 offre 2 places libres sur 10", "Centre": "Lacune aucune offre"}
    rows = table(doc.by_id("par-bassin").parent)
    assert [r[0].text() for r in rows[1:]] == ["Nord", "Centre"]
    assert "Médiane : 0,5 offre par bassin." in doc.text()
    mobilite = parse(html(built, BASE + "thematiques/mobilite/")).text()
    assert "Chaque bassin a au moins une offre." in mobilite
    assert "Toutes les places comptées sont occupées dans Nord, Centre." in mobilite


def test_bassin_page_lists_its_gaps_and_territory_pages(built):
    doc = parse(html(built, BASE + "bassins/centre/"))
    rows = table(doc.by_id("par-thematique").parent)
    assert len(rows) == 17
    text = doc.text()
    assert "Lacunes (aucune offre) : Choisir un métier" in text and "Famille" in text
    hrefs = {a.attrs["href"] for a in doc.find_all("a")}
    assert {"../../../territoires/200057859/", "../../../territoires/200059228/"} <= hrefs


def test_duplicates_page_lists_the_group_not_the_excluded_one_and_explains_how_to_exclude(built):
    page = html(built, BASE + "doublons/")
    doc = parse(page)
    groups = doc.find_all("ol", class_="cat-etat-paires")[0].find_all("li")
    items = [li for li in groups if li.find_all("h3")]
    assert len(items) == 1
    group = items[0].text()
    assert "Garage solidaire : 2 offres de 2 structures" in group
    assert re.search(r"Ressemblance : jusqu'à (\d+) sur 100", group) and int(re.search(r"(\d+) sur 100", group).group(1)) >= 80
    assert "Association Mobilité 91" in group and "Mission locale d'Évry" in group
    assert "Ajouter ml-evry/garage à doublons_ecartes dans offers/asso-mobilite/garage.yml" in group
    assert f'href="{FORGE}/edit/main/offers/asso-mobilite/garage.yml"' in page
    # ccas-massy/garage has the same name, but its file sets the other aside: not listed at all.
    assert "ccas-massy/garage" not in page and "CCAS de Massy" not in page
    assert "doublons_ecartes:\n  - ml-evry/garage" in page


def test_a_mettre_a_jour_groups_stale_offers_under_their_structure_with_maintainers(built):
    doc = parse(html(built, BASE + "a-mettre-a-jour/"))
    sections = doc.find_all("section")
    assert [s.find_all("h2")[0].text() for s in sections] == ["CCAS de Massy"]
    text = sections[0].text()
    assert "Mainteneurs : @ccas-massy." in text
    assert "Atelier numérique (ccas-massy/atelier-numerique) : vérifiée le 1er janvier 2025, plus publiée, à vérifier tous les 6 mois" in text
    assert "1 offre de 1 structure n'a pas été vérifiée" in doc.text()


def test_chart_is_an_svg_image_with_title_description_and_the_same_data_as_a_table(built):
    page = html(built, BASE)
    doc = parse(page)
    svg = doc.find_all("svg")[0]
    assert svg.attrs["role"] == "img"
    title, desc = svg.attrs["aria-labelledby"].split()
    assert doc.by_id(title).tag == "title" and doc.by_id(desc).tag == "desc"
    assert "Le tableau qui suit donne les mêmes chiffres" in doc.by_id(desc).text()
    labels = [t.text() for t in svg.find_all("text")]
    assert "Famille" in labels and "1 offre" in labels and "2 libres / 10" in labels and "4 offres" in labels and "0 libre / 5" in labels
    assert svg.find_all("pattern")  # occupied places are hatched, not just another colour
    rows = {r[0].text(): [c.text() for c in r[1:]] for r in table(doc.by_id("donnees-graphique").parent)[1:]}
    assert rows["Famille"] == ["1", "2", "10", "100 %"]
    assert rows["Mobilité"] == ["4", "0", "5", "0 %"]  # distinct offers over both bassins
    assert rows["Santé"] == ["0", "non comptées", "non comptées", "sans objet"]


def test_csv_of_the_matrix(built):
    raw = (built.site / "donnees" / BASE / "matrice.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == render_etat.CSV_HEADER
    assert len(rows) == 1 + 32
    by_key = {(r[1], r[3]): r for r in rows[1:]}
    assert by_key[("nord", "famille")] == ["Nord", "nord", "Famille", "famille", "1", "10", "2", "1", "1", "100", "non", "non", "1"]
    assert by_key[("centre", "mobilite")] == ["Centre", "centre", "Mobilité", "mobilite", "2", "5", "0", "1", "0", "0", "non", "non", "1"]
    assert by_key[("centre", "famille")][4:] == ["0", "0", "0", "0", "0", "", "oui", "non", "0"]
    assert sum(r[10] == "oui" for r in rows[1:]) == 29
    assert b"\r\n" in raw
    assert 'href="../donnees/etat-de-l-offre/matrice.csv"' in html(built, BASE)


def test_default_bassins_are_the_epci_when_none_are_configured(built, tmp_path):
    root = write_catalogue(tmp_path / "repo", STRUCTURES, OFFRES, {"nom": "Essonne (test)", "departements": ["91"]}).root
    cat = validate(root / "offers", discover([root / "offers"], root / "offers"), territoire=root / "territoire.yml")
    _, site = make_site(cat, "", generation_date(root))
    render_etat.write_pages(site, tmp_path / "out")
    doc = parse((tmp_path / "out" / BASE / "index.html").read_text(encoding="utf-8"))
    rows = table(doc.by_id("matrice-legende").parent)
    assert rows[0][0].text() == "EPCI"
    names = [r[0].text() for r in rows[1:-1]]
    assert "CA Communauté Paris-Saclay" in names and "CA Grand Paris Sud Seine Essonne Sénart" in names
    assert (tmp_path / "out" / BASE / "bassins" / "200056232" / "index.html").is_file()
    assert "chaque ligne est un EPCI" in doc.text()


def test_duplicates_csv_lists_every_member_of_every_group(built):
    raw = (built.site / "donnees" / BASE / "doublons.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert rows[0] == ["groupe", "score_groupe", "offre", "score"]
    assert [(r[0], r[2]) for r in rows[1:]] == [("1", "asso-mobilite/garage"), ("1", "ml-evry/garage")]
    assert 'href="../../donnees/etat-de-l-offre/doublons.csv"' in html(built, BASE + "doublons/")


def test_many_duplicates_are_split_into_pages_with_links_between_them(built, tmp_path):
    cat = validate(built.offers, discover([built.offers], built.offers), territoire=built.territoire)
    _, site = make_site(cat, "", generation_date(built.root))
    e = render_etat.compute(site)
    e.doublons = e.doublons * 25
    views = render_etat.doublons_views(e, per_page=2)
    assert len(views) == 13
    assert [v["url"] for v in views[:3]] == [BASE + "doublons/", BASE + "doublons/2/", BASE + "doublons/3/"]
    assert sum(len(v["groupes"]) for v in views) == 25 and len(views[-1]["groupes"]) == 1
    assert views[0]["premiere"] and not views[1]["premiere"]
    assert views[1]["etendue"] == "Groupes 3 à 4 sur 25, du plus ressemblant au moins ressemblant."
    labels = [p["texte"] for p in views[6]["pages"]]
    assert labels == ["Page précédente", "Page 1", "…", "Page 5", "Page 6", "Page 7", "Page 8", "Page 9", "…", "Page 13", "Page suivante"]
    assert [p["texte"] for p in views[6]["pages"] if p["courante"]] == ["Page 7"]
    # Rendered: each page links to its neighbours, and the links resolve.
    from generator.site.render import Renderer

    r = Renderer(site, tmp_path)
    for view in views:
        r.page("etat_doublons.html", view)
    page7 = tmp_path / BASE / "doublons" / "7" / "index.html"
    doc = parse(page7.read_text(encoding="utf-8"))
    nav = doc.find_all("nav", class_="cat-pages")
    assert len(nav) == 2
    for a in nav[0].find_all("a"):
        target = (page7.parent / a.attrs["href"]).resolve()
        assert (target / "index.html").is_file(), a.attrs["href"]
    assert [a.text() for a in nav[0].find_all("a") if a.attrs.get("aria-current") == "page"] == ["Page 7"]
    assert doc.find_all("ol", class_="cat-etat-paires")[0].attrs["start"] == "13"
