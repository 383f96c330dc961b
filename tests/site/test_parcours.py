"""« Préparer un parcours » (/parcours/) in headless Chromium, on the repository's sample catalogue: one group
per need, eligible offers only (free places first, then distance), the plain-words answer when nothing
with a free place is near her, the plan kept in the URL, only her département's data files, a phone at
320 px, axe; and the page's choices tied to the rules of parcours-regles.js."""

import json
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.model.territoires import referentiel
from generator.paths import ROOT
from generator.site.pages import parcours

from ..support import Page, french_context, served
from .sample_site import CORBEIL, MME_X, built_sample

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_url():
    with served(built_sample()) as url:
        yield url


@pytest.fixture
def visit(browser, sample_url):
    contexts = []

    def make(width: int = 1280) -> Page:
        ctx = french_context(browser)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_viewport_size({"width": width, "height": 900})
        return Page(pg, sample_url)

    yield make
    for ctx in contexts:
        ctx.close()


def plan(page: Page, url: str):
    pg = page.open(url)
    pg.wait_for_selector("#parcours-groupes[data-pret]")
    assert page.errors == []
    return pg


def groups(pg) -> list[dict]:
    return pg.evaluate("""[...document.querySelectorAll('#parcours-groupes [data-besoin]')].map(s => ({
        besoin: s.dataset.besoin, titre: s.querySelector('h3').textContent,
        offres: [...s.querySelectorAll('ol:not([data-alternatives]) > li')].map(li => li.dataset.offre),
        alternatives: [...s.querySelectorAll('ol[data-alternatives] > li')].map(li => li.dataset.offre),
        sansPlace: s.querySelector('[data-sans-place]')?.textContent || '',
        aucune: s.querySelector('[data-aucune]')?.textContent || '',
        km: [...s.querySelectorAll('ol:not([data-alternatives]) .cat-card__distance')].map(d => d.textContent),
        texte: s.innerText }))""")


def offer(ident: str) -> dict:
    return yaml.safe_load((ROOT / "offers" / f"{ident}.yml").read_text(encoding="utf-8"))


def open_to_corbeil(o: dict) -> bool:
    communes = referentiel().zone_communes(o["zone_eligibilite"])
    return communes is None or CORBEIL in communes


def km(text: str) -> float:
    return float(text.split("à ", 1)[1].split(" km")[0].replace(",", "."))


def test_mme_x_gets_one_group_per_need_with_eligible_offers_near_her(visit):
    page = visit()
    pg = plan(page, MME_X)
    got = groups(pg)
    assert [g["besoin"] for g in got] == ["famille--garde-denfants", "mobilite", "trouver-un-emploi"]
    assert [g["titre"] for g in got] == ["Garde d’enfants", "Mobilité", "Trouver un emploi"]
    assert pg.locator("#parcours-resume").inner_text() == "Habite à Corbeil-Essonnes · sans voiture (jusqu'à 5 km) · un enfant de 2 ans."
    for g in got:
        for ident in g["offres"] + g["alternatives"]:
            o = offer(ident)
            assert open_to_corbeil(o), ident
            assert any(t == g["besoin"] or t.startswith(g["besoin"] + "--") for t in o["thematiques"]), ident
    mobilite, emploi = got[1], got[2]
    for g in (mobilite, emploi):
        assert len(g["offres"]) == 3 and not g["sansPlace"]
        distances = [km(d) for d in g["km"]]
        assert distances == sorted(distances) and max(distances) <= 5  # « sans voiture »: 5 km
        for ident in g["offres"]:
            places = offer(ident)["places"]
            assert places["disponibles"] > 0  # free places first: the sample has three of each near her
    card = pg.locator('[data-besoin="mobilite"] li').first
    assert "Adresse :" in card.inner_text() and "Téléphone :" in card.inner_text() and "Comment y entrer :" in card.inner_text()
    assert "places disponibles sur 12 (comptées le 26 octobre 2026)" in card.inner_text()
    # Per need, the file of her département and the national one only (besoins/<categorie>/<dep>.json).
    assert sorted(r.split("/besoins/", 1)[1] for r in page.requests if "/besoins/" in r) == [
        "famille/91.json", "famille/france.json", "index.json", "mobilite/91.json", "mobilite/france.json",
        "trouver-un-emploi/91.json", "trouver-un-emploi/france.json"]


def test_nothing_with_a_free_place_near_her_is_said_with_the_nearest_alternatives(visit):
    pg = plan(visit(), MME_X)
    garde = groups(pg)[0]
    assert garde["sansPlace"].startswith("Aucune offre n'annonce de place libre à moins de 5 km")
    assert garde["alternatives"] == ["creche-avip-les-lucioles/places-creche-avip"]
    alternative = pg.locator('[data-besoin="famille--garde-denfants"] [data-alternatives] li').first
    assert alternative.locator(".cat-parcours__raison").inner_text().lower() == "complet"
    assert "Complet (compté le 10 novembre 2026)" in alternative.inner_text()
    # A need nobody offers near her: said in plain words.
    pg = plan(visit(), f"parcours/?commune={CORBEIL}&besoin=creer-une-entreprise")
    assert groups(pg)[0]["aucune"] == "Aucune offre pour ce besoin n'est ouverte aux habitants de Corbeil-Essonnes avec ces critères."


