"""`catalogue serve`, the slow part of an update: what cannot be rewritten in 2 s at 10,000 offers.

* the état de l'offre (its duplicate groups compare every offer with the others: about 2 s at 10,000
  offers before a page is written, docs/performance.md);
* the open data (every file holds every offer: offres.json, CSV, XLSX, GeoJSON…) and the search
  vocabulary (the words of every offer);
* the search index: Pagefind has no incremental indexing (its API adds records and writes a whole new
  index; removing or replacing one is not possible, Pagefind/pagefind#71), and its result ids, which
  the geo/ files hold, change with it: the whole geo/ is written again with the new ids.

They run in a forked process (the served site keeps answering, the next edit takes the fast path at
once) working on the site as it was at the fork. The état de l'offre is written beside the served one and
swapped in (`write_etat`): no page of it that a full build would not write stays. Each file is replaced
in one step; the new index and
the new geo/ are prepared beside the old ones and swapped in by the server, one right after the other
(`folders.swap_in`): until then the old index and the old geo/ are served, each consistent with the
other (geo/ is written again by the server, with its latest offers, if an offer changed meanwhile). An
edit made meanwhile runs the slow part again once the current one ends.
"""

import multiprocessing
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator import urls
from generator.adapters.pagefind import PAGEFIND_DIR
from generator.cli.build import discard
from generator.opendata import export
from generator.site import folders, render
from generator.site.etat import pages as render_etat
from generator.site.search import index
from generator.site.search.geo import GEO_DIR, write_geo
from generator.site.search.vocabulaire import write_vocabulaire

GEO_PREFIX = ".geo-"
ETAT_PREFIX = ".etat-"


def _slow(result, out: Path, conn) -> None:
    """In the forked process: everything; the new index and geo/ prepared, not swapped in (the server does)."""
    try:
        site = result.site
        timings: dict[str, float] = {}

        def step(label: str, fn: Callable[[], object]):
            start = time.perf_counter()
            value = fn()
            timings[label] = round(time.perf_counter() - start, 2)
            return value

        step("état de l'offre", lambda: write_etat(site, out))
        conn.send(("etat", timings["état de l'offre"]))
        step("vocabulaire de la recherche", lambda: write_vocabulaire(site, out, result.cat.synonymes))
        step("données ouvertes", lambda: export.write(result.cat, site.vues, out / "donnees", base_url=site.base_url,
                                                     generated=result.generated, history=result.changes))
        copy, ids = step("index de recherche (Pagefind)", lambda: index.prepare_pagefind(site, out))
        work = step("carte avec les nouveaux identifiants (geo/)", lambda: prepare_geo(site, out, ids))
        conn.send(("index", str(copy), str(work), ids, timings))
    except KeyboardInterrupt:  # Ctrl+C reaches the whole process group: the server says it stops
        pass
    except Exception as exc:  # noqa: BLE001 — told by the server, in French
        conn.send(("erreur", f"{type(exc).__name__} : {exc}"))
    finally:
        conn.close()


