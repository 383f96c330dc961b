"""The message catalogues of the interface: extraction and update (`catalogue traductions`).

Messages are found where they are written: `_()`, `ngettext()` and `N_()` in generator/*.py and in
the public templates, `t()` and `tn()` in site_templates/static/*.js, plus the labels of the national
vocabularies shown on the site (thématiques, publics, frais…), which come from data·inclusion in French.
`update()` brings every ``generator/locale/<code>/LC_MESSAGES/messages.po`` up to date with them (new
messages empty, gone ones dropped, translations kept); `update(add="uk")` starts a new language.
"""

from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from generator import i18n
from generator.model.vocab import AFFICHES
from generator.paths import ROOT

PYTHON_KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
JS_KEYWORDS = {"t": None, "tn": (1, 2)}
# The partners' tools (état de l'offre, proposal form) are in French only: their templates are not scanned.
SOURCES = [
    ("generator", [("**.py", "python")], PYTHON_KEYWORDS),
    ("site_templates/layouts", [("etat*.html", "ignore"), ("proposer.html", "ignore"), ("*.html", "jinja2")], PYTHON_KEYWORDS),
    ("site_templates/mkdocs/partials", [("*.html", "jinja2")], PYTHON_KEYWORDS),
    ("site_templates/static", [("proposer.js", "ignore"), ("proposer-fichier.js", "ignore"), ("proposer-lecteurs.js", "ignore"), ("*.js", "javascript")], JS_KEYWORDS),
]
JINJA = "jinja2.ext:babel_extract"
STABLE_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # the files change only when their messages do


def _extract(folder: str, methods: list, keywords: dict):
    method_map = [(pattern, JINJA if m == "jinja2" else m) for pattern, m in methods]
    options = {pattern: {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"} for pattern, m in methods if m == "jinja2"}
    yield from extract_from_dir(str(ROOT / folder), method_map, options, keywords=keywords, comment_tags=("Translators:",), strip_comment_tags=True)


def extract() -> Catalog:
    """Every message of the interface, in French."""
    cat = Catalog(locale=i18n.SOURCE, project="catalogue-insertion", charset="utf-8", creation_date=STABLE_DATE)
    for folder, methods, keywords in SOURCES:
        for filename, lineno, message, comments, _context in _extract(folder, methods, keywords):
            cat.add(message, locations=[(f"{folder}/{filename}", lineno)], auto_comments=comments)
    for enum in AFFICHES:
        for member in enum:
            cat.add(member.label, locations=[(f"vocabulaire:{enum.__name__}", 0)])
    return cat


def js_ids() -> set[str]:
    """The messages the browser needs (singular ids for plural messages)."""
    ids = set()
    for folder, methods, keywords in SOURCES:
        if keywords is JS_KEYWORDS:
            for _f, _l, message, _c, _x in _extract(folder, methods, keywords):
                ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def read(code: str) -> Catalog:
    with open(i18n.po_path(code), "rb") as f:
        return read_po(f, locale=code)


def update(add: str | None = None) -> list[Path]:
    """Update every language's .po file (and create `add`'s); returns the files written."""
    template = extract()
    codes = sorted(set(i18n.languages()[1:]) | ({add} if add else set()))
    written = []
    for code in codes:
        path = i18n.po_path(code)
        if path.exists():
            cat = read(code)
        else:
            cat = Catalog(locale=code, project="catalogue-insertion", charset="utf-8", creation_date=STABLE_DATE)
        cat.update(template, no_fuzzy_matching=True)
        cat.obsolete.clear()
        cat.fuzzy = False  # the header: no need for review
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            write_po(f, cat, width=100, omit_header=False, sort_output=True, include_lineno=False)
        written.append(path)
    return written


def missing(code: str) -> list[str]:
    """Messages of the interface the language's file does not translate (yet)."""
    cat = read(code)
    out = []
    for m in extract():
        if not m.id:
            continue
        t = cat.get(m.id)
        strings = (t.string if isinstance(t.string, tuple) else (t.string,)) if t else ("",)
        if t is None or t.fuzzy or not all(strings):
            out.append(m.id[0] if isinstance(m.id, tuple) else m.id)
    return out


def browser_messages(code: str) -> dict:
    """msgid → translation (a list of plural forms for plural messages) for the JavaScript of the site."""
    if code == i18n.SOURCE:
        return {}
    wanted = js_ids()
    out = {}
    for m in read(code):
        key = m.id[0] if isinstance(m.id, tuple) else m.id
        if key in wanted and not m.fuzzy and m.string and all(m.string if isinstance(m.string, tuple) else [m.string]):
            out[key] = list(m.string) if isinstance(m.string, tuple) else m.string
    return out
