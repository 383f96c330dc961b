"""Dates: nothing in the future, and freshness against the update frequency."""

from collections.abc import Iterator
from datetime import date

from generator.model.offre import DEFAULT_FREQUENCE_MAJ, Offre
from generator.model.structure import Structure
from generator.model.vocab import Statut
from generator.pipeline.checks.context import Context
from generator.pipeline.problems import Finding


def months_between(start: date, end: date) -> float:
    return (end - start).days / 30.4375


def frequence(o: Offre, structure: Structure | None) -> int:
    return o.frequence_maj or (structure.frequence_maj if structure else None) or DEFAULT_FREQUENCE_MAJ


def _date_maj(d: date | None, freq: int, ctx: Context) -> Iterator[Finding]:
    if d is None:
        return
    if d > ctx.today:
        yield Finding(("date_maj",), f"date de mise à jour dans le futur ({d.isoformat()})")
    elif months_between(d, ctx.today) > freq:
        yield Finding(
            ("date_maj",),
            f"à mettre à jour : vérifiée le {d.strftime('%d/%m/%Y')}, plus de {freq} mois "
            "(la vérifier, puis « catalogue a-jour »)",
            "avertissement",
        )


def offre(o: Offre, ctx: Context) -> Iterator[Finding]:
    if o.statut == Statut.ARCHIVEE:  # kept for history: nothing to keep up to date
        if o.date_maj and o.date_maj > ctx.today:
            yield from _date_maj(o.date_maj, DEFAULT_FREQUENCE_MAJ, ctx)
        return
    freq = frequence(o, ctx.structure)
    yield from _date_maj(o.date_maj, freq, ctx)
    if o.places:
        if o.places.date > ctx.today:
            yield Finding(("places", "date"), f"date de comptage des places dans le futur ({o.places.date.isoformat()})")
        elif months_between(o.places.date, ctx.today) > freq:
            yield Finding(
                ("places", "date"),
                f"places comptées le {o.places.date.strftime('%d/%m/%Y')}, plus de {freq} mois : "
                "le nombre sera affiché « à confirmer »",
                "avertissement",
            )


def structure(s: Structure, ctx: Context) -> Iterator[Finding]:
    yield from _date_maj(s.date_maj, s.frequence_maj or DEFAULT_FREQUENCE_MAJ, ctx)
