"""Step 5 — index: the search index (Pagefind) and the small data files the browser needs.

* ``pagefind/``: one record per *public* offer, in one French index shared by every interface language:
  the offers' texts are French, so a reader of the English pages searches them too (Pagefind falls back
  to the index with the most pages when the page's language has none). Each record holds the offer's
  whole text (French stemming, accent-insensitive) and its thématiques' names in every interface
  language, so that "housing" finds what "logement" finds. Its meta holds no interface text: the
  search page writes the labels in its own language (places: ``complet``, ``a-confirmer`` or
  ``<disponibles>/<total>``). Filters: thematique (category), public, frais, type, accueil, places
  ("disponibles" when the count is fresh and not zero), langue (ISO 639-1 codes of the languages
  spoken on site), eligibilite (the zone codes that cover a commune: a commune C is eligible when one
  of france, C, C's département or C's EPCI is among them). Records are given to Pagefind's Python API
  as custom records rather than read back from the HTML: the eligibility list can hold hundreds of
  codes, which would otherwise bloat every offer page.
* ``geo/``: what Pagefind cannot answer: where each offer is (distance from the commune of residence,
  the map) and its weekly opening hours ("ouvert maintenant"), split per département of the offer's
  places (``offres-<dep>.json``, ``offres-autres.json`` for offers without a place), keyed by the
  Pagefind result ids; ``points-<dep>.json`` holds the same entries cut to positions and hours, all
  the search page needs; and the communes the visitor can pick (``communes-<dep>.json``).
"""

import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from . import horaires, i18n
from .enrich import OffreVue
from .render import Site, by_name, covered_codes, offre_url, _plain
from .vocab import ModeAccueil, Public, Thematique

GEO_DIR = "geo"
# A word every record holds: a search without words asks Pagefind for it, which loads one index chunk
# (a search for `null` makes Pagefind download every chunk: 2 MB at 10,000 offers).
TOUTES = "zzcatalogue"
PAGEFIND_DIR = "pagefind"
# Pagefind writes several UIs we do not use (the search page has its own accessible interface).
_UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@lru_cache(maxsize=None)
def _labels(value: str, langs: tuple[str, ...]) -> str:
    """A label in each of `langs`, each once."""
    return " ".join(dict.fromkeys(i18n.translations(lang).gettext(value) for lang in langs))


def record(site: Site, vue: OffreVue) -> dict:
    """The offer's search record (the same for every interface language)."""
    o = vue.offre
    publics = [p.value for p in (o.publics or [])] or [Public.TOUS_PUBLICS.value]
    communes = list(dict.fromkeys(lieu.commune for lieu in o.lieux))
    places = o.places
    disponible = bool(places and places.disponibles > 0 and not vue.places_a_confirmer)
    content = " ".join(
        [
            o.nom + ".",
            _plain(o.description),
            vue.structure.nom + ".",
            " ".join(o.mots_cles or []),
            " ".join(_labels(Thematique(t).label, i18n.languages()) for t in o.thematiques),
            " ".join(communes),
            TOUTES,
        ]
    )
    meta = {
        "title": o.nom,
        "structure": vue.structure.nom,
        "lieux": ", ".join(communes[:3]) + (" …" if len(communes) > 3 else ""),
        "id": vue.id,
    }
    if ModeAccueil.A_DISTANCE in o.modes_accueil:
        meta["distance"] = "1"
    if vue.fraicheur == "a-mettre-a-jour":
        meta["maj"] = "1"
    if places:
        if vue.places_a_confirmer:
            meta["places"] = "a-confirmer"
        elif places.disponibles:
            meta["places"] = f"{places.disponibles}/{places.total}"
        else:
            meta["places"] = "complet"
    filters = {
        "thematique": [c.value for c in vue.categories],
        "public": publics,
        "accueil": [m.value for m in o.modes_accueil],
        "eligibilite": covered_codes(site, o.zone_eligibilite),
    }
    if o.frais:
        filters["frais"] = [o.frais.value]
    if o.type:
        filters["type"] = [o.type.value]
    if disponible:
        filters["places"] = ["disponibles"]
    if o.langues:
        filters["langue"] = list(dict.fromkeys(lang.value for lang in o.langues))
    return {
        "url": offre_url(vue.id),
        "content": content,
        "language": i18n.SOURCE,
        "meta": meta,
        "filters": filters,
    }


