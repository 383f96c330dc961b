"""Rules between fields and against the rest of the catalogue, one module per topic.

Each ``check_*`` module exposes ``offre(offre, ctx)`` and/or ``structure(structure, ctx)``,
generators of :class:`~generator.problems.Finding` (a field path, a French message, a
severity). They never raise: a broken value is simply not reported twice.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..models import Offre, Structure
from ..problems import Finding
from ..territoires import Referentiel


@dataclass(frozen=True, slots=True)
class Context:
    today: date
    territoires: Referentiel
    structure: Structure | None = None  # the offer's own structure, when its file is valid


def run_offre(offre: Offre, ctx: Context) -> Iterator[Finding]:
    from . import check_coherence, check_fraicheur, check_territoires

    for module in (check_coherence, check_territoires, check_fraicheur):
        yield from module.offre(offre, ctx)


def run_structure(structure: Structure, ctx: Context) -> Iterator[Finding]:
    from . import check_fraicheur, check_territoires

    for module in (check_territoires, check_fraicheur):
        yield from module.structure(structure, ctx)
