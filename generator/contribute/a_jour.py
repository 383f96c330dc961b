"""`catalogue a-jour`: confirm that an offer (or a structure) is unchanged — sets date_maj to today."""

from pathlib import Path

from generator.contribute.yamlio import edit, place
from generator.model.offre import Offre
from generator.model.structure import Structure
from generator.pipeline.load import STRUCTURE_FILE
from generator.pipeline.validate import today


def target(offers: Path, ident: str) -> Path:
    """`structure/offre` → its offer file; `structure` → its structure.yml; a path is taken as is."""
    path = Path(ident)
    if path.suffix in (".yml", ".yaml"):
        return path
    return offers / (f"{ident}.yml" if "/" in ident else f"{ident}/{STRUCTURE_FILE}")


def mark_up_to_date(path: Path) -> bool:
    """Set date_maj to today, keeping the file's comments and layout. Returns whether it changed."""
    model = Structure if path.name == STRUCTURE_FILE else Offre
    day = today()

    def change(document) -> bool:
        if not hasattr(document, "keys"):
            return False
        place(document, model, "date_maj", day)
        return True

    return edit(path, change)
