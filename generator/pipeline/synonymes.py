"""The search's synonyms (``synonymes.yml`` next to ``territoire.yml``), read and validated like the
offers: every problem in French with its line, column and field. The file is optional."""

from pathlib import Path

from generator.model.synonymes import Synonymes
from generator.pipeline.load import read, relative
from generator.pipeline.problems import Problem
from generator.pipeline.validate import _validate

FICHIER = "synonymes.yml"


def load_synonymes(path: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """(the synonyms, or {} if the file is absent or invalid; its problems)."""
    if not path.exists() and not path.is_symlink():
        return {}, []
    source = read(path, relative(path, path.parent))
    synonymes = None
    if source.data is not None:
        synonymes, _ = _validate(source, Synonymes)
    return (synonymes.synonymes if synonymes is not None else {}), source.report()


def beside(territoire: Path) -> Path:
    """The synonyms file of the catalogue whose configuration is `territoire`."""
    return territoire.parent / FICHIER


def add_synonymes(cat, territoire: Path | None) -> None:
    """Reads the synonyms file beside `territoire` into the validated catalogue `cat`, with its problems."""
    if territoire is None:
        return
    cat.synonymes, problems = load_synonymes(beside(territoire))
    if problems:
        cat.problems.extend(problems)
        cat.problems.sort()
