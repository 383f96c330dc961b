"""Text forms for machines: slugs (lowercase ASCII words joined by single dashes: file names, ids) and
folded text (accents and case ignored: sorting, matching)."""

import re
import unicodedata


def fold(text: str) -> str:
    """« École » → « ecole »: accents removed, case folded (other characters kept)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def slugify(text: str, max_length: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")
