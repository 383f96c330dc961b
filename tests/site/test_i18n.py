"""The interface in several languages: complete catalogues, pages per language, the switcher, one search
index shared by every language, and a new language added by adding one file."""

import re
import shutil

import pytest

from generator import i18n
from generator.contribute import traductions as messages

from .test_browser import GARAGE, PAGES, SCOOTERS

PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")
UP = r"(\./|(\.\./)+)"  # a relative link to the site's root
GENERATED = [p for p in PAGES if not p.startswith(("a-propos", "accessibilite", "donnees"))]


EN = i18n.translations("en")


def page(built, url: str) -> str:
    return (built.site / url.split("?")[0] / "index.html").read_text(encoding="utf-8")


def test_the_language_is_chosen_per_thread():
    """The search index is built in a thread while pages are rendered: its language must not leak."""
    import threading

    seen = []
    started, done = threading.Event(), threading.Event()

    def index():
        with i18n.speaking("en"):
            started.set()
            done.wait(5)

    worker = threading.Thread(target=index)
    worker.start()
    started.wait(5)
    seen.append((i18n.current(), i18n._("Rechercher")))
    done.set()
    worker.join()
    assert seen == [("fr", "Rechercher")]


def test_every_message_of_the_interface_is_translated_in_each_language():
    assert i18n.languages()[:2] == ("fr", "en")
    for code in i18n.languages()[1:]:
        assert messages.missing(code) == [], f"messages à traduire en {code} : lancer « catalogue traductions »"


def test_translations_keep_the_placeholders_of_the_french_message():
    for code in i18n.languages()[1:]:
        for m in messages.read(code):
            if not m.id:
                continue
            source = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            expected = set(PLACEHOLDER.findall(source[-1]))
            for s in strings:
                assert set(PLACEHOLDER.findall(s)) == expected, (code, m.id, s)


@pytest.mark.parametrize("url", GENERATED)
def test_each_public_page_exists_in_english_with_a_switcher_both_ways(built, url):
    fr, en = page(built, url), page(built, "en/" + url)
    assert '<html lang="fr">' in fr and '<html lang="en">' in en
    path = url.split("?")[0]
    assert 'hreflang="en" lang="en"' in fr and re.search(rf'href="{UP}en/{re.escape(path)}" hreflang="en"', fr)
    assert re.search(rf'href="{UP}{re.escape(path)}" hreflang="fr" lang="fr"', en)
    assert ">Search<" in en and ">Rechercher<" not in en  # the interface, translated


def test_english_pages_keep_the_offers_own_french_text_and_the_sites_assets(built):
    en = page(built, "en/offres/mobilite-solidaire/garage-solidaire/")
    assert "faire réparer votre voiture ou votre scooter" in en  # the offer's text is never translated
    assert 'href="../../../../assets/catalogue/catalogue.css"' in en  # assets once, at the site's root
    assert 'src="../../../../assets/catalogue/messages.en.js"' in en
    heading = i18n.translations("en").gettext("Ce que propose l'offre")
    assert heading != "Ce que propose l'offre" and f"<h2>{heading}</h2>" in en
    assert (built.site / "assets" / "catalogue" / "messages.en.js").read_text().startswith("window.CatalogueMessages = {")


@pytest.mark.parametrize("url", ["recherche/", "carte/"])
def test_the_no_javascript_notice_is_one_sentence_per_language_with_its_links(built, url):
    """Translated as whole sentences (links as placeholders), so that a language can order the words its way."""
    notices = {lang: re.search(r'<noscript><p class="cat-alerte">(.*?)</p></noscript>', page(built, prefix + url)).group(1)
               for lang, prefix in (("fr", ""), ("en", "en/"))}
    assert notices["fr"].startswith("La recherche et les filtres ont besoin de JavaScript. Sans lui, parcourez les offres <a href=")
    assert notices["en"].startswith("Search and filters need JavaScript. Without it, browse the services <a href=")
    for notice in notices.values():
        assert re.search(rf'<a href="{UP}">[^<]+</a>', notice) and notice.endswith(".")
        assert "&lt;" not in notice  # the links are links, not escaped text
    # What the translators see: whole sentences, never a sentence's first half.
    ids = [m.id for m in messages.extract() if isinstance(m.id, str) and m.id.startswith("La recherche et les filtres")]
    assert ids and all(i.endswith(".") and "%(par_thematique)s" in i for i in ids)


def test_french_only_pages_switch_to_the_other_languages_home(built):
    for url in ["a-propos/", "etat-de-l-offre/"]:
        html = page(built, url)
        assert re.search(rf'href="{UP}en/" hreflang="en" lang="en"', html), url


