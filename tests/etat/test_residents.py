"""État de l'offre counts what residents can use (issue 17, point 8), on a built site with the default bassins
(the EPCI of Essonne):

- a département-wide offer located in Massy (Paris-Saclay) counts in every bassin, with its places, even in
  the CC du Pays de Limours where no offer has a place;
- the Massy crèche, open to Massy's residents only, counts in Paris-Saclay « pour une partie des communes »;
- a remote offer open to Grand Paris Sud counts there, and its places add to the département-wide offer's;
- a territory page and the état page of the same EPCI give the same number of communes (Grand Paris Sud
  has 23 communes, 15 of them in Essonne), and its search form offers exactly those 15 communes.
"""

import re

import pytest

from generator.model.territoires import referentiel
from generator.model.vocab import Categorie

from ..support import Page, chromium, french_context, pinned_date, served, write_catalogue
from .conftest import GPS, SACLAY, STRUCTURES, lieu, parse, table

LIMOURS = "249100074"  # CC du Pays de Limours: no offer has a place there
BASE = "etat-de-l-offre/"

OFFRES = {
    "ccas-massy/accompagnement-mobilite": {
        "nom": "Aide à la mobilité", "description": "Conseil en mobilité et aides au transport pour les personnes en insertion.",
        "thematiques": ["mobilite--etre-accompagne-dans-son-parcours-mobilite"], "zone_eligibilite": ["91"],
        "lieux": lieu("ccas-massy"), "places": {"total": 12, "disponibles": 4, "date": "2026-11-10"}, "date_maj": "2026-11-10",
    },
    "ccas-massy/creche": {
        "nom": "Crèche à vocation d'insertion", "description": "Places en crèche pour les parents en recherche d'emploi.",
        "thematiques": ["famille--garde-denfants"], "zone_eligibilite": ["91377"], "lieux": lieu("ccas-massy"),
        "places": {"total": 10, "disponibles": 2, "date": "2026-11-01"}, "date_maj": "2026-11-01",
    },
    "ml-evry/permis-en-ligne": {
        "nom": "Code de la route en ligne", "description": "Préparation au code de la route sur ordinateur, avec un tuteur.",
        "thematiques": ["mobilite--preparer-un-permis"], "zone_eligibilite": [GPS], "modes_accueil": ["a-distance"],
        "places": {"total": 3, "disponibles": 1, "date": "2026-11-15"}, "date_maj": "2026-11-15",
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    structures = {k: STRUCTURES[k] for k in ("ccas-massy", "ml-evry")}
    repo = write_catalogue(tmp_path_factory.mktemp("residents"), structures, OFFRES, {"nom": "Essonne (test)", "departements": ["91"]})
    with pinned_date("2026-11-23"):
        repo.build()
    return repo.site


def page(site, url: str):
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


def cells(site) -> dict[tuple[str, str], str]:
    """(EPCI code, category code) -> the words of the matrix cell."""
    doc = page(site, BASE)
    out = {}
    for row in table(doc.by_id("matrice-legende").parent)[1:-1]:
        code = row[0].find_all("a")[0].attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        for td in row[1:]:
            category = td.find_all("a")[0].attrs["href"].rsplit("#", 1)[-1]
            out[(code, category)] = td.text()
    return out


def test_a_bassin_without_any_place_counts_the_departement_wide_offer_and_its_places(site):
    c = cells(site)
    limours = c[(LIMOURS, "mobilite")]
    assert limours.startswith("1 offre") and "4 places libres sur 12" in limours and "partie" not in limours
    bassin = page(site, BASE + f"bassins/{LIMOURS}/")
    mobilite = bassin.by_id("mobilite").parent.text()
    assert "Aide à la mobilité — CCAS de Massy · accueil hors du bassin · 4 places libres sur 12" in mobilite
    # The crèche is open to Massy's residents only: Limours has no garde d'enfants offer.
    assert c[(LIMOURS, "famille")].startswith("Lacune")


def test_places_of_every_offer_open_to_the_bassin_are_summed_as_the_page_says(site):
    c = cells(site)
    gps = c[(GPS, "mobilite")]
    # The département-wide offer (4 free of 12) and the remote one open to Grand Paris Sud (1 free of 3).
    assert gps.startswith("2 offres") and "5 places libres sur 15" in gps
    doc = page(site, BASE)
    assert "total des places déclarées par les offres comptées dans la case" in doc.text()
    assert "Une offre compte dans un bassin quand les habitants d'au moins une de ses communes y ont droit" in doc.text()
    # Over the whole territory each offer counts once: 5 free of 15 again, not 4 × 14 bassins.
    footer = table(doc.by_id("matrice-legende").parent)[-1]
    mobilite = [c.value for c in Categorie].index("mobilite")
    assert footer[1 + mobilite].text() == "2 offres 5 places libres sur 15"


def test_an_offer_open_to_part_of_a_bassin_is_counted_and_said_so(site):
    saclay = cells(site)[(SACLAY, "famille")]
    assert saclay.startswith("1 offre") and "dont 1 pour une partie des communes seulement" in saclay
    famille = page(site, BASE + f"bassins/{SACLAY}/").by_id("famille").parent.text()
    assert "Crèche à vocation d'insertion — CCAS de Massy · accueil dans le bassin · pour une partie des communes seulement" in famille


def test_the_bassin_csv_lists_every_counted_offer(site):
    rows = (site / "donnees" / BASE / f"bassins/{LIMOURS}.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("thematique,code_thematique,offre,nom,structure,pour_une_partie_des_communes,lieu")
    assert [r.split(",")[2] for r in rows[1:]] == ["ccas-massy/accompagnement-mobilite"]


def communes_number(node) -> tuple[int, int]:
    """(communes counted, communes left out) from a page's « communes » paragraph."""
    text = node.text().split("Offres du territoire")[0]  # the links that follow name territories (« CC des 2 Vallées »)
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return (numbers[0], numbers[1] if len(numbers) > 1 else 0)


def test_territory_and_etat_pages_give_the_same_number_of_communes(site):
    territoire = page(site, f"territoires/{GPS}/").by_id("communes")
    etat = page(site, BASE + f"bassins/{GPS}/").by_id("communes")
    assert communes_number(territoire) == communes_number(etat) == (15, 8)  # 23 communes, 8 in Seine-et-Marne
    checked = 0
    for folder in sorted((site / BASE / "bassins").iterdir()):
        if (site / "territoires" / folder.name).is_dir():
            t = communes_number(page(site, f"territoires/{folder.name}/").by_id("communes"))
            assert t == communes_number(page(site, BASE + f"bassins/{folder.name}/").by_id("communes")), folder.name
            checked += 1
    assert checked >= 10


def test_the_territory_search_lets_the_visitor_choose_one_of_its_communes(site):
    ref = referentiel()
    doc = page(site, f"territoires/{GPS}/")
    (form,) = [f for f in doc.find_all("form") if f.attrs.get("class") == "cat-territoire-recherche"]
    assert form.attrs["method"] == "get" and form.attrs["action"] == "../../recherche/"
    (select,) = form.find_all("select")
    assert select.attrs["name"] == "commune" and "required" in select.attrs
    assert doc.find_all("label", **{"for": select.attrs["id"]})
    codes = [o.attrs["value"] for o in select.find_all("option")]
    assert codes[0] == ""  # « Choisir une commune »: no commune chosen for the visitor
    assert sorted(codes[1:]) == sorted(c for c in ref.epci[GPS]["membres"] if ref.communes[c]["departement"] == "91")
    assert "91228" in codes  # Évry-Courcouronnes
    # The département's page offers each of its communes, as many as it says it has.
    dep = page(site, "territoires/91/")
    options = [o for o in dep.find_all("option") if o.attrs["value"]]
    assert len(options) == communes_number(dep.by_id("communes"))[0] == sum(c["departement"] == "91" for c in ref.communes.values())
    english = page(site, f"en/territoires/{GPS}/")
    assert "Not counting 8 towns" in english.by_id("communes").text()


def test_choosing_a_commune_opens_the_search_for_its_residents_in_chromium(site):
    with served(site) as base, chromium() as browser:
        context = french_context(browser)
        page = Page(context.new_page(), base)
        pg = page.open(f"territoires/{GPS}/")
        pg.select_option("#territoire-commune", "91228")
        pg.click(".cat-territoire-recherche button")
        pg.wait_for_url("**/recherche/?commune=91228")
        pg.wait_for_function("() => document.getElementById('commune-saisie').value !== ''")
        assert pg.locator("#commune-saisie").input_value().startswith("Évry-Courcouronnes")
        assert page.errors == []
        context.close()
