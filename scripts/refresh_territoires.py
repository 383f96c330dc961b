"""Régénère generator/data/territoires.json depuis le paquet npm @etalab/decoupage-administratif.

Usage : npm install && .venv/bin/python scripts/refresh_territoires.py

Données : découpage administratif (INSEE, DGCL) publié par Etalab sous Licence Ouverte 2.0,
paquet distribué sous licence MIT. Le fichier produit garde, pour chaque code, le strict
nécessaire au catalogue : nom, département, EPCI, codes postaux, population (et la commune d'un
arrondissement municipal).
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "@etalab" / "decoupage-administratif"
TARGET = ROOT / "generator" / "data" / "territoires.json"


def main() -> None:
    data = SOURCE / "data"
    version = json.loads((SOURCE / "package.json").read_text())["version"]
    communes = json.loads((data / "communes.json").read_text())
    epcis = json.loads((data / "epci.json").read_text()) + json.loads((data / "ept.json").read_text())
    departements = json.loads((data / "departements.json").read_text())

    epci_of = {}
    for epci in epcis:
        if epci["type"] == "EPT":
            continue  # a commune's EPCI is its fiscal one; EPT membership is kept in the EPT entry.
        for membre in epci["membres"]:
            epci_of[membre["code"]] = epci["code"]

    out_communes = {}
    for c in communes:
        if c["type"] not in ("commune-actuelle", "arrondissement-municipal"):
            continue
        out_communes[c["code"]] = {
            "nom": c["nom"],
            "departement": c.get("departement") or c["code"][:2],
            "epci": epci_of.get(c["code"]) or epci_of.get(c.get("commune", "")),
            "codes_postaux": c.get("codesPostaux", []),
            # Population: the main commune of a postal code is its most populous (generator/site/search/codes_postaux.py).
            "population": c.get("population", 0),
        }
        if c["type"] == "arrondissement-municipal":
            out_communes[c["code"]]["arrondissement_de"] = c["commune"]
    doc = {
        "source": f"@etalab/decoupage-administratif {version} (Licence Ouverte 2.0 / MIT)",
        "departements": {
            d["code"]: {"nom": d["nom"], "region": d["region"]} for d in sorted(departements, key=lambda d: d["code"])
        },
        "epci": {
            e["code"]: {"nom": e["nom"], "type": e["type"], "membres": sorted(m["code"] for m in e["membres"])}
            for e in sorted(epcis, key=lambda e: e["code"])
        },
        "communes": dict(sorted(out_communes.items())),
    }
    # One entry per line keeps git diffs readable when the reference data is refreshed.
    lines = ["{", f'"source": {json.dumps(doc["source"])},']
    for section in ("departements", "epci", "communes"):
        items = list(doc[section].items())
        lines.append(f'"{section}": {{')
        for i, (code, value) in enumerate(items):
            sep = "," if i < len(items) - 1 else ""
            lines.append(f"{json.dumps(code)}: {json.dumps(value, ensure_ascii=False, separators=(',', ':'))}{sep}")
        lines.append("}," if section != "communes" else "}")
    lines.append("}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} : {len(out_communes)} communes, {len(epcis)} EPCI/EPT, {len(departements)} départements")


if __name__ == "__main__":
    main()
