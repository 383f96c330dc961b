"""No HTML through the map. Leaflet writes the strings it is given (tooltips, popups, attribution, icons) with
innerHTML: an offer's or a place's name (a commune must be the official name of its INSEE code, so it cannot
carry markup), or the tiles' attribution of territoire.yml would become live markup on hover or focus (a <meta http-equiv="refresh"> that leaves the site, a phishing link inside
the tooltip). The site gives Leaflet text nodes, and its Content-Security-Policy requires Trusted Types, so
that any HTML string reaching a sink fails loudly.

Every marker of the offer page's map and of /carte/ is hovered, focused and (on /carte/) opened, once with
the page's policy and once with the policy bypassed (the defence must not rest on it): no injected element
appears, the address does not change, the text is shown as written."""

import pytest

from ..support import pinned_date, served, write_catalogue

TODAY = "2026-11-23"
REFRESH = '<meta http-equiv="refresh" content="0;url=https://exemple.invalid/">'
PHISHING = '<a href="https://exemple.invalid/hameconnage">phishing</a>'
IMG = '<img src=x onerror="window.__carte=1">'
ATTRIBUTION = f'© tuiles {PHISHING} {IMG} {REFRESH}'
TILES = "https://tuiles.exemple.invalid"
# A transparent 1×1 PNG: the tiles are served by the test.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def lieu(nom, commune, code_postal, code_insee, lat, lon):
    out = {"adresse": "1 place de la Mairie", "code_postal": code_postal, "commune": commune, "code_insee": code_insee,
           "latitude": lat, "longitude": lon}
    return {"nom": nom, **out} if nom else out


GARAGE = {
    "nom": f"Garage {REFRESH}",
    "description": "Une offre dont les noms sont du HTML.",
    "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
    "zone_eligibilite": ["91"],
    "lieux": [
        lieu(f"Antenne {PHISHING}", "Corbeil-Essonnes", "91100", "91174", 48.6139, 2.4826),
        lieu(f"Relais {REFRESH}", "Étampes", "91150", "91223", 48.4343, 2.1615),
        lieu("", "Massy", "91300", "91377", 48.7309, 2.2713),  # no name: the offer's
    ],
    "date_maj": "2026-11-02",
}
ATELIER = {
    "nom": f"Atelier {IMG}",
    "description": "Une autre offre dont le nom est du HTML.",
    "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
    "zone_eligibilite": ["91"],
    "lieux": [lieu(f"Local {IMG}", "Dourdan", "91410", "91200", 48.5290, 2.0110)],
    "date_maj": "2026-11-02",
}
TERRITOIRE = {"nom": "Carte hostile", "departements": ["91"],
              "tuiles": {"url": TILES + "/{z}/{x}/{y}.png", "attribution": ATTRIBUTION}}

# What must never exist in the page, whatever was hovered: the payloads as elements, or their effect.
INJECTED = """() => ({
  refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
  liens: document.querySelectorAll('a[href^="https://exemple.invalid"]').length,
  images: [...document.images].filter(i => i.getAttribute('src') === 'x').length,
  execute: typeof window.__carte !== 'undefined',
})"""
CLEAN = {"refresh": 0, "liens": 0, "images": 0, "execute": False}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo = write_catalogue(tmp_path_factory.mktemp("carte-hostile"), ["asso-piege"],
                           {"asso-piege/garage": GARAGE, "asso-piege/atelier": ATELIER}, TERRITOIRE)
    with pinned_date(TODAY):
        repo.build()
    with served(repo.site) as url:
        yield url


def open_page(browser, url: str, bypass_csp: bool):
    context = browser.new_context(bypass_csp=bypass_csp, service_workers="block")
    context.route(TILES + "/**", lambda route: route.fulfill(status=200, content_type="image/png", body=PNG))
    context.route("https://exemple.invalid/**", lambda route: route.abort())
    # Recorded from the first script on: every Trusted Types or CSP violation of the page.
    context.add_init_script("""window.__violations = [];
      document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.sample));""")
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def assert_nothing_injected(page, url: str, where: str):
    page.wait_for_timeout(300)  # a refresh of 0 seconds would have happened
    assert page.url == url, where
    assert page.evaluate(INJECTED) == CLEAN, where


def visit_every_marker(page, url: str, popups: bool) -> list[str]:
    """Hover, focus (and click, for popups) each marker; the texts the map showed."""
    page.wait_for_selector(".leaflet-marker-icon")
    markers = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    shown = []
    assert markers.count() >= 1
    for i in range(markers.count()):
        marker = markers.nth(i)
        # Hovered by the events the mouse sends: a popup or the long attribution may cover the marker.
        marker.dispatch_event("mouseover")
        shown.append(tooltip_of(page, marker))
        assert_nothing_injected(page, url, f"survol du marqueur {i}")
        marker.dispatch_event("mouseout")
        marker.focus()
        shown.append(tooltip_of(page, marker))
        assert_nothing_injected(page, url, f"focus du marqueur {i}")
        if popups:
            marker.press("Enter")
            page.wait_for_selector(".leaflet-popup-content")
            shown.append(page.locator(".leaflet-popup-content").inner_text())
            assert_nothing_injected(page, url, f"bulle du marqueur {i}")
            page.locator(".leaflet-popup-close-button").click()  # Leaflet's own markup (×), let through by the policy
            page.wait_for_selector(".leaflet-popup", state="detached")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return shown


