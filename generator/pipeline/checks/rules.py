"""Rules between two fields of an offer, declared once as data.

`check_coherence` applies them to every file; the proposal form (/proposer/) receives them in its page
data and its script applies the same table (tests/contrib tie both on the same cases). A rule names
fields by their path in the offer (``("places", "disponibles")``) and says its message once, in French.
"""

from dataclasses import asdict, dataclass
from typing import Any

from generator.model.vocab import ModeMobilisation, Public

Path = tuple[str, ...]


@dataclass(frozen=True)
class Ordre:
    """`avant` ≤ `apres` when both are given; the problem is reported on `champ`."""

    avant: Path
    apres: Path
    champ: Path
    message: str  # {avant} and {apres} are the two values

    def problem(self, offre: Any) -> tuple[Path, str] | None:
        a, b = value(offre, self.avant), value(offre, self.apres)
        if a is not None and b is not None and a > b:
            return self.champ, self.message.format(avant=a, apres=b)
        return None


@dataclass(frozen=True)
class Seul:
    """`valeur` is used alone in the list `champ`."""

    champ: Path
    valeur: str
    message: str

    def problem(self, offre: Any) -> tuple[Path, str] | None:
        items = value(offre, self.champ) or []
        if self.valeur in items and len(items) > 1:
            return self.champ, self.message
        return None


@dataclass(frozen=True)
class Exige:
    """When the list `champ` holds `valeur`, `exige` is given (here, or in the structure's file when
    `structure` is true)."""

    champ: Path
    valeur: str
    exige: Path
    structure: bool
    message: str

    def problem(self, offre: Any, structure: Any = None) -> tuple[Path, str] | None:
        if self.valeur not in (value(offre, self.champ) or []):
            return None
        if value(offre, self.exige) or (self.structure and structure and value(structure, self.exige)):
            return None
        return self.exige, self.message


def value(document: Any, path: Path) -> Any:
    """The value at `path` in an offer: its YAML data (the form's script) or its model (validation)."""
    for key in path:
        if document is None:
            return None
        document = document.get(key) if isinstance(document, dict) else getattr(document, key, None)
    return document


REGLES: tuple[Ordre | Seul | Exige, ...] = (
    Seul(("publics",), Public.TOUS_PUBLICS.value, "« tous-publics » s'utilise seul : retirer les autres publics ou « tous-publics »"),
    Ordre(("age_min",), ("age_max",), ("age_max",), "âge maximum ({apres}) inférieur à l'âge minimum ({avant})"),
    Ordre(("date_debut",), ("date_fin",), ("date_fin",), "la session finit ({apres}) avant de commencer ({avant})"),
    Ordre(
        ("places", "disponibles"), ("places", "total"), ("places", "disponibles"),
        "plus de places disponibles ({avant}) que de places au total ({apres})",
    ),
    Exige(
        ("modes_mobilisation",), ModeMobilisation.UTILISER_LIEN_MOBILISATION.value, ("lien_mobilisation",), False,
        "mode « utiliser-lien-mobilisation » choisi : indiquer le lien de mobilisation",
    ),
    Exige(
        ("modes_mobilisation",), ModeMobilisation.TELEPHONER.value, ("telephone",), True,
        "mode « telephoner » choisi : indiquer un téléphone (ici ou dans structure.yml)",
    ),
    Exige(
        ("modes_mobilisation",), ModeMobilisation.ENVOYER_UN_COURRIEL.value, ("courriel",), True,
        "mode « envoyer-un-courriel » choisi : indiquer un courriel (ici ou dans structure.yml)",
    ),
)


def problems(offre: Any, structure: Any = None) -> list[tuple[Path, str]]:
    """The rules an offer breaks, in the table's order."""
    out = []
    for regle in REGLES:
        found = regle.problem(offre, structure) if isinstance(regle, Exige) else regle.problem(offre)
        if found:
            out.append(found)
    return out


def for_browser() -> list[dict]:
    """The table as the form's script reads it: one object per rule, with its kind."""
    return [{"type": type(r).__name__.lower(), **{k: list(v) if isinstance(v, tuple) else v for k, v in asdict(r).items()}} for r in REGLES]