def test_english_search_uses_the_shared_index_and_links_to_english_pages(page, built):
    page.open("en/recherche/?thematique=mobilite")
    found = EN.ngettext("{n} offre trouvée.", "{n} offres trouvées.", 2).format(n=2)
    page.page.locator("#resultats-nombre", has_text=found).wait_for()
    titles = page.page.locator("#resultats .cat-card__titre a")
    assert sorted(titles.all_inner_texts()) == sorted([GARAGE, SCOOTERS])
    assert all("/en/offres/" in h for h in [titles.nth(i).get_attribute("href") for i in range(2)])
    # The offers' texts are French: one index serves every language, and its data is not duplicated.
    assert any("/pagefind/pagefind.fr_" in u for u in page.requests)
    # Thématique names are searchable in the interface's language ("Maintain and repair your vehicle").
    page.page.fill("#q", "repair")
    page.page.wait_for_url(re.compile("q=repair"))
    one = EN.ngettext("{n} offre trouvée.", "{n} offres trouvées.", 1).format(n=1)
    page.page.locator("#resultats-nombre", has_text=one).wait_for()
    assert page.page.locator("#resultats .cat-card__titre").all_inner_texts() == [GARAGE]
    assert page.errors == []


def test_english_results_say_places_in_english(page):
    from .test_browser import BUDGET, badges

    page.open("en/recherche/")
    shown = badges(page)
    assert shown[GARAGE] == EN.ngettext("{n} place disponible sur {total}", "{n} places disponibles sur {total}", 3).format(n=3, total=10)
    assert shown[SCOOTERS] == EN.gettext("Complet") != "Complet"
    assert shown[BUDGET] == EN.gettext("Places à confirmer") != "Places à confirmer"


def test_english_commune_search_and_selection_speak_english(page):
    page.open("en/recherche/?commune=91174")
    expected = EN.ngettext("{n} offre trouvée pour une personne habitant {commune}, les plus proches d'abord.",
                           "{n} offres trouvées pour une personne habitant {commune}, les plus proches d'abord.", 3)
    page.page.locator("#resultats-nombre", has_text=expected.format(n=3, commune="Corbeil-Essonnes")).wait_for()
    # Positions and communes are shared by every language.
    assert any("/geo/points-91" in u for u in page.requests) and not any("/en/geo/" in u for u in page.requests)
    page.open("en/offres/mobilite-solidaire/garage-solidaire/")
    page.page.click("[data-selection-bouton]")
    assert page.page.locator("[data-selection-bouton]").get_attribute("aria-pressed") == "true"
    assert page.page.locator("[data-selection-bouton]").inner_text() == EN.gettext("Ajouter à ma sélection") != "Ajouter à ma sélection"
    page.open("en/selection/")
    mine = EN.ngettext("Votre sélection : {n} offre.", "Votre sélection : {n} offres.", 1).format(n=1)
    assert page.page.locator("#selection-etat").inner_text() == mine != "Votre sélection : 1 offre."
    assert page.errors == []


@pytest.mark.parametrize("url", ["en/" + u for u in GENERATED])
def test_axe_finds_no_violation_in_english(page, url):
    page.open(url)
    assert page.axe() == []


def test_adding_a_language_is_adding_one_file(fresh, tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, locale)
    po = locale / "de" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'
                  'msgid "Rechercher"\nmsgstr "Suchen"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE", locale)
    i18n.languages.cache_clear()
    i18n.translations.cache_clear()
    try:
        fresh.build()
    finally:
        i18n.languages.cache_clear()
        i18n.translations.cache_clear()
    de = (fresh.site / "de" / "offres" / "mobilite-solidaire" / "garage-solidaire" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in de and ">Suchen<" in de
    assert ">Carte<" in de  # not translated yet: the French message is shown
    home = (fresh.site / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="de" lang="de">Deutsch</a>' in home
    assert (fresh.site / "de" / "recherche" / "index.html").is_file()


def test_catalogue_traductions_starts_a_language_and_says_what_is_left(tmp_path, monkeypatch, capsys):
    from generator.cli import main as cli

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE, locale)
    monkeypatch.setattr(i18n, "LOCALE", locale)
    i18n.languages.cache_clear()
    try:
        assert cli.main(["traductions", "--ajouter", "uk"]) == 0
        out = capsys.readouterr().out
        created = messages.read("uk")
        assert len(created) == len(messages.extract()) and messages.missing("uk")
        assert f"({len(messages.missing('uk'))} messages à traduire)" in out and "en/LC_MESSAGES/messages.po (complet)" in out
        assert cli.main(["traductions", "--ajouter", "pas-une-langue"]) == 2
        assert "n'est pas un code de langue" in capsys.readouterr().err
    finally:
        i18n.languages.cache_clear()
