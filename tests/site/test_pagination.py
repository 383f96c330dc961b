"""Lists of any size stay small: thématique, category, territory and structure pages in pages of 200 offers."""

import re

from generator.site.pages import pagination

from ..support import OFFRE, write_catalogue

N = 450


def test_long_lists_are_split_into_linked_pages_of_bounded_size(tmp_path):
    # One structure publishes 410 of them (a national operator's antennas), the others one each.
    offres = {f"asso-{0 if i < 410 else i}/offre-{i:03d}": OFFRE.replace("nom: Garage solidaire", f"nom: Garage solidaire {i:03d}") for i in range(N)}
    repo = write_catalogue(tmp_path, offres=offres)
    repo.build()
    pages = [repo.site / "thematiques" / "mobilite" / "index.html", repo.site / "thematiques" / "mobilite" / "2" / "index.html",
             repo.site / "thematiques" / "mobilite" / "3" / "index.html"]
    assert all(p.is_file() for p in pages) and not (repo.site / "thematiques" / "mobilite" / "4").exists()
    seen = []
    for p in pages:
        html = p.read_text(encoding="utf-8")
        assert len(html.encode()) < 200_000
        seen += re.findall(r"Garage solidaire (\d{3})</a>", html)
    assert sorted(seen) == [f"{i:03d}" for i in range(N)]  # every offer once, in order
    first = pages[0].read_text(encoding="utf-8")
    assert "Offres 1 à 200 sur 450." in first
    assert '<a href="../../thematiques/mobilite/2/">Page suivante</a>' in first and 'aria-current="page">Page 1</a>' in first
    last = pages[2].read_text(encoding="utf-8")
    assert "Offres 401 à 450 sur 450." in last and "Page précédente" in last and "Page suivante" not in last
    # The territory page and the English pages follow.
    assert (repo.site / "territoires" / "91" / "3" / "index.html").is_file()
    english = (repo.site / "en" / "thematiques" / "mobilite" / "2" / "index.html").read_text(encoding="utf-8")
    assert "Offers 201 to 400 of 450." in english and "Next page" in english
    # The structure's page too: its details on each page, its 410 offers once each.
    structure = [repo.site / "structures" / "asso-0" / p / "index.html" for p in ("", "2", "3")]
    assert not (repo.site / "structures" / "asso-0" / "4").exists()
    seen = []
    for p in structure:
        html = p.read_text(encoding="utf-8")
        assert len(html.encode()) < 200_000 and "Offres de la structure (410)" in html
        seen += re.findall(r"Garage solidaire (\d{3})</a>", html)
    assert sorted(seen) == [f"{i:03d}" for i in range(410)]
    assert "Offres 401 à 410 sur 410." in structure[2].read_text(encoding="utf-8")


def test_pagination_links_stay_few_on_long_lists():
    links = pagination.links("thematiques/x/", 50, 100)
    texts = [link["texte"] for link in links]
    assert texts[0] == "Page précédente" and texts[-1] == "Page suivante"
    assert "Page 1" in texts and "Page 100" in texts and texts.count("…") == 2 and len(links) <= 11
