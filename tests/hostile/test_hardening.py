"""Hostile inputs, second round: each kind gets a French message naming the file, exit code 1, no
traceback, no crash, no hang — and a killed build leaves nothing that the next one keeps."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.opendata.csv_table import cell
from generator.site import folders

from ..support import OFFRE, TERRITOIRE, write_catalogue

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "CATALOGUE_DATE": "2026-11-23", "CATALOGUE_CACHE": "0"}


def catalogue(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, env=ENV, timeout=timeout)


def problems(cwd: Path) -> tuple[int, list[dict]]:
    proc = catalogue(cwd, "validate", "--format", "json")
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in out + err
    return proc.returncode, json.loads(out)["problemes"]


def messages(found: list[dict], fichier: str) -> list[str]:
    return [p["message"] for p in found if p["fichier"] == fichier]


@pytest.fixture
def repo(tmp_path):
    return write_catalogue(tmp_path, ["ccas-test"], ["ccas-test/valide"], territoire=None)


def test_deep_nesting_is_refused_before_composing(repo):
    # 30,000 levels: libyaml's composer would exhaust the stack and kill the process (exit 139).
    repo.write("ccas-test/crochets.yml", "a: " + "[" * 30000 + "]" * 30000 + "\n")
    repo.write("ccas-test/tirets.yml", "- " * 30000 + "x\n")
    repo.write("ccas-test/accolades.yml", "a: " + "{b: " * 30000 + "1" + "}" * 30000 + "\n")
    code, found = problems(repo.root)
    assert code == 1
    for name in ("crochets", "tirets", "accolades"):
        assert messages(found, f"offers/ccas-test/{name}.yml") == ["valeur trop imbriquée (plus de 20 niveaux)"]


def test_a_file_with_a_hundred_thousand_unknown_keys_is_reported_quickly_and_briefly(repo):
    repo.write("ccas-test/cles.yml", OFFRE + "".join(f"k{i}: 1\n" for i in range(90_000)))
    start = time.monotonic()
    code, found = problems(repo.root)
    assert time.monotonic() - start < 60  # it took minutes when each problem was located from the top
    mine = messages(found, "offers/ccas-test/cles.yml")
    assert len(mine) == 101 and mine[-1] == "et 89900 autres problèmes dans ce fichier : corriger ceux-ci, puis vérifier de nouveau"
    assert mine[0] == "champ inconnu « k0 » : le supprimer ou corriger son nom"


def test_a_huge_sparse_file_is_refused_without_being_read(repo):
    with open(repo.offers / "ccas-test" / "enorme.yml", "wb") as f:
        f.truncate(2 * 1024**3)
    proc = subprocess.run(
        [sys.executable, "-c", "import resource, sys; from generator.cli.main import main; rc = main(['validate']);"
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"],
        cwd=repo.root, capture_output=True, env={**ENV, "CATALOGUE_CACHE": str(repo.root / "cache")}, timeout=600, text=True,
    )
    assert proc.returncode == 1
    assert "offers/ccas-test/enorme.yml:1:1: (fichier): fichier trop gros (2147483 ko) : 1000 ko au plus" in proc.stdout
    assert int(proc.stderr.split()[-1]) < 500_000  # kB: the cache key no longer reads the 2 GB


def test_file_names_that_are_not_text_are_reported_escaped(repo):
    bad = repo.offers / os.fsdecode(b"dossier-\xff")
    bad.mkdir()
    (bad / "structure.yml").write_bytes((repo.offers / "ccas-test" / "structure.yml").read_bytes())
    repo.write("ccas-test/echap\x1b[31m.yml", OFFRE)
    repo.write("ccas-test/ligne\nsuite.yml", OFFRE)
    proc = catalogue(repo.root, "validate")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in out + proc.stderr.decode()
    assert "\x1b" not in out and "ligne\nsuite" not in out  # no terminal escape, one problem per line
    assert "offers/dossier-\\udcff/structure.yml:1:1: (fichier): nom illisible (il n'est pas écrit en UTF-8)" in out
    assert "offers/ccas-test/echap\\x1b[31m.yml:1:1: (fichier): nom avec des caractères de contrôle" in out
    assert "offers/ccas-test/ligne\\nsuite.yml:1:1: (fichier): nom avec des caractères de contrôle" in out


def test_files_that_would_be_passed_over_are_reported(repo, tmp_path_factory):
    repo.write("ccas-test/majuscules.YML", OFFRE)
    outside = tmp_path_factory.mktemp("dehors")
    (outside / "offre.yml").write_text(OFFRE)
    os.symlink(outside, repo.offers / "lien-dehors")
    os.symlink(repo.offers / "ccas-test", repo.offers / "lien-dedans")
    os.symlink("..", repo.offers / "ccas-test" / "boucle")
    os.mkfifo(repo.offers / "ccas-test" / "tube.yml")
    proc = catalogue(repo.root, "validate", "--format", "json", timeout=60)  # a pipe used to hang here
    found = json.loads(proc.stdout)["problemes"]
    assert proc.returncode == 1
    assert messages(found, "offers/ccas-test/majuscules.YML") == ["extension « .YML » : renommer le fichier en « majuscules.yml » (en minuscules)"]
    link = "lien symbolique vers un dossier, ignoré : les offres doivent être dans de vrais dossiers du dépôt"
    for name in ("offers/lien-dehors", "offers/lien-dedans", "offers/ccas-test/boucle"):
        assert messages(found, name) == [link]
    assert messages(found, "offers/ccas-test/tube.yml") == ["ce n'est pas un fichier ordinaire (dossier, tube, périphérique…) : le supprimer ou le renommer"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"Garage \\0 solidaire"', "caractère de contrôle interdit (\\x00) : le retirer du texte"),
        ('"Garage \\e[31m solidaire"', "caractère de contrôle interdit (\\x1b) : le retirer du texte"),
        ("!!binary R2FyYWdlGw==", "étiquette YAML « !!binary » non acceptée : écrire la valeur simplement, sans étiquette"),
        ('"Garage \u202e eriadilos"', "caractère invisible ou qui change le sens d'écriture (U+202E) dans un nom : le retirer"),
        ('"Garage\u200bsolidaire"', "caractère invisible ou qui change le sens d'écriture (U+200B) dans un nom : le retirer"),
        ('"Garage \\ud800"', "séquence d'échappement Unicode invalide (\\u…) : écrire le caractère lui-même"),
        ("!!str {a: 1}", "étiquette YAML « !!str » non acceptée : écrire la valeur simplement, sans étiquette"),
    ],
)
def test_characters_and_tags_that_should_not_publish_are_refused(repo, value, message):
    repo.write("ccas-test/hostile.yml", OFFRE.replace("nom: Garage solidaire", f"nom: {value}"))
    code, found = problems(repo.root)
    assert code == 1
    assert message in messages(found, "offers/ccas-test/hostile.yml")


def test_messages_stay_french_for_huge_numbers_and_tile_urls(repo):
    repo.write("ccas-test/nombre.yml", OFFRE + "age_min: " + "9" * 200_000 + "\n")
    repo.set_territoire(TERRITOIRE + "tuiles:\n  url: 'javascript:alert(1)//{z}'\n  attribution: OSM\n")
    code, found = problems(repo.root)
    assert code == 1
    (age,) = messages(found, "offers/ccas-test/nombre.yml")
    assert age.startswith("nombre entier trop grand (trouvé : « 9999")
    (tuiles,) = messages(found, "territoire.yml")
    assert tuiles.startswith("modèle d'adresse de tuiles invalide « javascript:alert(1)//{z} » : une adresse https://")


def test_formula_cells_are_neutralised_in_csv_only():
    assert cell('=HYPERLINK("https://exemple.org","clic")') == '\'=HYPERLINK("https://exemple.org","clic")'
    assert [cell(v) for v in ("+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1")] == ["'+1+2", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1"]
    assert [cell(v) for v in ("+33164000000", "-1.5", "Garage", "a=b")] == ["+33164000000", "-1.5", "Garage", "a=b"]


def test_the_published_csv_and_json_of_a_formula(tmp_path):
    offre = OFFRE.replace("Réparations à prix coûtant", '=HYPERLINK("https://exemple.org";"Cliquer") Réparations')
    repo = write_catalogue(tmp_path, offres={"ccas-test/formule": offre})
    site = tmp_path / "site"
    proc = catalogue(tmp_path, "build", "--out", str(site), timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO((site / "donnees" / "offres.csv").read_text(encoding="utf-8"))))
    assert rows[0]["description"].startswith("'=HYPERLINK(")
    (record,) = json.loads((site / "donnees" / "offres.json").read_text(encoding="utf-8"))["offres"]
    assert record["description"].startswith("=HYPERLINK(")  # the JSON keeps the text exact
    assert repo


def test_the_swap_is_one_step_and_falls_back_to_two_renames(tmp_path, monkeypatch):
    for fallback in (False, True):
        base = tmp_path / str(fallback)
        (base / "site").mkdir(parents=True)
        (base / "site" / "ancien.html").write_text("ancien")
        new = folders.owned_tempdir(".site-", base)
        (new / "nouveau.html").write_text("nouveau")
        if fallback:
            monkeypatch.setattr(folders, "_exchange", lambda a, b: False)
        old = folders.swap_in(new, base / "site")
        assert (base / "site" / "nouveau.html").is_file() and (old / "ancien.html").is_file()
        assert oct((base / "site").stat().st_mode & 0o777) == "0o755"


def test_a_killed_build_leaves_nothing_the_next_build_keeps(tmp_path):
    write_catalogue(tmp_path, offres=[f"ccas-test/offre-{i}" for i in range(40)])
    site = tmp_path / "site"
    assert catalogue(tmp_path, "build", "--out", str(site), timeout=300).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    leftovers, killed = [], []

    def temporary(sub: str = "") -> list[Path]:
        return [p for p in tmp_path.iterdir() if p.name.startswith(".site-") and (p / sub).exists()]

    for moment in ("", "offres"):  # as soon as the new site is begun, then once pages are written into it
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--out", str(site)], cwd=tmp_path, env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(3000):
            if temporary(moment) or proc.poll() is not None:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed.append(proc.pid)
        leftovers += [p.name for p in temporary()]
        assert sorted(p.relative_to(site) for p in site.rglob("*")) == before  # the previous site is intact
    assert leftovers  # the kills did leave temporary folders…
    assert catalogue(tmp_path, "build", "--out", str(site), timeout=300).returncode == 0
    time.sleep(1)  # the replaced site is removed in the background
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []  # …and the next build removed them
    assert not [p for pid in killed for p in Path("/dev/shm").glob(f"catalogue-pagefind-{pid}-*")]
    assert oct(site.stat().st_mode & 0o777) == "0o755"


def test_serve_outlives_hostile_files(tmp_path):
    import threading

    from generator.cli.serve import Server

    repo = write_catalogue(tmp_path, offres=["ccas-test/garage"])
    server = Server(repo.offers, repo.root / "territoire.yml", tmp_path / "site", quiet=True)
    assert server.full()
    stop = threading.Event()
    watcher = threading.Thread(target=server.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        time.sleep(0.5)
        repo.write("ccas-test/profond.yml", "a: " + "[" * 30000 + "]" * 30000 + "\n")
        (repo.offers / os.fsdecode(b"dossier-\xff")).mkdir()
        os.symlink("..", repo.offers / "ccas-test" / "boucle")
        time.sleep(3)
        assert watcher.is_alive()  # a crash in libyaml or an undecodable name used to end it
        (repo.offers / "ccas-test" / "profond.yml").unlink()  # the catalogue is valid again: it is rebuilt
        (repo.offers / "ccas-test" / "boucle").unlink()
        page = tmp_path / "site" / "offres" / "ccas-test" / "garage" / "index.html"
        target = repo.offers / "ccas-test" / "garage.yml"
        target.write_text(target.read_text().replace("Garage solidaire", "Garage solidaire du Val"), encoding="utf-8")
        for _ in range(600):
            if page.is_file() and "Garage solidaire du Val" in page.read_text():
                break
            time.sleep(0.1)
        assert "Garage solidaire du Val" in page.read_text()
    finally:
        stop.set()
        watcher.join(5)
