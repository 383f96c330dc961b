"""`catalogue serve`: build, serve on 127.0.0.1, and rebuild when a file of the catalogue changes.

A changed offer takes the incremental path (< 2 s): only that file is validated again, its page, its
structure's page, the list pages and the search data are rewritten. A new, removed or structure file,
or territoire.yml, triggers a full (atomic) build. Polling: no dependency, works everywhere.
"""

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.cli import build as b
from generator.opendata import export
from generator.pipeline.enrich import enrich
from generator.pipeline.load import STRUCTURE_FILE, discover
from generator.pipeline.problems import BuildError, visible
from generator.pipeline.validate import Catalogue, today, validate
from generator.site import feeds, render
from generator.site.etat import pages as render_etat
from generator.site.pages import parcours
from generator.site.search import index

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
        self.lock = threading.Lock()

    def say(self, text: str) -> None:
        if not self.quiet:
            print(visible(text), file=sys.stderr, flush=True)  # file names may hold escapes or invalid bytes

    def full(self) -> bool:
        try:
            self.result = b.build(self.offres, self.territoire, self.out, base_url=self.base_url,
                                  progress=b.Progress(quiet=self.quiet), report=None if self.quiet else b._report)
            return True
        except BuildError as exc:
            self.say(f"catalogue serve : {exc}")
            return False

    def incremental(self, paths: list[Path]) -> bool:
        """Rebuild what depends on changed offer files; False when a full build is needed."""
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
        site = res.site
        changed = []
        for ident, offre in sorted(cat.offres.items()):
            sid = ident.split("/", 1)[0]
            if sid not in res.cat.structures:
                return False
            res.cat.offres[ident] = offre
            small = Catalogue(root, territoire=res.cat.territoire, structures={sid: res.cat.structures[sid]}, offres={ident: offre})
            changed += enrich(small, today())
        by_id = {v.id: v for v in site.vues}
        for v in changed:
            if v.id not in by_id:
                return False
            by_id[v.id] = v
        site.vues = [by_id[k] for k in sorted(by_id)]
        site.__post_init__()
        # Everything that shows an offer: its page and the lists, the feeds, the état de l'offre, the open
        # data, the search index, the map's data and the parcours' data (each file replaced in one step, see files.write).
        renderer = render.Renderer(site, self.out)
        jobs = [*renderer.jobs(changed), *render_etat.jobs(site, renderer), functools.partial(parcours.write_besoins, site, self.out),
                *feeds.jobs(site, self.out, res.generated, res.cat.territoire, res.changes.modified)]
        render.run(jobs)
        # The site's address as the full build resolved it (--base-url, else « url » of territoire.yml).
        export.write(res.cat, site.vues, self.out / "donnees", base_url=site.base_url, generated=res.generated, history=res.changes)
        index.write(site, self.out)
        return True

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
                    ok = self.incremental(changed)
                except Exception as exc:  # keep serving; a full build will say what is wrong
                    self.say(f"catalogue serve : reconstruction partielle impossible ({exc})")
                    ok = False
                if ok:
                    self.say(f"mis à jour : {', '.join(p.name for p in changed)} en {time.perf_counter() - start:.1f} s")
                    return
            self.say("… reconstruction complète")
            if self.full():
                self.say(f"site reconstruit en {time.perf_counter() - start:.1f} s")

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
        httpd.server_close()
    return 0
