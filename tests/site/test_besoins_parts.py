"""A département too dense for one besoins/ file of 1 MB (issue 19: no data file of the site over 1 MB) is cut
into parts, as the geo/ files are (generator/site/search/geo.py `in_parts`): here with a limit of 1,200
bytes, the Essonne's mobility offers take several files, each under the limit, every offer in exactly one,
listed in besoins/index.json. The parcours page reads them all, and « Ma sélection » finds an offer of the
last part from the file its structure's index names (without the part)."""

import json

import pytest

from generator.site.search import geo as geo_module

from ..support import OFFRE, Page, french_context, served, write_catalogue

LIMIT = 1200
ESSONNE = [f"asso-a/garage-{k}" for k in range(1, 7)]
NATIONAL = "asso-b/conseil-national"


def offre(nom: str, zone: str) -> str:
    return OFFRE.replace("nom: Garage solidaire", f"nom: {nom}").replace('zone_eligibilite: ["91"]', f'zone_eligibilite: ["{zone}"]')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    offres = {ident: offre(f"Garage de l'Essonne {k}", "91") for k, ident in enumerate(ESSONNE, 1)}
    # The last one (in the last part) is the only one with free places: the parcours page shows it first.
    offres[ESSONNE[-1]] += "places:\n  total: 5\n  disponibles: 2\n  date: 2026-11-20\n"
    offres[NATIONAL] = offre("Conseil mobilité national", "france")
    repo = write_catalogue(tmp_path_factory.mktemp("besoins-parties"), offres=offres)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(geo_module, "MAX_BYTES", LIMIT)
        repo.build()
    with served(repo.site) as url:
        yield repo.site, url


def test_a_dense_departement_is_cut_into_files_under_the_limit(site):
    besoins = site[0] / "besoins"
    index = json.loads((besoins / "index.json").read_text(encoding="utf-8"))["fichiers"]["mobilite"]
    parts = [f for f in index if f != "france"]
    assert len(parts) >= 2 and parts == [f"91-{k}" for k in range(1, len(parts) + 1)]
    assert not (besoins / "mobilite" / "91.json").exists()
    ids = []
    for name in parts:
        path = besoins / "mobilite" / f"{name}.json"
        assert path.stat().st_size <= LIMIT
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data["offres"]:
            ids.append(entry[0])
            assert all(lieu[2] < len(data["horaires"]) for lieu in entry[10])  # each part has its own hours table
    assert sorted(ids) == ESSONNE  # each offer once
    # The structure's index names the file without its part.
    assert json.loads((besoins / "offres" / "asso-a.json").read_text(encoding="utf-8")) == {i: "mobilite/91" for i in ESSONNE}


@pytest.mark.browser
def test_the_parcours_and_the_selection_read_every_part(site, browser):
    context = french_context(browser)
    try:
        page = Page(context.new_page(), site[1])
        pg = page.open("parcours/?commune=91174&besoin=mobilite&rayon=50")
        pg.wait_for_selector("#parcours-groupes[data-pret]")
        shown = pg.evaluate("[...document.querySelectorAll('#parcours-groupes li[data-offre]')].map(li => li.dataset.offre)")
        assert shown[0] == ESSONNE[-1] and set(shown) <= {*ESSONNE, NATIONAL}
        requested = sorted(r.split("/besoins/", 1)[1] for r in page.requests if "/besoins/" in r)
        assert "mobilite/91-2.json" in requested and "mobilite/france.json" in requested
        # « Ma sélection » with the last offer only: found in its part, printed with its phone number.
        page = Page(context.new_page(), site[1])
        pg = page.open(f"selection/?ids={ESSONNE[-1]}")
        pg.wait_for_selector("#selection-tableau > li", state="attached")
        pg.emulate_media(media="print")
        text = pg.locator("#selection-tableau").inner_text()
        assert "Garage de l'Essonne 6" in text and "Téléphone :" in text and "n'existe plus" not in text
        assert page.errors == []
    finally:
        context.close()
