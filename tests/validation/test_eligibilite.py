"""Eligibility of a commune's residents for an offer's zone: one rule (`Referentiel.covers`), and the
encoding the search index and the browser use (`covered_codes` × `codes_of_commune`), tied here."""

import pytest

from generator.model.territoires import FRANCE, referentiel

REF = referentiel()
# Communes of Essonne, of Corse, of an overseas département, and of an EPT inside a métropole.
COMMUNES = sorted(REF.communes_of("91")) + sorted(REF.communes_of("2A"))[:20] + sorted(REF.communes_of("971"))[:20]
EPT = next(code for code, e in REF.epci.items() if e.get("type") == "EPT")
ZONES = [
    ["91"],
    ["91228"],
    ["2A"],
    ["971"],
    [FRANCE],
    ["249100074"],  # an EPCI of Essonne
    [EPT],
    ["91228", "77"],
    ["inconnu"],
    [REF.communes["91228"]["epci"], "2A004"],
]


@pytest.mark.parametrize("zone", ZONES, ids=lambda z: "+".join(z))
def test_index_encoding_agrees_with_the_rule(zone):
    codes = set(REF.covered_codes(zone))
    members = sorted(REF.epci[EPT]["membres"])[:30]
    for commune in COMMUNES + members:
        assert REF.covers(zone, commune) == bool(codes & set(REF.codes_of_commune(commune))), (zone, commune)


def test_the_rule_reads_as_people_expect():
    assert REF.covers(["91"], "91228")  # Évry-Courcouronnes is in Essonne
    assert not REF.covers(["91"], "77288")
    assert REF.covers([FRANCE], "2A004")
    assert REF.covers(["249100074"], sorted(REF.epci["249100074"]["membres"])[0])
    assert not REF.covers(["91228"], "91174")
    assert not REF.covers(["91"], "00000")  # an unknown commune is covered by nothing
    assert REF.zone_communes([FRANCE, "91"]) is None
