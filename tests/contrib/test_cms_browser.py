"""The CMS under /admin/ (Sveltia CMS) in headless Chromium, on the sample catalogue (offers/ of the repository).

Sveltia's test backend (« test-repo ») works on a folder of the browser's Origin Private File System: the
tests copy the sample offers there, edit them through the CMS's own screens, read back the file it saved
and pass it to « catalogue validate ». The page is the one « catalogue build » writes (cms.write); only
its backend is switched to the test one (the real one needs the forge).
"""

import os
import re
import shutil
import subprocess
import sys
import types
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from generator.contribute import cms
from generator.model.territoire import Forge, Territoire
from generator.paths import ROOT
from tests.support import french_context, served

pytestmark = pytest.mark.browser

TODAY = "2026-12-15"  # after every date_maj of the sample catalogue
SAMPLE = ROOT / "offers"
TERRITOIRE = Territoire(
    nom="Offre d'insertion en Essonne",
    departements=["91"],
    forge=Forge(type="github", url="https://github.com/exemple/catalogue-insertion-essonne", branche="main"),
)
GITHUB = re.compile("^Se connecter avec \u2068?GitHub")  # Sveltia isolates the forge's name (bidi)
SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('sveltia-cms-test', {recursive: true}); } catch (e) { /* first run */ }
  const top = await root.getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = top;
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, {create: true});
    const w = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await w.write(text);
    await w.close();
  }
}"""
READ = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
  const parts = path.split('/');
  for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p);
  return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
}"""


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("cms-site")
    site = types.SimpleNamespace(territoire=TERRITOIRE, base_url="", offres_dir="offers")
    cms.write(site, out)
    (out / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def base_url(admin_site):
    with served(admin_site) as url:
        yield url


def sample_files() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in sorted(SAMPLE.rglob("*.yml"))}


class Cms:
    """The /admin/ page on the test backend, the sample catalogue copied into the browser."""

    def __init__(self, browser, base_url: str, admin_site: Path, backend: dict | None = None):
        self.context = french_context(browser)
        self.page = page = self.context.new_page()
        self.base = base_url
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.route(lambda url: not url.startswith(base_url), lambda route: route.abort())  # nothing leaves the machine
        config = yaml.safe_load((admin_site / "admin" / "config.yml").read_text("utf-8"))
        config["backend"] = backend or {"name": "test-repo"}
        body = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        page.route("**/admin/config.yml*", lambda route: route.fulfill(status=200, content_type="application/yaml", body=body))
        # Noon UTC: the date of the save is the same in Paris and in UTC.
        page.clock.set_fixed_time(datetime.fromisoformat(TODAY + "T12:00:00").replace(tzinfo=UTC))

    def open(self, seed: bool = True):
        if seed:
            self.page.goto(self.base + "robots.txt")  # same origin, same private file system
            self.page.evaluate(SEED, sample_files())
        self.page.goto(self.base + "admin/")
        return self

    def sign_in(self):
        self.page.get_by_role("button", name="Travailler avec un dépôt de test").click()
        self.page.get_by_role("treeitem", name=re.compile("Offres")).first.wait_for()
        return self

    def edit(self, structure: str, title: str):
        self.page.get_by_role("treeitem", name=structure).first.click()
        self.page.get_by_text(title, exact=True).first.click()
        self.section("nom").wait_for()

    def section(self, key: str):
        """A field of the open entry; Sveltia renders the fields as they scroll into view."""
        loc = self.page.locator(f'section[data-key-path="{key}"]')
        self.page.mouse.move(700, 400)
        for _ in range(80):
            if loc.count():
                break
            self.page.mouse.wheel(0, 400)
            self.page.wait_for_timeout(50)
        loc.scroll_into_view_if_needed()
        return loc

    def save(self, path: str) -> str:
        before = self.read(path) if self.exists(path) else None
        self.page.get_by_role("button", name="Enregistrer").click()
        for _ in range(100):
            if self.exists(path) and self.read(path) != before:
                break
            self.page.wait_for_timeout(100)
        return self.read(path)

    def exists(self, path: str) -> bool:
        try:
            self.read(path)
            return True
        except PlaywrightError:  # no such file (yet)
            return False

    def read(self, path: str) -> str:
        return self.page.evaluate(READ, path)

    def close(self):
        self.context.close()


