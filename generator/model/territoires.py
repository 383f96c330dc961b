"""Reference data of French territories: communes, EPCI (and EPT), départements.

Derived from the npm package @etalab/decoupage-administratif by scripts/refresh_territoires.py.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Kind = Literal["commune", "epci", "departement", "france"]
FRANCE = "france"


@dataclass(frozen=True, slots=True, eq=False)
class Referentiel:
    communes: dict[str, dict]
    epci: dict[str, dict]
    departements: dict[str, dict]
    source: str

    def kind(self, code: str) -> Kind | None:
        if code == FRANCE:
            return "france"
        if code in self.departements:
            return "departement"
        if code in self.epci:
            return "epci"
        if code in self.communes:
            return "commune"
        return None

    def nom(self, code: str) -> str:
        for table in (self.departements, self.epci, self.communes):
            if code in table:
                return table[code]["nom"]
        return "France" if code == FRANCE else code

    def communes_of(self, code: str) -> frozenset[str]:
        """Communes covered by a zone code (commune, EPCI, département); empty for unknown codes and « france »."""
        return _communes_of(self, code)

    def covers(self, zone: list[str], commune: str) -> bool:
        """Is a person living in `commune` eligible for an offer open to `zone`?"""
        info = self.communes.get(commune)
        if info is None:
            return False
        for code in zone:
            if code in (FRANCE, commune, info["departement"], info["epci"]):
                return True
            if code in self.epci and commune in self.epci[code]["membres"]:
                return True
        return False


@cache
def _communes_of(ref: Referentiel, code: str) -> frozenset[str]:
    kind = ref.kind(code)
    if kind == "commune":
        return frozenset([code])
    if kind == "epci":
        return frozenset(ref.epci[code]["membres"])
    if kind == "departement":
        return frozenset(c for c, v in ref.communes.items() if v["departement"] == code)
    return frozenset()


@cache
def referentiel() -> Referentiel:
    raw = json.loads(resources.files("generator").joinpath("data/territoires.json").read_text("utf-8"))
    return Referentiel(raw["communes"], raw["epci"], raw["departements"], raw["source"])