class PagefindError(Exception):
    pass


class _Service:
    """Pagefind's indexing service (the `pagefind --service` binary shipped by pagefind[bin]), spoken to
    directly: the Python API waits 0.1 s per record (17 minutes for 10,000 offers); this sends every
    record at once and reads the answers from a thread."""

    def __init__(self):
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise PagefindError("programme pagefind introuvable : installer pagefind[bin]")
        self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.responses: dict[int, dict] = {}
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        buf = b""
        out = self.proc.stdout
        while True:
            chunk = out.read1(1 << 16) if hasattr(out, "read1") else out.read(1)
            if not chunk:
                with self.cond:
                    self.responses[-1] = {"type": "Error", "message": "le programme pagefind s'est arrêté"}
                    self.cond.notify_all()
                return
            buf += chunk
            *messages, buf = buf.split(b",")
            for m in messages:
                if not m.strip():
                    continue
                resp = json.loads(base64.b64decode(m))
                if resp is None:
                    continue
                with self.cond:
                    self.responses[resp.get("message_id") or 0] = resp["payload"]
                    self.cond.notify_all()

    def send(self, payload: dict) -> int:
        self.next_id += 1
        req = {"message_id": self.next_id, "payload": payload}
        self.proc.stdin.write(base64.b64encode(json.dumps(req).encode("utf-8")) + b",")
        return self.next_id

    def wait(self, message_id: int) -> dict:
        self.proc.stdin.flush()
        with self.cond:
            while message_id not in self.responses and -1 not in self.responses:
                if not self.cond.wait(timeout=300):
                    raise PagefindError("le programme pagefind ne répond plus")
            resp = self.responses.pop(message_id, None) or self.responses[-1]
        if resp.get("type") == "Error":
            raise PagefindError(resp.get("message", "erreur de pagefind"))
        return resp

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=600)  # it may still be writing files
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run_pagefind(records: list[dict], out: Path) -> None:
    service = _Service()
    try:
        index_id = service.wait(service.send({"type": "NewIndex", "config": {}}))["index_id"]
        ids = [service.send({"type": "AddRecord", "index_id": index_id, **r}) for r in records]
        for i in ids:
            service.wait(i)
        service.wait(service.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(out)}))
    finally:
        service.close()


# ----- deterministic Pagefind output ---------------------------------------------------------------
# Pagefind 1.5 writes the values of each filter, and the list of filters, in hash-map order: two runs
# on the same records give different files. They are put back in sorted order here, renamed after
# their new content, and the references to them (the .pf_meta file, pagefind-entry.json) updated.


def _cbor_decode(data: bytes, i: int = 0):
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        n = int.from_bytes(data[i:i + size], "big")
        i += size
    if major == 0:
        return n, i
    if major in (2, 3):
        raw = data[i:i + n]
        return (raw.decode("utf-8") if major == 3 else raw), i + n
    if major == 4:
        out = []
        for _ in range(n):
            v, i = _cbor_decode(data, i)
            out.append(v)
        return out, i
    if major == 5:
        out = {}
        for _ in range(n):
            k, i = _cbor_decode(data, i)
            out[k], i = _cbor_decode(data, i)
        return out, i
    raise ValueError(f"CBOR non pris en charge ({head:#x})")


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def _cbor_encode(v) -> bytes:
    if isinstance(v, bool) or v is None:
        raise ValueError(v)
    if isinstance(v, int):
        return _cbor_head(0, v)
    if isinstance(v, str):
        raw = v.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(v, bytes):
        return _cbor_head(2, len(v)) + v
    if isinstance(v, list):
        return _cbor_head(4, len(v)) + b"".join(_cbor_encode(x) for x in v)
    if isinstance(v, dict):
        return _cbor_head(5, len(v)) + b"".join(_cbor_encode(k) + _cbor_encode(x) for k, x in v.items())
    raise ValueError(type(v))


