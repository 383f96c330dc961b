"""The build: pages at their public URLs, what they say, safety, atomicity, determinism, size, CLI."""

import hashlib
import json
import re
import time
from html import unescape
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.cli.serve import Server
from generator.pipeline.problems import BuildError


def page(built, url: str) -> str:
    return (built.site / url / "index.html").read_text(encoding="utf-8")


def test_every_page_type_is_written_at_its_public_url(built):
    for url in [
        "",
        "offres/mobilite-solidaire/garage-solidaire/",
        "structures/mobilite-solidaire/",
        "thematiques/mobilite/",
        "thematiques/mobilite--acceder-a-un-vehicule/",
        "territoires/91/",
        "territoires/200059228/",
        "recherche/",
        "carte/",
        "selection/",
        "a-propos/",
        "accessibilite/",
    ]:
        html = page(built, url)
        assert '<html lang="fr"' in html, url
        assert 'href="#contenu"' in html and 'id="contenu"' in html, url
        assert 'http-equiv="Content-Security-Policy"' in html, url


def test_offer_page_says_everything_in_plain_french(built):
    html = page(built, "offres/mobilite-solidaire/garage-solidaire/")
    readable = unescape(html)
    for text in [
        "Garage solidaire",
        "Association Mobilité Solidaire",
        "3 places disponibles sur 10",
        "comptées le 10 novembre 2026",
        "Demandeurs d’emploi",
        "Essonne (91)",
        "La personne peut s'adresser directement à l'offre, ou être orientée",
        "Payant",
        "4 rue de la Gare",
        "Du lundi au vendredi",
        "de 9 h à 12 h",
        "Fermé les jours fériés",
        "01 99 00 10 11",
        "CCAS d'Évry-Courcouronnes",
        "mise à jour le <time datetime=\"2026-11-02\">2 novembre 2026</time>",
    ]:
        assert text in readable, text
    assert 'href="https://github.com/exemple/catalogue-test/edit/main/offers/mobilite-solidaire/garage-solidaire.yml"' in html
    assert "https://github.com/exemple/catalogue-test/issues/new?template=signaler-une-erreur.yml&amp;title=" in html
    assert "&amp;offre=mobilite-solidaire%2Fgarage-solidaire" in html  # the issue form itself, prefilled (tests/contrib/test_places_pages.py)


def test_free_text_cannot_inject_html_or_scripts(built):
    html = page(built, "offres/mobilite-solidaire/garage-solidaire/")
    assert "<script>alert" not in html
    assert "javascript:" not in html and "ici</a>" not in html and " ou cliquer ici." in html
    assert '<a rel="nofollow noopener" href="https://example.org/tarifs">le tarif</a>' in html
    assert "<strong>atelier mensuel</strong>" in html
    head = html.split("</head>")[0]
    assert '<meta name="description" content="Le garage solidaire répare' in head and "<p>" not in head


def test_stale_offer_is_flagged_and_its_old_count_is_to_be_confirmed(built):
    html = page(built, "offres/ccas-evry/aide-budget/")
    assert "À mettre à jour" in html
    assert "Places à confirmer" in html and "3 places" not in html
    assert "Aide au budget familial" in page(built, "structures/ccas-evry/")


@pytest.mark.parametrize("ident, why", [
    ("ccas-evry/epicerie-suspendue", "suspendue"),
    ("ccas-evry/ancienne-permanence", "pas été vérifiée depuis trop longtemps"),
])
def test_unlisted_offers_keep_a_page_that_says_why_but_are_listed_nowhere(built, ident, why):
    html = page(built, f"offres/{ident}/")
    assert "n'est pas listée dans le catalogue" in html and why in html
    for url in ["structures/ccas-evry/", "carte/", "thematiques/equipement-et-alimentation/", "territoires/91/"]:
        assert f"offres/{ident}/" not in page(built, url), url
    # One search index for every interface language, public offers only.
    assert len(list((built.site / "pagefind" / "fragment").glob("*.pf_fragment"))) == 5


def test_home_page_offers_search_categories_and_figures(built):
    html = page(built, "")
    assert 'action="./recherche/"' in html
    assert html.count('class="cat-besoins__besoin"') == 16
    assert "<strong>5</strong> offres publiées" in html


def test_search_data_is_split_per_departement(built):
    geo = built.site / "geo"
    manifest = json.loads((geo / "index.json").read_text())
    assert sorted(manifest["offres"]) == ["91", "autres"]
    communes = json.loads((geo / "communes-91.json").read_text())
    corbeil = next(c for c in communes if c[0] == "91174")
    assert corbeil[1] == "Corbeil-Essonnes" and corbeil[2] == "91100"
    assert corbeil[5:7] == [48.6139, 2.4826]  # approximated from the catalogue's own places
    assert corbeil[7] == "91100"  # the postal codes of which it is the main commune (generator/model/codes_postaux.py)
    # Every other département of France too, for a postal code or a link outside the territory.
    assert manifest["france"]["69"] == "communes-69.json" and manifest["codes_postaux"]["20"] == ["2A", "2B"]
    assert len(communes) > 190  # every commune of Essonne can be chosen


def test_the_search_index_is_written_in_memory_then_copied_without_leftovers(built):
    from generator.site.search import index

    assert (built.site / "pagefind" / "pagefind-entry.json").is_file()
    assert not list(index.SCRATCH.glob("catalogue-pagefind-*"))
    assert not list(built.site.glob("catalogue-pagefind-*")) and not list(built.site.glob(".pagefind-*"))


def test_a_rich_offer_page_stays_under_30_kb(built):
    assert (built.site / "offres/mobilite-solidaire/garage-solidaire/index.html").stat().st_size <= 30_000


