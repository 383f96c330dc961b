"""`catalogue serve` tells the truth: after an offer is edited, every output that shows it is up to date,
and files are replaced in one step (a reader never gets a half-written file)."""

import json
import threading

from generator import files
from generator.cli.serve import Server

from ..support import OFFRE, write_catalogue


def test_an_edit_reaches_every_output(tmp_path):
    repo = write_catalogue(tmp_path, offres=["asso-a/garage", "asso-b/atelier"])
    server = Server(repo.offers, repo.territoire, repo.site, quiet=True)
    assert server.full()
    target = repo.offers / "asso-a" / "garage.yml"
    target.write_text(OFFRE.replace("nom: Garage solidaire", "nom: Garage solidaire du Val"), encoding="utf-8")
    assert server.incremental([target])
    site = repo.site
    assert "Garage solidaire du Val" in (site / "offres/asso-a/garage/index.html").read_text(encoding="utf-8")
    assert "Garage solidaire du Val" in (site / "thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert "Garage solidaire du Val" in (site / "territoires/91/index.html").read_text(encoding="utf-8")
    assert "Garage solidaire du Val" in (site / "thematiques/mobilite/flux.atom").read_text(encoding="utf-8")
    assert any("Garage solidaire du Val" in p.read_text(encoding="utf-8") for p in (site / "etat-de-l-offre").rglob("index.html"))
    offres = json.loads((site / "donnees/offres.json").read_text(encoding="utf-8"))["offres"]
    assert "Garage solidaire du Val" in [o["nom"] for o in offres]
    assert "Garage solidaire du Val" in (site / "donnees/offres.csv").read_text(encoding="utf-8")
    geo = "".join(p.read_text(encoding="utf-8") for p in (site / "geo").glob("offres-*.json"))
    assert "Garage solidaire du Val" in geo  # the map's data
    assert "Garage solidaire du Val" in (site / "besoins/mobilite.json").read_text(encoding="utf-8")  # the parcours page's
    assert not list(site.rglob(".tmp-*"))


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
