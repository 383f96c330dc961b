"""Consistency between the fields of one offer (a field may be None when its value was invalid)."""

from collections.abc import Iterator

from generator.model.offre import Offre
from generator.model.vocab import ModeAccueil
from generator.pipeline.checks import rules
from generator.pipeline.checks.context import Context
from generator.pipeline.problems import Finding


def offre(o: Offre, ctx: Context) -> Iterator[Finding]:
    if o.nom and o.nom.endswith(".") and not o.nom.endswith("etc."):
        yield Finding(("nom",), "le nom ne se termine pas par un point", "avertissement")
    modes_accueil = o.modes_accueil or []
    if ModeAccueil.EN_PRESENTIEL in modes_accueil and o.lieux == []:
        yield Finding(
            ("lieux",),
            "offre en présentiel sans lieu : ajouter au moins un lieu, ou indiquer « modes_accueil: [a-distance] »",
        )
    if o.lieux and o.modes_accueil and ModeAccueil.EN_PRESENTIEL not in o.modes_accueil:
        yield Finding(("modes_accueil",), "des lieux sont indiqués : ajouter « en-presentiel » aux modes d'accueil", "avertissement")
    vues: set[str] = set()
    for i, langue in enumerate(o.langues or []):
        if langue in vues:
            yield Finding(("langues", i), f"langue en double « {langue.value} » : l'enlever", "avertissement")
        vues.add(langue)
    for path, message in rules.problems(o, ctx.structure):
        yield Finding(path, message)
