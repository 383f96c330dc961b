"""État de l'offre: the pages to write and the matrix CSV."""

import csv
import io
from functools import partial
from pathlib import Path

from generator import urls
from generator.site.context import Site
from generator.site.etat.detail import a_mettre_a_jour_view, bassin_view, categorie_view
from generator.site.etat.doublons import doublons_csv, doublons_views
from generator.site.etat.vues import Etat, compute, etat_view
from generator.site.render import Job, Renderer, run, write

CSV_HEADER = [
    "bassin",
    "code_bassin",
    "thematique",
    "code_thematique",
    "offres",
    "places_total",
    "places_disponibles",
    "offres_avec_comptage_de_places",
    "comptages_recents",
    "pourcentage_comptages_recents",
    "lacune",
    "sur_offre_possible",
]


def matrice_csv(e: Etat) -> str:
    m = e.matrice
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for b in m.bassins:
        for c in m.categories:
            cell = m.cellule(b.code, c.value)
            w.writerow(
                [
                    b.nom,
                    b.code,
                    c.label,
                    c.value,
                    cell.nombre,
                    cell.places_total,
                    cell.places_disponibles,
                    cell.comptages,
                    cell.comptages_frais,
                    round(100 * cell.part_fraiche) if cell.part_fraiche is not None else "",
                    "oui" if cell.lacune else "non",
                    "oui" if cell.sur_offre else "non",
                ]
            )
    return buf.getvalue()


def jobs(site: Site, r: Renderer) -> list[Job]:
    """The « état de l'offre » pages and CSV files, as jobs for `render.run` (figures computed once, here)."""
    e = compute(site)
    jobs: list[Job] = [partial(r.page, "etat.html", partial(etat_view, e))]
    jobs += [partial(r.page, "etat_thematique.html", partial(categorie_view, e, c)) for c in e.matrice.categories]
    jobs += [partial(r.page, "etat_bassin.html", partial(bassin_view, e, b)) for b in e.matrice.bassins]
    jobs += [partial(r.page, "etat_doublons.html", view) for view in doublons_views(e)]
    jobs.append(partial(r.page, "etat_a_mettre_a_jour.html", partial(a_mettre_a_jour_view, e)))
    jobs.append(lambda: write(r.out / urls.ETAT_MATRICE_CSV, matrice_csv(e)))
    jobs.append(lambda: write(r.out / urls.ETAT_DOUBLONS_CSV, doublons_csv(e)))
    return jobs


def write_pages(site: Site, out: Path) -> int:
    """Write every « état de l'offre » page and the CSV into `out`; returns the number of pages."""
    return run(jobs(site, Renderer(site, out))) - 2
