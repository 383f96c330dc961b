"""`catalogue validate` as partners and CI use it: exit codes, formats, whole-catalogue reports."""

import json
import os
import subprocess
import sys
from pathlib import Path

from ..support import OFFRE, write_catalogue

ROOT = Path(__file__).resolve().parents[2]


def test_valid_catalogue_exits_0(cat):
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE)
    code, out = cat.validate()
    assert code == 0
    assert out.strip() == "catalogue valide : 2 fichiers, 0 erreur, 0 avertissement"


def test_every_problem_of_every_file_in_one_run(cat):
    cat.write("mobilite-solidaire/a.yml", OFFRE.replace("publics: [demandeurs-emploi]", "publics: [rsa]").replace("date_maj: 2026-11-02", "date_maj: 2030-01-01"))
    cat.write("mobilite-solidaire/b.yml", OFFRE.replace("telephone: 01 99 00 10 11", "telephone: 12"))
    problems = cat.problems()
    assert {(p["fichier"].rsplit("/", 1)[1], p["champ"]) for p in problems} == {
        ("a.yml", "publics[0]"),
        ("a.yml", "date_maj"),
        ("b.yml", "telephone"),
    }


def test_json_format(cat):
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE.replace("date_maj: 2026-11-02", "date_maj: 2024-01-01"))
    code, out = cat.validate("--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["valide"] is True and doc["erreurs"] == 0 and doc["avertissements"] == 1
    assert doc["problemes"][0]["gravite"] == "avertissement"
    assert doc["problemes"][0]["ligne"] == 16


def test_github_format_annotates_the_line(cat):
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE.replace("telephone: 01 99 00 10 11", "telephone: 12, rue"))
    code, out = cat.validate("--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=offers/mobilite-solidaire/garage-solidaire.yml,line=15,col=1,title=telephone::")
    assert "numéro de téléphone invalide « 12, rue »" in first


def test_usage_errors_exit_2(cat, capsys):
    import pytest

    from generator.cli.main import main

    for argv in (["validate", "--format", "xml"], ["validate", "--inconnu"], ["nimporte-quoi"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "choix invalide" in err and "arguments inconnus" in err
    assert main(["validate", "--offres", str(cat.offers), str(cat.offers / "absent.yml")]) == 2


def test_yaml_gotchas_are_read_as_partners_mean_them(cat):
    # yes/no stay words, a phone with a leading zero is not an octal number, 91100 is a code not a number.
    text = OFFRE.replace("telephone: 01 99 00 10 11", "telephone: 0199001011").replace(
        "date_maj:", "mots_cles: [no, yes, PMSMP]\ndate_maj:"
    ).replace('code_postal: "91100"', "code_postal: 91100")
    cat.write("mobilite-solidaire/garage-solidaire.yml", text)
    code, out = cat.validate()
    assert code == 0, out


def test_bad_bytes_give_a_french_error_and_no_traceback(tmp_path):
    write_catalogue(tmp_path, {"ccas-test": b"nom: CCAS \xff\xfe\n"}, {"ccas-test/vide": b"", "ccas-test/liste": "- a\n- b\n"}, territoire=None)
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "offers/ccas-test/structure.yml:1:11: (fichier): caractère illisible : le fichier doit être enregistré en UTF-8" in proc.stdout
    assert "offers/ccas-test/vide.yml:1:1: (fichier): fichier vide" in proc.stdout
    assert "offers/ccas-test/liste.yml:1:1: (fichier): le fichier doit contenir des champs" in proc.stdout


def test_the_sample_catalogue_is_valid():
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CATALOGUE_DATE": ""},
    )
    doc = json.loads(proc.stdout)
    assert proc.returncode == 0, [p for p in doc["problemes"] if p["gravite"] == "erreur"]
    assert doc["fichiers"] >= 80 + 25


def test_territoire_config_is_validated(cat):
    cat.set_territoire('nom: Essonne\ndepartements: ["91", "999"]\n')
    cat.write("mobilite-solidaire/garage-solidaire.yml", OFFRE)
    code, out = cat.validate()
    assert code == 1
    assert "territoire.yml:2:22: departements[1]: département inconnu « 999 »" in out.replace(str(cat.root) + "/", "")
