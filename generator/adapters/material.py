"""mkdocs-material: the names of its compiled stylesheets, which the generator's pages link to.

Material ships its CSS under hashed names (``main.<hash>.min.css``); mkdocs copies them into the site
under ``assets/stylesheets/``. tests/adapters checks that both are still found.
"""

from pathlib import Path

import material

STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def stylesheets() -> list[str]:
    """Material's compiled stylesheets (as mkdocs copies them), relative to the site root."""
    main = sorted(STYLESHEETS.glob("main.*.min.css"))
    palette = sorted(STYLESHEETS.glob("palette.*.min.css"))
    return [f"assets/stylesheets/{p.name}" for p in main[:1] + palette[:1]]
