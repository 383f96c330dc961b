"""Writing the site's files: unchanged files are left alone, a replaced file is replaced in one step."""

import os
import tempfile
from pathlib import Path


def write(path: Path, text: str) -> None:
    """Write a page, unless the same is already there (`catalogue serve` rewrites only what changed).
    A page that replaces another is written beside it and renamed over it: a reader of the served site
    gets the old page or the new one, never half of one."""
    data = text.encode("utf-8")
    try:
        os.mkdir(path.parent)  # a new folder (every offer page of a build): nothing to compare with
    except FileExistsError:
        if path.exists():
            if path.read_bytes() == data:
                return
            replace(path, data)
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def replace(path: Path, data: bytes) -> None:
    """Replace a file in one step (a temporary file in the same folder, then a rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
