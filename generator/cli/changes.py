"""The files a pull request changes: `catalogue validate --changed-since REF` reports them first.

Read from Git: the files that differ between the common ancestor of REF and HEAD and the working tree
(committed or not), and the new files not yet added.
"""

import subprocess
from pathlib import Path


class ChangesError(Exception):
    """Git could not say which files changed; the message says why, in French."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError:
        raise ChangesError("git est introuvable : --changed-since a besoin de Git") from None
    if done.returncode != 0:
        raise ChangesError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} a échoué")
    return done.stdout


def changed_since(ref: str, where: Path) -> set[Path]:
    """Absolute paths of the files changed since `ref` in the repository that holds `where`."""
    where = where if where.is_dir() else where.parent
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    except ChangesError:
        raise ChangesError(f"{where} n'est pas dans un dépôt Git : --changed-since a besoin de l'historique") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], top).strip()
    except ChangesError:
        raise ChangesError(
            f"référence Git inconnue « {ref} » (dans la CI : récupérer l'historique avec « fetch-depth: 0 »)"
        ) from None
    names = _git(["diff", "--name-only", "--no-renames", "-z", base], top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return {(top / n).resolve() for n in names if n}
