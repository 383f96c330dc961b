"""Positioned problems: what validation returns instead of raising."""

from dataclasses import dataclass
from typing import Literal

Severity = Literal["erreur", "avertissement"]
Loc = tuple[str | int, ...]


class BuildError(Exception):
    """A failure explained in French; the previous site is left as it was."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    key: str
    message: str
    severity: Severity = "erreur"

    @property
    def is_error(self) -> bool:
        return self.severity == "erreur"

    def __post_init__(self) -> None:
        # One problem = one line: newlines, terminal escapes and invisible characters in values and in
        # file names are shown as escapes, never printed (a name that is not UTF-8 too).
        object.__setattr__(self, "file", visible(self.file))
        object.__setattr__(self, "message", visible(self.message))
        object.__setattr__(self, "key", visible(self.key))

    def __str__(self) -> str:
        prefix = "" if self.is_error else "avertissement : "
        return f"{self.file}:{self.line}:{self.column}: {self.key or '(fichier)'}: {prefix}{self.message}"


def visible(text: str) -> str:
    """`text` with control and invisible characters written as escapes (\\n, \\u200b)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by a check, before it is given a place in a file."""

    loc: Loc
    message: str
    severity: Severity = "erreur"


def key_of(loc: Loc) -> str:
    """('lieux', 0, 'code_insee') -> 'lieux[0].code_insee'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
