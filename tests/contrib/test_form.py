"""« Proposer une offre » (/proposer/): generated from the model, its YAML valid. What it refuses: test_form_checks.py."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import yaml

from generator.contribute import form
from generator.model.offre import Offre
from tests.site.catalogue_fixture import OFFRES, STRUCTURES, TERRITOIRE, TODAY
from tests.support import AXE, write_catalogue

from .conftest import fill_valid_remote, open_form, produce

CATALOGUE = str(Path(sys.executable).parent / "catalogue")


# ----- without a browser -------------------------------------------------------------------------


def test_every_offer_field_is_in_the_form_or_deliberately_left_out():
    in_form = {c.name for c in form.controls()}
    assert in_form | set(form.SKIPPED) == set(Offre.model_fields)
    assert not in_form & set(form.SKIPPED)
    assert [c.name for c in form.controls()] == [n for n in Offre.model_fields if n not in form.SKIPPED]  # model order


def test_controls_carry_the_models_limits_and_vocabularies():
    by_name = {c.name: c for c in form.controls()}
    assert (by_name["nom"].required, by_name["nom"].min_length, by_name["nom"].max_length) == (True, 3, 150)
    assert by_name["description"].kind == "textarea"
    assert by_name["thematiques"].kind == "thematiques" and by_name["thematiques"].min_items == 1
    assert sum(len(g["options"]) for g in by_name["thematiques"].groups) == 69
    assert by_name["type"].kind == "select" and by_name["publics"].kind == "checkboxes"
    assert by_name["telephone"].check == "telephone" and by_name["courriel"].check == "courriel"
    assert by_name["horaires_accueil"].check == "horaires"
    assert (by_name["age_min"].minimum, by_name["age_min"].maximum, by_name["age_min"].integer) == (0, 120, True)
    lieu = {c.name: c for c in by_name["lieux"].children}
    assert lieu["code_postal"].check == "code-postal" and "latitude" not in lieu
    assert [c.name for c in by_name["places"].children] == ["total", "disponibles", "date", "saturation"]


def test_built_page_renders_every_control_and_ships_no_inline_script(built):
    import re

    html = (built / "site" / "proposer" / "index.html").read_text("utf-8")
    rendered = set(re.findall(r'data-champ="([^"]+)"', html))
    for c in form.controls():
        if c.children:
            prefix = "lieu" if c.name == "lieux" else c.name  # one place in the form
            assert {f"{prefix}.{k.name}" for k in c.children if k.name != "code_insee"} <= rendered, c.name
        else:
            assert c.name in rendered, c.name
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in a or 'type="application/json"' in a for a in scripts)  # no inline script: the CSP holds
    assert "Content-Security-Policy" in html and '<html lang="fr">' in html
    assert html.count('<form id="proposer"') == 1 and "action=" not in html.split('<form id="proposer"')[1].split(">")[0]


# ----- in the browser ----------------------------------------------------------------------------


def validate_yaml(structure: str, filename: str, text: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """`catalogue validate` on the fixture catalogue's structures, the chosen structure's offers and the new file."""
    offres = {ident: doc for ident, doc in OFFRES.items() if ident.startswith(structure + "/")}
    offres[f"{structure}/{filename.removesuffix('.yml')}"] = text
    root = write_catalogue(tmp_path / "cat", STRUCTURES, offres, TERRITOIRE).root
    env = {**os.environ, "CATALOGUE_DATE": TODAY}
    return subprocess.run([CATALOGUE, "validate"], check=False, cwd=root, capture_output=True, text=True, env=env)


def fill_remote_offer(page, structure: str, nom: str, description: str, thematique: str):
    """The fewest answers that make a valid offer: one thématique, all of France, at a distance."""
    page.fill("#champ-structure", structure)
    page.fill("#champ-nom", nom)
    page.fill("#champ-description", description)
    page.check(f"#champ-thematiques-{thematique}")
    page.check("#champ-zone-eligibilite-france")
    page.uncheck("#champ-modes-accueil-en-presentiel")
    page.check("#champ-modes-accueil-a-distance")


def type_into(page, selector: str, text: str):
    page.focus(selector)
    page.keyboard.type(text)


def check_with_keyboard(page, selector: str):
    page.focus(selector)
    page.keyboard.press("Space")


def select_with_keyboard(page, selector: str, value: str):
    page.focus(selector)
    page.select_option(selector, value)


@pytest.mark.browser
def test_a_complete_offer_typed_with_the_keyboard_gives_a_yaml_that_validates(page, tmp_path):
    open_form(page)
    assert page.locator("#champ-date-maj").input_value() == TODAY
    type_into(page, "#champ-structure", "Association Mobilité Solidaire (mobilite-solidaire)")  # as the suggestions write it
    type_into(page, "#champ-nom", "Atelier vélo: réparer #soi-même")
    type_into(page, "#champ-description", "Un atelier pour apprendre à réparer son vélo.\n\n- deux mécaniciens ;\n- des outils prêtés.")
    select_with_keyboard(page, "#champ-type", "atelier")
    check_with_keyboard(page, "#champ-thematiques-mobilite--entretenir-reparer-son-vehicule")
    check_with_keyboard(page, "#champ-thematiques-mobilite--mobilite-douce-partagee-collective")
    type_into(page, "#champ-mots-cles", "vélo, yes, 2026-01-01")
    check_with_keyboard(page, "#champ-publics-jeunes")
    type_into(page, "#champ-publics-precisions", "Jeunes de 16 à 25 ans : \"sans solution\"")
    type_into(page, "#champ-age-min", "16")
    type_into(page, "#champ-age-max", "25")
    type_into(page, "#champ-conditions-acces", "Aucune")
    check_with_keyboard(page, "#champ-zone-eligibilite-91")
    type_into(page, "#champ-zone-eligibilite-communes", "91174")
    select_with_keyboard(page, "#champ-frais", "gratuit")
    type_into(page, "#champ-lieu-nom", "Atelier de la gare")
    type_into(page, "#champ-lieu-adresse", "4 rue de la Gare")
    type_into(page, "#champ-lieu-code-postal", "91100")
    options = page.locator("#champ-lieu-commune option").all_inner_texts()
    assert options == ["Choisir la commune…", "Corbeil-Essonnes (code INSEE 91174)", "Villabé (code INSEE 91659)"]
    select_with_keyboard(page, "#champ-lieu-commune", "91174")
    type_into(page, "#champ-lieu-horaires-accueil", "We 14:00-17:00")
    type_into(page, "#champ-horaires-accueil", "Mo-Fr 09:00-12:00,14:00-17:00; PH off")
    type_into(page, "#champ-places-total", "8")
    type_into(page, "#champ-places-disponibles", "2")
    page.fill("#champ-places-date", "2026-11-20")
    check_with_keyboard(page, "#champ-mobilisable-par-usagers")
    check_with_keyboard(page, "#champ-modes-mobilisation-telephoner")
    type_into(page, "#champ-telephone", "01.64.00.00.00")
    type_into(page, "#champ-courriel", "velo@mobilite.example.org")
    type_into(page, "#champ-volume-horaire-hebdomadaire", "2.5")
    type_into(page, "#champ-nombre-semaines", "10")
    type_into(page, "#champ-partenaires-recherche", "ccas-evry")
    page.focus("[data-structures-ajouter]")
    page.keyboard.press("Enter")
    assert page.locator("#champ-partenaires-ccas-evry").is_checked()
    select_with_keyboard(page, "#champ-frequence-maj", "3")
    produce(page)
    assert page.locator("#proposer-erreurs").is_hidden()
    assert page.evaluate("document.activeElement.id") == "proposer-resultat-titre"
    text = page.locator("#proposer-yaml").input_value()
    assert text.startswith("# yaml-language-server: $schema=../../schema/offre.schema.json\n")
    assert 'code_postal: "91100"' in text and 'code_insee: "91174"' in text and '- "91"' in text
    assert "date_maj: " + TODAY in text
    data = yaml.safe_load(text)
    assert list(data) == [n for n in Offre.model_fields if n in data]  # model order
    assert all(v not in (None, "", [], {}) for v in data.values())  # no empty field
    assert data["nom"] == "Atelier vélo: réparer #soi-même"
    assert data["mots_cles"] == ["vélo", "yes", "2026-01-01"]
    assert data["publics_precisions"] == 'Jeunes de 16 à 25 ans : "sans solution"'
    assert data["zone_eligibilite"] == ["91", "91174"] and data["telephone"] == "01 64 00 00 00"
    assert data["lieux"] == [{"nom": "Atelier de la gare", "adresse": "4 rue de la Gare", "code_postal": "91100",
                              "commune": "Corbeil-Essonnes", "code_insee": "91174", "horaires_accueil": "We 14:00-17:00"}]
    assert page.locator("#proposer-chemin").inner_text() == "offers/mobilite-solidaire/atelier-velo-reparer-soi-meme.yml"
    proc = validate_yaml("mobilite-solidaire", "atelier-velo-reparer-soi-meme.yml", text, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "erreur" not in proc.stdout.lower().replace("0 erreur", "")
    assert page.errors == []


@pytest.mark.browser
def test_a_minimal_remote_offer_validates_and_the_forge_link_is_prefilled(page, tmp_path):
    open_form(page)
    fill_remote_offer(page, "ccas-evry", "Permanence numérique", "Aide aux démarches en ligne, par téléphone.", "numerique--acceder-a-des-services-en-ligne")
    produce(page)
    assert page.locator("#proposer-erreurs").is_hidden(), page.locator("#proposer-erreurs").inner_text()
    text = page.locator("#proposer-yaml").input_value()
    href = page.locator("#proposer-forge").get_attribute("href")
    url = urlparse(href)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/exemple/catalogue-test/new/main/offers/ccas-evry")
    query = parse_qs(url.query)
    assert query["filename"] == ["permanence-numerique.yml"] and query["value"] == [text]
    assert unquote(href.split("value=", 1)[1]) == text
    proc = validate_yaml("ccas-evry", "permanence-numerique.yml", text, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Copy and download work without the forge.
    page.click("#proposer-telecharger")
    assert "téléchargé" in page.locator("#proposer-etat").inner_text()
    # Nothing left the page: every request went to the site itself.
    assert all(r.startswith(page.base) for r in page.requests), page.requests


@pytest.mark.browser
def test_gitlab_new_file_url(page):
    open_form(page)
    forge = {"type": "gitlab", "url": "https://gitlab.exemple.fr/spie/catalogue", "branche": "publie"}
    href = page.evaluate("f => CatalogueProposer.urlForge('ccas-evry', 'a.yml', 'nom: a & b\\n', f)", forge)
    assert href == "https://gitlab.exemple.fr/spie/catalogue/-/new/publie/offers/ccas-evry?file_name=a.yml&content=nom%3A%20a%20%26%20b%0A"


@pytest.mark.browser
def test_an_existing_file_name_gets_a_suffix(page):
    open_form(page)
    fill_remote_offer(page, "mobilite-solidaire", "Garage solidaire", "Un autre garage.", "mobilite--entretenir-reparer-son-vehicule")
    produce(page)
    assert page.locator("#proposer-chemin").inner_text() == "offers/mobilite-solidaire/garage-solidaire-2.yml"


@pytest.mark.browser
def test_languages_are_ticked_or_typed_by_name_or_code(page, tmp_path):
    open_form(page)
    fill_remote_offer(page, "ccas-evry", "Permanence d'accès aux droits", "Aide aux démarches, sur place.", "numerique--acceder-a-des-services-en-ligne")
    assert page.locator('label[for="champ-langues-ar"]').inner_text() == "arabe"  # frequent languages: boxes
    page.check("#champ-langues-ar")
    page.fill("#champ-langues-autres", "Tigrigna, ps, AR")  # others: French name or code, any case
    produce(page)
    assert page.locator("#proposer-erreurs").is_hidden(), page.locator("#proposer-erreurs").inner_text()
    text = page.locator("#proposer-yaml").input_value()
    data = yaml.safe_load(text)
    assert data["langues"] == ["ar", "ti", "ps"]
    assert list(data) == [n for n in Offre.model_fields if n in data]  # model order
    proc = validate_yaml("ccas-evry", "permanence-d-acces-aux-droits.yml", text, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.browser
def test_yaml_writer_round_trips_tricky_strings(page):
    open_form(page)
    tricky = ["yes", "No", "null", "~", "012", "0164000000", "1e3", "12:30", "2026-01-01", "- tiret", "a: b", "a #b", "#x",
              "'quote", '"dq', "@arobase", "`", "%pc", "=", "...", "---", "tab\tx", "  espaces  ", "ligne\u2028sep", "é à ç",
              "[liste]", "{obj}", "*ancre", "&ref", "!tag", "|", ">", "?", ",virgule", "fin:", "💡 emoji", "\\ antislash"]
    for value in tricky:
        text = page.evaluate("v => CatalogueProposer.yaml({nom: v, mots_cles: [v], description: v + '\\nsuite\\n\\n  retrait'})", value)
        data = yaml.safe_load(text)
        assert data["nom"] == value and data["mots_cles"] == [value], (value, text)
        assert data["description"] == value + "\nsuite\n\n  retrait", (value, text)


@pytest.mark.browser
def test_proposer_page_has_no_axe_violation_and_no_csp_error(page):
    open_form(page)
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    run = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    assert page.evaluate(run) == []
    produce(page)  # with the error summary and messages shown
    assert page.evaluate(run) == []
    fill_valid_remote(page)
    produce(page)  # with the result shown
    assert page.evaluate(run) == []
    assert page.errors == []
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
