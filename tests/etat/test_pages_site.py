"""« État de l'offre » pages as a site: every link resolves, no inline script or style, the same bytes at each
build, and, in headless Chromium, no accessibility violation, a keyboard path through the matrix, no outside
request. What the pages say: test_pages.py."""

import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.cli.build import make_site
from generator.opendata.common import generation_date
from generator.pipeline.load import discover
from generator.pipeline.validate import validate
from generator.site.etat import pages as render_etat

from .conftest import BASE, FORGE, parse


def _etat_pages(site: Path) -> list[Path]:
    return sorted((site / BASE).rglob("index.html"))


def test_every_link_of_the_etat_pages_points_to_an_existing_page_and_anchor(built):
    pages = _etat_pages(built.site)
    assert len(pages) == 1 + 16 + 2 + 2
    checked = 0
    for path in pages:
        doc = parse(path.read_text(encoding="utf-8"))
        for a in doc.find_all("a"):
            href = a.attrs["href"]
            if href.startswith(("http://", "https://", "mailto:")):
                assert href.startswith(FORGE), href
                continue
            parts = urlsplit(href)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(built.site)} : {href}"
            if parts.fragment and target.suffix == ".html":
                assert parse(target.read_text(encoding="utf-8")).by_id(parts.fragment), f"{path.relative_to(built.site)} : {href}"
            checked += 1
    assert checked > 200


def test_pages_have_no_inline_script_or_style_and_keep_the_csp(built):
    for path in _etat_pages(built.site):
        page = path.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in page
        doc = parse(page)
        assert all(s.attrs.get("src") for s in doc.find_all("script")), path
        assert not any("style" in n.attrs for n in doc.iter()), path
        assert not doc.find_all("style"), path
        assert "assets/catalogue/etat.css" in page
        assert len(doc.find_all("h1")) == 1
    assert (built.site / "assets" / "catalogue" / "etat.css").is_file()


def test_etat_output_is_deterministic(built, tmp_path):
    cat = validate(built.offers, discover([built.offers], built.offers), territoire=built.territoire)
    _, site = make_site(cat, "", generation_date(built.root))
    out = tmp_path / "again"
    render_etat.write_pages(site, out)
    first = {p.relative_to(built.site / BASE): p.read_bytes() for p in (built.site / BASE).rglob("*") if p.is_file()}
    again = {p.relative_to(out / BASE): p.read_bytes() for p in (out / BASE).rglob("*") if p.is_file()}
    assert first == again


# ----- in headless Chromium ---------------------------------------------------------------------------------------------

ETAT_PAGES = [
    BASE,
    BASE + "thematiques/famille/",
    BASE + "thematiques/mobilite/",
    BASE + "bassins/nord/",
    BASE + "bassins/centre/",
    BASE + "doublons/",
    BASE + "a-mettre-a-jour/",
]


@pytest.mark.browser
@pytest.mark.parametrize("url", ETAT_PAGES)
def test_axe_finds_no_violation(page, url):
    pg = page.open(url)
    assert page.axe() == []
    levels = pg.evaluate("[...document.querySelectorAll('article h1, article h2, article h3, article h4')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1 and all(b - a <= 1 for a, b in pairwise(levels)), levels
    assert page.errors == []


@pytest.mark.browser
def test_axe_finds_no_violation_on_a_phone(browser, base_url):
    from .conftest import Page

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        page = Page(context.new_page(), base_url)
        page.open(BASE)
        assert page.axe() == []
        # The matrix scrolls inside its region; the page itself does not scroll sideways.
        assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.page.evaluate("(() => { const r = document.querySelector('.cat-etat-defilement'); return r.scrollWidth > r.clientWidth; })()")
    finally:
        context.close()


FOCUSED_STYLE = "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"


@pytest.mark.browser
def test_keyboard_reaches_the_matrix_region_and_its_cell_links_with_visible_focus(browser, base_url):
    from .conftest import Page

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        page = Page(context.new_page(), base_url)
        pg = page.open(BASE)
        for _ in range(60):
            pg.keyboard.press("Tab")
            if pg.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "matrice-legende":
                break
        else:
            raise AssertionError("Tab never reached the matrix region")
        assert pg.evaluate("document.activeElement.getAttribute('role')") == "region"
        style, width = pg.evaluate(FOCUSED_STYLE)
        assert style != "none" and width != "0px"
        # On, through the column headers, to the cell links; the region scrolls to show the focused one.
        reached = []
        for _ in range(80):
            pg.keyboard.press("Tab")
            if pg.evaluate("!!document.activeElement.closest('.cat-etat-matrice td')"):
                reached.append(pg.evaluate("document.activeElement.getAttribute('href')"))
                style, width = pg.evaluate(FOCUSED_STYLE)
                assert style != "none" and width != "0px"
                if len(reached) == 16:
                    break
        assert reached[0] == "../etat-de-l-offre/bassins/nord/#choisir-un-metier"
        assert reached[-1] == "../etat-de-l-offre/bassins/nord/#trouver-un-emploi"
        assert pg.evaluate("document.querySelector('.cat-etat-defilement').scrollLeft") > 0
        box = pg.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); return [r.left, r.right]; })()")
        assert 0 <= box[0] and box[1] <= 390
        # Enter opens the list of the offers counted in that cell.
        pg.keyboard.press("Shift+Tab")
        for _ in range(10):
            if pg.evaluate("document.activeElement.getAttribute('href')") == "../etat-de-l-offre/bassins/nord/#mobilite":
                break
            pg.keyboard.press("Shift+Tab")
        pg.keyboard.press("Enter")
        pg.wait_for_url(re.compile(r"etat-de-l-offre/bassins/nord/#mobilite$"))
        assert pg.evaluate("document.querySelector(':target').textContent") == "Mobilité"
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_no_request_leaves_the_site(page, base_url):
    for url in ETAT_PAGES:
        page.open(url)
    others = [u for u in page.requests if not u.startswith(base_url) and not u.startswith("data:")]
    assert others == []
