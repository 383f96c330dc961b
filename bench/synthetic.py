"""Synthetic catalogues for the benchmark and the scale tests.

`write_catalogue(root, n_offres)` writes offers/<structure>/… files that pass `catalogue validate`,
with realistic values: real commune codes, national vocabularies, French descriptions of the
usual length, places on half of the offers, several addresses on some, a few stale ones.
"""

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.model.territoires import referentiel  # noqa: E402
from generator.model.vocab import Frais, ModeMobilisation, PersonneMobilisatrice, Public, ReseauPorteur, Thematique, TypeService  # noqa: E402

OFFRES_PAR_STRUCTURE = 20
TODAY = date(2026, 11, 23)

_TYPES_STRUCTURE = [
    ("ccas", "CCAS de {commune}", ReseauPorteur.CCAS_CIAS),
    ("mission-locale", "Mission locale de {commune}", ReseauPorteur.MISSION_LOCALE),
    ("france-travail", "France Travail {commune}", ReseauPorteur.FRANCE_TRAVAIL),
    ("aci", "Chantier d'insertion de {commune}", ReseauPorteur.ACI),
    ("mobilite", "Plateforme mobilité de {commune}", ReseauPorteur.WIMOOV),
    ("centre-social", "Centre social de {commune}", ReseauPorteur.FCSF),
]
_NOMS = [
    "Atelier CV et lettre de motivation", "Garage solidaire", "Location de scooters", "Auto-école sociale",
    "Accompagnement global", "Crèche à vocation d'insertion professionnelle", "Ateliers de français langue étrangère",
    "Permanence d'accès aux droits", "Atelier numérique", "Job dating", "Immersion en entreprise (PMSMP)",
    "Parrainage vers l'emploi", "Aide au budget", "Halte-garderie", "Chantier espaces verts",
    "Hébergement d'urgence", "Point santé", "Remobilisation par le sport", "Formation préqualifiante",
    "Création d'entreprise : premiers pas",
]
_PHRASES = [
    "Nous accueillons les personnes qui cherchent un emploi ou une formation.",
    "Un conseiller fait le point avec vous sur votre situation et vos besoins.",
    "Les séances ont lieu en petit groupe, dans une ambiance bienveillante.",
    "Vous repartez avec un plan d'action concret et des contacts utiles.",
    "L'accompagnement dure en moyenne trois mois, avec un rendez-vous par semaine.",
    "Les enfants sont accueillis pendant que les parents suivent leur formation.",
    "Un véhicule peut être prêté pour aller travailler ou se former.",
    "L'atelier aide à utiliser les services en ligne : CAF, impôts, France Travail.",
    "Une participation symbolique peut être demandée selon les ressources.",
    "Les inscriptions se font sur orientation d'un référent ou directement à l'accueil.",
]
_HORAIRES = ["Mo-Fr 09:00-12:30,13:30-17:00; PH off", "Tu,Th 14:00-17:00", "Mo-Sa 08:30-12:00", "We 09:00-12:00; Fr 14:00-18:00"]


