"""Atom feeds to follow the catalogue (« Suivre »): one per thématique category, one per territory.

A référent who adds a category's or a territory's feed to her feed reader (or to Thunderbird,
Outlook) is told when an offer appears there or changes: the static site's counterpart of the e-mail
alerts DORA sends for saved searches.

Design:

- A feed is a file next to the page it follows, written once for the whole site (the pages of every
  language link to the same file): ``thematiques/<category>/flux.atom`` and
  ``territoires/<code>/flux.atom``. Those pages link to it (« Suivre », and a ``<link
  rel="alternate">`` for readers that discover feeds); the page views give the link in their
  ``flux`` key (`urls.flux`, relative to the site root).
- Every category and every territory page has a feed, even without offers: following an empty
  category is how one hears of its first offer. Sub-thématique pages have none: their category's feed
  covers them.
- Contents: the public offers only (`OffreVue.public`, as on the pages and in the open data): the
  category's (``site.by_categorie``), or the offers with a place in the territory (what its page
  lists, see pages.listes.territoire_view).
- Every feed is written by `atom.atom`, the function that writes ``donnees/modifications.atom``:
  same order (most recently modified first, ties by id), same cap (`ATOM_ENTRIES`), and the same
  entry for an offer in every feed: its id derives from the catalogue's data·inclusion ``source`` and
  the offer's id, its ``updated`` is the date of the last commit that changed the offer's or its structure's file (else
  its ``date_maj``), so a reader shows a changed offer again.
  A feed's own id derives from its path (offer ids have a single « / », paths two: no clash).
- Deterministic: the feed's ``updated`` is the publication date (opendata.history), never the clock;
  `atom.atom` escapes every text (the offers' texts are hostile input).
- One build job per feed (`jobs`), run in the build's process pool with the pages.
"""

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path

from generator import urls
from generator.model.territoire import Territoire
from generator.model.vocab import Categorie
from generator.opendata import atom
from generator.opendata.common import ATOM_ENTRIES, identity
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, located, territoire_codes, territoire_nom
from generator.site.render import Job, write


def categorie_path(c: Categorie) -> str:
    """The category's feed, relative to the site root."""
    return urls.flux(urls.thematique(c.value))


def territoire_path(code: str) -> str:
    """The territory's feed, relative to the site root."""
    return urls.flux(urls.territoire(code))


def categorie_feed(site: Site, c: Categorie, *, territoire: Territoire | None, generated: datetime,
                   modified: Mapping[str, datetime] | None = None) -> str:
    path = categorie_path(c)
    return _feed(
        site,
        site.by_categorie.get(c, []),
        path=path,
        title=f"{c.label} : nouvelles offres et mises à jour",
        subtitle=f"Les offres de la thématique « {c.label} », de la plus récemment mise à jour à la plus ancienne"
        f" ({ATOM_ENTRIES} au plus).",
        territoire=territoire,
        generated=generated,
        modified=modified,
    )


def territoire_feed(site: Site, kind: str, code: str, *, territoire: Territoire | None, generated: datetime,
                    modified: Mapping[str, datetime] | None = None) -> str:
    nom = territoire_nom(site, kind, code)
    return _feed(
        site,
        located(site, kind, code),
        path=territoire_path(code),
        title=f"{nom} : nouvelles offres et mises à jour",
        subtitle=f"Les offres qui ont un lieu d'accueil sur le territoire {nom}, de la plus récemment mise à jour"
        f" à la plus ancienne ({ATOM_ENTRIES} au plus).",
        territoire=territoire,
        generated=generated,
        modified=modified,
    )


def _feed(site: Site, offres: list[OffreVue], *, path: str, title: str, subtitle: str,
          territoire: Territoire | None, generated: datetime, modified: Mapping[str, datetime] | None) -> str:
    nom, source = identity(territoire)
    return atom.atom(
        [v for v in offres if v.public],
        key=path,
        title=f"{title} — {nom}",
        subtitle=subtitle,
        path=path,
        page=path.removesuffix(urls.FLUX),
        nom=nom,
        source=source,
        base_url=site.base_url,
        generated=generated,
        modified=modified,
    )


def _write(out: Path, path: str, text: Callable[[], str]) -> None:
    write(out / path, text())


def jobs(site: Site, out: Path, generated: datetime, territoire: Territoire | None,
         modified: Mapping[str, datetime] | None = None) -> list[Job]:
    """One job per feed, each writing its file under `out` (the site's root).

    `territoire` is the catalogue's own (``Catalogue.territoire``, None without territoire.yml), as
    the open data gets it, so that an offer's entry id is the same here and in modifications.atom;
    `modified`: the offers' modification dates (opendata.history), the same as in modifications.atom.
    """
    common = {"territoire": territoire, "generated": generated, "modified": modified}
    out_jobs: list[Job] = [
        partial(_write, out, categorie_path(c), partial(categorie_feed, site, c, **common))
        for c in sorted(Categorie, key=lambda c: c.value)
    ]
    out_jobs += [
        partial(_write, out, territoire_path(code), partial(territoire_feed, site, kind, code, **common))
        for kind, code in territoire_codes(site)
    ]
    return out_jobs
