"""The folders a build writes into: temporary folders named after their process, cleaned once that
process is gone (a build killed with ``kill -9`` leaves them behind), and the swap that puts a new
site or search index in place in one step, so that a reader never finds half a site or none.
"""

import ctypes
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

_OWNER = re.compile(r"^(?P<prefix>.*?)(?P<pid>\d+)-[^-]+$")
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def owned_tempdir(prefix: str, parent: Path, mode: int = 0o755) -> Path:
    """A new folder ``<prefix><pid>-<random>`` in `parent`, readable by a web server running as
    another user (mkdtemp alone makes it private)."""
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
    os.chmod(path, mode)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def orphans(parent: Path, prefixes: tuple[str, ...]) -> list[Path]:
    """The folders of `parent` made by `owned_tempdir` with one of `prefixes` whose process is gone."""
    found = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    for entry in entries:
        match = _OWNER.match(entry.name)
        if match and match["prefix"] in prefixes and entry.is_dir(follow_symlinks=False) and not _alive(int(match["pid"])):
            found.append(Path(entry.path))
    return sorted(found)


def remove_orphans(parent: Path, prefixes: tuple[str, ...]) -> None:
    for path in orphans(parent, prefixes):
        shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system or the disk cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new: Path, target: Path) -> Path | None:
    """Put the folder `new` at `target` in one step; returns where the replaced folder now is (to be
    removed by the caller), or None when there was none."""
    if not target.exists():
        new.rename(target)
        return None
    if _exchange(new, target):
        return new  # `new` now holds the old folder
    old = Path(tempfile.mkdtemp(prefix=".ancien-", dir=target.parent))  # two renames: the fallback
    old.rmdir()
    target.rename(old)
    new.rename(target)
    return old
