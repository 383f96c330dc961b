"""What the site offers to contributors, written during `catalogue build`:

- /proposer/ — the « Proposer une offre » form (generator/contribute/form.py);
- /admin/ — Sveltia CMS and its config.yml generated from the model (generator/contribute/cms.py);
- the field tables of the partners' guide: the markers of docs/ (<!-- champs:offre -->…) are
  expanded by :func:`generator.fields.expand` before mkdocs renders the pages.
"""

import sys
from pathlib import Path

from generator.contribute import cms, form
from generator.model import fields


def expand_docs(docs: Path) -> list[Path]:
    """Expand the generated-content markers of every Markdown page of `docs` (a working copy)."""
    changed = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text("utf-8")
        new = fields.expand(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed.append(page)
    return changed


def write(site, out: Path, docs: Path | None = None) -> None:
    """Write /proposer/ and /admin/ into the site folder `out`; expand the docs' markers in `docs`."""
    if docs is not None and docs.is_dir():
        expand_docs(docs)
    form.write(site, out)
    if site.territoire.forge is None:
        print("catalogue build : pas de forge dans territoire.yml : l'outil d'édition /admin/ n'est pas produit", file=sys.stderr)
        return
    cms.write(site, out)