_SIGNATURE = b"pagefind_dcd"


def _read_pf(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(_SIGNATURE)
    value, _ = _cbor_decode(raw, len(_SIGNATURE))
    return value


def _write_pf(path: Path, value) -> None:
    path.write_bytes(gzip.compress(_SIGNATURE + _cbor_encode(value), mtime=0))


def _short_hash(value, n: int) -> str:
    return hashlib.sha256(_cbor_encode(value)).hexdigest()[:n]


def canonical_pagefind(target: Path) -> None:
    entry_path = target / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_path = target / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_pf(meta_path)
        filters = meta[3]
        renamed = []
        for name, old in sorted(filters, key=lambda f: f[0]):
            path = target / "filter" / f"{old}.pf_filter"
            value = _read_pf(path)
            value[1] = sorted(value[1], key=lambda v: v[0])
            new = f"{lang}_{_short_hash(value, 7)}"
            path.unlink()
            _write_pf(target / "filter" / f"{new}.pf_filter", value)
            renamed.append([name, new])
        meta[3] = renamed
        new_meta = f"{lang}_{_short_hash(meta, 10)}"
        meta_path.unlink()
        _write_pf(target / f"pagefind.{new_meta}.pf_meta", meta)
        info["hash"] = new_meta
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fragment_ids(pagefind_dir: Path) -> dict[str, str]:
    """URL → Pagefind result id (the fragment's name), read back from the written fragments."""
    ids = {}
    for path in sorted((pagefind_dir / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        if raw.startswith(b"pagefind_dcd"):
            raw = raw[len(b"pagefind_dcd"):]
        ids[json.loads(raw)["url"]] = path.name.removesuffix(".pf_fragment")
    return ids


# Pagefind writes its thousands of files from dozens of threads at once: in memory (tmpfs), then copied
# in one go, this costs a third of the system time it costs on an ordinary disk (see docs/performance.md).
SCRATCH = Path("/dev/shm")


def search_records(site: Site) -> list[dict]:
    """The public offers' search records, in alphabetical order: Pagefind keeps it for results of equal
    score, which is how the search page lists offers without words (see recherche.js). A Pagefind sort
    index would do the same for 20 KB more in every search's metadata at 10,000 offers."""
    return [record(site, v) for v in sorted(site.publiques, key=by_name)]


def write_pagefind(site: Site, out: Path) -> dict[str, str]:
    records = search_records(site)
    scratch = Path(tempfile.mkdtemp(prefix="catalogue-pagefind-", dir=SCRATCH if os.access(SCRATCH, os.W_OK) else out))
    try:
        work = scratch / PAGEFIND_DIR
        if records:
            run_pagefind(records, work)
            canonical_pagefind(work)
        else:  # Pagefind writes nothing for an empty index: the search page must still load.
            work.mkdir()
        for name in _UNUSED:
            (work / name).unlink(missing_ok=True)
        ids = fragment_ids(work)
        # Copied next to the index it replaces (`catalogue serve`), then swapped in: never half an index.
        swap = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=out))
        try:
            shutil.copytree(work, swap / "nouveau")
            target = out / PAGEFIND_DIR
            if target.exists():
                target.rename(swap / "ancien")
            (swap / "nouveau").rename(target)
        finally:
            shutil.rmtree(swap, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return ids


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
        keyed = [[ids.get(offre_url(v.id), ""), *geo_entry(site, v, schedules, table)] for v in shards[d]]
        for kind, data in (("offres", keyed), ("points", [points(e) for e in keyed])):
            name = f"{kind}-{d}.json"
            (geo / name).write_text(dumps({"horaires": table, "offres": data}), encoding="utf-8")
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
        (geo / name).write_text(dumps(rows), encoding="utf-8")
        manifest["communes"][d] = name
        written.append(geo / name)
    path = geo / "index.json"
    path.write_text(dumps(manifest), encoding="utf-8")
    written.append(path)
    return written


def write(site: Site, out: Path) -> dict[str, str]:
    ids = write_pagefind(site, out)
    write_geo(site, out, ids)
    return ids
