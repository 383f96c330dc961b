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
ELIGIBILITE = "eligibilite"  # the search index's filter names: eligibilite, eligibilite-<département>


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

    # ----- eligibility: the one rule, and its two encodings ----------------------------------------

    def zone_communes(self, zone: list[str]) -> frozenset[str] | None:
        """The communes whose residents an offer open to `zone` may serve; None for « france » (all)."""
        if FRANCE in zone:
            return None
        if len(zone) == 1:
            return self.communes_of(zone[0])  # cached: most offers have one code
        return frozenset().union(*(self.communes_of(code) for code in zone))

    def covers(self, zone: list[str], commune: str) -> bool:
        """Is a person living in `commune` eligible for an offer open to `zone`? The rule itself."""
        communes = self.zone_communes(zone)
        return commune in self.communes and (communes is None or commune in communes)

    def covered_codes(self, zone: list[str]) -> list[str]:
        """The same rule for the search index: a commune is covered when its own code, its département,
        its EPCI or « france » is among these codes (tests/validation/test_eligibilite.py ties both)."""
        return list(_covered_codes(self, tuple(zone)))

    def eligibility_filters(self, zone: list[str]) -> dict[str, list[str]]:
        """`covered_codes` as the search index files them: « france » in the filter `eligibilite`, every
        other code in `eligibilite-<département>` of each département it reaches. A commune search then
        loads its own département's filter and the national one, not the codes of all France
        (territoires.js filtreEligibilite asks the same; tests/js/cas/eligibilite.json ties both)."""
        out: dict[str, list[str]] = {}
        for code in self.covered_codes(zone):
            for dep in self._departements_of(code):
                out.setdefault(f"{ELIGIBILITE}-{dep}" if dep else ELIGIBILITE, []).append(code)
        return out

    def _departements_of(self, code: str) -> list[str]:
        """The départements a zone code reaches ("" for « france » and unknown codes: the national filter)."""
        if code in self.departements:
            return [code]
        if code in self.communes:
            return [self.communes[code]["departement"]]
        if code in self.epci:
            return sorted({self.communes[m]["departement"] for m in self.epci[code]["membres"] if m in self.communes})
        return [""]

    def codes_of_commune(self, commune: str) -> list[str]:
        """What a commune is matched on against `covered_codes` (the browser does the same)."""
        info = self.communes[commune]
        return [commune, info["departement"], info["epci"], FRANCE]


@cache
def _covered_codes(ref: Referentiel, zone: tuple[str, ...]) -> tuple[str, ...]:
    """`Referentiel.covered_codes`, computed once per zone (thousands of offers share a few zones)."""
    out = set()
    for code in zone:
        out.add(code)
        if code in ref.epci:
            # A commune can belong to this grouping without it being its "epci" (EPT inside a métropole).
            for member in ref.epci[code]["membres"]:
                info = ref.communes.get(member)
                if info and info["epci"] != code:
                    out.add(member)
    return tuple(sorted(out))


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
