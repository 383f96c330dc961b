"""A search that forgives (issue 17, point 4), in Chromium on the sample catalogue (offers/): words that are
not all in one offer, typos corrected from the catalogue's vocabulary, synonyms of synonymes.yml. The pure
functions are tested by tests/js/recherche-tolerance.test.js; the validation of synonymes.yml here too."""

import json
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.cli import build as b
from generator.cli.main import main

from ..support import french_context, served, write_catalogue
from .conftest import Page
from .sample_site import built_sample

ROOT = Path(__file__).resolve().parents[2]
PERMIS = ["Coup de pouce permis pour les jeunes", "Permis AM pour conduire un scooter", "Permis B en auto-école sociale"]


@pytest.fixture(scope="module")
def sample():
    """The sample catalogue (offers/, territoire.yml, synonymes.yml), built once per test process, served."""
    out = built_sample()
    with served(out) as url:
        yield out, url


@pytest.fixture
def page(browser, sample):
    context = french_context(browser)
    yield Page(context.new_page(), sample[1])
    context.close()


def search(page: Page, q: str) -> list[str]:
    page.open("recherche/?q=" + quote(q))
    return results(page)


def results(page: Page) -> list[str]:
    """The titles listed once the search has answered and its cards are in the page (they come a moment
    after the number of results: their fragments are downloaded first)."""
    page.page.wait_for_function(
        "() => { const s = document.getElementById('resultats-nombre').textContent;"
        " return /^Aucune|^No /.test(s) || (/\\d/.test(s) && document.querySelector('#resultats .cat-card__titre')); }"
    )
    return page.page.locator("#resultats .cat-card__titre").all_inner_texts()


def avis(page: Page) -> str:
    notice = page.page.locator("#recherche-avis")
    return notice.inner_text() if notice.count() else ""


def test_a_typo_is_corrected_with_a_notice_and_a_way_back(page):
    titles = search(page, "mobilté")
    assert "Diagnostic mobilité" in titles and "Point info sur les aides à la mobilité" in titles
    assert "Résultats pour « mobilité »" in avis(page)
    page.page.get_by_role("button", name="Rechercher plutôt « mobilté »").click()
    page.page.wait_for_function("() => !document.getElementById('recherche-avis')")
    assert results(page) == []
    assert page.errors == []


def test_surendettement_misspelt_finds_the_budget_offers(page):
    titles = search(page, "surendetement")
    assert "Aide au dossier de surendettement" in titles, page.page.locator("#resultats-nombre").inner_text()


def test_an_everyday_word_finds_the_offers_through_synonyms(page):
    titles = search(page, "nounou")
    assert "Accueil régulier chez des assistantes maternelles" in titles
    assert avis(page) == ""  # nothing corrected


def test_offers_with_every_word_come_first_then_the_others(page):
    titles = search(page, "permis de conduire")
    assert set(PERMIS) <= set(titles)
    assert titles[0] == "Permis AM pour conduire un scooter"  # the only one that says both words
    assert "1 offre contient tous les mots" in avis(page)


@pytest.mark.parametrize("q", ["creche corbeil", "mobilite gratuit"])
def test_queries_whose_words_are_not_all_in_one_offer_find_offers(page, q):
    assert search(page, q)


def test_the_notice_is_accessible_and_the_page_works_in_english(page):
    search(page, "mobilté")
    assert page.axe() == []
    page.page.set_viewport_size({"width": 320, "height": 800})
    assert page.axe() == []
    page.open("en/recherche/?q=" + quote("mobilté"))
    results(page)
    assert "Results for « mobilité »" in avis(page)


def test_the_vocabulary_is_downloaded_only_when_a_word_finds_nothing(page):
    search(page, "permis de conduire")
    assert not any(u.endswith("recherche-vocabulaire.json") for u in page.requests)
    assert any(u.endswith("recherche-synonymes.json") for u in page.requests)
    search(page, "mobilté")
    assert any(u.endswith("recherche-vocabulaire.json") for u in page.requests)


def test_the_vocabulary_holds_only_words_of_the_public_offers(sample):
    data = json.loads((sample[0] / "recherche-vocabulaire.json").read_text(encoding="utf-8"))
    assert "mobilité" in data["mots"] and "zzcatalogue" not in data["mots"]
    synonymes = json.loads((sample[0] / "recherche-synonymes.json").read_text(encoding="utf-8"))
    assert synonymes["synonymes"]["nounou"][0] == "assistante maternelle"
    pagefind_words = " ".join(r["content"] for r in b.index.search_records(_site()))
    assert all(m in pagefind_words for m in data["mots"])


def _site():
    cat = b.load_catalogue(ROOT / "offers", ROOT / "territoire.yml", b.Progress(quiet=True))
    return b.make_site(cat, "", b.datetime.now())[1]


# ----- synonymes.yml, reviewed like the offers ---------------------------------------------------------------


def _validate(tmp_path, text, capsys) -> tuple[int, str]:
    write_catalogue(tmp_path, offres=["garage-solidaire/garage"])
    if isinstance(text, bytes):
        (tmp_path / "synonymes.yml").write_bytes(text)
    else:
        (tmp_path / "synonymes.yml").write_text(text, encoding="utf-8")
    code = main(["validate", "--offres", str(tmp_path / "offers"), "--territoire", str(tmp_path / "territoire.yml")])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("synonymes:\n  psy: psychologue\n", "synonymes.yml:2:3: synonymes.psy: liste attendue"),
        ("synonymes:\n  nounou: [assistante maternelle, 42 <b>]\n", "synonymes.yml:2:35: synonymes.nounou[1]: expression invalide « 42 <b> »"),
        ("synonyms:\n  psy: [psychologue]\n", "synonymes.yml:1:1: synonyms: champ inconnu"),
        ("- psy\n", "synonymes.yml:1:1: (fichier): le fichier doit contenir des champs"),
        ("synonymes:\n  psy: " + "[" * 200 + "]" * 200 + "\n", "synonymes.yml:2:26: (fichier): valeur trop imbriquée"),
        ("synonymes:\n" + "".join(f"  mot{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{i // 676}: [x{i}y]\n" for i in range(600)), "synonymes.yml:1:1: synonymes: liste trop longue : 500 éléments au plus"),
        (b"synonymes: \xff\n", "synonymes.yml:1:12: (fichier): caractère illisible"),
    ],
    ids=["pas-une-liste", "expression", "champ", "liste", "profond", "enorme", "octets"],
)
def test_a_hostile_synonyms_file_gets_a_french_positioned_error(tmp_path, capsys, text, expected):
    code, out = _validate(tmp_path, text, capsys)
    assert code == 1
    assert expected in out, out
    assert "Traceback" not in out


def test_a_huge_synonyms_file_is_refused_before_reading(tmp_path, capsys):
    code, out = _validate(tmp_path, "synonymes:\n" + "  psy: [psychologue]\n" * 60_000, capsys)
    assert code == 1 and "synonymes.yml:1:1: (fichier): fichier trop gros" in out


def test_the_repository_synonyms_are_valid(tmp_path, capsys):
    code, out = _validate(tmp_path, (ROOT / "synonymes.yml").read_text(encoding="utf-8"), capsys)
    assert code == 0, out