@pytest.fixture
def cms_page(browser, base_url, admin_site):
    c = Cms(browser, base_url, admin_site)
    yield c
    c.close()


def validate(tmp_path: Path, path: str, text: str) -> subprocess.CompletedProcess:
    """« catalogue validate » on `text` saved as `path` in a copy of the sample catalogue."""
    shutil.copytree(SAMPLE, tmp_path / "offers")
    shutil.copyfile(ROOT / "territoire.yml", tmp_path / "territoire.yml")
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text(text, encoding="utf-8")
    env = dict(os.environ, CATALOGUE_DATE=TODAY)
    return subprocess.run([sys.executable, "-m", "generator.cli", "validate", path], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)


def changed_lines(before: str, after: str) -> list[str]:
    import difflib

    return [d for d in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if d[:1] in "+-" and not d.startswith(("+++", "---"))]


# ----- loading ------------------------------------------------------------------------------------------


def test_admin_page_loads_in_french_from_the_site_alone(browser, base_url, admin_site):
    c = Cms(browser, base_url, admin_site, backend=cms.backend(TERRITOIRE)).open(seed=False)
    try:
        # The real configuration (GitHub, no OAuth service): the personal access token sign-in, in French.
        c.page.get_by_role("button", name="Se connecter avec un jeton d’accès").wait_for(timeout=30000)
        assert c.page.get_by_role("button", name=GITHUB).count() == 0  # without an OAuth service: no dead end
        assert c.page.title().startswith("Édition du catalogue")
        assert c.errors == []
        assert all(r.startswith(base_url) for r in c.requests), [r for r in c.requests if not r.startswith(base_url)]
        assert base_url + "admin/locales/fr.json" in c.requests  # Sveltia's messages, from the local copy
        fonts = c.page.evaluate("() => document.fonts.check('16px \"Material Symbols Outlined\"')")
        assert fonts, "les icônes de Sveltia doivent venir de admin/fonts/"
    finally:
        c.close()


def test_github_with_an_oauth_service_offers_its_sign_in(browser, base_url, admin_site):
    forge = TERRITOIRE.forge.model_copy(update={"oauth": "https://connexion.exemple.fr"})
    backend = cms.backend(TERRITOIRE.model_copy(update={"forge": forge}))
    c = Cms(browser, base_url, admin_site, backend=backend).open(seed=False)
    try:
        c.page.get_by_role("button", name=GITHUB).wait_for(timeout=30000)
        assert c.errors == []
    finally:
        c.close()


# ----- editing ------------------------------------------------------------------------------------------


def test_offers_are_one_collection_by_structure_folder_without_the_structure_files(cms_page):
    c = cms_page.open().sign_in()
    offers = sum(1 for p in SAMPLE.rglob("*.yml") if p.name != "structure.yml")
    assert re.search(rf"\b{offers}\b", c.page.get_by_role("treeitem").first.inner_text())
    c.page.get_by_role("treeitem", name="ai-coup-de-main").first.click()
    c.page.get_by_text("Missions de travail en association intermédiaire").first.wait_for()
    listing = c.page.locator("main").inner_text()
    assert "Missions de travail en association intermédiaire" in listing
    assert "Coup de Main Services" not in listing  # structure.yml is in « Structures »


