"""The interface's languages: message catalogues (gettext, read with Babel).

French is the source language: every message of the interface is written in French in the code and
templates (`_("Rechercher")`). Each other language is one file, ``generator/locale/<code>/LC_MESSAGES/
messages.po``; adding that file adds the language to the site (pages under ``/<code>/``). The offers'
own texts are never translated, only the interface around them and the national vocabularies' labels.

`activate(code)` chooses the language of the messages that follow, in this thread (each page is
rendered by one job, in one language; `speaking(code)` for a block); `_` and `ngettext` read it.
"""

import gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = "fr"
DOMAIN = "messages"


LOCALE = Path(__file__).resolve().parent / "locale"


@cache
def languages() -> tuple[str, ...]:
    """French first, then every language with a catalogue, in alphabetical order of code."""
    found = sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE, *[c for c in found if c != SOURCE])


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The language's messages, read from its .po file (compiled in memory: no .mo file to keep)."""
    if code == SOURCE:
        return _French()
    with po_path(code).open("rb") as f:
        cat = read_po(f, locale=code)
    buf = io.BytesIO()
    write_mo(buf, cat)  # untranslated and fuzzy messages are left out: French is shown instead
    buf.seek(0)
    return gettext.GNUTranslations(buf)


class _French(gettext.NullTranslations):
    def ngettext(self, singular, plural, n):
        return singular if n <= 1 else plural  # French: 0 and 1 are singular


@cache
def name(code: str) -> str:
    """The language's name in itself: "français", "English"."""
    n = Locale.parse(code).get_display_name(code) or code
    return n[:1].upper() + n[1:] if code != SOURCE else n


# Per thread: the search index is built in a thread of its own while pages are rendered.
_current: ContextVar[str] = ContextVar("langue", default=SOURCE)


def activate(code: str) -> None:
    _current.set(code)


@contextmanager
def speaking(code: str):
    """The messages that follow are in `code`'s language; French again afterwards."""
    activate(code)
    try:
        yield
    finally:
        activate(SOURCE)


def current() -> str:
    return _current.get()


def prefix(code: str | None = None) -> str:
    """URL prefix of a language's pages: "" for French, "en/" for English."""
    code = code or _current.get()
    return "" if code == SOURCE else f"{code}/"


def switcher(url: str) -> list[dict]:
    """The language switcher: each language's version of the page at `url` (relative to a language's
    root; "" leads to each language's home, for the pages that exist in French only)."""
    return [{"code": code, "nom": name(code), "href": prefix(code) + url, "courante": code == _current.get()} for code in languages()]


def _(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; translated with `_` where it is shown."""
    return message
