"""Contract tests of the adapters: each fails loudly when the library it wraps changes underneath.

The adapters (generator/adapters/) are the only code that knows other libraries' internals: argparse's
messages, Jinja2's token stream, Pagefind's service and files, PyYAML's composer and messages,
mkdocs-material's asset names.
"""

import argparse
import inspect
import json
from pathlib import Path

import pytest
import yaml

from generator.adapters import argparse_fr, material, pagefind, yaml_composer
from generator.site.render import environment


def test_argparse_still_asks_for_every_message_we_translate():
    source = inspect.getsource(argparse)
    for english in argparse_fr.MESSAGES:
        assert repr(english)[1:-1] in source or english in source, english


def test_argparse_speaks_french_once_installed(capsys):
    argparse_fr.install()
    parser = argparse.ArgumentParser(prog="catalogue")
    parser.add_argument("chemin")
    with pytest.raises(SystemExit):
        parser.parse_args([])
    err = capsys.readouterr().err
    assert "utilisation : catalogue" in err and "arguments obligatoires manquants : chemin" in err


def test_template_texts_are_translated_when_compiled():
    env = environment("en")
    tpl = env.from_string('{{ _("Rechercher") }} — {{ _("Données à jour au %(date)s.", date=d) }}')
    assert tpl.render(d="<b>1</b>") == "Search — Data up to date as of &lt;b&gt;1&lt;/b&gt;."
    assert "Rechercher" not in str(env.compile('{{ _("Rechercher") }}', raw=True))  # folded in at compile time


# (input, French message): every English message of PyYAML/libyaml the adapter knows is still produced.
YAML_CASES = {
    "a: b: c\n": "« : » inattendu : mettre la valeur entre guillemets si elle contient « : »",
    "a: b\nc\n": "il manque « : » après le nom du champ (ou un guillemet n'est pas fermé)",
    "a:\n  - b\n c: d\n": "indentation incorrecte : aligner ce champ sur les autres",
    "- a\nb: c\n": "indentation incorrecte dans la liste",
    'a: "b\n': "fin de fichier inattendue : un guillemet n'est-il pas fermé ?",
    "a: *x\n": yaml_composer.ALIAS_MESSAGE,
    'a: "\\ud800"\n': "séquence d'échappement Unicode invalide (\\u…) : écrire le caractère lui-même",
    "a: - b\n": "« - » inattendu : une liste commence à la ligne suivante, sous le nom du champ",
    'a: "\\q"\n': "caractère d'échappement inconnu après « \\ » : doubler la barre ou utiliser des guillemets simples",
    "a: \x07\n": "caractère de contrôle interdit dans le fichier",
    "a: 1\n---\nb: 2\n": "un seul document par fichier : supprimer la ligne « --- »",
    "a: [b, c\n": "liste entre crochets non fermée : ajouter « ] » (ou mettre le texte entre guillemets)",
    "a: {b: c\n": "groupe entre accolades non fermé : ajouter « } »",
    "a: {b: c:d:}\n": "« : » inattendu : mettre la valeur entre guillemets",
    "a: [:]\n": "valeur manquante ou caractère inattendu entre crochets ou accolades : mettre le texte entre guillemets",
}


@pytest.mark.parametrize("text", YAML_CASES, ids=[repr(t) for t in YAML_CASES])
def test_pyyaml_messages_are_still_the_ones_we_translate(text):
    with pytest.raises(yaml.YAMLError) as exc:
        yaml_composer.Loader(text).get_single_data()
    assert yaml_composer.yaml_message(exc.value) == YAML_CASES[text]


def test_every_translated_yaml_message_has_a_case():
    produced = set(YAML_CASES.values())
    assert {french for _english, french in yaml_composer.YAML_MESSAGES} <= produced


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a:\n  <<: {b: 1}\n", yaml_composer.ALIAS_MESSAGE),
        ("a: !!python/object {}\n", "étiquette YAML « !!python/object » non acceptée : écrire la valeur simplement, sans étiquette"),
        ("a: !!binary aGk=\n", "étiquette YAML « !!binary » non acceptée : écrire la valeur simplement, sans étiquette"),
        ("a: !!set {b}\n", "étiquette YAML « !!set » non acceptée : écrire la valeur simplement, sans étiquette"),
    ],
)
def test_tags_pyyaml_would_build_are_refused(text, message):
    loader = yaml_composer.Loader(text)
    assert loader.construct_document(loader.get_single_node())["a"] in (None, {})  # nothing PyYAML would build
    assert [m for _node, _key, m in loader.findings] == [message]


def test_the_composer_builds_what_pyyaml_builds():
    text = "nom: Garage\nplaces:\n  total: 12\n  date: 2026-11-02\nlieux:\n  - {commune: Évry, code_insee: '91228'}\nactif: true\n"
    loader = yaml_composer.Loader(text)
    assert loader.get_single_data() == yaml.safe_load(text)
    assert loader.findings == []


def test_material_stylesheets_are_found():
    names = material.stylesheets()
    assert [n.split("/")[-1].split(".")[0] for n in names] == ["main", "palette"]
    assert all((material.STYLESHEETS / Path(n).name).is_file() for n in names)


def test_pagefind_service_writes_the_files_we_read(tmp_path):
    records = [
        {"url": f"/offres/s/o{i}/", "content": f"Garage solidaire numéro {i}", "language": "fr", "meta": {"title": f"Offre {i}"}}
        for i in range(2)
    ]
    outs = []
    for run in ("a", "b"):
        out = tmp_path / run
        pagefind.run_pagefind(records, out)
        pagefind.canonical_pagefind(out)
        outs.append(out)
        assert (out / "pagefind.js").is_file()
        assert all((out / name).exists() for name in pagefind.UNUSED_FILES)  # the UIs we remove are still written
        assert set(pagefind.fragment_ids(out)) == {r["url"] for r in records}
        assert "fr" in json.loads((out / "pagefind-entry.json").read_text())["languages"]
    files = [sorted(p.relative_to(o).as_posix() for p in o.rglob("*") if p.is_file()) for o in outs]
    assert files[0] == files[1]  # canonical: the same names from the same records
