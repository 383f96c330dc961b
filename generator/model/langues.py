"""Languages spoken on site (the `langues` field of an offer): ISO 639-1 codes and their names.

Both come from Babel (Unicode CLDR): the codes are the two-letter language codes CLDR knows (every
ISO 639-1 code), the names are given in the interface's language (« arabe » on French pages,
« Arabic » on English ones) and, for the people concerned, in the language itself (« العربية »).
Nothing here raises: an unknown code is given back as it is, and `conseil` says how to correct it.
"""

from functools import cache

from babel import Locale, localedata
from babel.core import get_global
from babel.languages import get_official_languages

from generator import i18n
from generator.model.slug import fold
from generator.model.suggest import closest

# Frequent languages on the « Proposer une offre » form (the others are typed in a text box).
COURANTES = ("en", "ar", "es", "pt", "ro", "ru", "uk", "tr", "fa", "ps", "zh", "ta", "bn", "ur", "wo", "ln", "bm", "ti", "so", "sq", "ka", "ku", "pl", "it", "de", "vi")
# French Sign Language has no ISO 639-1 code (ISO 639-3: fsl).
_SIGNES = {"lsf", "fsl", "langue des signes", "langue des signes francaise", "langue des signes francaises"}


@cache
def codes() -> tuple[str, ...]:
    """Every ISO 639-1 code, in alphabetical order."""
    return tuple(sorted(k for k in Locale("fr").languages if len(k) == 2 and k.isascii() and k.isalpha() and k.islower()))


@cache
def _known() -> frozenset[str]:
    return frozenset(codes())


@cache
def _names(locale: str) -> dict[str, str]:
    names = Locale.parse(locale).languages if localedata.exists(locale) else {}
    return {c: names[c] for c in codes() if c in names}


def nom(code: str, locale: str | None = None) -> str:
    """The language's name in `locale` (by default the interface's): « arabe »; the code if unknown."""
    return _names(locale or i18n.current()).get(code, code)


@cache
def endonyme(code: str) -> str:
    """The language's name in itself (« العربية »), or "" when CLDR has none."""
    if code not in _known() or not localedata.exists(code):
        return ""
    return Locale.parse(code).get_display_name(code) or ""


def vue(langues: list[str], locale: str | None = None) -> list[dict]:
    """Languages of an offer for a page: code, name in the interface's language, name in itself when it
    tells something more (not « English (English) »)."""
    out = []
    for code in dict.fromkeys(langues):
        n, e = nom(code, locale), endonyme(code)
        out.append({"code": code, "nom": n, "endonyme": e if e and e.casefold() != n.casefold() else ""})
    return out


def trier(codes_: list[str], locale: str | None = None) -> list[str]:
    """Codes in the alphabetical order of their names (accents and case ignored)."""
    return sorted(dict.fromkeys(codes_), key=lambda c: (_plain(nom(c, locale)), c))


def _plain(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").replace("’", "'").split())


@cache
def _by_name() -> dict[str, str]:
    """Plain name → code, from the French, English and own names of each language and its variants
    (« portugais brésilien » → pt)."""
    out: dict[str, str] = {}
    for locale in ("en", "fr"):
        for key, n in Locale.parse(locale).languages.items():
            base = key.split("_", 1)[0]
            if base in _known():
                out.setdefault(_plain(n), base)
        for code, n in _names(locale).items():
            out[_plain(n)] = code
    for code in codes():
        e = endonyme(code)
        if e:
            out.setdefault(_plain(e), code)
    return out


@cache
def _sans_code() -> dict[str, str]:
    """Plain name → code, for the languages CLDR knows that have no ISO 639-1 code (soninké: snk)."""
    out: dict[str, str] = {}
    for locale in ("en", "fr"):
        for key, n in Locale.parse(locale).languages.items():
            if len(key) == 3 and key.isalpha() and key.islower():
                out.setdefault(_plain(n), key)
    return out


def depuis_saisie(text: str) -> str | None:
    """The ISO 639-1 code of a language typed by its code or its name (« arabe », « Arabic », « العربية »),
    or None (then `conseil` says why)."""
    low = text.strip().lower()
    if low in _known():
        return low
    return _by_name().get(_plain(text))


def _dit(code: str) -> str:
    return f"« {code} » ({nom(code, i18n.SOURCE)})"


def conseil(value: object) -> str:
    """How to correct a value that is not an ISO 639-1 code: the end of a French message, starting with « : »."""
    exemple = f" : code ISO 639-1 à deux lettres attendu, par exemple {_dit('ar')} ou {_dit('en')}"
    if not isinstance(value, str) or not value.strip():
        return exemple
    text = value.strip()
    low = text.lower()
    if low in _known():
        return f" : écrire {_dit(low)}, en minuscules et sans espace"
    alias = get_global("language_aliases").get(low, "")
    if alias in _known():
        return f" : c'est un autre code de la même langue ; écrire {_dit(alias)}"
    plain = _plain(text)
    if plain in _SIGNES:
        return " : la langue des signes française n'a pas de code ISO 639-1 ; l'indiquer dans la description de l'offre"
    if plain in _by_name():
        return f" : écrire le code {_dit(_by_name()[plain])}"
    if plain in _sans_code():
        return (f" : cette langue n'a pas de code ISO 639-1 (code ISO 639-3 « {_sans_code()[plain]} ») ; "
                "l'indiquer dans la description de l'offre")
    if len(text) == 2 and text.isascii() and text.isalpha():
        pays = Locale("fr").territories.get(text.upper())
        officielles = [c for c in get_official_languages(text.upper(), de_facto=True) if c in _known()] if pays else []
        if officielles:
            return f" : c'est le code d'un pays ({pays}), pas d'une langue ; langue officielle : {_dit(officielles[0])}"
        return exemple
    near = closest(plain, _by_name(), cutoff=80)
    if near:
        return f" : vouliez-vous dire {_dit(_by_name()[near])} ?"
    return exemple
