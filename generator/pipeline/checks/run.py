"""Every check of one offer or structure, topic after topic."""

from collections.abc import Iterator

from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.pipeline.checks import check_coherence, check_fraicheur, check_territoires
from generator.pipeline.checks.context import Context
from generator.pipeline.problems import Finding


def run_offre(offre: Offre, ctx: Context) -> Iterator[Finding]:
    for module in (check_coherence, check_territoires, check_fraicheur):
        yield from module.offre(offre, ctx)


def run_structure(structure: Structure, ctx: Context) -> Iterator[Finding]:
    for module in (check_territoires, check_fraicheur):
        yield from module.structure(structure, ctx)
