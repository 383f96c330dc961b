"""The search's two small files, next to the Pagefind index, read by site_templates/static/recherche-tolerance.js:

* ``recherche-synonymes.json``: the synonyms of ``synonymes.yml``, applied to every query by the page;
* ``recherche-vocabulaire.json``: the words of the public offers' search records, downloaded only when a
  word of a query finds nothing, to correct it to a word the catalogue holds (« mobilté » → « mobilité »).

The vocabulary holds nothing the Pagefind index does not already hold: the words of the same records (public
offers only), each once, in its most frequent written form, most frequent words first (the page prefers
them on a tie). Words under 4 letters are left out (the page corrects none), and so are words with
digits (numbers, postcodes). Past `MAX_MOTS`, the rarest words go.
"""

import json
import re
from collections import Counter
from pathlib import Path

from generator import files, urls
from generator.model.slug import fold
from generator.site.context import Site
from generator.site.search.records import TOUTES, search_records

MAX_MOTS = 20_000
MIN_LETTRES = 4
_MOT = re.compile(r"[^\W\d_]+")


def words(texts) -> list[str]:
    """The vocabulary of `texts`: one form per folded word, most frequent (in how many texts) first."""
    frequence: Counter[str] = Counter()
    formes: dict[str, Counter[str]] = {}
    cles: dict[str, str] = {}  # a word's folded form, computed once per written form
    for text in texts:
        seen = set()
        for mot in _MOT.findall(text):
            if len(mot) < MIN_LETTRES:
                continue
            cle = cles.get(mot)
            if cle is None:
                cle = cles[mot] = fold(mot)
            formes.setdefault(cle, Counter())[mot] += 1
            if cle not in seen:
                seen.add(cle)
                frequence[cle] += 1
    frequence.pop(TOUTES, None)
    ordre = sorted(frequence, key=lambda cle: (-frequence[cle], cle))[:MAX_MOTS]
    # The lowercase form when there is one (« accompagnement », not the « Accompagnement » of titles), else
    # the most frequent (« Corbeil »).
    return [min(formes[cle].items(), key=lambda kv: (kv[0] != kv[0].lower(), -kv[1], kv[0]))[0] for cle in ordre]


def write_vocabulaire(site: Site, out: Path, synonymes: dict[str, list[str]]) -> list[Path]:
    written = []
    for name, data in ((urls.SYNONYMES, {"synonymes": synonymes}), (urls.VOCABULAIRE, {"mots": words(r["content"] for r in search_records(site))})):
        files.write(out / name, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        written.append(out / name)
    return written
