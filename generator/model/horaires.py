"""Opening hours: from the OSM `opening_hours` text to a compact weekly schedule the browser evaluates.

The site is static, so "ouvert maintenant" is decided in the visitor's browser. At build time each
expression is evaluated with opening-hours-py over reference weeks; when every reference week gives
the same pattern, the schedule is *regular* and is shipped as 7 lists of [start, end) minutes
(Monday first). Public holidays (``PH``) are handled by the browser, which knows the French holidays:
``ph: "off"`` means closed on those days. Expressions that change across the year (weeks, months,
nth weekday…) are marked irregular: the page shows the text and "ouvert maintenant" does not guess.
"""

import re
from datetime import datetime, timedelta
from functools import lru_cache

from opening_hours import OpeningHours, State

from generator import i18n
from generator.i18n import N_, _

JOURS = [N_("lundi"), N_("mardi"), N_("mercredi"), N_("jeudi"), N_("vendredi"), N_("samedi"), N_("dimanche")]
# Mondays of weeks without French public holidays, spread over a year.
_REFERENCE_MONDAYS = [datetime(2025, 1, 13), datetime(2025, 3, 10), datetime(2025, 6, 16), datetime(2025, 9, 8), datetime(2025, 11, 17)]
_PH_OFF = re.compile(r"\bPH\s+(off|closed)\b", re.IGNORECASE)


def _week(oh: OpeningHours, monday: datetime) -> list[list[list[int]]]:
    days: list[list[list[int]]] = [[] for _ in range(7)]
    end = monday + timedelta(days=7)
    for start, stop, state, _comment in oh.intervals(monday, end):
        if state != State.OPEN:
            continue
        stop = min(stop or end, end)
        cur = start
        while cur < stop:
            day_end = datetime(cur.year, cur.month, cur.day) + timedelta(days=1)
            seg_end = min(stop, day_end)
            d = (cur - monday).days
            a = cur.hour * 60 + cur.minute
            b = 1440 if seg_end == day_end else seg_end.hour * 60 + seg_end.minute
            if days[d] and days[d][-1][1] == a:
                days[d][-1][1] = b
            else:
                days[d].append([a, b])
            cur = seg_end
    return days


@lru_cache(maxsize=4096)
def schedule(expr: str) -> dict:
    """{"j": [[[start, end], …] × 7], "ph": "off" | "", "reg": bool} for one opening_hours text."""
    oh = OpeningHours(expr)
    weeks = [_week(oh, m) for m in _REFERENCE_MONDAYS]
    regular = all(w == weeks[0] for w in weeks[1:])
    return {"j": weeks[0], "ph": "off" if _PH_OFF.search(expr) else "", "reg": regular}


def _heure(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    if h == 24:
        h = 0
    return _("{h} h").format(h=h) if m == 0 else _("{h} h {m}").format(h=h, m=f"{m:02d}")


def lignes(expr: str) -> list[tuple[str, str]]:
    """Plain-language lines (day, hours) for a regular schedule; consecutive identical days grouped."""
    s = schedule(expr)
    out: list[tuple[str, str]] = []
    i = 0
    while i < 7:
        j = i
        while j + 1 < 7 and s["j"][j + 1] == s["j"][i]:
            j += 1
        slots = s["j"][i]
        text = ", ".join(_("de {debut} à {fin}").format(debut=_heure(a), fin=_heure(b)) for a, b in slots) if slots else _("fermé")
        if slots == [[0, 1440]]:
            text = _("ouvert 24 h sur 24")
        if i == j:
            jours = _(JOURS[i]).capitalize()
        elif j == i + 1:
            jours = _("{jour} et {autre}").format(jour=_(JOURS[i]).capitalize(), autre=_(JOURS[j]))
        else:
            jours = _("Du {jour} au {autre}").format(jour=_(JOURS[i]), autre=_(JOURS[j]))
        out.append((jours, text))
        i = j + 1
    return out


def texte(expr: str) -> dict:
    """What a page shows for an opening_hours text, in the interface's language (the same few texts come
    back on thousands of pages: computed once per language; the dict is read, never changed)."""
    return _texte(expr, i18n.current())


@lru_cache(maxsize=4096)
def _texte(expr: str, lang: str) -> dict:
    s = schedule(expr)
    return {
        "lignes": lignes(expr) if s["reg"] else [],
        "brut": expr,
        "regulier": s["reg"],
        "feries": _("Fermé les jours fériés.") if s["ph"] == "off" else "",
    }
