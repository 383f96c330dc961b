"""Positions for distances: where an offer is, and where a commune of residence is.

The reference data of territories has no coordinates. A commune's centre comes from the catalogue
itself: the mean position of the catalogue's places (offers' places and structures' addresses) in that
commune, else in its EPCI, else in its département.
These approximations only order results by distance; they are never shown as addresses.
"""

from generator.model.territoires import Referentiel


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5))


class Centres:
    """Approximate centre of every commune, from the catalogue's places."""

    def __init__(self, ref: Referentiel, points: list[tuple[str, float, float]]):
        self.ref = ref
        by: dict[str, list[tuple[float, float]]] = {}
        for code, lat, lon in sorted(points):
            info = ref.communes.get(code)
            keys = [code] + ([info["epci"], "d" + info["departement"]] if info else [])
            for k in keys:
                if k:
                    by.setdefault(k, []).append((lat, lon))
        self.means = {k: _mean(v) for k, v in by.items()}

    def of(self, code: str) -> tuple[float, float] | None:
        info = self.ref.communes.get(code)
        for key in (code, info and info["epci"], info and "d" + info["departement"]):
            if key and key in self.means:
                return self.means[key]
        return None
