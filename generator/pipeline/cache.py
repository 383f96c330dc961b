"""Validation cache: a structure folder whose files have not changed is not parsed nor validated again.

The key of a folder is the hash of its files' bytes, of the generator's own code and data, and of the
day (freshness checks depend on it). Entries live in the user's cache folder, never in the repository:
a pull request cannot slip a cache entry in. `CATALOGUE_CACHE=0` turns the cache off;
`CATALOGUE_CACHE=<dossier>` puts it elsewhere. A missing, unreadable or stale entry is simply a miss.
"""

import hashlib
import os
import pickle
import stat
import tempfile
from functools import cache
from pathlib import Path

from generator.model.limits import MAX_FILE_BYTES
from generator.paths import PACKAGE as HERE


def directory() -> Path | None:
    setting = os.environ.get("CATALOGUE_CACHE", "").strip()
    if setting.lower() in ("0", "non", "off", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "catalogue-insertion"


@cache
def code_version() -> bytes:
    """Hash of every file of the generator (code, vocabularies, territories): new code, new cache."""
    h = hashlib.sha256()
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json"):
            h.update(path.relative_to(HERE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


def key(folder: Path, names: list[str], context: str) -> str:
    """Hash of the folder's files (name, symlink or not, bytes), of `context` and of the code."""
    h = hashlib.sha256(code_version())
    h.update(os.fsencode(context) + b"\0")
    for name in names:
        path = folder / name
        h.update(os.fsencode(name) + b"\0")
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                # Refused unread by validation (a link, a pipe, a file too big): its kind and size decide.
                h.update(f"{stat.S_IFMT(info.st_mode)}:{info.st_size}:{info.st_mtime_ns}\0".encode())
                continue
            h.update(path.read_bytes())
        except OSError:
            h.update(b"absent\0")
        h.update(b"\0")
    return h.hexdigest()


def _entry(folder: Path) -> Path | None:
    base = directory()
    if base is None:
        return None
    return base / "validation" / (hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:32] + ".pickle")


def get(folder: Path, digest: str):
    """The value stored for this folder under this key, or None."""
    path = _entry(folder)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            stored, value = pickle.load(f)
    except Exception:  # absent, truncated, written by another version: a miss
        return None
    return value if stored == digest else None


def put(folder: Path, digest: str, value) -> None:
    path = _entry(folder)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((digest, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full disk: validation still works, uncached
