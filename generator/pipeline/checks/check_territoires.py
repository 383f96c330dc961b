"""Territory codes against the official list, and coordinates inside France."""

from collections.abc import Iterator

from generator.model import communes
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.suggest import did_you_mean
from generator.model.types import Adresse
from generator.pipeline.checks.context import Context
from generator.pipeline.problems import Finding, Loc

# Metropolitan France and the overseas départements (lat_min, lat_max, lon_min, lon_max).
FRANCE_BOXES = [
    (41.2, 51.2, -5.3, 9.7),  # métropole et Corse
    (15.8, 16.6, -61.9, -60.9),  # Guadeloupe
    (14.3, 14.95, -61.3, -60.75),  # Martinique
    (2.0, 6.0, -54.7, -51.5),  # Guyane
    (-21.5, -20.8, 55.1, 55.9),  # La Réunion
    (-13.1, -12.5, 44.9, 45.4),  # Mayotte
]


# A warning the partner has nothing to do about: the maintainers' scheduled workflow adds the coordinates
# (.github/workflows/entretien.yml); the CI report gives it apart (generator/cli/report.py).
SANS_COORDONNEES = "adresse sans coordonnées : « catalogue geocode » les ajoutera depuis l'adresse (lancé chaque semaine par l'équipe du catalogue)"


def in_france(lat: float, lon: float) -> bool:
    return any(a <= lat <= b and c <= lon <= d for a, b, c, d in FRANCE_BOXES)


def _adresse(a: Adresse, loc: Loc, ctx: Context) -> Iterator[Finding]:
    ref = ctx.territoires
    commune = ref.communes.get(a.code_insee)
    if commune is None:
        by_name = [c for c, v in ref.communes.items() if v["nom"].lower() == a.commune.lower() and a.code_postal in v["codes_postaux"]]
        hint = f" : le code INSEE de {a.commune} est « {by_name[0]} »" if by_name else ""
        if not hint and a.code_insee in {cp for v in ref.communes.values() for cp in v["codes_postaux"]}:
            hint = " : c'est un code postal, pas un code INSEE"
        yield Finding((*loc, "code_insee"), f"code INSEE inconnu « {a.code_insee} »{hint}")
    else:
        if not communes.correspond(a.commune, commune["nom"]):
            yield Finding((*loc, "commune"), _autre_commune(a, commune["nom"], ref))
        if a.code_postal not in commune["codes_postaux"]:
            yield Finding(
                (*loc, "code_postal"),
                f"le code postal {a.code_postal} n'est pas celui de {commune['nom']} "
                f"({', '.join(commune['codes_postaux'])})",
                "avertissement",
            )
    if (a.latitude is None) != (a.longitude is None):
        yield Finding((*loc, "latitude" if a.latitude is None else "longitude"), "indiquer la latitude et la longitude, ou aucune des deux")
    elif a.latitude is None:
        yield Finding((*loc, "adresse"), SANS_COORDONNEES, "avertissement")
    elif not in_france(a.latitude, a.longitude):
        yield Finding(
            (*loc, "latitude"),
            f"coordonnées hors de France ({a.latitude}, {a.longitude}) : latitude et longitude inversées ?",
        )


def _autre_commune(a: Adresse, nom: str, ref) -> str:
    """The commune's name does not match its INSEE code: the right name, and the code of the name typed
    (the one with that postal code, or in the same département)."""
    message = f"la commune « {a.commune} » n'est pas celle du code INSEE {a.code_insee} ({nom}) : écrire « {nom} »"
    codes = communes.par_nom(ref, a.commune)
    departement = ref.communes[a.code_insee]["departement"]
    proches = ([c for c in codes if a.code_postal in ref.communes[c]["codes_postaux"]]
               or [c for c in codes if ref.communes[c]["departement"] == departement] or codes)
    if len(proches) == 1:
        message += f", ou corriger le code INSEE (celui de {ref.communes[proches[0]]['nom']} est « {proches[0]} »)"
    return message


def offre(o: Offre, ctx: Context) -> Iterator[Finding]:
    ref = ctx.territoires
    for i, code in enumerate(o.zone_eligibilite or []):
        if ref.kind(code) is None:
            if code.isdigit() and len(code) == 5 and any(code in v["codes_postaux"] for v in ref.communes.values()):
                hint = " : c'est un code postal ; utiliser le code INSEE de la commune"
            else:
                hint = (did_you_mean(code, ["france"]) if not code.isdigit() else "") or (
                    " : code INSEE de commune, SIREN d'EPCI, code de département ou « france » attendu"
                )
            yield Finding(("zone_eligibilite", i), f"code de territoire inconnu « {code} »{hint}")
    for i, lieu in enumerate(o.lieux or []):
        yield from _adresse(lieu, ("lieux", i), ctx)


def structure(s: Structure, ctx: Context) -> Iterator[Finding]:
    if s.code_insee and s.commune and s.code_postal:
        yield from _adresse(s, (), ctx)