def test_publics_child_age_and_free_only_narrow_the_answer(visit):
    tout = groups(plan(visit(), f"parcours/?commune={CORBEIL}&besoin=famille&besoin=se-former&rayon=50"))
    filtre = groups(plan(visit(), f"parcours/?commune={CORBEIL}&besoin=famille&besoin=se-former&rayon=50&enfant=9&public=jeunes&gratuit=1"))
    for avant, apres in zip(tout, filtre):
        for ident in apres["offres"] + apres["alternatives"]:
            o = offer(ident)
            assert o.get("frais") == "gratuit", ident
            publics = o.get("publics") or []
            assert not publics or "tous-publics" in publics or "jeunes" in publics, ident
            if avant["besoin"] == "famille":
                assert o.get("age_min") is None or o["age_min"] <= 9
                assert o.get("age_max") is None or o["age_max"] >= 9
    assert filtre != tout


def test_the_plan_lives_in_the_url_and_comes_back_from_it(visit):
    page = visit()
    pg = page.open("parcours/")
    pg.fill("#parcours-commune-saisie", "91100")  # three communes share it
    pg.check("#b-mobilite")
    pg.check("#b-trouver-un-emploi")
    pg.click("summary:has-text('Sa situation')")
    pg.select_option("#parcours-rayon", "sans-voiture")
    pg.check("#d-lu-matin")
    pg.check("#d-je-apres-midi")
    pg.fill("#parcours-enfant", "2")
    pg.click("button[type=submit]")
    pg.wait_for_function("() => document.getElementById('parcours-etat').textContent.includes('Plusieurs communes')")
    assert "Corbeil-Essonnes" in pg.locator("#parcours-etat").inner_text()
    pg.fill("#parcours-commune-saisie", "corbeil essonnes")
    pg.click("button[type=submit]")
    pg.wait_for_selector("#parcours-groupes[data-pret]")
    query = parse_qs(urlsplit(pg.url).query)
    assert query == {"commune": [CORBEIL], "besoin": ["mobilite", "trouver-un-emploi"], "enfant": ["2"], "rayon": ["sans-voiture"],
                     "dispo": ["lu-matin", "je-apres-midi"]}
    assert pg.locator("#parcours-lien").input_value() == pg.url
    first = groups(pg)
    # The bookmarked link, in another browser: the same form, the same answer.
    other = visit()
    p2 = plan(other, pg.url.split("/", 3)[3])
    assert groups(p2) == first
    assert p2.locator("#parcours-commune-saisie").input_value().startswith("Corbeil-Essonnes")
    for box in ("#b-mobilite", "#b-trouver-un-emploi", "#d-lu-matin", "#d-je-apres-midi"):
        assert p2.locator(box).is_checked()
    assert not p2.locator("#b-famille").is_checked() and p2.locator("#parcours-rayon").input_value() == "sans-voiture"
    # Back to the empty form, then forward again: the answer follows the history.
    pg.go_back()
    pg.wait_for_function("() => !document.querySelector('#parcours-groupes [data-besoin]')")
    pg.go_forward()
    pg.wait_for_selector("#parcours-groupes [data-besoin='mobilite']")


def test_a_phone_at_320_px_scrolls_only_down_and_axe_finds_nothing(visit):
    for width in (1280, 320):
        page = visit(width)
        pg = plan(page, MME_X)
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        assert page.axe() == [], width
    page = visit(320)
    pg = page.open("parcours/")
    pg.click("summary:has-text('Sa situation')")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.axe() == []


def test_the_english_page_answers_in_english(visit):
    pg = plan(visit(), "en/" + MME_X)
    assert [g["titre"] for g in groups(pg)] == ["Childcare", "Mobility", "Find a job"]
    assert "Address:" in pg.locator('[data-besoin="mobilite"] li').first.inner_text()


def test_the_form_offers_the_values_the_rules_read():
    """The radii, half-days and days of the form (parcours.py) are those of parcours-regles.js."""
    script = ("import('./site_templates/static/parcours-regles.js').then(m => console.log(JSON.stringify("
              "{rayons: m.RAYONS, defaut: m.RAYON_DEFAUT, jours: m.JOURS, demi: m.DEMI_JOURNEES})))")
    js = json.loads(subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    assert js["rayons"] == {v: km for v, km in parcours.RAYONS} and js["defaut"] == parcours.RAYON_DEFAUT
    assert js["jours"] == parcours.JOURS
    assert js["demi"] == {k: list(v) for k, v in parcours.DEMI_JOURNEES.items()}


def test_the_page_preloads_exactly_the_modules_it_imports():
    """parcours.html preloads MODULES: they must be the modules parcours.js imports, directly or not."""
    import re

    static = ROOT / "site_templates" / "static"
    seen, todo = set(), ["parcours.js"]
    while todo:
        name = todo.pop()
        for dep in re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', (static / name).read_text(encoding="utf-8"), re.M):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    assert sorted(parcours.MODULES) == sorted(seen)
