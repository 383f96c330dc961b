"""Phone first: every page type at 320 CSS px wide (a small phone), in headless Chromium.

On every page type: nothing scrolls sideways, axe finds no violation, and every visible control of the
header, the content and the footer offers a tap target of at least 44 × 44 CSS px (WCAG 2.5.5), links
inside a sentence excepted. The header menu is usable at that width, with the keyboard too.
"""

import pytest

from .conftest import Page

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 320, 640
MIN_TARGET = 44  # CSS px, WCAG 2.5.5 (AAA) and the platforms' guidelines

GARAGE = "offres/mobilite-solidaire/garage-solidaire/"
CV = "offres/mission-locale-massy/atelier-cv/"


def add_to_selection(pg, page: Page):
    """The selection page with two offers: their cards, fiches and actions (print, share, empty)."""
    for url in (GARAGE, CV):
        page.open(url)
        pg.click("[data-selection-bouton]")
    page.open("selection/")
    pg.wait_for_selector("#selection-fiches .cat-fiche >> nth=1")


def unfold(pg):
    """« Filtrer (n) »: at 320 px the commune and the facets fold behind it (tests/site/test_filtres.py)."""
    toggle = pg.locator("#filtrer")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


def open_filters(pg, page: Page):
    """Every facet of the search unfolded, a commune chosen: each checkbox label is on screen."""
    page.results()
    unfold(pg)
    closed = pg.locator("details.cat-facette:not([open]) > summary")
    assert closed.count() >= 3
    while closed.count():
        closed.first.click()


def choose_a_commune(pg, page: Page):
    """Suggestions listed under the commune field: the [role=option] entries are tap targets too."""
    page.results()
    unfold(pg)
    pg.fill("#commune-saisie", "sa")  # many suggestions
    pg.wait_for_selector("#commune-suggestions [role=option] >> nth=1")


def results(pg, page: Page):
    page.results()


# Page type → (address, what to do once it is open). One address per page type, two for the kinds
# of page that come in several shapes.
PAGES = {
    "accueil": ("", None),
    "recherche": ("recherche/?commune=91174", results),
    "recherche, suggestions de communes": ("recherche/", choose_a_commune),
    "recherche, filtres ouverts": ("recherche/?commune=91174&thematique=mobilite", open_filters),
    "carte": ("carte/", results),
    "offre": (GARAGE, None),
    "offre sans lieu": ("offres/mission-locale-massy/coaching-distance/", None),
    "offre non listée": ("offres/ccas-evry/epicerie-suspendue/", None),
    "structure": ("structures/mobilite-solidaire/", None),
    "thématique": ("thematiques/mobilite/", None),
    "sous-thématique": ("thematiques/mobilite--acceder-a-un-vehicule/", None),
    "territoire (département)": ("territoires/91/", None),
    "territoire (EPCI)": ("territoires/200059228/", None),
    "sélection vide": ("selection/", None),
    "sélection": ("selection/", add_to_selection),
    "sélection partagée": (f"selection/?ids={GARAGE[7:-1]},{CV[7:-1]}", lambda pg, page: pg.wait_for_selector("#selection-garder")),
    "état de l'offre": ("etat-de-l-offre/", None),
    "état, thématique": ("etat-de-l-offre/thematiques/mobilite/", None),
    "état, bassin": ("etat-de-l-offre/bassins/200059228/", None),
    "état, doublons": ("etat-de-l-offre/doublons/", None),
    "état, à mettre à jour": ("etat-de-l-offre/a-mettre-a-jour/", None),
    "proposer une offre": ("proposer/", None),
    "à propos": ("a-propos/", None),
    "accessibilité": ("accessibilite/", None),
    "données": ("donnees/", None),
    "contribuer": ("contribuer/", None),
    "contribuer, champs (tableaux)": ("contribuer/champs/", None),
}


