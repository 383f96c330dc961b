"""État de l'offre: the possible duplicates pages and CSV."""

import csv
import io

from generator import urls
from generator.model.vocab import Thematique
from generator.site.context import Site, zone_label
from generator.site.etat import analyse as etat
from generator.site.etat.vues import Etat, breadcrumb
from generator.site.formatting import pluriel


def _offre_doublon(site: Site, ident: str) -> dict:
    vue = site.by_id[ident]
    return {
        "id": ident,
        "nom": vue.offre.nom,
        "url": urls.offre(ident),
        "structure": vue.structure.nom,
        "structure_url": urls.structure(vue.structure_id),
        "zone": ", ".join(zone_label(site, vue.offre.zone_eligibilite)),
        "fichier": urls.fichier_offre(site.offres_dir, ident),
    }


DOUBLONS_PAR_PAGE = 100



def doublons_views(e: Etat, per_page: int = DOUBLONS_PAR_PAGE) -> list[dict]:
    """The pairs, best score first, `per_page` per page (page 1 at doublons/, then doublons/2/…)."""
    site = e.site
    total = len(e.doublons)
    count = max(1, -(-total // per_page))
    views = []
    for n in range(1, count + 1):
        paires = []
        for d in e.doublons[(n - 1) * per_page : n * per_page]:
            a, b = _offre_doublon(site, d.a), _offre_doublon(site, d.b)
            paires.append(
                {
                    "score": d.score,
                    "a": a,
                    "b": b,
                    "thematiques": [Thematique(t).label for t in d.thematiques],
                    "modifier": urls.forge_links(site.territoire, d.a, a["nom"], "").get("modifier", ""),
                }
            )
        first = (n - 1) * per_page + 1
        titre = "Doublons possibles" if n == 1 else f"Doublons possibles, page {n}"
        views.append(
            {
                **site.commun(urls.etat_doublons(n), titre, description="Offres de structures différentes qui se ressemblent : à vérifier.", section="etat"),
                "ariane": breadcrumb(),
                "ariane_titre": titre,
                "h1": titre,
                "seuil": etat.SEUIL_DOUBLON,
                "resume": (
                    f"{pluriel(total, 'paire')} d'offres à vérifier : " if total else "Aucune paire d'offres à vérifier pour le moment. Une paire serait listée pour "
                )
                + "deux offres de structures différentes, d'une même thématique, ouvertes à des habitants des mêmes communes, dont les noms et les descriptions se ressemblent.",
                "exemple": (paires[0] if paires else None) if n == 1 else None,
                "premiere": n == 1,
                "paires": paires,
                "debut": first,
                "etendue": f"Paires {first} à {first + len(paires) - 1} sur {total}, de la plus ressemblante à la moins ressemblante." if count > 1 else "",
                "pages": _pagination(n, count),
                "csv": urls.ETAT_DOUBLONS_CSV,
                "accueil": urls.etat_doublons(1),
            }
        )
    return views


def _pagination(n: int, count: int) -> list[dict]:
    """Links to the first and last pages, the previous and next ones, and two around the current one."""
    if count <= 1:
        return []
    keep = sorted({1, count, *range(max(1, n - 2), min(count, n + 2) + 1)})
    out = []
    if n > 1:
        out.append({"texte": "Page précédente", "url": urls.etat_doublons(n - 1), "courante": False})
    previous = 0
    for k in keep:
        if k > previous + 1:
            out.append({"texte": "…", "url": "", "courante": False})
        out.append({"texte": f"Page {k}", "url": urls.etat_doublons(k), "courante": k == n})
        previous = k
    if n < count:
        out.append({"texte": "Page suivante", "url": urls.etat_doublons(n + 1), "courante": False})
    return out


def doublons_csv(e: Etat) -> str:
    site = e.site
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["score", "offre_a", "nom_a", "structure_a", "offre_b", "nom_b", "structure_b", "thematiques_communes"])
    for d in e.doublons:
        a, b = site.by_id[d.a], site.by_id[d.b]
        w.writerow([d.score, d.a, a.offre.nom, a.structure.nom, d.b, b.offre.nom, b.structure.nom, "|".join(d.thematiques)])
    return buf.getvalue()
