"""The geo/ files: where each offer is and when it is open, for distances and the map."""

import json
from collections.abc import Callable
from pathlib import Path

from generator import files, urls
from generator.model import horaires
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, by_name
from generator.site.search.communes import write_communes
from generator.site.search.records import dumps

GEO_DIR = "geo"


def position(site: Site, lieu) -> tuple[list[float], bool]:
    """[lat, lon] of a place, else of its commune's centre (then approximate: True); [] when neither is known."""
    if lieu.latitude is not None and lieu.longitude is not None:
        return [round(lieu.latitude, 5), round(lieu.longitude, 5)], False
    c = site.centres.of(lieu.code_insee)
    return ([c[0], c[1]], True) if c else ([], True)


def schedule_index(expr: str | None, schedules: dict[str, int], table: list) -> int:
    """The index of opening hours `expr` in a file's `table` of schedules (added once), -1 when unknown."""
    if not expr:
        return -1
    if expr not in schedules:
        schedules[expr] = len(table)
        table.append(horaires.schedule(expr))
    return schedules[expr]


def geo_entry(site: Site, vue: OffreVue, schedules: dict[str, int], table: list) -> list:
    """[offer schedule index, [[lat, lon, schedule index, approx, commune], …], offer id, name]; a file's
    entry starts with the offer's Pagefind id (`write_geo`).

    Positions and hours come first: cut after them (`points`), the entry is what the search page needs."""
    o = vue.offre
    default = o.horaires_accueil or vue.structure.horaires_accueil

    def sched(expr: str | None) -> int:
        return schedule_index(expr, schedules, table)

    lieux = []
    for lieu in o.lieux:
        pos, approx = position(site, lieu)
        lieux.append([*(pos or [None, None]), sched(lieu.horaires_accueil or default), 1 if approx else 0, lieu.commune])
    return [sched(default), lieux, vue.id, o.nom]


def points(entry: list) -> list:
    """A file's entry (Pagefind id, then `geo_entry`) cut after positions and hours, positions to 3
    decimals (about 100 m: enough to sort by distance, and a tenth less to download)."""
    h, s, lieux = entry[:3]
    return [h, s, [[_round(lat, 3), _round(lon, 3), si] for lat, lon, si, *_ in lieux]]


def _round(x: float | None, digits: int) -> float | None:
    return None if x is None else round(x, digits)


def _dep(site: Site, code: str) -> str:
    info = site.ref.communes.get(code)
    return info["departement"] if info else code[:2]


# No file of the site over 1 MB (issue 19): a département's offers are cut into parts below this size.
MAX_BYTES = 900_000


def _entries(site: Site, vues: list[OffreVue], ids: dict[str, str]) -> tuple[list, list]:
    """The hours table and the entries (Pagefind id first) of `vues`, for one file."""
    schedules: dict[str, int] = {}
    table: list = []
    return table, [[ids.get(urls.offre(v.id), ""), *geo_entry(site, v, schedules, table)] for v in vues]


def in_parts(vues: list[OffreVue], entries: Callable[[list[OffreVue]], tuple[list, list]]) -> list[tuple[list, list]]:
    """`vues` in as few files as keep each under MAX_BYTES: `entries` gives the hours table and the entries
    of a list of offers (one file); cut in the offers' order where the running size passes the limit,
    each part with its own hours table (the geo/ files here, the parcours' besoins/ files)."""
    limit = MAX_BYTES
    table, keyed = entries(vues)
    size = len(dumps({"horaires": table, "offres": keyed}).encode("utf-8"))
    if size <= limit or len(vues) < 2:
        return [(table, keyed)]
    weights = [len(dumps(e).encode("utf-8")) + 1 for e in keyed]
    budget = limit * sum(weights) / size * 0.9  # the hours tables take their share of each file
    groups: list[list[OffreVue]] = [[]]
    total = 0.0
    for v, w in zip(vues, weights):
        if groups[-1] and total + w > budget:
            groups.append([])
            total = 0.0
        groups[-1].append(v)
        total += w
    return [entries(g) for g in groups]


def part_names(name: str, parts: list) -> list[str]:
    """The names of a file's parts: `name` when whole, else `name-1`, `name-2`… (a département code never
    holds « - »: parcours-regles.js `base` reads the name back)."""
    return [name] if len(parts) == 1 else [f"{name}-{k}" for k in range(1, len(parts) + 1)]


def part_order(name: str) -> tuple[str, int]:
    """What `part_names` made, read back: (the file, the part's number, 0 when whole) — names in order, a
    file's parts in theirs (« 91-2 » before « 91-10 »)."""
    base, _sep, part = name.partition("-")
    return (base, int(part) if part else 0)


def departements(site: Site, vue: OffreVue) -> list[str]:
    """The files (by département of its places, `autres` without one) that hold an offer."""
    return sorted({_dep(site, lieu.code_insee) for lieu in vue.offre.lieux}) or ["autres"]


