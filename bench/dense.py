"""A dense département, the shape of a catalogue imported from national data.

`write_dense(root, n_offres)` (or `bench/synthetic.py DOSSIER N --forme dense`) writes n offers in one département (Essonne), most of them from about a
hundred national templates: every France Travail agency, Mission locale, CAF or CCAS antenna publishes
the same service with the same text; zones are the département or an EPCI (they overlap); many small
structures (about 3 offers each, 3,400 at 10,000 offers); and 5 % of the offers republished by a second
structure (same text, overlapping zone: real duplicates). The spread shape is bench/synthetic.py.
"""

import random
import sys
from datetime import timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import _HORAIRES, _PHRASES, TODAY, _header, _lieu  # noqa: E402

from generator.model.territoires import referentiel  # noqa: E402
from generator.model.vocab import Frais, ModeMobilisation, Public, ReseauPorteur, Thematique, TypeService  # noqa: E402

DEPARTEMENT = "91"
OFFRES_PAR_STRUCTURE = 3  # on average
REPUBLIEES = 0.05
N_MODELES = 100

_RESEAUX = [
    ("france-travail", "France Travail {commune}", ReseauPorteur.FRANCE_TRAVAIL, 0.06),
    ("mission-locale", "Mission locale de {commune}", ReseauPorteur.MISSION_LOCALE, 0.06),
    ("caf", "Caf de l'Essonne — accueil de {commune}", ReseauPorteur.CAF, 0.04),
    ("ccas", "CCAS de {commune}", ReseauPorteur.CCAS_CIAS, 0.24),
    ("association", "Association d'insertion de {commune}", ReseauPorteur.FCSF, 0.60),
]
_SERVICES = [
    "Accompagnement intensif", "Atelier CV", "Aide à la mobilité", "Garde d'enfants ponctuelle", "Permanence droits",
    "Aide au budget", "Atelier numérique", "Immersion en entreprise", "Parrainage", "Remobilisation",
    "Français langue étrangère", "Point santé", "Job dating", "Création d'entreprise", "Hébergement",
    "Location solidaire", "Préparation au permis", "Formation préqualifiante", "Accueil de jour", "Épicerie solidaire",
]


def _modeles(rng: random.Random) -> list[dict]:
    """About a hundred national service templates: a name, a long fixed text, thématiques, publics."""
    thematiques = list(Thematique)
    out = []
    for i in range(N_MODELES):
        service = _SERVICES[i % len(_SERVICES)]
        out.append({
            "nom": f"{service} — dispositif {i // len(_SERVICES) + 1}",
            "description": "\n\n".join(" ".join(rng.sample(_PHRASES, 4)) for _ in range(3)),
            "type": rng.choice(list(TypeService)).value,
            "thematiques": [t.value for t in rng.sample(thematiques, rng.randint(1, 2))],
            "publics": [p.value for p in rng.sample([p for p in Public if p != Public.TOUS_PUBLICS], rng.randint(1, 2))],
            "frais": rng.choice(list(Frais)).value,
        })
    return out


def write_dense(root: Path, n_offres: int, seed: int = 0) -> Path:
    """Write the catalogue under root/offers (and root/territoire.yml); return the offers folder."""
    rng = random.Random(seed)
    ref = referentiel()
    communes = sorted(c for c, v in ref.communes.items() if v["departement"] == DEPARTEMENT and v["codes_postaux"])
    modeles = _modeles(rng)
    weights = [1 / (k + 1) for k in range(len(modeles))]  # a few templates everywhere, many rare ones
    offers = root / "offers"
    n_structures = max(1, round(n_offres / OFFRES_PAR_STRUCTURE))
    structures = []
    for s in range(n_structures):
        kind, pattern, reseau = rng.choices([r[:3] for r in _RESEAUX], weights=[r[3] for r in _RESEAUX])[0]
        code = rng.choice(communes)
        folder = offers / f"{kind}-{s:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        info = ref.communes[code]
        structure = {
            "nom": pattern.format(commune=info["nom"]) + (f" ({s})" if kind == "association" else ""),
            "description": " ".join(rng.sample(_PHRASES, 2)),
            "reseaux_porteurs": [reseau.value],
            **_lieu(code, rng),
            "telephone": f"01 99 00 {s % 100:02d} {rng.randint(0, 99):02d}",
            "courriel": f"contact-{s}@example.org",
            "horaires_accueil": rng.choice(_HORAIRES),
            "date_maj": (TODAY - timedelta(days=rng.randint(5, 150))).isoformat(),
            "mainteneurs": [f"@structure-{s}"],
        }
        (folder / "structure.yml").write_text(_header("structure") + yaml.safe_dump(structure, allow_unicode=True, sort_keys=False), "utf-8")
        structures.append((folder, code))
    written = 0
    per_structure = [0] * n_structures
    published: list[dict] = []
    while written < n_offres:
        s = written if written < n_structures else rng.randrange(n_structures)
        folder, code = structures[s]
        info = ref.communes[code]
        if published and written >= n_structures and rng.random() < REPUBLIEES:
            offre = dict(rng.choice(published))  # republished word for word by a second structure (a partner)
        else:
            modele = rng.choices(modeles, weights=weights)[0]
            offre = {
                **{k: modele[k] for k in ("nom", "description", "type", "thematiques", "publics", "frais")},
                "zone_eligibilite": rng.choices([[DEPARTEMENT], [info["epci"]], [code]], weights=[0.5, 0.4, 0.1])[0],
                "modes_accueil": ["en-presentiel"],
                "lieux": [_lieu(code, rng)],
                "horaires_accueil": rng.choice(_HORAIRES),
                "modes_mobilisation": [ModeMobilisation.TELEPHONER.value, ModeMobilisation.SE_PRESENTER.value],
                "date_maj": (TODAY - timedelta(days=rng.randint(1, 150))).isoformat(),
            }
            if rng.random() < 0.5:
                total = rng.randint(5, 40)
                offre["places"] = {"total": total, "disponibles": rng.randint(0, total),
                                   "date": (TODAY - timedelta(days=rng.randint(1, 60))).isoformat()}
            published.append(offre)
        (folder / f"offre-{per_structure[s]:03d}.yml").write_text(
            _header("offre") + yaml.safe_dump(offre, allow_unicode=True, sort_keys=False), "utf-8"
        )
        per_structure[s] += 1
        written += 1
    (root / "territoire.yml").write_text(
        yaml.safe_dump({"nom": f"Département dense de {n_offres} offres", "departements": [DEPARTEMENT]}, allow_unicode=True), "utf-8"
    )
    return offers

