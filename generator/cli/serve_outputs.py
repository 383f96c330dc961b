"""`catalogue serve`, the fast part of an update: only the outputs that show the edited offers.

An edited offer is shown by its page, its structure's pages (and its partners'), the home page, the
search and map pages (their filters), the list pages of its catégories, thématiques and territories
(where it has a place), the feeds of those catégories and territories, the parcours data of its
catégories (``besoins/``) and the map data of its départements (``geo/``). Its version before and its
version after both count: a list it leaves is rewritten too.

Lists are paginated (`pagination.PAR_PAGE` offers a page): when the lists that show the offer and what
they count are the same before and after (public or not, catégories, thématiques, territories, with or
without a place), only the pages from where the offer was to where it is now change (its name sets its
place in the lists' order: the same page when only its places changed); otherwise every page of each
list it is or was in is rewritten (counts and order move), and pages past the new end are removed. Territory pages also count the offers without a place
(`Site.a_distance`): when that count changes, every territory page is rewritten.

Everything else (état de l'offre, open data, search index and vocabulary, the whole geo/ with the new
index's result ids) is `serve_background`'s.
"""

import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from generator import files, i18n, urls
from generator.i18n import _
from generator.model.territoire import Territoire
from generator.model.vocab import Categorie, Thematique
from generator.pipeline.enrich import OffreVue
from generator.site import feeds
from generator.site.context import Site, by_name, located
from generator.site.pages import pagination, parcours
from generator.site.pages.listes import accueil_view, categorie_view, structure_pairs, structure_view, territoire_view, thematique_view
from generator.site.pages.offre import offre_view
from generator.site.pages.recherche import CARTE_LISTE_MAX, filtre_langues, filtre_sous_thematiques, recherche_view
from generator.site.render import Job, Renderer
from generator.site.search import geo

# The templates of the pages below (`catalogue serve` compiles them before the first edit).
TEMPLATES = ("offre.html", "liste.html", "territoire.html", "structure.html", "accueil.html", "recherche.html")
List = tuple[str, ...]  # ("categorie", code), ("thematique", code), ("territoire", kind, code)


@dataclass
class Edit:
    """An offer as the site showed it (None: it was not in the site) and as it is now."""

    old: OffreVue | None
    new: OffreVue


def placement(v: OffreVue | None) -> tuple:
    """What decides which lists show an offer and what they count (all but its place in their order)."""
    if v is None:
        return ()
    return (v.public, tuple(v.categories), tuple(dict.fromkeys(v.offre.thematiques)), v.departements, v.epci,
            bool(v.offre.lieux))


def lists_of(codes: set[tuple[str, str]], v: OffreVue | None) -> set[List]:
    """The lists that show `v` (public offers only); `codes`: the territories with a page."""
    if v is None or not v.public:
        return set()
    out: set[List] = {("categorie", c.value) for c in v.categories}
    out |= {("thematique", Thematique(t).value) for t in v.offre.thematiques}
    out |= {("territoire", "departement", d) for d in v.departements if ("departement", d) in codes}
    out |= {("territoire", "epci", e) for e in v.epci if ("epci", e) in codes}
    return out


def members(site: Site, key: List) -> list[OffreVue]:
    """The offers of a list, as its pages count them (a territory's by (catégorie, offre) pairs: `entries`)."""
    if key[0] == "categorie":
        return site.by_categorie.get(Categorie(key[1]), [])
    if key[0] == "thematique":
        return site.by_thematique.get(key[1], [])
    return located(site, key[1], key[2])


def entries(site: Site, key: List) -> int:
    """How many entries a list's pages share: offers, or a territory's (catégorie, offre) pairs."""
    vues = members(site, key)
    return sum(len(v.categories) for v in vues) if key[0] == "territoire" else len(vues)


def base_url(key: List) -> str:
    return urls.territoire(key[2]) if key[0] == "territoire" else urls.thematique(key[1])


def page_view(site: Site, key: List, n: int) -> tuple[str, Callable[[], dict]]:
    if key[0] == "categorie":
        return "liste.html", partial(categorie_view, site, Categorie(key[1]), n)
    if key[0] == "thematique":
        return "liste.html", partial(thematique_view, site, Thematique(key[1]), n)
    return "territoire.html", partial(territoire_view, site, key[1], key[2], n)


