"""État de l'offre: the pages to write and the matrix CSV."""

import csv
import io
from functools import partial
from pathlib import Path

from generator import urls
from generator.opendata.csv_table import cell as spreadsheet_safe
from generator.site.context import Site, by_name
from generator.site.etat import analyse as etat
from generator.site.etat.analyse import Bassin
from generator.site.etat.departements import categorie_view_departements, departement_view, vue_generale
from generator.site.etat.detail import a_mettre_a_jour_views, bassin_view, categorie_view, lieu_texte
from generator.site.etat.doublons import doublons_csv, doublons_views
from generator.site.etat.vues import Etat, compute, etat_view, taille
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
    "offres_pour_une_partie_des_communes",
]
BASSIN_CSV_HEADER = [
    "thematique",
    "code_thematique",
    "offre",
    "nom",
    "structure",
    "pour_une_partie_des_communes",
    "lieu",
    "places_total",
    "places_disponibles",
    "date_comptage",
    "url",
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
                    len(cell.partielles),
                ]
            )
    return buf.getvalue()


def bassin_csv(e: Etat, b: Bassin) -> str:
    """Every offer counted in the bassin (its page lists the first ones of each thématique)."""
    site, m = e.site, e.matrice
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(BASSIN_CSV_HEADER)
    for c in m.categories:
        cell = m.cellule(b.code, c.value)
        for v in sorted((site.by_id[i] for i in cell.offres), key=by_name):
            p = v.offre.places
            w.writerow(
                [
                    c.label,
                    c.value,
                    v.id,
                    spreadsheet_safe(v.offre.nom),
                    spreadsheet_safe(v.structure.nom),
                    "oui" if v.id in cell.partielles else "non",
                    lieu_texte(v, b),
                    p.total if p else "",
                    p.disponibles if p else "",
                    p.date.isoformat() if p else "",
                    urls.absolute(site.base_url, urls.offre(v.id)) if site.base_url else urls.offre(v.id),
                ]
            )
    return buf.getvalue()


def jobs(site: Site, r: Renderer) -> list[Job]:
    """The « état de l'offre » pages and CSV files, as jobs for `render.run` (figures computed once, here)."""
    e = compute(site)
    grouped = e.par_departement is not None  # several départements: one row each, then a page each
    jobs: list[Job] = [partial(r.page, "etat.html", partial(_vue_generale, e))]
    thematique = categorie_view_departements if grouped else categorie_view
    jobs += [partial(r.page, "etat_thematique.html", partial(thematique, e, c)) for c in e.matrice.categories]
    if grouped:
        jobs += [partial(r.page, "etat_departement.html", partial(departement_view, e, d)) for d in e.par_departement.bassins]
    jobs += [partial(r.page, "etat_bassin.html", partial(bassin_view, e, b)) for b in e.matrice.bassins]
    jobs += [partial(_write_bassin_csv, r.out, e, b) for b in e.matrice.bassins]
    jobs += [partial(r.page, "etat_doublons.html", view) for view in doublons_views(e)]
    jobs += [partial(r.page, "etat_a_mettre_a_jour.html", view) for view in a_mettre_a_jour_views(e)]
    jobs.append(lambda: write(r.out / urls.ETAT_MATRICE_CSV, matrice_csv(e)))
    jobs.append(lambda: write(r.out / urls.ETAT_DOUBLONS_CSV, doublons_csv(e)))
    return jobs


def _vue_generale(e: Etat) -> dict:
    view = (vue_generale if e.par_departement is not None else etat_view)(e)
    view["csv_taille"] = taille(matrice_csv(e))
    return view


def _write_bassin_csv(out: Path, e: Etat, b: Bassin) -> None:
    write(out / urls.etat_bassin_csv(e.slugs[b.code]), bassin_csv(e, b))


def write_pages(site: Site, out: Path) -> int:
    """Write every « état de l'offre » page and the CSV into `out`; returns the number of pages."""
    csv_files = 2 + len(etat.bassins(site.territoire, site.ref, list(site.territoire.departements)))
    return run(jobs(site, Renderer(site, out))) - csv_files