class Background:
    """Runs the slow part after each fast update; `server` gives `lock`, `result`, `out`, `ids`, `say`."""

    def __init__(self, server):
        self.server = server
        self.pending = False
        self.since: float | None = None  # when the oldest edit not yet in the slow outputs was seen
        self.generation = 0
        self.process = None
        self.thread: threading.Thread | None = None
        self.idle = threading.Event()
        self.idle.set()
        self.timings: dict[str, float] = {}

    def start(self, since: float) -> None:
        """After a fast update (the server's lock held): run the slow part, now or after the current one."""
        self.pending = True
        self.since = since if self.since is None else self.since
        self.idle.clear()
        if self.thread is None:
            self.thread = threading.Thread(target=self._loop, daemon=True)
            self.thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every slow output is up to date (tests, bench/serve.py)."""
        return self.idle.wait(timeout)

    def cancel(self) -> None:
        """Before a full build (which writes them all) or when the server stops."""
        self.generation += 1
        self.pending = False
        process = self.process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(5)

    def _loop(self) -> None:
        server = self.server
        while True:
            with server.lock:
                if not self.pending:
                    self.thread = None
                    self.since = None
                    self.idle.set()
                    return
                self.pending = False
                generation, since = self.generation, self.since
                self.since = None
                receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
                self.process = multiprocessing.get_context("fork").Process(target=_slow, args=(server.result, server.out, send))
                self.process.start()
                send.close()
            try:
                self._follow(receive, generation, since)
            except Exception as exc:  # noqa: BLE001 — the server keeps serving
                server.say(f"catalogue serve : index de recherche et données ouvertes non mis à jour ({exc})")
            finally:
                receive.close()
                self.process.join()

    def _follow(self, receive, generation: int, since: float) -> None:
        server = self.server
        while True:
            try:
                message = receive.recv()
            except EOFError:  # stopped (a full build, Ctrl+C)
                return
            if generation != self.generation:
                if message[0] == "index":
                    shutil.rmtree(message[1], ignore_errors=True)
                continue
            if message[0] == "etat":
                server.say(f"état de l'offre à jour en {seconds(time.perf_counter() - since)}")
            elif message[0] == "erreur":
                server.say(f"catalogue serve : index de recherche et données ouvertes non mis à jour ({message[1]})")
                return
            elif message[0] == "index":
                _, copy, work, ids, timings = message
                with server.lock:
                    if generation != self.generation:
                        shutil.rmtree(copy, ignore_errors=True)
                        shutil.rmtree(work, ignore_errors=True)
                        return
                    start = time.perf_counter()
                    if self.pending:  # an offer changed since the fork: geo/ of the latest offers
                        shutil.rmtree(work, ignore_errors=True)
                        work = str(prepare_geo(server.result.site, server.out, ids))
                    swap_index(server.out, Path(copy), Path(work))
                    server.ids = ids
                    timings["index et geo/ mis en place"] = round(time.perf_counter() - start, 2)
                    self.timings = {**timings, "total": round(time.perf_counter() - since, 2)}
                server.say(f"index de recherche et données ouvertes à jour en {seconds(time.perf_counter() - since)}")
                return


def write_etat(site, out: Path) -> None:
    """The état de l'offre pages and CSV files written beside the served ones, then swapped in, folder by
    folder: a page that a full build would no longer write (a page of « à mettre à jour » or of the
    duplicates past their new end…) goes with the old folder."""
    folders.remove_orphans(out, (ETAT_PREFIX,))
    work = folders.owned_tempdir(ETAT_PREFIX, out)
    olds = []
    try:
        render.run(render_etat.jobs(site, render.Renderer(site, work)))
        for rel in (urls.ETAT, urls.ETAT_DONNEES):
            (work / rel).mkdir(parents=True, exist_ok=True)
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            olds.append(folders.swap_in(work / rel, out / rel))
    finally:
        for path in {work, *[p for p in olds if p is not None]}:
            if path.exists():
                discard(path)


def prepare_geo(site, out: Path, ids: dict[str, str]) -> Path:
    """geo/ of `site` with the new index's ids, written beside the served one (in ``out/.geo-…/geo``)."""
    folders.remove_orphans(out, (GEO_PREFIX,))
    work = folders.owned_tempdir(GEO_PREFIX, out)
    write_geo(site, work, ids)
    return work


def swap_index(out: Path, copy: Path, work: Path) -> None:
    """The new index and its geo/ swapped in, one right after the other; the old ones removed by a
    detached process (10,000 files: seconds the server need not wait)."""
    olds = []
    try:
        olds.append(folders.swap_in(copy, out / PAGEFIND_DIR))
        olds.append(folders.swap_in(work / GEO_DIR, out / GEO_DIR))
    finally:
        for path in {copy, work, *[p for p in olds if p is not None]}:
            if path.exists():
                discard(path)


def seconds(s: float) -> str:
    """« 0,8 s »: a duration as a French reader writes it."""
    return f"{s:.1f}".replace(".", ",") + " s"