def pages_of(site: Site, key: List, v: OffreVue | None, lang: str) -> set[int]:
    """The pages of a list that show `v` in the language `lang`, counted without sorting the list: the
    entries before it. A list is by name (`by_name`); a territory's, by catégorie (its name in the
    language) then by name, an offer once under each of its catégories."""
    vues = members(site, key)
    if v is None or not any(u.id == v.id for u in vues):
        return set()
    me = by_name(v)
    if key[0] != "territoire":
        return {sum(1 for u in vues if by_name(u) < me) // pagination.PAR_PAGE + 1}
    with i18n.speaking(lang):
        label = {c: _(c.label) for c in Categorie}
    found = set()
    for c in v.categories:
        mine = (label[c], me)
        before = sum(1 for u in vues for c2 in u.categories if (label[c2], by_name(u)) < mine)
        found.add(before // pagination.PAR_PAGE + 1)
    return found


def page_jobs(renderer: Renderer, old: Site, edits: list[Edit], out: Path, territoires: list[tuple[str, str]]) -> tuple[list[Job], list[Path]]:
    """The pages to render again, and the list pages to remove (past a list's new end)."""
    site = renderer.site
    codes = set(territoires)
    langs = i18n.languages()
    jobs: list[Job] = []
    stale: list[Path] = []
    moved = any(placement(e.old) != placement(e.new) for e in edits)
    keys: set[List] = set()
    for e in edits:
        keys |= lists_of(codes, e.old) | lists_of(codes, e.new)
    if len(old.a_distance) != len(site.a_distance):  # every territory page says how many have no place
        keys |= {("territoire", kind, code) for kind, code in territoires}
    for key in sorted(keys):
        count_before = pagination.count(entries(old, key))
        count_now = pagination.count(entries(site, key))
        template = page_view(site, key, 1)[0]
        for lang in langs:
            if moved or count_before != count_now:  # counts and order change: every page
                numbers: Iterable[int] = range(1, count_now + 1)
            else:  # the same offers: the pages from where it was to where it is (a new name moves it)
                where = set()
                for e in edits:
                    where |= pages_of(old, key, e.old, lang) | pages_of(site, key, e.new, lang)
                numbers = range(min(where), max(where) + 1) if where else []
            jobs += [partial(renderer.page, template, page_view(site, key, n)[1], lang) for n in numbers]
            stale += [out / i18n.prefix(lang) / urls.page(base_url(key), n) for n in range(count_now + 1, count_before + 1)]
    sids = {e.new.structure_id for e in edits}
    for e in edits:
        for v in (e.old, e.new):
            if v is not None:
                sids |= {p for p in v.offre.partenaires or [] if p in site.structures}
    search_pages = search_changed(old, site)
    for lang in langs:
        jobs.append(partial(renderer.page, "accueil.html", partial(accueil_view, site), lang))
        if search_pages:
            jobs += [partial(renderer.page, "recherche.html", partial(recherche_view, site, name), lang) for name in ("recherche", "carte")]
        for sid in sorted(sids):  # a structure's pages (200 offers each): all of them, few
            count_before = pagination.count(len(structure_pairs(old, sid)))
            count_now = pagination.count(len(structure_pairs(site, sid)))
            jobs += [partial(renderer.page, "structure.html", partial(structure_view, site, sid, n), lang) for n in range(1, count_now + 1)]
            stale += [out / i18n.prefix(lang) / urls.page(urls.structure(sid), n) for n in range(count_now + 1, count_before + 1)]
        jobs += [partial(renderer.page, "offre.html", partial(offre_view, site, e.new), lang) for e in edits]
    return jobs, stale


# From this many pages (a new name moves an offer across a long list: every page between its two places
# shifts), they are shared between forked workers (`render.run`, at normal priority: the background part
# waits): forking costs less than half of them.
PARALLEL_PAGES = 24


def search_changed(old: Site, site: Site) -> bool:
    """Whether the search and map pages change: their filters list the thématiques and languages of the
    public offers; up to `CARTE_LISTE_MAX` offers, the map page lists them all."""
    if min(len(old.publiques), len(site.publiques)) <= CARTE_LISTE_MAX:
        return True
    return (filtre_sous_thematiques(old), filtre_langues(old)) != (filtre_sous_thematiques(site), filtre_langues(site))


def remove_pages(folders: list[Path]) -> None:
    """List pages past a list's new end: gone, as after a full build."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def feed_jobs(site: Site, edits: list[Edit], territoires: list[tuple[str, str]], out: Path, generated: datetime,
              territoire: Territoire | None, modified: Mapping[str, datetime]) -> list[Job]:
    """The feeds of the catégories and territories an edited offer is or was in."""
    common = {"territoire": territoire, "generated": generated, "modified": modified}
    keys: set[List] = set()
    for e in edits:
        keys |= lists_of(set(territoires), e.old) | lists_of(set(territoires), e.new)
    jobs: list[Job] = []
    for key in sorted(keys):
        if key[0] == "categorie":
            c = Categorie(key[1])
            jobs.append(partial(_write, out / feeds.categorie_path(c), partial(feeds.categorie_feed, site, c, **common)))
        elif key[0] == "territoire":
            jobs.append(partial(_write, out / feeds.territoire_path(key[2]), partial(feeds.territoire_feed, site, key[1], key[2], **common)))
    return jobs


def _write(path: Path, text: Callable[[], str]) -> None:
    files.write(path, text())


def data_jobs(site: Site, edits: list[Edit], out: Path, ids: dict[str, str]) -> list[Job]:
    """The parcours data files that hold or held the edited offers, the map data of their départements (with
    the result ids of the index being served)."""
    edited = [v for e in edits for v in (e.old, e.new) if v is not None]
    return [partial(parcours.write_besoins, site, out, edited),
            partial(geo.update_offers, site, out, ids, [e.old for e in edits], [e.new for e in edits])]
