"""The search page's commune box: a postal code + Enter picks the main commune of that code, anywhere in
France; an unknown commune code in a shared link is said, not dropped silently."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from generator.model.codes_postaux import par_code_postal, principale
from generator.model.territoires import referentiel
from generator.site.search.communes import lignes

ROOT = Path(__file__).resolve().parents[2]
CAS = json.loads((ROOT / "tests" / "js" / "cas" / "codes-postaux.json").read_text("utf-8"))["cas"]


@pytest.mark.parametrize("cas", CAS, ids=[c["code_postal"] for c in CAS])
def test_shared_cases_main_commune_and_rows_of_the_site(cas):
    """The Python half of tests/js/cas/codes-postaux.json (tests/js/communes-residence.test.js is the other):
    the main commune, and the rows the site writes for the browser (positions left out)."""
    ref = referentiel()
    assert principale(ref, cas["code_postal"]) == cas["attendu"]
    by_dep, _ = lignes(ref)
    rows = {r[0]: r[:5] + [None, None] + r[7:] for rs in by_dep.values() for r in rs}
    for row in cas["communes"]:
        assert rows[row[0]] == row


def test_every_postal_code_of_france_picks_a_commune_that_has_it(tmp_path):
    """For each of the ~6,300 postal codes of the referential, the browser's rule (territoires.js, run by
    node on the rows of the files the site writes, from the départements the manifest names for the
    code) picks first a commune that has that code: its main commune."""
    ref = referentiel()
    by_dep, prefixes = lignes(ref)
    attendu = {cp: codes[0] for cp, codes in par_code_postal(ref).items()}
    data = tmp_path / "communes.json"
    data.write_text(json.dumps({"communes": by_dep, "prefixes": prefixes, "attendu": attendu}), "utf-8")
    script = f"""
import {{ readFileSync }} from "node:fs";
import {{ communeDeLigne, suggererCommunes }} from {json.dumps((ROOT / "site_templates/static/territoires.js").as_uri())};
const d = JSON.parse(readFileSync({json.dumps(str(data))}, "utf-8"));
const parDep = Object.fromEntries(Object.entries(d.communes).map(([dep, rows]) => [dep, rows.map(communeDeLigne)]));
const faux = [];
let n = 0;
for (const [cp, code] of Object.entries(d.attendu)) {{
  const liste = d.prefixes[cp.slice(0, 2)].flatMap((dep) => parDep[dep]);
  const [premiere] = suggererCommunes(cp, liste);
  n++;
  if (!premiere || !premiere.c.cps.includes(cp) || premiere.c.code !== code) faux.push(cp + " → " + (premiere ? premiere.c.code : "rien"));
}}
console.log(JSON.stringify({{ n, faux }}));
"""
    out = subprocess.run([shutil.which("node") or "node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(out.stdout)
    assert result["faux"] == []
    assert result["n"] == len(attendu) > 6000



def commune_param(page) -> list[str]:
    return parse_qs(urlparse(page.page.url).query).get("commune", [])


@pytest.mark.browser
@pytest.mark.parametrize("code_postal, commune, insee", [
    ("91100", "Corbeil-Essonnes (91100)", "91174"),  # not Bouville, whose INSEE code is 91100
    ("69001", "Lyon 1er Arrondissement (69001)", "69381"),  # outside the territory's département
])
def test_postal_code_and_enter_picks_its_main_commune(page, code_postal, commune, insee):
    page.open("recherche/")
    page.results()
    page.page.fill("#commune-saisie", code_postal)
    page.page.press("#commune-saisie", "Enter")
    page.page.wait_for_url(re.compile("commune=" + insee))
    assert page.page.locator("#commune-saisie").input_value() == commune
    page.page.wait_for_function("n => document.getElementById('resultats-nombre').textContent.includes(n)", arg=commune.split(" (")[0])
    assert page.page.locator("#commune-inconnue").is_hidden()
    # The suggestions list the code's communes, its main commune first, and no commune by INSEE code.
    page.page.fill("#commune-saisie", code_postal)
    page.page.wait_for_selector("#commune-suggestions [role=option]")
    options = page.page.locator("#commune-suggestions [role=option]").all_inner_texts()
    assert options[0] == commune
    assert all(o.endswith(f"({code_postal})") for o in options)
    assert page.errors == []


@pytest.mark.browser
def test_shared_link_with_a_commune_outside_the_territory_is_read_back(page):
    page.open("recherche/?commune=69381")
    page.results()
    assert page.page.locator("#commune-saisie").input_value() == "Lyon 1er Arrondissement (69001)"
    assert "Lyon 1er" in page.page.locator("#resultats-nombre").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["99999", "9117"])
def test_unknown_commune_code_in_a_link_is_said_in_french(page, code):
    page.open(f"recherche/?commune={code}&thematique=mobilite")
    page.results()
    notice = page.page.locator("#commune-inconnue")
    assert notice.is_visible()
    assert f"« {code} »" in notice.inner_text() and "aucune commune" in notice.inner_text()
    assert page.page.locator("#f-thematique-mobilite").is_checked()  # the rest of the link is kept
    # Choosing a commune takes the notice away.
    page.page.fill("#commune-saisie", "91100")
    page.page.press("#commune-saisie", "Enter")
    page.page.wait_for_url(re.compile("commune=91174"))
    assert notice.is_hidden()
