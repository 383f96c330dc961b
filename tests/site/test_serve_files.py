"""`catalogue serve` leaves no stale file: after an update (an edit that empties a list page, an offer moved
to another département, a file deleted or added), once the background part is done, the served folder
holds exactly the files a fresh build of the same offers writes — no list page past a list's new end, no
état de l'offre page of a département or a structure that has nothing left to show."""

import time
from pathlib import Path

from generator.cli import build as b
from generator.cli import serve_outputs as outputs
from generator.cli.serve import Server, snapshot

from ..support import MELUN, OFFRE, write_catalogue

DEUX = "nom: Offre d'insertion de test\ndepartements: [\"91\", \"77\"]\n"


def in_77(offre: str) -> str:
    """The offer with its place in Melun (77) and its residents of the 77 eligible."""
    lieux = offre.index("lieux:\n") + len("lieux:\n")
    end = offre.index("telephone:")
    return offre[:lieux].replace('zone_eligibilite: ["91"]', 'zone_eligibilite: ["77"]') + MELUN + offre[end:]


def site_files(site) -> set[str]:
    """The served files, but the search index's (its file names are hashes of its content) and the static
    assets (copied from site_templates/, whatever the offers)."""
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    return {n for n in names if not n.startswith(("pagefind/", "assets/"))}


def fresh_build(repo, tmp_path) -> set[str]:
    """The files of a new build of the same offers; the parcours data (besoins/, rewritten file by file
    after an edit) must be the same, to the byte."""
    out = tmp_path / "frais"
    b.build(repo.offers, repo.territoire, out)
    for p in (out / "besoins").rglob("*.json"):
        rel = p.relative_to(out)
        assert (repo.site / rel).read_bytes() == p.read_bytes(), rel
    return site_files(out)


class Watched:
    """A server and its watcher's view of the files: `update()` does what the watcher does after a change."""

    def __init__(self, repo):
        self.repo = repo
        self.server = Server(repo.offers, repo.territoire, repo.site, quiet=True)
        assert self.server.full()
        self.before = snapshot(repo.offers, repo.territoire)

    def update(self) -> None:
        now = snapshot(self.repo.offers, self.repo.territoire)
        changed = [p for p in now if self.before.get(p) != now[p]]
        removed = [p for p in self.before if p not in now]
        previous, self.before = self.before, now
        self.server.rebuild(previous, [Path(p) for p in changed], removed, time.perf_counter())
        assert self.server.wait()
        for _ in range(600):  # replaced folders are removed by a detached process: wait, no duration asserted
            if not [p for p in self.repo.site.iterdir() if p.name.startswith(".")]:
                break
            time.sleep(0.1)


def test_an_emptied_list_page_and_etat_page_go_as_after_a_build(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "PARALLEL_PAGES", 2)  # the pages rendered by forked workers, as for long lists
    # 201 offers in the 91, one in the 77, all to be checked again (not updated for 9 months): lists of two
    # pages, « à mettre à jour » of two pages too.
    old = OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2026-03-02")
    offres = {f"asso-a/o{i:03d}": old.replace("nom: Garage solidaire", f"nom: Garage {i:03d}") for i in range(201)}
    offres["asso-b/melun"] = in_77(old.replace("nom: Garage solidaire", "nom: Garage de Melun"))
    repo = write_catalogue(tmp_path, offres=offres, territoire=DEUX)
    w = Watched(repo)
    site = repo.site
    assert (site / "thematiques/mobilite/2/index.html").exists() and (site / "territoires/91/2/index.html").exists()
    assert (site / "etat-de-l-offre/a-mettre-a-jour/2/index.html").exists()
    # The offer in the 77 moves to the 91 and one of the 91 is suspended: the 91's lists still hold 201
    # offers; the 77's list is empty.
    (repo.offers / "asso-b/melun.yml").write_text(OFFRE.replace("nom: Garage solidaire", "nom: Garage de Melun"), encoding="utf-8")
    w.update()
    assert "Garage de Melun" in (site / "territoires/91/2/index.html").read_text(encoding="utf-8")
    assert "Garage de Melun" in (site / "en/thematiques/mobilite/2/index.html").read_text(encoding="utf-8")
    assert site_files(site) == fresh_build(repo, tmp_path)
    # Two offers checked and suspended: every list of the 91 fits in one page, and the offers to check
    # too: their second pages go.
    for name in ("o000", "o001"):
        (repo.offers / f"asso-a/{name}.yml").write_text(OFFRE + "statut: suspendue\n", encoding="utf-8")
    w.update()
    assert not (site / "territoires/91/2/index.html").exists()
    assert not (site / "thematiques/mobilite/2/index.html").exists()
    assert not (site / "etat-de-l-offre/a-mettre-a-jour/2/index.html").exists()
    assert site_files(site) == fresh_build(repo, tmp_path)


def test_a_deleted_and_an_added_offer_file(tmp_path):
    repo = write_catalogue(tmp_path, offres={"asso-a/garage": OFFRE, "asso-b/atelier": OFFRE.replace("nom: Garage solidaire", "nom: Atelier vélo")})
    w = Watched(repo)
    site = repo.site
    assert (site / "offres/asso-b/atelier/index.html").exists()
    (repo.offers / "asso-b/atelier.yml").unlink()
    w.update()
    assert not (site / "offres/asso-b/atelier/index.html").exists()
    assert "Atelier vélo" not in (site / "thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert site_files(site) == fresh_build(repo, tmp_path)
    (repo.offers / "asso-a/auto-ecole.yml").write_text(OFFRE.replace("nom: Garage solidaire", "nom: Auto-école sociale"), encoding="utf-8")
    w.update()
    assert "Auto-école sociale" in (site / "offres/asso-a/auto-ecole/index.html").read_text(encoding="utf-8")
    assert "Auto-école sociale" in (site / "thematiques/mobilite/index.html").read_text(encoding="utf-8")
    assert site_files(site) == fresh_build(repo, tmp_path)
