"""Step 3 — enrich: what the site and the exports derive from a valid catalogue.

Freshness, public visibility, categories, effective update frequency, territories of each
place. Computed once here so that pages, search index and exports all agree.
"""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.i18n import _
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.model.territoires import referentiel
from generator.model.vocab import Categorie, Statut, categorie_of
from generator.pipeline.checks.check_fraicheur import frequence, months_between
from generator.pipeline.validate import Catalogue

Fraicheur = Literal["a-jour", "a-mettre-a-jour", "perimee"]
PERIMEE_APRES = 3  # times the update frequency: past it, the offer is no longer listed publicly


@dataclass(frozen=True, slots=True)
class OffreVue:
    """An offer with everything derived from it."""

    id: str  # "<structure>/<offre>"
    structure_id: str
    offre: Offre
    structure: Structure
    frequence_maj: int  # months, after inheritance from the structure
    fraicheur: Fraicheur
    places_a_confirmer: bool  # the places count is older than the update frequency
    categories: tuple[Categorie, ...]
    communes: tuple[str, ...]  # INSEE codes of the places
    epci: tuple[str, ...]  # EPCI of the places
    departements: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def public(self) -> bool:
        """Listed on the public site (its page still exists and says why when not)."""
        return self.offre.statut == Statut.ACTIVE and self.fraicheur != "perimee"

    @property
    def raison_non_publique(self) -> str | None:
        if self.offre.statut == Statut.SUSPENDUE:
            return _("Cette offre est suspendue : elle n'accueille pas de nouvelles personnes pour le moment.")
        if self.offre.statut == Statut.ARCHIVEE:
            return _("Cette offre n'existe plus : elle est gardée pour l'historique.")
        if self.fraicheur == "perimee":
            return _("Cette offre n'a pas été vérifiée depuis trop longtemps : renseignez-vous avant d'orienter.")
        return None


def fraicheur(date_maj: date, freq: int, today: date) -> Fraicheur:
    age = months_between(date_maj, today)
    if age > PERIMEE_APRES * freq:
        return "perimee"
    if age > freq:
        return "a-mettre-a-jour"
    return "a-jour"


def enrich(cat: Catalogue, today: date) -> list[OffreVue]:
    """Every valid offer of a valid catalogue, sorted by id."""
    ref = referentiel()
    out = []
    for ident in sorted(cat.offres):
        offre = cat.offres[ident]
        structure_id = ident.split("/", 1)[0]
        structure = cat.structures[structure_id]
        freq = frequence(offre, structure)
        communes = tuple(dict.fromkeys(lieu.code_insee for lieu in offre.lieux))
        infos = [ref.communes[c] for c in communes if c in ref.communes]
        out.append(
            OffreVue(
                id=ident,
                structure_id=structure_id,
                offre=offre,
                structure=structure,
                frequence_maj=freq,
                fraicheur=fraicheur(offre.date_maj, freq, today),
                places_a_confirmer=bool(offre.places and months_between(offre.places.date, today) > freq),
                categories=tuple(dict.fromkeys(categorie_of(t) for t in offre.thematiques)),
                communes=communes,
                epci=tuple(dict.fromkeys(i["epci"] for i in infos if i["epci"])),
                departements=tuple(dict.fromkeys(i["departement"] for i in infos)),
            )
        )
    return out
