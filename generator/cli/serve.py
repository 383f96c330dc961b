"""`catalogue serve`: build, serve on 127.0.0.1, and rebuild when a file of the catalogue changes.

A changed offer takes the incremental path: only that file is validated again, the site's indexes are
updated for it only (`Site.updated`); what shows it (its page,
the lists, the feeds, the map and parcours data: `serve_outputs`) is rewritten at once, under 2 s at
10,000 offers; the état de l'offre, the open data and the search index follow in the background
(`serve_background`), the old versions served meanwhile. The console says when each part is up to
date. A new, removed or structure file, or territoire.yml, triggers a full build, swapped in in one
step. Polling: no dependency, works everywhere. Every file is replaced in one step (files.write).
"""

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator import i18n
from generator.adapters.pagefind import PAGEFIND_DIR, fragment_ids
from generator.cli import build as b
from generator.cli import serve_outputs as outputs
from generator.cli.serve_background import Background, seconds
from generator.pipeline.enrich import enrich
from generator.pipeline.load import STRUCTURE_FILE, discover
from generator.pipeline.problems import BuildError, visible
from generator.pipeline.validate import Catalogue, today, validate
from generator.site import render
from generator.site.context import territoire_codes

POLL_SECONDS = 0.3


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # quiet: one line per error only
        if len(args) > 1 and str(args[1]).startswith(("4", "5")) and str(args[1]) != "404":
            super().log_message(format, *args)


