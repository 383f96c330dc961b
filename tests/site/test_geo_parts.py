"""A département too dense for one geo/ file of 1 MB is cut into parts (generator/site/search/geo.py), listed
in geo/index.json: here with a limit of 400 bytes, the fixture catalogue's Essonne takes several files, each
under the limit, every offer in exactly one, and the map and the commune search read them all in Chromium."""

import json

import pytest

from generator.site.search import geo as geo_module

from ..support import french_context, served
from .conftest import Page

LIMIT = 400


@pytest.fixture(scope="module")
def cut(tmp_path_factory, pinned_today):
    from ..support import write_catalogue
    from .catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE

    repo = write_catalogue(tmp_path_factory.mktemp("geo-parts"), STRUCTURES, OFFRES, TERRITOIRE)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(geo_module, "MAX_BYTES", LIMIT)
        repo.build()
    return repo


def test_a_dense_departement_is_cut_into_files_under_the_limit(cut):
    geo = cut.site / "geo"
    manifest = json.loads((geo / "index.json").read_text())
    for kind in ("offres", "points"):
        names = manifest[kind]["91"]
        assert len(names) >= 2 and names == [f"{kind}-91-{k}.json" for k in range(1, len(names) + 1)]
        ids = []
        for name in names:
            assert (geo / name).stat().st_size <= LIMIT
            data = json.loads((geo / name).read_text())
            for entry in data["offres"]:
                ids.append(entry[0])
                hours = [entry[1], *(lieu[2] for lieu in entry[2])]
                assert all(h < len(data["horaires"]) for h in hours)  # each part has its own hours table
        assert len(ids) == len(set(ids)) == 4  # the fixture's four public offers placed in Essonne, once each
    assert manifest["offres"]["autres"] == ["offres-autres.json"]  # a small one stays whole


@pytest.mark.browser
def test_the_map_and_the_commune_search_read_every_part(cut, browser):
    with served(cut.site) as url:
        context = french_context(browser)
        page = Page(context.new_page(), url)
        page.open("carte/")
        page.page.wait_for_function("() => document.getElementById('carte').dataset.marqueurs")
        assert page.page.locator("#carte").get_attribute("data-marqueurs") == "5"  # every place of every part
        page.open("recherche/?commune=91174")
        page.page.wait_for_function("() => /les plus proches/.test(document.getElementById('resultats-nombre').textContent)")
        assert any("/geo/points-91-2.json" in u for u in page.requests)
        # The two placed offers open to Corbeil's residents (read from the parts), both with their distance.
        page.page.wait_for_function("() => document.querySelectorAll('#resultats .cat-card__distance').length === 2")
        assert "à distance" in page.page.locator("#resultats").inner_text()  # the remote one, without a distance
        assert page.errors == []
        context.close()
