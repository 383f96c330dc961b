"""Hostile text in every field must be shown as text: nothing a contributor writes runs in a visitor's browser.

A catalogue whose every free-text field carries script, `javascript:` and event-handler payloads is
built, then each page type is loaded in headless Chromium: no payload may execute, no dialog may
open, and the payload text must appear escaped where the field is shown.
"""

import pytest

from ..support import chromium, pinned_date, served, write_catalogue

TODAY = "2026-11-23"
MARK = "window.__xss"
PAYLOADS = [
    f"<script>{MARK}=1</script>",
    f'"><img src=x onerror="{MARK}=2">',
    f"</script><script>{MARK}=3</script>",
    f"[cliquez](javascript:{MARK}=4)",
    f"<a href=\"javascript:{MARK}=5\">lien</a>",
    f"<svg onload=\"{MARK}=6\"></svg>",
    "{{7*7}} ${7*7}",
]
PAYLOAD = " ".join(PAYLOADS)
# The commune must be the one of its INSEE code (checked): the payloads go in the free-text address fields.
ADDRESS = {"adresse": f"1 rue {PAYLOADS[1]} {PAYLOADS[5]}", "complement_adresse": PAYLOADS[0], "code_postal": "91100",
           "commune": "Corbeil-Essonnes", "code_insee": "91174", "latitude": 48.6139, "longitude": 2.4826}
HOSTILE_STRUCTURE = {"nom": f"Association {PAYLOADS[0]}", "description": PAYLOAD, **ADDRESS, "date_maj": "2026-11-01",
                     "site_web": "https://example.org/?q=<script>"}
HOSTILE_OFFRE = {
    "nom": f"Garage {PAYLOADS[1]}",
    "description": PAYLOAD + "\n\n- " + PAYLOADS[3] + "\n- **gras** [lien sûr](https://example.org)",
    "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
    "mots_cles": [PAYLOADS[0][:60], PAYLOADS[1][:60]],
    "publics": ["jeunes"],
    "publics_precisions": PAYLOAD,
    "conditions_acces": PAYLOAD,
    "zone_eligibilite": ["91"],
    "frais": "payant",
    "frais_precisions": PAYLOAD,
    "lieux": [{"nom": f"Antenne {PAYLOADS[2]}", **ADDRESS}],
    "places": {"total": 3, "disponibles": 1, "date": "2026-11-01"},
    "mobilisable_par": ["usagers"],
    "modes_mobilisation": ["envoyer-un-courriel", "utiliser-lien-mobilisation"],
    "lien_mobilisation": "https://example.org/inscription?x=\"><script>window.__xss=7</script>",
    "mobilisation_precisions": PAYLOAD,
    "courriel": "contact@example.org",
    "date_maj": "2026-11-02",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo = write_catalogue(tmp_path_factory.mktemp("xss"), {"asso-piege": HOSTILE_STRUCTURE}, {"asso-piege/garage": HOSTILE_OFFRE},
                           {"nom": f"Essonne {PAYLOADS[0]}", "departements": ["91"]})
    with pinned_date(TODAY):
        repo.build()
    with served(repo.site) as url:
        yield url.rstrip("/"), repo.site


def test_no_raw_payload_in_the_generated_html(site):
    _, out = site
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for needle in (f"<script>{MARK}", f"onerror=\"{MARK}", f"onload=\"{MARK}", f"javascript:{MARK}"):
            assert needle not in html, f"{page.relative_to(out)} contient {needle}"


@pytest.mark.browser
def test_payloads_never_run_in_the_browser(site):
    base, _ = site
    pages = [
        "/", "/offres/asso-piege/garage/", "/structures/asso-piege/", "/thematiques/mobilite/",
        "/territoires/91/", "/recherche/?q=garage", "/carte/", "/selection/?ids=asso-piege/garage",
    ]
    with chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            for link in page.query_selector_all("a[href^='javascript:' i]"):
                pytest.fail(f"{path} : lien javascript: {link.get_attribute('href')}")
            assert page.evaluate(f"typeof {MARK}") == "undefined", path
        assert not dialogs
        # The offer page shows the hostile text as text, and the safe Markdown still works.
        page.goto(base + "/offres/asso-piege/garage/")
        text = page.inner_text("main")
        assert "<script>window.__xss=1</script>" in text
        assert page.query_selector("main a[href='https://example.org']") is not None
        assert page.query_selector("main strong") is not None
        # The search index returns the text escaped too.
        page.goto(base + "/recherche/?q=garage")
        page.wait_for_function("document.getElementById('resultats-nombre').textContent.trim().length > 0")
        page.wait_for_load_state("networkidle")
        assert page.evaluate(f"typeof {MARK}") == "undefined"


def test_security_policy_allows_only_the_sites_own_scripts(site):
    import html as htmllib
    import re

    _, out = site
    for page in ["index.html", "offres/asso-piege/garage/index.html", "recherche/index.html", "carte/index.html", "a-propos/index.html"]:
        html = (out / page).read_text(encoding="utf-8")
        policy = htmllib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1))
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        assert directives["script-src"][0] == "'self'", page
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"], page
        # Inline <script> blocks may only hold data (application/json), never code.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>\s*\S", html), f"{page} : script en ligne"