def _shards(site: Site) -> dict[str, list[OffreVue]]:
    shards: dict[str, list[OffreVue]] = {}
    for v in sorted(site.publiques, key=by_name):  # by name in each file: the search page lists them so
        for d in departements(site, v):
            shards.setdefault(d, []).append(v)
    return shards


def _write_departement(site: Site, geo: Path, d: str, vues: list[OffreVue], ids: dict[str, str], manifest: dict) -> list[Path]:
    """A département's files (both kinds, in parts when too large), listed in `manifest`."""
    written = []
    parts = in_parts(vues, lambda group: _entries(site, group, ids))
    for kind in ("offres", "points"):
        manifest[kind][d] = []
        for stem, (table, keyed) in zip(part_names(f"{kind}-{d}", parts), parts):
            data = keyed if kind == "offres" else [points(e) for e in keyed]
            files.write(geo / f"{stem}.json", dumps({"horaires": table, "offres": data}))
            manifest[kind][d].append(f"{stem}.json")
            written.append(geo / f"{stem}.json")
    return written


def write_geo(site: Site, out: Path, ids: dict[str, str]) -> list[Path]:
    geo = out / GEO_DIR
    geo.mkdir(parents=True, exist_ok=True)
    shards = _shards(site)
    written = []
    # Two kinds of files per département: everything for the map, only positions and hours for the search
    # page (its result list takes names from Pagefind): a commune search downloads less than half. A
    # département too dense for one file of MAX_BYTES is cut into parts (`in_parts`): the manifest lists
    # each département's files.
    manifest: dict = {"offres": {}, "points": {}, "communes": {}, "france": {}, "total": len(site.publiques)}
    for d in sorted(shards):
        written += _write_departement(site, geo, d, shards[d], ids, manifest)
    written += write_communes(site, geo, manifest)
    path = geo / "index.json"
    files.write(path, dumps(manifest))
    written.append(path)
    return written


def update_offers(site: Site, out: Path, ids: dict[str, str], before: list[OffreVue | None], now: list[OffreVue]) -> list[Path]:
    """After an edit (`catalogue serve`): the entries of the offers `now` (`before`: as the files hold
    them) replaced in the files of their départements, with the result ids of the index being served,
    instead of writing those files again (a dense département's holds thousands of offers). A new entry
    takes the old one's place, else goes at the end of the département's last part; an offer no longer
    public or no longer there leaves. The next full write (with the next index) puts everything in order."""
    geo = out / GEO_DIR
    manifest = json.loads((geo / "index.json").read_text(encoding="utf-8"))
    loaded: dict[str, dict] = {}
    touched: set[str] = set()

    def load(name: str) -> dict:
        if name not in loaded:
            path = geo / name
            loaded[name] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"horaires": [], "offres": []}
        return loaded[name]

    for old, new in zip(before, now):
        was = set(departements(site, old)) if old is not None and old.public else set()
        now_in = set(departements(site, new)) if new.public else set()
        for d in sorted(was | now_in):
            names = list(zip(manifest["offres"].get(d, []), manifest["points"].get(d, [])))
            slot = next(((k, i) for k, (name, _p) in enumerate(names) for i, e in enumerate(load(name)["offres"]) if e[3] == new.id), None)
            if d not in now_in:
                if slot:
                    k, i = slot
                    for name in names[k]:
                        del load(name)["offres"][i]
                        touched.add(name)
                continue
            if not names:
                names = [(f"offres-{d}.json", f"points-{d}.json")]
                manifest["offres"][d], manifest["points"][d] = [names[0][0]], [names[0][1]]
            k, i = slot or (len(names) - 1, None)
            offres, pts = load(names[k][0]), load(names[k][1])
            table = offres["horaires"]
            entry = json.loads(dumps([ids.get(urls.offre(new.id), ""), *geo_entry(site, new, _known(table, new), table)]))
            if i is None:
                offres["offres"].append(entry)
                pts["offres"].append(points(entry))
            else:
                offres["offres"][i] = entry
                pts["offres"][i] = points(entry)
            pts["horaires"] = table
            touched.update(names[k])
    written = []
    for name in sorted(touched):
        files.write(geo / name, dumps(loaded[name]))
        written.append(geo / name)
    manifest["total"] = len(site.publiques)
    path = geo / "index.json"
    files.write(path, dumps(manifest))
    return [*written, path]


def _known(table: list, vue: OffreVue) -> dict[str, int]:
    """The offer's opening hours already in a file's `table`, by expression (`schedule_index` adds the others)."""
    o = vue.offre
    exprs = {o.horaires_accueil, vue.structure.horaires_accueil, *(lieu.horaires_accueil for lieu in o.lieux)} - {None, ""}
    rows = [json.dumps(row, sort_keys=True) for row in table]
    known = {}
    for expr in exprs:
        row = json.loads(dumps(horaires.schedule(expr)))
        text = json.dumps(row, sort_keys=True)
        if text in rows:
            known[expr] = rows.index(text)
    return known
