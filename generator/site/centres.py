"""Positions for distances: where an offer is, and where a commune of residence is.

The reference data of territories has no coordinates. A commune's centre comes, in order, from
``generator/data/communes-centres.json`` ({"91228": [lat, lon], …}, which ``catalogue geocode``
may fill), else from the catalogue itself: the mean position of the catalogue's places (offers'
places and structures' addresses) in that commune, else in its EPCI, else in its département.
These approximations only order results by distance; they are never shown as addresses.
"""

import json
from importlib import resources

from generator.model.territoires import Referentiel


def _cached_centres() -> dict[str, list[float]]:
    try:
        text = resources.files("generator").joinpath("data/communes-centres.json").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return {k: v for k, v in json.loads(text).items() if isinstance(v, list) and len(v) == 2}


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5))


class Centres:
    """Approximate centre of every commune, from the cache or from the catalogue's places."""

    def __init__(self, ref: Referentiel, points: list[tuple[str, float, float]]):
        self.ref = ref
        self.cached = _cached_centres()
        by: dict[str, list[tuple[float, float]]] = {}
        for code, lat, lon in sorted(points):
            info = ref.communes.get(code)
            keys = [code] + ([info["epci"], "d" + info["departement"]] if info else [])
            for k in keys:
                if k:
                    by.setdefault(k, []).append((lat, lon))
        self.means = {k: _mean(v) for k, v in by.items()}

    def of(self, code: str) -> tuple[float, float] | None:
        if code in self.cached:
            lat, lon = self.cached[code]
            return (float(lat), float(lon))
        info = self.ref.communes.get(code)
        for key in (code, info and info["epci"], info and "d" + info["departement"]):
            if key and key in self.means:
                return self.means[key]
        return None