def tooltip_of(page, marker) -> str:
    """The text of the marker's open tooltip (Leaflet ties them with aria-describedby)."""
    page.wait_for_function("m => m.getAttribute('aria-describedby') && document.getElementById(m.getAttribute('aria-describedby'))",
                           arg=marker.element_handle())
    return page.locator("#" + marker.get_attribute("aria-describedby")).inner_text()


def assert_attribution_is_text(page):
    attribution = page.locator(".leaflet-control-attribution")
    assert attribution.count() == 1
    assert ATTRIBUTION in attribution.inner_text()  # the markup shown as written
    assert attribution.locator("a").count() == 1 and attribution.locator("a").get_attribute("href") == "https://leafletjs.com"


@pytest.mark.browser
@pytest.mark.parametrize("bypass_csp", [False, True], ids=["avec-csp", "csp-contournee"])
def test_names_on_the_offer_pages_map_are_text(browser, site, bypass_csp):
    url = site + "offres/asso-piege/garage/"
    page = open_page(browser, url, bypass_csp)
    assert page.locator("#carte-offre .leaflet-marker-icon").count() == 3
    shown = visit_every_marker(page, url, popups=False)
    assert {f"Antenne {PHISHING}", f"Relais {REFRESH}", f"Garage {REFRESH}"} == set(shown)
    assert_attribution_is_text(page)
    assert_nothing_injected(page, url, "fin")
    assert page.errors == []
    if not bypass_csp:
        assert page.evaluate("window.__violations") == []  # Leaflet's own markup went through the policy, nothing else
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("bypass_csp", [False, True], ids=["avec-csp", "csp-contournee"])
def test_names_on_the_map_page_are_text(browser, site, bypass_csp):
    url = site + "carte/"
    page = open_page(browser, url, bypass_csp)
    page.wait_for_function("() => document.getElementById('carte').dataset.marqueurs === '4'")
    page.wait_for_function("() => document.querySelectorAll('#carte .leaflet-marker-icon:not(.marker-cluster)').length === 4")
    shown = visit_every_marker(page, url, popups=True)
    for text in (f"Garage {REFRESH} — Corbeil-Essonnes", f"Garage {REFRESH} — Étampes", f"Garage {REFRESH} — Massy",
                 f"Atelier {IMG} — Dourdan"):
        assert text in shown, text
    assert f"Atelier {IMG}\nDourdan" in shown  # the popup: the offer's link, then the commune
    assert_attribution_is_text(page)
    # A group of markers: its icon is made of nodes too.
    for _ in range(4):  # zoomed out until the places are grouped
        if page.locator("#carte .marker-cluster").count():
            break
        page.evaluate("() => document.querySelector('.leaflet-control-zoom-out').click()")
        page.wait_for_timeout(500)  # the zoom's animation
    page.wait_for_selector("#carte .marker-cluster")
    assert page.locator("#carte .marker-cluster span").first.inner_text().isdigit()
    assert_nothing_injected(page, url, "fin")
    assert page.errors == []
    if not bypass_csp:
        assert page.evaluate("window.__violations") == []
    page.context.close()


TRY_HTML = """() => new Promise(resolve => {
  const seen = [];
  document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
  let thrown = '';
  try { document.createElement('div').innerHTML = '<b>x</b>'; } catch (e) { thrown = e.name; }
  setTimeout(() => resolve({thrown, seen}), 50);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "offres/asso-piege/garage/", "carte/", "recherche/", "a-propos/", "proposer/"])
def test_any_html_string_given_to_the_dom_is_refused_while_the_map_works(browser, site, path):
    page = open_page(browser, site + path, bypass_csp=False)
    assert page.evaluate(TRY_HTML) == {"thrown": "TypeError", "seen": ["require-trusted-types-for"]}
    if path in ("offres/asso-piege/garage/", "carte/"):
        page.wait_for_selector(".leaflet-marker-icon")
        assert page.locator(".leaflet-control-zoom-in").count() == 1 and page.locator(".leaflet-control-zoom-out").count() == 1
        assert page.locator(".leaflet-control-zoom-in").inner_text() == "+"
    assert page.evaluate("window.__violations") == ["require-trusted-types-for Element innerHTML|<b>x</b>"]
    assert page.errors == [] or all("TrustedHTML" in e for e in page.errors), page.errors
    page.context.close()
