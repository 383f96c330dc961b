"""How values are written on the pages: dates, phone numbers, plurals, plain text, embedded JSON."""

import json
import re
from datetime import date
from functools import lru_cache

from babel.dates import format_date
from markupsafe import Markup

from generator import i18n

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def date_fr(d: date) -> str:
    """"1er décembre 2026" in French, the locale's long date in the interface's other languages."""
    if i18n.current() != i18n.SOURCE:
        return _date_longue(d, i18n.current())
    return f"{d.day}{'er' if d.day == 1 else ''} {MOIS[d.month - 1]} {d.year}"


@lru_cache(maxsize=4096)
def _date_longue(d: date, lang: str) -> str:
    """Babel's long date (0.1 ms each): the same few dates come back on thousands of pages."""
    return format_date(d, format="long", locale=lang)


def telephone_fr(e164: str) -> str:
    if e164.startswith("+33") and len(e164) == 12:
        n = "0" + e164[3:]
        return " ".join(n[i : i + 2] for i in range(0, 10, 2))
    return e164


def telephone_view(e164: str | None) -> dict | None:
    """A phone number as the pages show it: the tel: link's number and the French way to read it."""
    return {"tel": e164, "texte": telephone_fr(e164)} if e164 else None


def pluriel(n: int, mot: str, pluriel_: str | None = None) -> str:
    return f"{n} {mot if n <= 1 else (pluriel_ or mot + 's')}"


def json_script(data) -> Markup:
    """JSON safe to embed in a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def plain(text: str) -> str:
    text = re.sub(r"[*_`#>\[\]]|\(https?://[^)]*\)", "", text)
    return " ".join(text.split())