@pytest.fixture
def phone(browser, base_url):
    """A small phone: 320 × 640 CSS px, device pixel ratio 2, touch screen, mobile viewport handling."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=2, is_mobile=True, has_touch=True,
        timezone_id="Europe/Paris", locale="fr-FR", service_workers="block",
    )
    yield Page(context.new_page(), base_url)
    context.close()


def open_page(phone: Page, name: str):
    url, prepare = PAGES[name]
    pg = phone.open(url)
    if prepare:
        prepare(pg, phone)
        pg.wait_for_load_state("networkidle")
    return pg


def menu_toggle(pg):
    """The button that unfolds the header menu on a small screen, if the menu folds."""
    return pg.locator("header.cat-header").locator("button[aria-expanded]").filter(visible=True)


def open_menu(pg):
    toggle = menu_toggle(pg)
    if toggle.count() and toggle.first.get_attribute("aria-expanded") == "false":
        toggle.first.click()


# The visible interactive elements of the header, the content and the footer, and the size of each one's
# tap target. A checkbox's target is its label when the label's box holds the box (a tap anywhere on the
# label ticks it); the label itself must then be big enough.
# Inline exception: a link inside a sentence is reported but not held to 44 px. WCAG 2.5.5 excepts a target
# "in a sentence or block of text": its height is the line's, and making it 44 px would space out every
# paragraph that holds a link. Only a link laid out inline (display: inline) counts, in a paragraph, list
# item, definition or cell whose own text, links and controls left out, still has at least two words — so
# « Accueil › Structure » (a breadcrumb), « Téléphone : 01 … » or a link alone in its list item are held to
# 44 px, « Données à jour au … Voir toutes les offres sur la carte. » is not.
TARGETS_JS = r"""
() => {
  const zones = [...document.querySelectorAll("header.cat-header, main, footer.cat-footer")];
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=option], label";
  const seen = new Set();
  const found = [];
  const words = t => (t.match(/\p{L}{2,}/gu) || []).length;
  const shown = el => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    // Left of or above the page (a skip link waiting for the focus): no tap reaches it. What lies to the
    // right, in a region that scrolls sideways, is measured.
    return !(r.right <= 0 || r.bottom <= 0);
  };
  const contains = (outer, inner) => outer.left <= inner.left + 0.5 && outer.top <= inner.top + 0.5
    && outer.right >= inner.right - 0.5 && outer.bottom >= inner.bottom - 0.5;
  const block = el => {
    let b = el.parentElement;
    while (b && ["inline", "contents"].includes(getComputedStyle(b).display)) b = b.parentElement;
    return b;
  };
  const inSentence = el => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    const b = block(el);
    if (!b || !["P", "LI", "DD", "TD", "BLOCKQUOTE", "FIGCAPTION"].includes(b.tagName)) return false;
    const clone = b.cloneNode(true);
    clone.querySelectorAll("a, button, input, select, textarea, ul, ol").forEach(x => x.remove());
    return words(clone.textContent) >= 2;
  };
  const label = el => (el.innerText || el.value || el.getAttribute("aria-label") || el.title || "")
    .replace(/\s+/g, " ").trim().slice(0, 60);
  for (const zone of zones) {
    for (const el of zone.querySelectorAll(selector)) {
      if (seen.has(el)) continue;
      seen.add(el);
      if (el.tagName === "LABEL") {
        const c = el.control;
        if (!c || !["checkbox", "radio"].includes(c.type)) continue;  // other labels are not targets
      }
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (el.tagName === "INPUT" && ["checkbox", "radio"].includes(el.type)) {
        const big = [...el.labels].find(l => contains(l.getBoundingClientRect(), r));
        if (big) continue;  // the label is the target; it is measured as a label
      }
      const inline = inSentence(el);
      found.push({
        tag: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.type && el.tagName === "INPUT" ? `[type=${el.type}]` : ""),
        text: label(el),
        width: Math.round(r.width * 10) / 10,
        height: Math.round(r.height * 10) / 10,
        zone: zone.tagName.toLowerCase(),
        inline,
      });
    }
  }
  return found;
}
"""


def targets(pg) -> list[dict]:
    return pg.evaluate(TARGETS_JS)


def too_small(found: list[dict]) -> list[dict]:
    return [t for t in found if not t["inline"] and (t["width"] < MIN_TARGET or t["height"] < MIN_TARGET)]


def describe(name: str, items: list[dict]) -> str:
    return "\n".join(f"{name} [{t['zone']}] <{t['tag']}> « {t['text']} » : {t['width']} × {t['height']} px" for t in items)


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_at_320_px(phone, name):
    pg = open_page(phone, name)
    width = pg.evaluate("document.documentElement.clientWidth")
    assert width == WIDTH  # the layout viewport is the phone's (meta viewport honoured)
    wide = pg.evaluate(
        """() => [...document.body.querySelectorAll('*')].filter(e => {
             const r = e.getBoundingClientRect();
             if (r.width === 0 || r.right <= document.documentElement.clientWidth + 0.5) return false;
             // Content of a region that scrolls by itself (e.g. the état matrix) does not widen the page.
             for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
               const o = getComputedStyle(p).overflowX;
               if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
             }
             return true;
           }).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
                             + ' → ' + Math.round(e.getBoundingClientRect().right) + ' px')"""
    )
    scroll = pg.evaluate("document.documentElement.scrollWidth")
    assert scroll <= WIDTH, f"{name} : la page défile horizontalement ({scroll} px pour {WIDTH}) ; trop larges : {wide}"
    assert phone.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation_at_320_px(phone, name):
    open_page(phone, name)
    violations = phone.axe()
    assert violations == [], f"{name} : {violations}"
    assert phone.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_tap_targets_are_at_least_44_px(phone, name):
    pg = open_page(phone, name)
    open_menu(pg)
    found = targets(pg)
    assert len([t for t in found if t["zone"] == "header"]) >= 8  # the menu is measured, not missed
    assert len([t for t in found if t["zone"] == "footer"]) >= 4
    small = too_small(found)
    if small:
        pytest.fail(f"{len(small)} cible(s) de moins de {MIN_TARGET} × {MIN_TARGET} px :\n" + describe(name, small), pytrace=False)


@pytest.mark.parametrize("name", PAGES)
def test_keyboard_focus_never_lands_out_of_sight_at_320_px(phone, name):
    """Each element of the tab order, once focused, is on screen: no link of a closed drawer, no control
    pushed off the side (WCAG 2.4.7, 2.4.11). Scrolling regions bring their focused links into view."""
    pg = open_page(phone, name)
    open_menu(pg)
    unseen = pg.evaluate(
        """async () => {
          // Measured once focused (the browser has scrolled to it); what fails is measured again after its
          // transitions (Material's skip link fades in).
          const unseen = e => {
            e.focus();
            if (document.activeElement !== e) return false;  // not focusable (hidden, in a closed <details>…)
            const r = e.getBoundingClientRect();
            return !(r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
                     && e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }));
          };
          const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
            .filter(e => e.tabIndex >= 0 && !e.disabled);
          const found = [];
          for (const e of all.filter(unseen)) {
            e.focus();
            await new Promise(done => setTimeout(done, 500));
            if (unseen(e)) found.push(e.tagName.toLowerCase() + ' « ' + (e.innerText || e.getAttribute('aria-label') || e.id || '').trim().slice(0, 50) + ' »');
          }
          return found;
        }"""
    )
    assert unseen == [], f"{name} : élément(s) atteint(s) au clavier mais hors de vue : {unseen}"


def test_the_rules_catch_what_they_claim_to(phone):
    """Not a tautology: a shrunken button, a small checkbox whose label does not hold it, a link alone in its
    list item are reported; a link inside a sentence is set apart; a table too wide widens the page."""
    pg = open_page(phone, "accueil")
    # Styles set through the CSSOM: the Content-Security-Policy refuses style attributes. Its Trusted Types
    # refuse HTML strings: the test's own markup goes through a policy the test creates (the page has none).
    pg.evaluate(
        """() => {
          trustedTypes.createPolicy('default', {createHTML: s => s});
          document.querySelector('#contenu').insertAdjacentHTML('beforeend',
            '<p><button type="button" id="t-bouton">Petit</button></p>' +
            '<p><input type="checkbox" id="t-case"> <label id="t-etiquette" for="t-case">Case</label></p>' +
            '<ul><li><a href="#" id="t-seul">Seul dans sa ligne</a></li></ul>' +
            '<p>Une phrase avec <a href="#" id="t-phrase">un lien dedans</a> et la suite du texte.</p>');
          const set = (id, css) => Object.assign(document.getElementById(id).style, css);
          set('t-bouton', {minHeight: '0', height: '30px'});
          set('t-seul', {display: 'inline', minHeight: '0'});
          set('t-phrase', {display: 'inline', minHeight: '0'});
        }"""
    )
    found = {t["tag"]: t for t in targets(pg) if "#t-" in t["tag"]}
    assert {t["tag"] for t in too_small(found.values())} == {
        "button#t-bouton", "input#t-case[type=checkbox]", "label#t-etiquette", "a#t-seul"}
    assert found["a#t-phrase"]["inline"] and not found["a#t-seul"]["inline"]
    assert pg.evaluate("document.documentElement.scrollWidth") <= WIDTH
    pg.evaluate("""() => document.querySelector('#contenu').insertAdjacentHTML('beforeend',
        '<table class="t-large"><tr><td>' + 'colonne_sans_espace_'.repeat(12) + '</td><td>b</td></tr></table>')""")
    assert pg.evaluate("document.documentElement.scrollWidth") > WIDTH


def test_header_menu_is_usable_at_320_px(phone):
    """Every link of the main menu can be reached, seen within the screen and followed, with the keyboard;
    a menu that folds opens and closes with the keyboard too."""
    pg = open_page(phone, "offre")
    links = pg.locator("header.cat-header nav.cat-header__nav a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 7
    toggle = menu_toggle(pg)
    if toggle.count():  # the menu folds: closed at first, opened from the keyboard
        assert toggle.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
        toggle.focus()
        pg.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
    for i, href in enumerate(hrefs):
        link = links.nth(i)
        assert link.is_visible(), href
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (href, box)
        # Nothing covers it: the point under the link's centre belongs to the link.
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        assert link.evaluate("(a, [x, y]) => a.contains(document.elementFromPoint(x, y))", centre), href
    # Tab walks through the menu links in order, each showing its focus.
    pg.focus("header.cat-header a")  # the site's name, first of the header
    reached = []
    for _ in range(len(hrefs) + 4):
        pg.keyboard.press("Tab")
        if pg.evaluate("!!document.activeElement.closest('.cat-header__nav') && document.activeElement.tagName === 'A'"):
            reached.append(pg.evaluate("document.activeElement.getAttribute('href')"))
            assert pg.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        if len(reached) == len(hrefs):
            break
    assert reached == hrefs
    if toggle.count():  # Escape folds the menu and gives the focus back to its button
        pg.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false" and not links.first.is_visible()
        assert pg.evaluate("document.activeElement.hasAttribute('aria-expanded')")
        pg.keyboard.press("Space")
        assert links.last.is_visible()
        links.last.focus()
    # Enter follows the focused link.
    target = links.last.evaluate("a => a.href")
    pg.keyboard.press("Enter")
    pg.wait_for_url(target)


def test_without_javascript_the_menu_stays_unfolded(browser, base_url):
    """No script, no button: the menu's links are all shown at 320 px."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(base_url + "offres/mobilite-solidaire/garage-solidaire/")
        assert not pg.locator("header.cat-header button").is_visible()
        links = pg.locator("header.cat-header nav.cat-header__nav a")
        assert links.count() >= 7
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        assert pg.evaluate("document.documentElement.scrollWidth") <= WIDTH
    finally:
        context.close()
