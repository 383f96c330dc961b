"""`catalogue serve` tells the truth: after an offer is edited, every output that shows it is up to date
(the pages, lists, feeds, map and parcours data at once; the état de l'offre, the open data and the search
index once the background part is done), and files are replaced in one step (a reader never gets a
half-written file)."""

import gzip
import json
import threading
import time

from generator import files
from generator.cli.serve import Server

from ..support import OFFRE, write_catalogue

NOM = "Garage solidaire Zéphyrin"  # a word of its own: the search vocabulary must learn it
PLACES = "places:\n  total: 12\n  disponibles: 7\n  date: 2026-11-20\n"


def edit(path, nom=NOM):
    path.write_text(OFFRE.replace("nom: Garage solidaire", f"nom: {nom}") + PLACES, encoding="utf-8")


def served(tmp_path, offres=("asso-a/garage", "asso-b/atelier"), quiet=True):
    repo = write_catalogue(tmp_path, offres=offres)
    server = Server(repo.offers, repo.territoire, repo.site, quiet=quiet)
    assert server.full()
    return repo, server


def pagefind_texts(site) -> str:
    """The text of every record of the served search index."""
    return "".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in (site / "pagefind/fragment").glob("*.pf_fragment"))


def fragment_names(site) -> set[str]:
    """The served search index's result ids."""
    return {p.name.removesuffix(".pf_fragment") for p in (site / "pagefind/fragment").glob("*.pf_fragment")}


def geo_entries(site) -> list:
    return [e for p in (site / "geo").glob("offres-*.json") for e in json.loads(p.read_text(encoding="utf-8"))["offres"]]


def test_an_edit_reaches_every_output(tmp_path, capsys):
    repo, server = served(tmp_path, quiet=False)
    site = repo.site
    target = repo.offers / "asso-a" / "garage.yml"
    edit(target)
    capsys.readouterr()
    assert server.incremental([target])
    # The console says what is up to date, and what is still being written.
    said = capsys.readouterr().err
    assert "garage.yml : page, listes, carte et parcours à jour en " in said
    assert "état de l'offre, index de recherche et données ouvertes en cours…" in said
    # At once: its page, its lists (thématique, catégorie, territory, structure, home), feeds, map and parcours data.
    page = (site / "offres/asso-a/garage/index.html").read_text(encoding="utf-8")
    assert NOM in page and "7 places disponibles sur 12" in page
    assert NOM in (site / "en/offres/asso-a/garage/index.html").read_text(encoding="utf-8")
    for url in ("thematiques/mobilite--entretenir-reparer-son-vehicule/", "thematiques/mobilite/", "territoires/91/", "structures/asso-a/",
                "en/thematiques/mobilite/"):
        assert NOM in (site / url / "index.html").read_text(encoding="utf-8"), url
    assert NOM in (site / "thematiques/mobilite/flux.atom").read_text(encoding="utf-8")
    assert NOM in [e[4] for e in geo_entries(site)]  # the map's data, keyed by the served index's results
    assert {e[0] for e in geo_entries(site)} == fragment_names(site)
    besoins = json.loads((site / "besoins/mobilite/91.json").read_text(encoding="utf-8"))["offres"]
    garage = next(e for e in besoins if e[0] == "asso-a/garage")
    assert garage[1] == NOM and garage[9][:2] == [12, 7]  # the parcours page's, with its places
    # Then, in the background: état de l'offre, open data, search index and vocabulary.
    assert server.wait()
    said = capsys.readouterr().err
    assert "état de l'offre à jour en " in said and "index de recherche et données ouvertes à jour en " in said
    assert any(NOM in p.read_text(encoding="utf-8") for p in (site / "etat-de-l-offre").rglob("index.html"))
    offres = json.loads((site / "donnees/offres.json").read_text(encoding="utf-8"))["offres"]
    assert [o["places"]["disponibles"] for o in offres if o["nom"] == NOM] == [7]
    assert NOM in (site / "donnees/offres.csv").read_text(encoding="utf-8")
    assert NOM in pagefind_texts(site)
    assert "Zéphyrin" in json.loads((site / "recherche-vocabulaire.json").read_text(encoding="utf-8"))["mots"]
    # The map's entries point at the new index's results (a search result finds its place on the map).
    assert {e[0] for e in geo_entries(site)} == fragment_names(site)
    # The replaced index and geo/ are removed by a detached process: wait for it, without asserting any duration.
    for _ in range(600):
        if not list(site.glob(".pagefind-*")) and not list(site.glob(".geo-*")):
            break
        time.sleep(0.1)
    assert not list(site.rglob(".tmp-*")) and not list(site.glob(".pagefind-*")) and not list(site.glob(".geo-*"))


