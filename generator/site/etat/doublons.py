"""État de l'offre: the possible duplicates pages and CSV."""

import csv
import io

from generator import urls
from generator.model.vocab import Thematique
from generator.site.context import Site, zone_label
from generator.site.etat.duplicates import SEUIL
from generator.site.etat.vues import Etat, breadcrumb, taille
from generator.site.formatting import pluriel
from generator.site.pages import pagination


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


GROUPES_PAR_PAGE = 25
MEMBRES_AFFICHES = 20  # per group on the page; doublons.csv lists every member


def doublons_views(e: Etat, per_page: int = GROUPES_PAR_PAGE) -> list[dict]:
    """The groups, highest score first, `per_page` per page (page 1 at doublons/, then doublons/2/…);
    each page lists at most `MEMBRES_AFFICHES` members of a group: its size stays bounded."""
    site = e.site
    total = len(e.doublons)
    csv_taille = taille(doublons_csv(e))
    count = max(1, -(-total // per_page))
    views = []
    for n in range(1, count + 1):
        groupes = []
        for g in e.doublons[(n - 1) * per_page : n * per_page]:
            membres = [{**_offre_doublon(site, m.id), "score": m.score} for m in g.membres[:MEMBRES_AFFICHES]]
            first = membres[0]
            groupes.append(
                {
                    "score": g.score,
                    "nombre": len(g.membres),
                    "structures": len({site.by_id[m.id].structure_id for m in g.membres}),
                    "autres": len(g.membres) - len(membres),
                    "membres": membres,
                    "thematiques": [Thematique(t).label for t in g.thematiques],
                    "exemple": {"fichier": first["fichier"], "ids": [m["id"] for m in membres[1:4]]},
                    "modifier": urls.forge_links(site.territoire, first["id"], first["nom"], "").get("modifier", ""),
                }
            )
        start = (n - 1) * per_page + 1
        titre = "Doublons possibles" if n == 1 else f"Doublons possibles, page {n}"
        views.append(
            {
                **site.commun(urls.etat_doublons(n), titre, description="Offres de structures différentes qui se ressemblent : à vérifier.", section="etat"),
                "ariane": breadcrumb(),
                "ariane_titre": titre,
                "h1": titre,
                "seuil": SEUIL,
                "resume": (
                    f"{pluriel(total, 'groupe')} d'offres à vérifier : " if total else "Aucun groupe d'offres à vérifier pour le moment. Un groupe serait listé pour "
                )
                + "des offres de structures différentes, ouvertes à des habitants des mêmes communes, dont les noms et les descriptions sont les mêmes ou se ressemblent.",
                "premiere": n == 1,
                "groupes": groupes,
                "debut": start,
                "etendue": f"Groupes {start} à {start + len(groupes) - 1} sur {total}, du plus ressemblant au moins ressemblant." if count > 1 else "",
                "pages": pagination.links(urls.etat_doublons(1), n, count),
                "csv": urls.ETAT_DOUBLONS_CSV,
                "csv_taille": csv_taille,
                "accueil": urls.etat_doublons(1),
            }
        )
    return views


def doublons_csv(e: Etat) -> str:
    """Every member of every group: one row per offer (the file grows with the offers, never with pairs).
    Ids only, to stay small in a dense département: names and structures are in donnees/offres.csv."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["groupe", "score_groupe", "offre", "score"])
    for n, g in enumerate(e.doublons, 1):
        for m in g.membres:
            w.writerow([n, g.score, m.id, m.score])
    return buf.getvalue()
