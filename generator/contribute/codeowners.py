"""`catalogue codeowners`: .github/CODEOWNERS from each structure's `mainteneurs`.

A partner's folder then needs that partner's approval on the forge. The first rule, « * » and the
catalogue's team, is the default owner: it covers every file no structure claims (a new structure's
folder until its maintainers' workflow regenerates the file, territoire.yml, the code). It is written by
hand once (or with --defaut) and kept by every run.
"""

import re

from generator.model.structure import Structure

HEADER = """\
# Fichier généré par « catalogue codeowners » depuis le champ « mainteneurs » de chaque structure.
# Ne pas le modifier à la main : modifier offers/<structure>/structure.yml puis relancer la commande.
# Première règle : l'équipe du catalogue, propriétaire par défaut (gardée d'une exécution à l'autre).
"""
OWNER = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9_.-]+)?$")


def default_owners(text: str | None) -> list[str]:
    """The owners of the « * » rule of an existing CODEOWNERS file."""
    for line in (text or "").splitlines():
        parts = line.split("#", 1)[0].split()
        if parts and parts[0] == "*":
            return parts[1:]
    return []


def render(structures: dict[str, Structure], offers_dir: str = "offers", default: list[str] | None = None) -> str:
    lines = [HEADER]
    if default:
        lines.append(f"* {' '.join(default)}\n")
    for ident in sorted(structures):
        owners = structures[ident].mainteneurs
        if owners:
            lines.append(f"/{offers_dir}/{ident}/ {' '.join(owners)}\n")
    return "".join(lines)
