"""What every check may read besides the file it checks."""

from dataclasses import dataclass
from datetime import date

from generator.model.structure import Structure
from generator.model.territoires import Referentiel


@dataclass(frozen=True, slots=True)
class Context:
    today: date
    territoires: Referentiel
    structure: Structure | None = None  # the offer's own structure, when its file is valid
