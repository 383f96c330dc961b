"""État de l'offre: coverage by bassin d'emploi and thématique, places, gaps, duplicates, freshness.

What the SPIE texts ask territories to look at together: « occupation des places, besoins non
couverts par bassin d'emploi, sur-offre », and duplicates or competing schemes. Works on the
enriched public offers; the pages, `catalogue stats`, `catalogue doublons` and
`catalogue a-mettre-a-jour` all read these figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from generator.model.slug import slugify
from generator.model.structure import Structure
from generator.model.territoire import Territoire
from generator.model.territoires import Referentiel
from generator.model.vocab import Categorie
from generator.pipeline.enrich import OffreVue

SUR_OFFRE_FACTEUR = 2  # a cell above twice the median of its category…
SUR_OFFRE_MINIMUM = 4  # …and with at least this many offers, is flagged as possible over-supply

# The counting rule, as the pages say it (see `_eligible`).
REGLE = (
    "Une offre compte dans un bassin quand les habitants d'au moins une de ses communes y ont droit (la commune est "
    "dans la zone d'éligibilité de l'offre), où que soit son lieu d'accueil. Une offre ouverte aux habitants de certaines "
    "communes du bassin seulement est comptée, et signalée « pour une partie des communes seulement »."
)


@dataclass(frozen=True)
class Bassin:
    code: str  # EPCI SIREN for default bassins, a slug of the name otherwise
    nom: str
    communes: frozenset[str]  # its communes in the catalogue's départements
    hors: int = 0  # communes of its codes (or of its EPCI) outside the catalogue's départements, not counted


def dans_le_territoire(ref: Referentiel, communes, departements) -> frozenset[str]:
    """The communes that count for the catalogue: those of its départements. A bassin and a territory
    page (an EPCI that crosses a département's border) both count these, and only these."""
    deps = set(departements)
    return frozenset(c for c in communes if c in ref.communes and ref.communes[c]["departement"] in deps)


def bassins(territoire: Territoire | None, ref: Referentiel, departements: list[str]) -> list[Bassin]:
    """The configured bassins d'emploi, or by default the EPCI of the départements."""
    if territoire and territoire.bassins:
        out = []
        for b in territoire.bassins:
            every = frozenset(c for code in b.codes for c in ref.communes_of(code))
            communes = dans_le_territoire(ref, every, departements)
            out.append(Bassin(slugify(b.nom), b.nom, communes, len(every) - len(communes)))
        return out
    by_epci: dict[str, set[str]] = defaultdict(set)
    for code, info in ref.communes.items():
        if info["departement"] in departements:
            by_epci[info["epci"] or info["departement"]].add(code)
    out = []
    for code, communes in by_epci.items():
        every = ref.communes_of(code) if code in ref.epci else frozenset(communes)
        out.append(Bassin(code, ref.nom(code), frozenset(communes), len(every - communes)))
    return sorted(out, key=lambda b: b.nom)


def departements(ref: Referentiel, codes: list[str]) -> list[Bassin]:
    """The catalogue's départements as rows of a matrix: same counting rule as a bassin (an offer counts in a
    département when the residents of at least one of its communes are eligible)."""
    return [Bassin(code, ref.nom(code), dans_le_territoire(ref, ref.communes_of(code), [code])) for code in codes]


def departements_of(b: Bassin, ref: Referentiel) -> list[str]:
    """The départements of the catalogue where a bassin has communes (an EPCI across a border is in each)."""
    return sorted({ref.communes[c]["departement"] for c in b.communes})


def _eligible(vues: list[OffreVue], bassins_: list[Bassin], ref: Referentiel) -> dict[str, list[tuple[str, bool]]]:
    """(bassin code, partial?) of the bassins whose residents each public offer is open to, in the order of `bassins_`.

    The rule: an offer counts in a bassin when at least one commune of the bassin is in its zone
    d'éligibilité (`Referentiel.zone_communes`, the rule of `Referentiel.covers`), wherever it is
    located; it is *partial* there when some communes of the bassin are outside its zone. Looked up
    through a commune → bassins index, once per distinct zone (never offer × bassin).
    """
    of_commune: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(bassins_):
        for c in b.communes:
            of_commune[c].append(i)
    everywhere = [(b.code, False) for b in bassins_ if b.communes]
    per_zone: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
    out: dict[str, list[tuple[str, bool]]] = {}
    for vue in vues:
        key = tuple(sorted(set(vue.offre.zone_eligibilite)))
        found = per_zone.get(key)
        if found is None:
            communes = ref.zone_communes(list(key))
            if communes is None:
                found = everywhere
            else:
                covered: dict[int, int] = defaultdict(int)
                for c in communes:
                    for i in of_commune.get(c, ()):
                        covered[i] += 1
                found = [(bassins_[i].code, covered[i] < len(bassins_[i].communes)) for i in sorted(covered)]
            per_zone[key] = found
        out[vue.id] = found
    return out


@dataclass
class Cellule:
    offres: list[str] = field(default_factory=list)  # ids of the offers open to residents of the bassin
    partielles: set[str] = field(default_factory=set)  # …to residents of some of its communes only
    places_total: int = 0
    places_disponibles: int = 0
    comptages: int = 0  # offers with a places count
    comptages_frais: int = 0  # …whose count is not older than the update frequency
    sur_offre: bool = False

    @property
    def nombre(self) -> int:
        return len(self.offres)

    @property
    def lacune(self) -> bool:
        return not self.offres

    @property
    def part_fraiche(self) -> float | None:
        return self.comptages_frais / self.comptages if self.comptages else None


@dataclass
class Matrice:
    bassins: list[Bassin]
    categories: list[Categorie]
    cellules: dict[tuple[str, str], Cellule]  # (bassin code, category) -> cell

    def cellule(self, bassin: str, categorie: str) -> Cellule:
        return self.cellules[(bassin, categorie)]

    @property
    def lacunes(self) -> list[tuple[Bassin, Categorie]]:
        return [(b, c) for b in self.bassins for c in self.categories if self.cellule(b.code, c.value).lacune]


def matrice(vues: list[OffreVue], bassins_: list[Bassin], ref: Referentiel) -> Matrice:
    categories = list(Categorie)
    cells = {(b.code, c.value): Cellule() for b in bassins_ for c in categories}
    public = [v for v in vues if v.public]
    eligible = _eligible(public, bassins_, ref)
    for vue in public:
        for code, partial in eligible[vue.id]:
            for cat in vue.categories:
                cell = cells[(code, cat.value)]
                cell.offres.append(vue.id)
                if partial:
                    cell.partielles.add(vue.id)
                if vue.offre.places:
                    cell.places_total += vue.offre.places.total
                    cell.places_disponibles += vue.offre.places.disponibles
                    cell.comptages += 1
                    cell.comptages_frais += not vue.places_a_confirmer
    for cat in categories:
        counts = [cells[(b.code, cat.value)].nombre for b in bassins_]
        mid = median(counts) if counts else 0
        for b in bassins_:
            cell = cells[(b.code, cat.value)]
            cell.sur_offre = cell.nombre >= SUR_OFFRE_MINIMUM and cell.nombre > SUR_OFFRE_FACTEUR * mid
    return Matrice(bassins_, categories, cells)


# ----- duplicates ------------------------------------------------------------------------------------


# ----- freshness ---------------------------------------------------------------------------------------


@dataclass
class ARelancer:
    structure_id: str
    structure: Structure
    offres: list[OffreVue]


def a_mettre_a_jour(vues: list[OffreVue]) -> list[ARelancer]:
    """Offers past their update frequency, grouped by structure (with its maintainers)."""
    groups: dict[str, ARelancer] = {}
    for vue in vues:
        if vue.fraicheur == "a-jour" or vue.offre.statut.value == "archivee":
            continue
        group = groups.setdefault(vue.structure_id, ARelancer(vue.structure_id, vue.structure, []))
        group.offres.append(vue)
    for group in groups.values():
        group.offres.sort(key=lambda v: (v.offre.date_maj, v.id))
    return [groups[k] for k in sorted(groups)]


# ----- key figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chiffres:
    offres: int
    offres_publiques: int
    structures: int
    places_total: int
    places_disponibles: int
    comptages: int
    comptages_frais: int
    offres_a_jour: int
    lacunes: int
    doublons: int


def chiffres(vues: list[OffreVue], structures: int, m: Matrice, nb_doublons: int) -> Chiffres:
    public = [v for v in vues if v.public]
    with_places = [v for v in public if v.offre.places]
    return Chiffres(
        offres=len(vues),
        offres_publiques=len(public),
        structures=structures,
        places_total=sum(v.offre.places.total for v in with_places),
        places_disponibles=sum(v.offre.places.disponibles for v in with_places),
        comptages=len(with_places),
        comptages_frais=sum(not v.places_a_confirmer for v in with_places),
        offres_a_jour=sum(v.fraicheur == "a-jour" for v in public),
        lacunes=len(m.lacunes),
        doublons=nb_doublons,
    )
