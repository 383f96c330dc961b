"""Commune names as people type them: the name given with an INSEE code, and a commune found by name or
postal code.

Two rules, each with its browser copy in site_templates/static/communes.js (the same cases,
tests/js/cas/normalisation.json and tests/js/cas/communes.json, run on both sides):

- `normaliser`: accents, case, hyphens and apostrophes ignored (lib.js `normaliser`);
- `correspond`: a name typed for a commune is accepted when it is the official name up to the usual
  variants — « St »/« Ste » for « Saint »/« Sainte », a trailing « Cedex », an arrondissement written
  short (« Paris 15e ») or left out (« Paris » for « Paris 15e Arrondissement »).
"""

import re
import unicodedata
from functools import cache

from generator.model.territoires import Referentiel

_ABREGES = {"st": "saint", "ste": "sainte", "st.": "saint", "ste.": "sainte"}
_CEDEX = re.compile(r" cedex(?: \d+)?$")
_ARRONDISSEMENT = re.compile(r"^(.*?) (\d+)(?: ?(?:er|e|eme|ème))?(?: arrondissement)?$")


def normaliser(text: str) -> str:
    """« Évry-Courcouronnes » → « evry courcouronnes » (tests/js/cas/normalisation.json)."""
    text = "".join(c for c in unicodedata.normalize("NFD", str(text)) if not "\u0300" <= c <= "\u036f").lower()
    return " ".join(re.sub(r"[-'’]", " ", text).split())


def cle(nom: str) -> str:
    """The key two spellings of one commune share: « St-Germain-lès-Arpajon » → « saint germain les arpajon »."""
    mots = [_ABREGES.get(m, m) for m in normaliser(nom).split(" ")]
    return _CEDEX.sub("", " ".join(mots))


def _arrondissement(key: str) -> tuple[str, str | None]:
    m = _ARRONDISSEMENT.match(key)
    return (m.group(1), m.group(2)) if m else (key, None)


def correspond(saisi: str, officiel: str) -> bool:
    """Is `saisi` a way of writing the commune officially named `officiel`?"""
    a, b = cle(saisi), cle(officiel)
    if not a:
        return False
    if a == b:
        return True
    (base_a, n_a), (base_b, n_b) = _arrondissement(a), _arrondissement(b)
    return base_a == base_b and (n_a is None or n_b is None or n_a == n_b)


def par_nom(ref: Referentiel, nom: str, departements: list[str] | None = None) -> list[str]:
    """INSEE codes of the communes named `nom` (variants accepted), optionally in these départements."""
    key = cle(nom)
    base, n = _arrondissement(key)
    codes = _par_cle(ref).get(key) or (_par_cle(ref).get(f"{base} {n}", []) if n else [])
    return [c for c in codes if departements is None or ref.communes[c]["departement"] in departements]


@cache
def _par_cle(ref: Referentiel) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, info in ref.communes.items():
        out.setdefault(cle(info["nom"]), []).append(code)
        base, n = _arrondissement(cle(info["nom"]))
        if n is not None:  # « Paris 15e » as well as « Paris 15e Arrondissement »
            out.setdefault(f"{base} {n}", []).append(code)
    return out


def par_code_postal(ref: Referentiel, code_postal: str) -> list[str]:
    """INSEE codes of the communes that have this postal code."""
    return [code for code, info in ref.communes.items() if code_postal in info["codes_postaux"]]


def commencant(ref: Referentiel, nom: str, departements: list[str] | None = None, limit: int = 3) -> list[str]:
    """Communes whose name starts with `nom` (« Évry » → Évry-Courcouronnes): suggestions for a name not found."""
    key = cle(nom)
    if not key:
        return []
    found = sorted(c for k, codes in _par_cle(ref).items() if k.startswith(key + " ") for c in codes
                   if departements is None or ref.communes[c]["departement"] in departements)
    return list(dict.fromkeys(found))[:limit]


def trouver(ref: Referentiel, saisie: str, departements: list[str] | None = None) -> list[str]:
    """INSEE codes for what a person typed to name a commune: an INSEE code, a postal code or a name
    (in `departements` first, then anywhere)."""
    text = saisie.strip()
    if text in ref.communes:
        return [text]
    if re.fullmatch(r"\d{5}", text):
        return par_code_postal(ref, text)
    return (par_nom(ref, text, departements) if departements else []) or par_nom(ref, text)