def test_no_page_refers_to_another_origin_for_scripts_styles_or_fonts(built):
    for path in built.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
            url = m.group(1)
            assert not re.match(r"^(https?:)?//", url) or 'rel="canonical"' in m.group(0), (path, url)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_catalogue_are_byte_identical(fresh):
    fresh.build(fresh.root / "a")
    fresh.build(fresh.root / "b")
    a, c = digest(fresh.root / "a"), digest(fresh.root / "b")
    assert a.keys() == c.keys()
    assert [k for k in a if a[k] != c[k]] == []


def test_a_failing_build_leaves_the_previous_site_intact(fresh):
    fresh.build()
    before = digest(fresh.site)
    bad = fresh.offers / "ccas-evry" / "aide-budget.yml"
    bad.write_text(bad.read_text().replace("zone_eligibilite:", "zone_eligibilitee:"), encoding="utf-8")
    with pytest.raises(BuildError):
        fresh.build()
    assert digest(fresh.site) == before
    assert not [p for p in fresh.root.iterdir() if p.name.startswith(".site-")]


def test_cli_build_reports_errors_in_french_and_exits_1(fresh, capsys):
    bad = fresh.offers / "ccas-evry" / "aide-budget.yml"
    bad.write_text(bad.read_text().replace("frais: gratuit", "frais: peut-etre"), encoding="utf-8")
    code = main(["build", "--offres", str(fresh.offers), "--territoire", str(fresh.territoire), "--out", str(fresh.site)])
    err = capsys.readouterr().err
    assert code == 1
    assert "erreur" in err and "le site n'a pas été modifié" in err and "Traceback" not in err
    assert not fresh.site.exists()


def test_cli_build_writes_the_site_and_shows_warnings(fresh, capsys):
    code = main(["build", "--offres", str(fresh.offers), "--territoire", str(fresh.territoire), "--out", str(fresh.site)])
    err = capsys.readouterr().err
    assert code == 0
    assert "avertissement" in err and "site construit" in err
    assert (fresh.site / "offres/ccas-evry/aide-budget/index.html").is_file()
    assert (fresh.site / "donnees").is_dir()


def test_serve_rebuilds_only_what_a_changed_offer_touches(fresh):
    # Speed is measured by bench/run.py (« reconstruction d'une offre ») — here: it is incremental.
    server = Server(fresh.offers, fresh.territoire, fresh.site, quiet=True)
    assert server.full()
    untouched = fresh.site / "offres/ccas-evry/aide-budget/index.html"
    before = untouched.stat().st_mtime_ns
    target = fresh.offers / "mission-locale-massy" / "atelier-cv.yml"
    target.write_text(target.read_text().replace("Atelier CV et lettre de motivation", "Atelier CV renouvelé"), encoding="utf-8")
    assert server.incremental([target])
    assert untouched.stat().st_mtime_ns == before  # another structure's offer page is not rewritten
    assert "Atelier CV renouvelé" in (fresh.site / "offres/mission-locale-massy/atelier-cv/index.html").read_text()
    assert "Atelier CV renouvelé" in (fresh.site / "structures/mission-locale-massy/index.html").read_text()
    assert server.wait()  # the search index follows in the background (tests/site/test_serve_outputs.py)
    fragments = [p.read_bytes() for p in (fresh.site / "pagefind" / "fragment").glob("*")]
    import gzip
    assert any(b"Atelier CV renouvel" in gzip.decompress(f) for f in fragments)


def test_serve_watcher_picks_up_an_edited_offer(fresh):
    import threading

    server = Server(fresh.offers, fresh.territoire, fresh.site, quiet=True)
    assert server.full()
    stop = threading.Event()
    watcher = threading.Thread(target=server.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        time.sleep(0.5)
        target = fresh.offers / "ccas-evry" / "aide-budget.yml"
        target.write_text(target.read_text().replace("Aide au budget familial", "Aide au budget des familles"), encoding="utf-8")
        page_path = fresh.site / "offres/ccas-evry/aide-budget/index.html"
        start = time.perf_counter()
        while time.perf_counter() - start < 30 and "Aide au budget des familles" not in page_path.read_text():
            time.sleep(0.05)
        assert "Aide au budget des familles" in page_path.read_text()
    finally:
        stop.set()
        watcher.join(5)


def test_a_rebuild_replaces_the_site_and_removes_the_old_one(fresh):
    fresh.build()
    (fresh.site / "fichier-perime.txt").write_text("ancien", encoding="utf-8")
    fresh.build()
    assert not (fresh.site / "fichier-perime.txt").exists()
    # The replaced site is removed by a detached process: wait for it, without asserting any duration.
    for _ in range(600):
        if not [p for p in fresh.root.iterdir() if p.name.startswith(".site-")]:
            break
        time.sleep(0.1)
    assert not [p for p in fresh.root.iterdir() if p.name.startswith(".site-")]


def test_a_large_catalogue_map_page_lists_territories_instead_of_every_offer(fresh, monkeypatch):
    from generator.site.pages import recherche

    monkeypatch.setattr(recherche, "CARTE_LISTE_MAX", 2)  # the sample has 5 public offers
    fresh.build()
    carte = (fresh.site / "carte" / "index.html").read_text(encoding="utf-8")
    statique = carte.split('id="liste-statique"', 1)[1].split("</div>", 1)[0]
    assert "cat-card" not in statique
    assert 'href="../territoires/91/">Essonne</a>' in statique
    recherche = (fresh.site / "recherche" / "index.html").read_text(encoding="utf-8")
    assert "la liste par territoire" in recherche and "la liste par commune" not in recherche
