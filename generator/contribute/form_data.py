"""The files the « Proposer une offre » page (/proposer/, contribute/form.py) reads when the partner needs
them, so that neither the page nor any of its downloads grows with the catalogue (issue 19):

- the structures: their names (urls.PROPOSER_STRUCTURES), then the details of the chosen one's key
  (urls.proposer_structures_detail);
- the intercommunalités of one département (urls.proposer_intercommunalites), shown when the partner
  picks it.

The communes and postal codes are not written here: the page reads the site's geo/communes-<dép>.json
(generator/site/search/communes.py).
"""

import json
import zlib
from collections.abc import Iterator

from generator import urls
from generator.model.territoires import Referentiel

STRUCTURES_PER_FILE = 200  # structures per details file (≈ 70 Ko at 20 offers each)


def departements(ref: Referentiel, codes: list[str]) -> list[dict]:
    """The catalogue's départements, as the zone's boxes and the intercommunalités' list offer them."""
    return [{"value": d, "label": f"{ref.departements[d]['nom']} ({d})"} for d in sorted(codes) if d in ref.departements]


def intercommunalites(ref: Referentiel, codes: list[str]) -> dict[str, list[list[str]]]:
    """Per département of the catalogue: [[SIREN, name], …] of the EPCI with a member commune in it, by name."""
    out: dict[str, list[list[str]]] = {d["value"]: [] for d in departements(ref, codes)}
    for code, e in ref.epci.items():
        for dep in sorted({ref.communes.get(m, {}).get("departement") for m in e["membres"]} & set(out)):
            out[dep].append([code, e["nom"]])
    return {d: sorted(rows, key=lambda x: (x[1], x[0])) for d, rows in out.items()}


def structures_info(site) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, dict]]]:
    """The structures as the page's script reads them, in two parts: the index ({key: {folder: name}}, what
    the picker's suggestions need) and, per key, the details of its structures ({folder: {telephone,
    courriel, offres}}: whether it has a phone / e-mail, its offers' file names), fetched for the chosen
    structure only. The index gives each folder's key: the script computes nothing."""
    offres: dict[str, list[str]] = {}
    for v in site.vues:
        sid, stem = v.id.split("/", 1)
        offres.setdefault(sid, []).append(stem)
    parts = -(-len(site.structures) // STRUCTURES_PER_FILE)
    index: dict[str, dict[str, str]] = {}
    details: dict[str, dict[str, dict]] = {}
    for sid in sorted(site.structures):
        s = site.structures[sid]
        key = str(zlib.crc32(sid.encode()) % parts)  # stable, and spread evenly whatever the folders' names
        index.setdefault(key, {})[sid] = s.nom
        details.setdefault(key, {})[sid] = {"telephone": bool(s.telephone), "courriel": bool(s.courriel), "offres": sorted(offres.get(sid, []))}
    return index, details


def data_files(site) -> Iterator[tuple[str, str]]:
    """(path in the site, text) of every file of the page."""
    index, details = structures_info(site)
    yield urls.PROPOSER_STRUCTURES, _json(index)
    for key, part in details.items():
        yield urls.proposer_structures_detail(key), _json(part)
    for dep, rows in intercommunalites(site.ref, site.territoire.departements).items():
        yield urls.proposer_intercommunalites(dep), _json(rows)


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
