"""Text forms for machines: slugs (lowercase ASCII words joined by single dashes: file names, ids) and
folded text (accents and case ignored: sorting, matching)."""

import re
import unicodedata

# A slug: lowercase ASCII words joined by single dashes (folder and file names, ids, URLs).
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = re.compile(f"^{SLUG}$")


def is_slug(text: str) -> bool:
    return _SLUG.match(text) is not None


def fold(text: str) -> str:
    """« École » → « ecole »: accents removed, case folded (other characters kept)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def slugify(text: str, max_length: int = 60) -> str:
    """« Garage solidaire d'Évry » → « garage-solidaire-d-evry »: any text as a slug (maybe empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
