"""Postal codes of the reference data: the communes that have one, the main commune first.

A postal code is shared by several communes (91100: Corbeil-Essonnes and Villabé), and a city split in
arrondissements (Paris, Lyon, Marseille) has each arrondissement's code too. The commune a person means
by a postal code alone is its *main commune*: an arrondissement before the city that holds it (69001 is
Lyon 1er), then the most populous (91100 is Corbeil-Essonnes). The search page's commune box picks it
for a postal code + Enter (site_templates/static/territoires.js `communesDuCodePostal`, from the
`principale` flag that generator/site/search/communes.py writes with each commune).
"""

from functools import cache

from generator.model.territoires import Referentiel


@cache
def par_code_postal(ref: Referentiel) -> dict[str, list[str]]:
    """Every postal code → the INSEE codes of its communes, the main commune first."""
    out: dict[str, list[str]] = {}
    for code, info in ref.communes.items():
        for cp in info["codes_postaux"]:
            out.setdefault(cp, []).append(code)
    for cp, codes in out.items():
        villes = {ref.communes[c].get("arrondissement_de") for c in codes}
        codes.sort(key=lambda c: (c in villes, -(ref.communes[c].get("population") or 0), c))
    return dict(sorted(out.items()))


def principale(ref: Referentiel, code_postal: str) -> str | None:
    """The main commune of a postal code (None when no commune has it)."""
    codes = par_code_postal(ref).get(code_postal)
    return codes[0] if codes else None


def principale_de(ref: Referentiel) -> dict[str, list[str]]:
    """INSEE code → the postal codes of which that commune is the main commune."""
    out: dict[str, list[str]] = {}
    for cp, codes in par_code_postal(ref).items():
        out.setdefault(codes[0], []).append(cp)
    return out
