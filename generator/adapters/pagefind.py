"""Pagefind: its service protocol and its output files.

The Python API of pagefind waits 0.1 s per record; `run_pagefind` speaks the binary's service protocol
(base64 JSON messages separated by commas) directly. `canonical_pagefind` renames the hashed files so
that the same records give the same names (fragments numbered, which makes every search's download
smaller), and `fragment_ids` reads back the result ids. tests/adapters
runs the service on two records and checks every file name this module relies on.
"""

import base64
import gzip
import hashlib
import json
import math
import subprocess
import threading
from pathlib import Path

PAGEFIND_DIR = "pagefind"
# Pagefind writes several UIs we do not use (the search page has its own accessible interface).
UNUSED_FILES = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]


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


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(i: int) -> str:
    out = ""
    while True:
        i, r = divmod(i, 36)
        out = _DIGITS[r] + out
        if not i:
            return out


def _short_fragments(target: Path, pages: list, lang: str) -> list:
    """Fragments renamed `<lang>_<tag>_<page number in base 36>`: every search downloads the list of all
    pages (the `.pf_meta` file), where Pagefind's names (7 hexadecimal digits each) weigh 5.7 KB per
    1,000 offers compressed; numbers in a row, 2.3 KB. The tag,
    a hash of the old names (which hash the fragments' content), changes whenever a fragment does, so
    that a browser never shows a fragment cached from a previous build under the same name."""
    tag = _short_hash([h for h, _ in pages], 4)
    renamed = []
    for i, (old, words) in enumerate(pages):
        new = f"{lang}_{tag}_{_base36(i)}"
        (target / "fragment" / f"{old}.pf_fragment").rename(target / "fragment" / f"{new}.pf_fragment")
        renamed.append([new, _rounded_length(words)])
    return renamed


# A page's number of words only weighs its results against longer pages (Pagefind's `pageLength`): to a
# step of 10 %, it ranks the same and compresses better (60,000 offers: 197 → 164 KB downloaded by
# every first search; bench/recherche.py still finds every expected offer).
_LENGTH_STEP = 1.1


def _rounded_length(words: int) -> int:
    if words < 10:
        return words
    return round(_LENGTH_STEP ** round(math.log(words, _LENGTH_STEP)))


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
        meta[1] = _short_fragments(target, meta[1], lang)
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
