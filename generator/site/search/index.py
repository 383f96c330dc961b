"""Step 5 — index: the search index (Pagefind) and the small data files the browser needs.

* ``pagefind/``: one record per *public* offer, in one French index shared by every interface language:
  the offers' texts are French, so a reader of the English pages searches them too (Pagefind falls back
  to the index with the most pages when the page's language has none). Each record holds the offer's
  whole text (French stemming, accent-insensitive) and its thématiques' names in every interface
  language, so that "housing" finds what "logement" finds. Its meta holds no interface text: the
  search page writes the labels in its own language (places: ``complet``, ``a-confirmer`` or
  ``<disponibles>/<total>``). Filters: thematique (category), public, frais, type, accueil, places
  ("disponibles" when the count is fresh and not zero), langue (ISO 639-1 codes of the languages
  spoken on site), eligibility (the zone codes that cover a commune, filed per département: a commune C
  of département D is eligible when C, D or C's EPCI is in ``eligibilite-D``, or « france » in
  ``eligibilite``: Referentiel.eligibility_filters). Records are given to Pagefind's Python API
  as custom records rather than read back from the HTML: the eligibility list can hold hundreds of
  codes, which would otherwise bloat every offer page.
* ``geo/``: what Pagefind cannot answer: where each offer is (distance from the commune of residence,
  the map) and its weekly opening hours ("ouvert maintenant"), split per département of the offer's
  places (``offres-<dep>.json``, ``offres-autres.json`` for offers without a place; a département too
  dense for one file under 1 MB in parts ``offres-<dep>-<k>.json``, listed in ``geo/index.json``), keyed
  by the Pagefind result ids; ``points-…`` files hold the same entries cut to positions and hours, all
  the search page needs; and the communes the visitor can pick (``communes-<dep>.json``).
"""

import os
import shutil
from pathlib import Path

from generator.adapters.pagefind import PAGEFIND_DIR, UNUSED_FILES, canonical_pagefind, fragment_ids, run_pagefind
from generator.site import folders
from generator.site.context import Site
from generator.site.search.records import search_records

# Pagefind writes its thousands of files from dozens of threads at once: in memory (tmpfs), then copied
# in one go, this costs a third of the system time it costs on an ordinary disk (see docs/performance.md).
SCRATCH = Path("/dev/shm")


def write_pagefind(site: Site, out: Path) -> dict[str, str]:
    copy, ids = prepare_pagefind(site, out)
    try:
        old = folders.swap_in(copy, out / PAGEFIND_DIR)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return ids


def prepare_pagefind(site: Site, out: Path) -> tuple[Path, dict[str, str]]:
    """The index of `site`, written next to the one it will replace (``out/.pagefind-…``, for
    `folders.swap_in`: never half an index), and its result ids by URL."""
    records = search_records(site)
    base = SCRATCH if os.access(SCRATCH, os.W_OK) else out
    folders.remove_orphans(base, ("catalogue-pagefind-",))  # left by a killed build
    folders.remove_orphans(out, (".pagefind-",))
    scratch = folders.owned_tempdir("catalogue-pagefind-", base, 0o700)
    try:
        work = scratch / PAGEFIND_DIR
        if records:
            run_pagefind(records, work)
            canonical_pagefind(work)
        else:  # Pagefind writes nothing for an empty index: the search page must still load.
            work.mkdir()
        for name in UNUSED_FILES:
            (work / name).unlink(missing_ok=True)
        ids = fragment_ids(work)
        copy = folders.owned_tempdir(".pagefind-", out)
        try:
            shutil.copytree(work, copy, dirs_exist_ok=True)
        except BaseException:
            shutil.rmtree(copy, ignore_errors=True)
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return copy, ids
