"""`catalogue codeowners`: .github/CODEOWNERS from each structure's `mainteneurs`.

A partner's folder then needs that partner's approval on the forge; CI fails when the file is out of date.
"""

from generator.model.structure import Structure

HEADER = """\
# Fichier généré par « catalogue codeowners » depuis le champ « mainteneurs » de chaque structure.
# Ne pas le modifier à la main : modifier offers/<structure>/structure.yml puis relancer la commande.
"""


def render(structures: dict[str, Structure], offers_dir: str = "offers") -> str:
    lines = [HEADER]
    for ident in sorted(structures):
        owners = structures[ident].mainteneurs
        if owners:
            lines.append(f"/{offers_dir}/{ident}/ {' '.join(owners)}\n")
    return "".join(lines)