def snapshot(offres: Path, territoire: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for path in discover([offres], offres):  # never follows a link to a folder (a loop would never end)
        try:
            st = path.lstat()
        except OSError:
            continue
        out[str(path)] = (st.st_mtime_ns, st.st_size)
    if territoire.is_file():
        st = territoire.stat()
        out[str(territoire)] = (st.st_mtime_ns, st.st_size)
    return out


class Server:
    def __init__(self, offres: Path, territoire: Path, out: Path, base_url: str = "", quiet: bool = False):
        self.offres, self.territoire, self.out, self.base_url = offres, territoire, out.resolve(), base_url
        self.quiet = quiet
        self.result: b.Result | None = None
        self.lock = threading.RLock()
        self.ids: dict[str, str] = {}  # the served index's result ids by URL (the geo/ files hold them)
        self.background = Background(self)
        self.timings: dict[str, float] = {}  # the last fast update's steps (bench/serve.py)
        self.renderer: render.Renderer | None = None  # its templates compiled once, at the full build
        self.territoires: list[tuple[str, str]] = []  # territoire_codes, the same until a full build

    def say(self, text: str) -> None:
        if not self.quiet:
            print(visible(text), file=sys.stderr, flush=True)  # file names may hold escapes or invalid bytes

    def full(self) -> bool:
        with self.lock:
            self.background.cancel()  # the build writes everything it would
            try:
                self.result = b.build(self.offres, self.territoire, self.out, base_url=self.base_url,
                                      progress=b.Progress(quiet=self.quiet), report=None if self.quiet else b._report)
            except BuildError as exc:
                self.say(f"catalogue serve : {exc}")
                return False
            self.ids = fragment_ids(self.out / PAGEFIND_DIR)
            self.territoires = territoire_codes(self.result.site)
            # The templates of the fast part compiled now (about 2 s) rather than at the first edit.
            self.renderer = render.Renderer(self.result.site, self.out)
            for lang in i18n.languages():
                for template in outputs.TEMPLATES:
                    self.renderer.env(lang).get_template(template)
            return True

    def wait(self, timeout: float | None = 120) -> bool:
        """Until the background part of the last update is done (tests, bench)."""
        return self.background.wait(timeout)

    def incremental(self, paths: list[Path], since: float | None = None) -> bool:
        """Rebuild what depends on changed offer files; False when a full build is needed. The fast part
        is written on return, the rest in the background (`wait`)."""
        since = time.perf_counter() if since is None else since
        with self.lock:
            res = self.result
            if res is None:
                return False
            root = self.offres
            cat = validate(root, paths, territoire=None)
            if cat.errors:
                for p in cat.errors:
                    self.say(str(p))
                self.say("catalogue serve : fiche invalide, la page n'a pas été modifiée")
                return True
            old = res.site
            changed = []
            for ident, offre in sorted(cat.offres.items()):
                sid = ident.split("/", 1)[0]
                if sid not in res.cat.structures or ident not in old.by_id:
                    return False
                small = Catalogue(root, territoire=res.cat.territoire, structures={sid: res.cat.structures[sid]}, offres={ident: offre})
                changed += enrich(small, today())
            edits = [outputs.Edit(old.by_id[v.id], v) for v in changed]
            for ident, offre in cat.offres.items():
                res.cat.offres[ident] = offre
            # A new site object: the background's process and the old lists keep what they were given.
            site = old.updated(changed)
            res.site, res.vues = site, site.vues
            self.timings = self._fast(old, site, edits, res)
            self.say(f"{', '.join(p.name for p in paths)} : page, listes, carte et parcours à jour en {seconds(time.perf_counter() - since)} ;"
                     " état de l'offre, index de recherche et données ouvertes en cours…")
            self.background.start(since)
            return True

    def _fast(self, old, site, edits: list[outputs.Edit], res: b.Result) -> dict[str, float]:
        """The outputs that show the edited offers (`serve_outputs`), timed step by step."""
        timings: dict[str, float] = {}
        renderer = self.renderer = self.renderer.of(site)

        def step(label: str, fn) -> None:
            start = time.perf_counter()
            fn()
            timings[label] = round(time.perf_counter() - start, 2)

        pages, stale = outputs.page_jobs(renderer, old, edits, self.out, self.territoires)
        timings["pages réécrites (nombre)"] = len(pages)
        step("pages et listes", lambda: render.run(pages, parallel_from=outputs.PARALLEL_PAGES, niceness=0))
        step("pages en trop retirées", lambda: outputs.remove_pages(stale))
        step("flux", lambda: render.run(outputs.feed_jobs(site, edits, self.territoires, self.out, res.generated, res.cat.territoire, res.changes.modified)))
        step("parcours (besoins/) et carte (geo/)", lambda: render.run(outputs.data_jobs(site, edits, self.out, self.ids)))
        return timings

    def watch(self, stop: threading.Event) -> None:
        before = snapshot(self.offres, self.territoire)
        while not stop.wait(POLL_SECONDS):
            now = snapshot(self.offres, self.territoire)
            if now == before:
                continue
            changed = [Path(p) for p in now if before.get(p) != now[p]]
            removed = [p for p in before if p not in now]
            previous, before = before, now
            start = time.perf_counter()
            try:
                self.rebuild(previous, changed, removed, start)
            except Exception as exc:  # the watcher must outlive anything a file can do
                self.say(f"catalogue serve : reconstruction impossible ({exc}) ; le site servi n'a pas changé")

    def rebuild(self, previous: dict, changed: list[Path], removed: list[str], start: float) -> None:
        """After files changed: only the changed offers when that is enough, else the whole site."""
        with self.lock:
            simple = bool(changed) and not removed and all(
                str(p) in previous and p.name != STRUCTURE_FILE and p.resolve() != self.territoire.resolve() for p in changed
            )
            if simple and self.result is not None and all(f"{p.parent.name}/{p.stem}" in self.result.cat.offres for p in changed):
                try:
                    ok = self.incremental(changed, start)
                except Exception as exc:  # keep serving; a full build will say what is wrong
                    self.say(f"catalogue serve : reconstruction partielle impossible ({exc})")
                    ok = False
                if ok:
                    return
            self.say("… reconstruction complète")
            if self.full():
                self.say(f"site reconstruit en {seconds(time.perf_counter() - start)}")


def serve_command(args) -> int:
    server = Server(args.offres, args.territoire, args.out, base_url=args.base_url)
    if not server.full():
        return 1
    handler = functools.partial(_Handler, directory=str(server.out))
    try:
        httpd = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as exc:
        print(f"catalogue serve : impossible d'écouter sur le port {args.port} ({exc.strerror}) : essayer --port 8001", file=sys.stderr)
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=server.watch, args=(stop,), daemon=True)
    watcher.start()
    print(f"site servi sur http://127.0.0.1:{args.port}/ — Ctrl+C pour arrêter ; les fiches modifiées sont reconstruites", file=sys.stderr)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("\narrêt du serveur", file=sys.stderr)
    finally:
        stop.set()
        server.background.cancel()
        httpd.server_close()
    return 0