def test_edit_an_offer_without_places_saves_a_valid_file_with_date_maj(cms_page, tmp_path):
    path = "offers/ai-coup-de-main/mise-a-disposition.yml"
    before = (ROOT / path).read_text("utf-8")
    assert "places:" not in before
    c = cms_page.open().sign_in()
    c.edit("ai-coup-de-main", "Missions de travail en association intermédiaire")
    c.section("age_min").locator("input").fill("18")
    after = c.save(path)
    data = yaml.safe_load(after)
    assert data["age_min"] == 18 and str(data["date_maj"]) == TODAY and "places" not in data
    result = validate(tmp_path, path, after)
    assert result.returncode == 0, result.stdout + result.stderr
    changes = changed_lines(before, after)
    assert "+age_min: 18" in changes and f"+date_maj: {TODAY}" in changes
    assert len(changes) <= 12, changes  # the number, the date, the folded description (one line), the header comment
    assert c.errors == []


def test_edit_places_saves_the_number_and_a_valid_file(cms_page, tmp_path):
    path = "offers/aci-jardins-de-la-juine/chantier-espaces-naturels.yml"
    before = yaml.safe_load((ROOT / path).read_text("utf-8"))
    c = cms_page.open().sign_in()
    c.edit("aci-jardins-de-la-juine", "Chantier d'insertion entretien des espaces naturels")
    c.section("places.disponibles").locator("input").fill(str(before["places"]["disponibles"] + 2))
    after = c.save(path)
    data = yaml.safe_load(after)
    assert data["places"]["disponibles"] == before["places"]["disponibles"] + 2
    assert data["places"]["total"] == before["places"]["total"] and str(data["date_maj"]) == TODAY
    result = validate(tmp_path, path, after)
    assert result.returncode == 0, result.stdout + result.stderr


def test_create_an_offer_in_its_structure_folder(cms_page, tmp_path):
    c = cms_page.open().sign_in()
    page = c.page
    page.get_by_role("treeitem", name="aci-jardins-de-la-juine").first.click()
    page.get_by_text("Nouveau", exact=True).first.click()
    c.section("nom").locator("input").fill("Atelier vélo solidaire")
    c.section("description").locator("textarea").fill("Un atelier pour apprendre à réparer son vélo et aller au travail.")
    c.section("thematiques").get_by_role("combobox").click()
    page.get_by_role("option", name="Entretenir et réparer son véhicule").click()
    c.section("nom").locator("input").click()  # closes the list
    c.section("modes_accueil").get_by_role("checkbox", name="À distance").click()  # no place, so not in person
    c.section("zone_eligibilite").get_by_role("button", name=re.compile("Ajouter")).click()
    c.section("zone_eligibilite.0").locator("input").fill("91")
    path = "offers/aci-jardins-de-la-juine/atelier-velo-solidaire.yml"
    text = c.save(path)
    data = yaml.safe_load(text)
    assert data["nom"] == "Atelier vélo solidaire" and data["zone_eligibilite"] == ["91"] and str(data["date_maj"]) == TODAY
    assert data["modes_accueil"] == ["a-distance"]
    result = validate(tmp_path, path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert c.errors == []


def test_a_commune_that_does_not_match_its_insee_code_is_hinted_and_caught_by_validate(cms_page, tmp_path):
    """Point 6 of the issue, CMS side: the field says it, and the saved file fails « catalogue validate »."""
    path = "offers/ai-coup-de-main/mise-a-disposition.yml"
    c = cms_page.open().sign_in()
    c.edit("ai-coup-de-main", "Missions de travail en association intermédiaire")
    lieux = c.section("lieux")
    assert lieux.count()
    commune = c.section("lieux.0.commune")
    if not commune.count():  # the list shows its items collapsed: open the first one
        lieux.get_by_role("button", name=re.compile("Agence de Montgeron|Développer|Tout développer")).first.click()
        commune = c.section("lieux.0.commune")
    assert "nom officiel de la commune du code INSEE" in commune.inner_text()
    commune.locator("input").fill("Draveil")  # code_insee stays 91421 (Montgeron)
    result = validate(tmp_path, path, c.save(path))
    assert result.returncode == 1 and "Montgeron" in result.stdout, result.stdout + result.stderr

