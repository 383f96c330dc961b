"""The geo/communes-*.json files: the communes a visitor can give as commune of residence.

One file per département of France, each downloaded when needed (site_templates/static/recherche-geo.js):
the territory's départements (and `autres`: communes outside them named in a zone) for the suggestions by
name; any département for a postal code typed or a commune named in a shared link. A row is
[INSEE code, name, postal codes, département, EPCI, lat, lon, postal codes of which it is the main commune]
(generator/model/codes_postaux.py).
"""

from collections.abc import Callable
from pathlib import Path

from generator import files
from generator.model.codes_postaux import principale_de
from generator.model.territoires import Referentiel
from generator.site.context import Site
from generator.site.search.records import dumps


def lignes(ref: Referentiel, centre: Callable[[str], tuple[float, float] | None] = lambda code: None) -> tuple[dict[str, list], dict[str, list[str]]]:
    """Every commune's row, by département; and the first two digits of every postal code → the
    départements of the communes that have it (the files a postal code needs)."""
    principales = principale_de(ref)
    by_dep: dict[str, list] = {}
    prefixes: dict[str, set[str]] = {}
    for code in sorted(ref.communes):
        info = ref.communes[code]
        pos = centre(code)
        row = [code, info["nom"], " ".join(info["codes_postaux"]), info["departement"], info["epci"] or "", *(pos or (None, None)), " ".join(principales.get(code, []))]
        by_dep.setdefault(info["departement"], []).append(row)
        for cp in info["codes_postaux"]:
            prefixes.setdefault(cp[:2], set()).add(info["departement"])
    return by_dep, {p: sorted(d) for p, d in sorted(prefixes.items())}


def write_communes(site: Site, geo: Path, manifest: dict) -> list[Path]:
    """Writes the files and fills the manifest: `communes` (territory, for names), `france` (every other
    département), `codes_postaux` (first two digits of a postal code → the départements of its communes)."""
    ref = site.ref
    deps = set(site.territoire.departements)
    extra = {c for v in site.vues for c in v.offre.zone_eligibilite if c in ref.communes and ref.communes[c]["departement"] not in deps}
    by_dep, manifest["codes_postaux"] = lignes(ref, site.centres.of)
    autres = [row for d, rows in by_dep.items() for row in rows if row[0] in extra]
    written = []
    for d, rows in sorted([*by_dep.items(), *([("autres", sorted(autres))] if autres else [])]):
        name = f"communes-{d}.json"
        files.write(geo / name, dumps(rows))
        manifest["communes" if d in deps or d == "autres" else "france"][d] = name
        written.append(geo / name)
    return written
