"""The geo/ files: where each offer is and when it is open, for distances and the map."""

from pathlib import Path

from generator import files, urls
from generator.model import horaires
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site
from generator.site.search.records import dumps

GEO_DIR = "geo"


def _position(site: Site, lieu) -> tuple[list[float], bool]:
    if lieu.latitude is not None and lieu.longitude is not None:
        return [round(lieu.latitude, 5), round(lieu.longitude, 5)], False
    c = site.centres.of(lieu.code_insee)
    return ([c[0], c[1]], True) if c else ([], True)


def geo_entry(site: Site, vue: OffreVue, schedules: dict[str, int], table: list) -> list:
    """[offer schedule index, [[lat, lon, schedule index, approx, commune], …], offer id, name]; a file's
    entry starts with the offer's Pagefind id (`write_geo`).

    Positions and hours come first: cut after them (`points`), the entry is what the search page needs."""
    o = vue.offre
    default = o.horaires_accueil or vue.structure.horaires_accueil

    def sched(expr: str | None) -> int:
        if not expr:
            return -1
        if expr not in schedules:
            schedules[expr] = len(table)
            table.append(horaires.schedule(expr))
        return schedules[expr]

    lieux = []
    for lieu in o.lieux:
        pos, approx = _position(site, lieu)
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


def write_geo(site: Site, out: Path, ids: dict[str, str]) -> list[Path]:
    geo = out / GEO_DIR
    geo.mkdir(parents=True, exist_ok=True)
    shards: dict[str, list[OffreVue]] = {}
    for v in site.publiques:
        deps = sorted({_dep(site, lieu.code_insee) for lieu in v.offre.lieux}) or ["autres"]
        for d in deps:
            shards.setdefault(d, []).append(v)
    written = []
    # Two files per département: everything for the map, only positions and hours for the search page
    # (its result list takes names from Pagefind): a commune search downloads less than half.
    manifest: dict[str, dict[str, str]] = {"offres": {}, "points": {}, "communes": {}}
    for d in sorted(shards):
        schedules: dict[str, int] = {}
        table: list = []
        keyed = [[ids.get(urls.offre(v.id), ""), *geo_entry(site, v, schedules, table)] for v in shards[d]]
        for kind, data in (("offres", keyed), ("points", [points(e) for e in keyed])):
            name = f"{kind}-{d}.json"
            files.write(geo / name, dumps({"horaires": table, "offres": data}))
            manifest[kind][d] = name
            written.append(geo / name)
    # Communes the visitor can choose: the territory's départements, plus communes named in zones.
    deps = set(site.territoire.departements)
    by_dep: dict[str, list] = {d: [] for d in sorted(deps)}
    extra = sorted({c for v in site.vues for c in v.offre.zone_eligibilite if c in site.ref.communes and site.ref.communes[c]["departement"] not in deps})
    for code in sorted(site.ref.communes):
        info = site.ref.communes[code]
        if info["departement"] in deps or code in extra:
            pos = site.centres.of(code)
            row = [code, info["nom"], " ".join(info["codes_postaux"]), info["departement"], info["epci"] or "", *(pos or (None, None))]
            by_dep.setdefault(info["departement"] if info["departement"] in deps else "autres", []).append(row)
    for d, rows in sorted(by_dep.items()):
        name = f"communes-{d}.json"
        files.write(geo / name, dumps(rows))
        manifest["communes"][d] = name
        written.append(geo / name)
    path = geo / "index.json"
    files.write(path, dumps(manifest))
    written.append(path)
    return written
