"""Step 4 — render: Jinja2 templates from ``site_templates/layouts`` (an environment per interface
language, its texts compiled in), the page writer, and the process pool that writes the pages.

Templates hold no logic: every page gets a plain dict prepared by its view in `generator.site.pages`.
"""

import gc
import multiprocessing
import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator import i18n, urls
from generator.adapters.jinja_compile import TranslatedAtCompileTime
from generator.files import write
from generator.model.vocab import Categorie, Thematique
from generator.paths import TEMPLATES
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, located, territoire_codes
from generator.site.pages.listes import accueil_view, categorie_view, structure_pairs, structure_view, territoire_view, thematique_view
from generator.site.pages.offre import offre_view
from generator.site.pages.pagination import count as page_count
from generator.site.pages.recherche import recherche_view, selection_view


def environment(lang: str = i18n.SOURCE) -> Environment:
    """The templates' environment for one interface language (its texts are compiled in)."""
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES / "layouts"), str(TEMPLATES / "mkdocs")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=[TranslatedAtCompileTime],
    )
    env.extend(translation_language=lang)
    partials: dict[tuple, Markup] = {}

    def partiel(name: str, **context) -> Markup:
        """A partial that depends on nothing but `context` (the header, the footer): rendered once."""
        key = (name, *sorted(context.items()))
        html = partials.get(key)
        if html is None:
            html = partials[key] = Markup(env.get_template(name).render(**context))
        return html

    env.globals.update(_format=_format, ngettext=_template_ngettext, partiel=partiel, page_urls=urls.PAGES, lang=lang)
    return env


def _format(translated: str, **variables) -> Markup:
    return Markup(translated) % variables


def _template_ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
    return Markup(i18n.ngettext(singular, plural, num)) % {"num": num, **variables}


Job = Callable[[], object]  # writes one page (or file) of the site


class Renderer:
    def __init__(self, site: Site, out: Path):
        self.site = site
        self.out = out
        self._envs: dict[str, Environment] = {}
        self._cache: dict[tuple[str, str], object] = {}

    def env(self, lang: str) -> Environment:
        """The language's templates (compiled with its texts), made on first use."""
        env = self._envs.get(lang)
        if env is None:
            env = self._envs[lang] = environment(lang)
            env.globals["carte"] = _cards(env)
        return env

    def of(self, site: Site) -> "Renderer":
        """A renderer of another version of the site into the same folder, with the templates already
        compiled (`catalogue serve`: compiling them costs more than the few pages of an edit); the
        offers' cards are rendered again."""
        other = Renderer(site, self.out)
        other._envs, other._cache = self._envs, self._cache
        for env in self._envs.values():
            env.globals["carte"] = _cards(env)
        return other

    def page(self, template: str, view: "dict | Callable[[], dict]", lang: str = i18n.SOURCE) -> None:
        """Render one page in one language; `view` may be a function, then called here (in a worker,
        for big builds) once the language is chosen."""
        with i18n.speaking(lang):
            view = view() if callable(view) else view
            tpl = self._cache.get((lang, template))
            if tpl is None:
                tpl = self._cache[(lang, template)] = self.env(lang).get_template(template)
            html = tpl.render(**view)  # type: ignore[attr-defined]
        html = re.sub(r"\n\s*\n+", "\n", html)
        write(self.out / i18n.prefix(lang) / view["url"] / "index.html", html)

    def list_jobs(self) -> list[Job]:
        """Home, catégorie, thématique, territory, search, map and selection pages, in every language."""
        site = self.site
        views: list[tuple[str, Callable[[], dict]]] = [("accueil.html", partial(accueil_view, site))]
        for c in sorted(Categorie, key=lambda c: c.value):
            views += [("liste.html", partial(categorie_view, site, c, n)) for n in pages(len(site.by_categorie.get(c, [])))]
        for t in sorted(Thematique, key=lambda t: t.value):
            views += [("liste.html", partial(thematique_view, site, t, n)) for n in pages(len(site.by_thematique.get(t.value, [])))]
        for kind, code in territoire_codes(site):
            listed = sum(len(v.categories) for v in located(site, kind, code))
            views += [("territoire.html", partial(territoire_view, site, kind, code, n)) for n in pages(listed)]
        views += [("recherche.html", partial(recherche_view, site, name)) for name in ("recherche", "carte")]
        views.append(("selection.html", partial(selection_view, site)))
        return [partial(self.page, template, view, lang) for lang in i18n.languages() for template, view in views]

    def jobs(self, vues: list[OffreVue] | None = None) -> list[Job]:
        """Every generator page (or only the given offers' pages and the pages that list them). A page's
        languages follow each other: the same worker renders them, and reuses what they share."""
        site = self.site
        vues = site.vues if vues is None else vues
        langs = i18n.languages()
        return (
            self.list_jobs()
            + [partial(self.page, "structure.html", partial(structure_view, site, sid, n), lang)
               for sid in sorted(site.structures) for n in pages(len(structure_pairs(site, sid))) for lang in langs]
            + [partial(self.page, "offre.html", partial(offre_view, site, v), lang) for v in vues for lang in langs]
        )


def _cards(env: Environment) -> Callable:
    """An offer's card is the same on every list page at the same depth: rendered once."""
    macro = env.get_template("macros.html").module.carte_offre  # type: ignore[attr-defined]
    cards: dict[tuple[str, str, str], str] = {}

    def carte(o: dict, root: str, h: str = "h3"):
        key = (o["id"], root, h)
        html = cards.get(key)
        if html is None:
            html = cards[key] = macro(o, root, h)
        return html

    return carte


def pages(total: int) -> range:
    """The page numbers of a list of `total` offers."""
    return range(1, page_count(total) + 1)


PARALLEL_FROM = 1000
CHUNK = 100
# Pagefind indexes on one core at the same time (the build's longest task): the page workers yield to it.
WORKER_NICENESS = 10
_JOBS: list[Job] = []


def run(jobs: list[Job], progress=None, parallel_from: int = PARALLEL_FROM, niceness: int = WORKER_NICENESS) -> int:
    """Run page-writing jobs, spread over the machine's cores from `parallel_from` jobs (forked workers see
    the site as it is, nothing is pickled but indices; each core gets at least two chunks), the workers at
    `niceness`. The heaviest pages (lists) should come first."""
    global _JOBS
    cores = os.cpu_count() or 1
    if len(jobs) >= parallel_from and cores > 1:
        _JOBS = jobs
        try:
            size = min(CHUNK, -(-len(jobs) // (2 * cores)))
            chunks = [range(i, min(i + size, len(jobs))) for i in range(0, len(jobs), size)]
            gc.freeze()  # the site's objects stay shared with the workers instead of being copied by the collector
            with multiprocessing.get_context("fork").Pool(cores, initializer=os.nice, initargs=(niceness,)) as pool:
                for n in pool.imap_unordered(_run_chunk, chunks):
                    if progress:
                        progress(n)
        finally:
            _JOBS = []
            gc.unfreeze()
    else:
        for job in jobs:
            job()
            if progress:
                progress(1)
    return len(jobs)


def _run_chunk(indices: range) -> int:
    for i in indices:
        _JOBS[i]()
    return len(indices)