def test_a_renamed_offer_moves_to_its_new_page_of_a_long_list(tmp_path):
    """Lists show 200 offers a page: a new name moves the offer (and others) from page to page."""
    offres = {f"asso-a/o{i:03d}": OFFRE.replace("nom: Garage solidaire", f"nom: Garage {i:03d}") for i in range(201)}
    repo, server = served(tmp_path, offres)
    site = repo.site
    last = site / "thematiques/mobilite/2/index.html"
    assert "Garage 200" in last.read_text(encoding="utf-8")
    # Its places only: the lists keep their order; the page that shows it changes, the other stays as it was.
    before = last.stat().st_mtime_ns
    (repo.offers / "asso-a" / "o150.yml").write_text(offres["asso-a/o150"] + PLACES, encoding="utf-8")
    assert server.incremental([repo.offers / "asso-a" / "o150.yml"])
    assert "7 places disponibles sur 12" in (site / "thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert "7 places disponibles sur 12" in (site / "territoires/91/index.html").read_text(encoding="utf-8")
    assert "7 places available out of 12" in (site / "en/thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert last.stat().st_mtime_ns == before
    target = repo.offers / "asso-a" / "o200.yml"
    target.write_text(OFFRE.replace("nom: Garage solidaire", "nom: Aaa garage"), encoding="utf-8")
    assert server.incremental([target])
    first = (site / "thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert "Aaa garage" in first and "Garage 199" not in first
    assert "Garage 199" in last.read_text(encoding="utf-8") and "Garage 200" not in last.read_text(encoding="utf-8")
    # Suspended, it leaves the lists: the second page has nothing left to show and goes, as after a build.
    target.write_text(OFFRE.replace("nom: Garage solidaire", "nom: Aaa garage") + "statut: suspendue\n", encoding="utf-8")
    assert server.incremental([target])
    assert not last.exists() and not (site / "en/thematiques/mobilite/2/index.html").exists()
    assert not (site / "structures/asso-a/2/index.html").exists()  # its structure's second page too
    assert "Aaa garage" not in (site / "thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert "Aaa garage" not in (site / "territoires/91/index.html").read_text(encoding="utf-8")
    assert "asso-a/o200" not in json.loads((site / "besoins/offres/asso-a.json").read_text(encoding="utf-8"))
    assert server.wait()


def test_a_reader_never_sees_a_missing_or_half_file_during_updates(tmp_path):
    repo, server = served(tmp_path)
    site = repo.site
    watched = ["donnees/offres.json", "donnees/data-inclusion/services.json", "geo/index.json", "besoins/mobilite/91.json",
               "pagefind/pagefind-entry.json", "recherche-vocabulaire.json"]
    pages = ["offres/asso-a/garage/index.html", "thematiques/mobilite/index.html", "etat-de-l-offre/index.html"]
    problems, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            for rel in watched + pages:
                try:
                    text = (site / rel).read_text(encoding="utf-8")
                except OSError as exc:
                    problems.append(f"{rel}: {exc}")
                    continue
                if rel in watched:
                    try:
                        json.loads(text)
                    except ValueError:
                        problems.append(f"{rel}: JSON incomplet ({len(text)} caractères)")
                elif "</html>" not in text:
                    problems.append(f"{rel}: page incomplète ({len(text)} caractères)")
            xlsx = (site / "donnees/data-inclusion/data-inclusion.xlsx").read_bytes()
            if not xlsx.startswith(b"PK") or b"PK\x05\x06" not in xlsx[-200:]:  # a zip ends with its directory
                problems.append(f"data-inclusion.xlsx incomplet ({len(xlsx)} octets)")

    reader = threading.Thread(target=read)
    reader.start()
    try:
        target = repo.offers / "asso-a" / "garage.yml"
        for i in range(3):
            edit(target, f"{NOM} {i}")
            assert server.incremental([target])
            assert server.wait()
        assert server.full()  # a full rebuild (a new offer, territoire.yml…) swaps the whole site in one step
    finally:
        stop.set()
        reader.join()
    assert problems == []
    assert f"{NOM} 2" in (site / "donnees/offres.json").read_text(encoding="utf-8")


def test_a_replaced_file_is_never_seen_half_written(tmp_path):
    path = tmp_path / "page.html"
    files.write(path, "a" * 2_000_000)
    seen, stop = set(), threading.Event()

    def read():
        while not stop.is_set():
            seen.add(len(path.read_bytes()))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(20):
            files.write(path, ("b" if i % 2 else "c") * 2_000_000)
    finally:
        stop.set()
        reader.join()
    assert seen == {2_000_000}
    assert oct(path.stat().st_mode & 0o777) == "0o644"