def _position(code: str, rng: random.Random) -> tuple[float, float]:
    # No commune coordinates in the reference data: a stable point of metropolitan France per commune.
    h = int(code.encode().hex(), 16) if code.isalnum() else 0
    return round(43.0 + (h % 7000) / 1000 + rng.uniform(-0.01, 0.01), 5), round(-1.0 + (h // 7000 % 7000) / 1000, 5)


def _lieu(code: str, rng: random.Random) -> dict:
    info = referentiel().communes[code]
    lat, lon = _position(code, rng)
    return {
        "adresse": f"{rng.randint(1, 120)} rue {rng.choice(['des Écoles', 'de la Gare', 'Jean Jaurès', 'des Lilas', 'du Marché'])}",
        "code_postal": info["codes_postaux"][0],
        "commune": info["nom"],
        "code_insee": code,
        "latitude": lat,
        "longitude": lon,
    }


def _header(kind: str) -> str:
    return f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"


def write_catalogue(root: Path, n_offres: int, seed: int = 0, departements: list[str] | None = None) -> Path:
    """Write `n_offres` offers under root/offers (and root/territoire.yml); return the offers folder."""
    rng = random.Random(seed)
    ref = referentiel()
    if not departements:
        if n_offres <= 2000:
            departements = ["91"]  # a département
        elif n_offres <= 20000:
            departements = ["75", "77", "78", "91", "92", "93", "94", "95"]  # a région
        else:
            departements = sorted(d for d in ref.departements if d < "97")  # France métropolitaine
    communes = sorted(c for c, v in ref.communes.items() if v["departement"] in departements and v["codes_postaux"])
    thematiques = list(Thematique)
    offers = root / "offers"
    n_structures = max(1, -(-n_offres // OFFRES_PAR_STRUCTURE))
    written = 0
    for s in range(n_structures):
        kind, pattern, reseau = _TYPES_STRUCTURE[s % len(_TYPES_STRUCTURE)]
        code = rng.choice(communes)
        info = ref.communes[code]
        folder = offers / f"{kind}-{s:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        structure = {
            "nom": pattern.format(commune=info["nom"]),
            "description": " ".join(rng.sample(_PHRASES, 2)),
            "reseaux_porteurs": [reseau.value],
            **_lieu(code, rng),
            "telephone": f"01 99 00 {s % 100:02d} {rng.randint(0, 99):02d}",
            "courriel": f"contact-{s}@example.org",
            "horaires_accueil": rng.choice(_HORAIRES),
            "date_maj": (TODAY - timedelta(days=rng.randint(5, 150))).isoformat(),
            "frequence_maj": rng.choice([3, 6, 12]),
            "mainteneurs": [f"@structure-{s}"],
        }
        (folder / "structure.yml").write_text(_header("structure") + yaml.safe_dump(structure, allow_unicode=True, sort_keys=False), "utf-8")
        for i in range(min(OFFRES_PAR_STRUCTURE, n_offres - written)):
            nom = rng.choice(_NOMS)
            remote = rng.random() < 0.08
            lieux = [] if remote else [_lieu(rng.choice(communes), rng) for _ in range(1 if rng.random() < 0.85 else rng.randint(2, 3))]
            offre = {
                "nom": f"{nom} {i + 1}",
                "description": "\n\n".join(" ".join(rng.sample(_PHRASES, 3)) for _ in range(rng.randint(1, 3))),
                "type": rng.choice(list(TypeService)).value,
                "thematiques": [t.value for t in rng.sample(thematiques, rng.randint(1, 3))],
                "mots_cles": rng.sample(["PMSMP", "POEC", "CDDI", "CEJ", "AFEST", "PEC", "permis B", "FLE"], 2),
                "publics": [p.value for p in rng.sample([p for p in Public if p != Public.TOUS_PUBLICS], rng.randint(1, 3))],
                "zone_eligibilite": rng.choice([[info["departement"]], [code], [info["epci"] or info["departement"]]]),
                "frais": rng.choice(list(Frais)).value,
                "modes_accueil": ["a-distance"] if remote else ["en-presentiel"],
                "lieux": lieux,
                "horaires_accueil": rng.choice(_HORAIRES),
                "mobilisable_par": [p.value for p in rng.sample(list(PersonneMobilisatrice), rng.randint(1, 2))],
                "modes_mobilisation": [ModeMobilisation.TELEPHONER.value, ModeMobilisation.SE_PRESENTER.value],
                "date_maj": (TODAY - timedelta(days=rng.choice([rng.randint(1, 150)] * 9 + [rng.randint(200, 900)]))).isoformat(),
            }
            if rng.random() < 0.5:
                total = rng.randint(5, 40)
                offre["places"] = {
                    "total": total,
                    "disponibles": rng.randint(0, total),
                    "date": (TODAY - timedelta(days=rng.randint(1, 90))).isoformat(),
                }
            if not lieux:
                del offre["lieux"]
            (folder / f"offre-{i:03d}.yml").write_text(_header("offre") + yaml.safe_dump(offre, allow_unicode=True, sort_keys=False), "utf-8")
            written += 1
    (root / "territoire.yml").write_text(
        yaml.safe_dump({"nom": f"Catalogue synthétique de {n_offres} offres", "departements": departements}, allow_unicode=True),
        "utf-8",
    )
    return offers


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Écrit un catalogue synthétique.")
    parser.add_argument("dossier", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--forme", choices=["etalee", "dense"], default="etalee", help="offres étalées sur une région, ou département dense")
    args = parser.parse_args()
    if args.forme == "dense":
        from dense import write_dense

        print(write_dense(args.dossier, args.n))
    else:
        print(write_catalogue(args.dossier, args.n))
