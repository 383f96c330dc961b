"""« État de l'offre » pages: the bassin × thématique matrix (with its CSV and a chart), one page per
thématique category and per bassin, the possible duplicates and the offers to update.

Figures come from `generator.etat`; this module only turns them into plain dicts for the
``etat*.html`` templates (no logic in templates). Everything a user reads is in French.
Every step is linear in the number of (offer, bassin) pairs counted by the matrix.

URLs (relative to the site root):
- ``etat-de-l-offre/``: key figures, matrix, gaps, chart + data table, links;
- ``etat-de-l-offre/matrice.csv``: the matrix, one row per (bassin, category);
- ``etat-de-l-offre/thematiques/<categorie>/``: one category across bassins (and its thématiques);
- ``etat-de-l-offre/bassins/<bassin>/``: one bassin across categories, with the counted offers
  (each matrix cell links to its section ``#<categorie>`` there);
- ``etat-de-l-offre/doublons/`` (then ``doublons/2/``… by 100 pairs) with ``doublons.csv`` (every pair);
- ``etat-de-l-offre/a-mettre-a-jour/``.
"""

import csv
import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from statistics import median

from . import etat
from .enrich import OffreVue
from .render import Job, Renderer, Site, by_name, run, date_fr, forge_links, offre_url, pluriel, territoire_codes, write, zone_label
from .slug import slugify
from .vocab import Categorie, Thematique, categorie_of

BASE = "etat-de-l-offre/"
CSV_NAME = "matrice.csv"
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


@dataclass
class Etat:
    """Everything the pages need, computed once."""

    site: Site
    matrice: etat.Matrice
    doublons: list[etat.Doublon]
    relances: list[etat.ARelancer]
    chiffres: etat.Chiffres
    slugs: dict[str, str]  # bassin code -> URL segment
    territoires: set[str]  # codes that have a territory page


def compute(site: Site) -> Etat:
    bassins = etat.bassins(site.territoire, site.ref, list(site.territoire.departements))
    m = etat.matrice(site.vues, bassins, site.ref)
    pairs = etat.doublons(site.vues, site.ref)
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for b in bassins:
        base = slugify(b.code) or "bassin"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugs[b.code] = slug
    return Etat(
        site=site,
        matrice=m,
        doublons=pairs,
        relances=etat.a_mettre_a_jour(site.vues),
        chiffres=etat.chiffres(site.vues, len(site.structures), m, len(pairs)),
        slugs=slugs,
        territoires={code for _, code in territoire_codes(site)},
    )


# ----- URLs and words ------------------------------------------------------------------------------------


def categorie_url(c: Categorie) -> str:
    return f"{BASE}thematiques/{c.value}/"


def bassin_url(e: Etat, b: etat.Bassin) -> str:
    return f"{BASE}bassins/{e.slugs[b.code]}/"


def pourcentage(part: float | None) -> str:
    return f"{round(100 * part)} %" if part is not None else ""


def places_texte(total: int, disponibles: int, comptages: int) -> str:
    if not comptages:
        return "places non comptées"
    if not disponibles:
        return f"aucune place libre sur {total}"
    return f"{pluriel(disponibles, 'place libre', 'places libres')} sur {total}"


def _mot(n: int, singulier: str, pluriel_: str) -> str:
    return singulier if n <= 1 else pluriel_


def recents_texte(cell: etat.Cellule) -> str:
    if not cell.comptages:
        return ""
    return f"{pourcentage(cell.part_fraiche)} des comptages récents"


def cellule_view(e: Etat, b: etat.Bassin, c: Categorie) -> dict:
    cell = e.matrice.cellule(b.code, c.value)
    return {
        "lacune": cell.lacune,
        "sur_offre": cell.sur_offre,
        "nombre": cell.nombre,
        "nombre_texte": "aucune offre" if cell.lacune else pluriel(cell.nombre, "offre"),
        "places_texte": "" if cell.lacune else places_texte(cell.places_total, cell.places_disponibles, cell.comptages),
        "recents_texte": recents_texte(cell),
        "contexte": f"{c.label}, {b.nom}",
        "url": f"{bassin_url(e, b)}#{c.value}",
    }


def _breadcrumb(parent: dict | None = None) -> list[dict]:
    out = [{"label": "Accueil", "url": ""}, {"label": "État de l'offre", "url": BASE}]
    return out + ([parent] if parent else [])


def _territory_links(e: Etat, b: etat.Bassin) -> list[dict]:
    """Territory pages (EPCI, département) that match the bassin, to browse or search its offers."""
    site = e.site
    codes = [b.code] if b.code in e.territoires else []
    if not codes and site.territoire.bassins:
        for conf in site.territoire.bassins:
            if conf.nom == b.nom:
                codes = [code for code in conf.codes if code in e.territoires]
    return [{"label": site.ref.nom(code), "url": f"territoires/{code}/"} for code in codes]


def _totaux(e: Etat) -> dict[str, dict]:
    """Per category, over the whole territory: distinct offers, their places and counts."""
    m = e.matrice
    out = {}
    for c in m.categories:
        ids = sorted({i for b in m.bassins for i in m.cellule(b.code, c.value).offres})
        vues = [e.site.by_id[i] for i in ids]
        counted = [v for v in vues if v.offre.places]
        out[c.value] = {
            "offres": len(ids),
            "places_total": sum(v.offre.places.total for v in counted),
            "places_disponibles": sum(v.offre.places.disponibles for v in counted),
            "comptages": len(counted),
            "comptages_frais": sum(not v.places_a_confirmer for v in counted),
        }
    return out


# ----- the main page ---------------------------------------------------------------------------------------


def graphique(categories: list[Categorie], totaux: dict[str, dict]) -> dict:
    """Horizontal bars: offers (solid) and places (free: solid, taken: hatched), values written next to bars."""
    label_w, bar_w, gap, row_h, top = 300, 180, 110, 34, 56
    x_offres = label_w
    x_places = label_w + bar_w + gap
    max_offres = max((totaux[c.value]["offres"] for c in categories), default=0) or 1
    max_places = max((totaux[c.value]["places_total"] for c in categories), default=0) or 1
    lignes = []
    for i, c in enumerate(categories):
        t = totaux[c.value]
        y = top + i * row_h
        w_offres = round(bar_w * t["offres"] / max_offres, 1)
        w_total = round(bar_w * t["places_total"] / max_places, 1)
        w_libres = round(bar_w * t["places_disponibles"] / max_places, 1)
        lignes.append(
            {
                "label": c.label,
                "y_texte": y + 14,
                "y_barre": y + 3,
                "hauteur": 16,
                "w_offres": w_offres,
                "texte_offres": pluriel(t["offres"], "offre") if t["offres"] else "aucune offre",
                "x_texte_offres": x_offres + w_offres + 6,
                "w_total": w_total,
                "w_libres": w_libres,
                "texte_places": f"{t['places_disponibles']} {_mot(t['places_disponibles'], 'libre', 'libres')} / {t['places_total']}" if t["comptages"] else "non comptées",
                "x_texte_places": x_places + w_total + 6,
            }
        )
    height = top + len(categories) * row_h + 10
    total_offres = sum(totaux[c.value]["offres"] for c in categories)
    vides = [c.label for c in categories if not totaux[c.value]["offres"]]
    desc = (
        f"Pour chacune des {len(categories)} thématiques, une barre pleine donne le nombre d'offres (jusqu'à {max_offres if total_offres else 0}), "
        "une seconde barre les places : partie pleine pour les places libres, partie hachurée pour les places occupées. "
        + (f"Thématiques sans aucune offre : {', '.join(vides)}. " if vides else "")
        + "Le tableau qui suit donne les mêmes chiffres."
    )
    return {
        "largeur": x_places + bar_w + gap,
        "hauteur": height,
        "x_offres": x_offres,
        "x_places": x_places,
        "y_entete": 22,
        "y_legende": 42,
        "lignes": lignes,
        "titre": "Offres et places par thématique, sur tout le territoire",
        "desc": desc,
    }


def matrice_view(e: Etat) -> dict:
    m = e.matrice
    totaux = _totaux(e)
    colonnes = [{"label": c.label, "code": c.value, "url": categorie_url(c)} for c in m.categories]
    lignes = [
        {"nom": b.nom, "url": bassin_url(e, b), "cellules": [cellule_view(e, b, c) for c in m.categories]}
        for b in m.bassins
    ]
    total = []
    for c in m.categories:
        t = totaux[c.value]
        total.append(
            {
                "nombre_texte": pluriel(t["offres"], "offre") if t["offres"] else "aucune offre",
                "places_texte": places_texte(t["places_total"], t["places_disponibles"], t["comptages"]) if t["offres"] else "",
            }
        )
    return {"colonnes": colonnes, "lignes": lignes, "total": total, "totaux": totaux}


def etat_view(e: Etat) -> dict:
    site, m, ch = e.site, e.matrice, e.chiffres
    mv = matrice_view(e)
    totaux = mv.pop("totaux")
    lacunes = []
    for c in m.categories:
        vides = [b for b in m.bassins if m.cellule(b.code, c.value).lacune]
        if vides:
            lacunes.append(
                {
                    "label": c.label,
                    "url": categorie_url(c),
                    "tous": len(vides) == len(m.bassins),
                    "bassins": [{"nom": b.nom, "url": f"{bassin_url(e, b)}#{c.value}"} for b in vides],
                }
            )
    sur_offre = [
        {"label": c.label, "bassin": b.nom, "url": f"{bassin_url(e, b)}#{c.value}", "nombre": pluriel(m.cellule(b.code, c.value).nombre, "offre")}
        for c in m.categories
        for b in m.bassins
        if m.cellule(b.code, c.value).sur_offre
    ]
    a_relancer = sum(len(g.offres) for g in e.relances)
    configured = bool(site.territoire.bassins)
    return {
        **site.commun(BASE, "État de l'offre", description="État de l'offre d'insertion : offres et places par bassin et par thématique, lacunes, doublons, fraîcheur.", section="etat"),
        "date": date_fr(site.generated),
        "chiffres": [
            {"nombre": ch.offres_publiques, "texte": f"{_mot(ch.offres_publiques, 'offre publiée', 'offres publiées')} (sur {pluriel(ch.offres, 'fiche')})", "url": ""},
            {"nombre": ch.structures, "texte": _mot(ch.structures, "structure", "structures"), "url": ""},
            {
                "nombre": ch.places_disponibles,
                "texte": f"{_mot(ch.places_disponibles, 'place libre', 'places libres')} sur {ch.places_total} ({pluriel(ch.comptages, 'offre compte', 'offres comptent')} leurs places)",
                "url": "",
            },
            {
                "nombre": pourcentage(ch.comptages_frais / ch.comptages) if ch.comptages else "—",
                "texte": "des comptages de places sont récents" if ch.comptages else "aucun comptage de places",
                "url": "",
            },
            {"nombre": ch.lacunes, "texte": f"{_mot(ch.lacunes, 'case vide', 'cases vides')} sur {len(m.bassins) * len(m.categories)} (bassin × thématique)", "url": f"{BASE}#lacunes"},
            {"nombre": ch.doublons, "texte": _mot(ch.doublons, "doublon possible", "doublons possibles"), "url": f"{BASE}doublons/"},
            {"nombre": a_relancer, "texte": _mot(a_relancer, "offre à mettre à jour", "offres à mettre à jour"), "url": f"{BASE}a-mettre-a-jour/"},
        ],
        "bassins_texte": (
            f"Les {pluriel(len(m.bassins), 'bassin')} d'emploi sont ceux définis par le territoire."
            if configured
            else f"Faute de bassins d'emploi définis dans la configuration du territoire, chaque ligne est un EPCI (intercommunalité) : {pluriel(len(m.bassins), 'ligne')}."
        ),
        "unite": "bassin" if configured else "EPCI",
        "unite_titre": "Bassin" if configured else "EPCI",
        "matrice": mv,
        "csv": f"{BASE}{CSV_NAME}",
        "lacunes": lacunes,
        "sur_offre": sur_offre,
        "seuil_sur_offre": f"plus de {etat.SUR_OFFRE_FACTEUR} fois la médiane des bassins pour cette thématique, et au moins {etat.SUR_OFFRE_MINIMUM} offres",
        "graphique": graphique(m.categories, totaux),
        "tableau": [
            {
                "label": c.label,
                "url": categorie_url(c),
                "offres": totaux[c.value]["offres"],
                "places_total": totaux[c.value]["places_total"] if totaux[c.value]["comptages"] else "non comptées",
                "places_disponibles": totaux[c.value]["places_disponibles"] if totaux[c.value]["comptages"] else "non comptées",
                "recents": pourcentage(totaux[c.value]["comptages_frais"] / totaux[c.value]["comptages"]) if totaux[c.value]["comptages"] else "sans objet",
            }
            for c in m.categories
        ],
        "categories": [{"label": c.label, "url": categorie_url(c)} for c in m.categories],
        "bassins": [{"nom": b.nom, "url": bassin_url(e, b)} for b in m.bassins],
    }


# ----- one category across bassins ---------------------------------------------------------------------------


def categorie_view(e: Etat, c: Categorie) -> dict:
    site, m = e.site, e.matrice
    counts = [m.cellule(b.code, c.value).nombre for b in m.bassins]
    mid = median(counts) if counts else 0
    thematiques = [t for t in Thematique if categorie_of(t) == c]
    lignes = []
    for b in m.bassins:
        cell = m.cellule(b.code, c.value)
        per_t = {t.value: [] for t in thematiques}
        for ident in cell.offres:
            for t in site.by_id[ident].offre.thematiques:
                if t.value in per_t:
                    per_t[t.value].append(site.by_id[ident])
        lignes.append(
            {
                "nom": b.nom,
                "url": f"{bassin_url(e, b)}#{c.value}",
                "cellule": cellule_view(e, b, c),
                "thematiques": [_sous_cellule(per_t[t.value]) for t in thematiques],
            }
        )
    lacunes = [b.nom for b in m.bassins if m.cellule(b.code, c.value).lacune]
    complets = [
        b.nom
        for b in m.bassins
        if m.cellule(b.code, c.value).comptages and not m.cellule(b.code, c.value).places_disponibles
    ]
    mid_text = str(mid).replace(".", ",") if mid != int(mid) else str(int(mid))
    url = categorie_url(c)
    return {
        **site.commun(url, f"État de l'offre : {c.label}", description=f"{c.label} : offres et places par bassin d'emploi.", section="etat"),
        "ariane": _breadcrumb(),
        "ariane_titre": c.label,
        "h1": f"{c.label} : état de l'offre par bassin",
        "mediane": f"Médiane : {mid_text} offre{'s' if mid > 1 else ''} par bassin. Une case est signalée « sur-offre possible » au-delà de {etat.SUR_OFFRE_FACTEUR} fois la médiane, avec au moins {etat.SUR_OFFRE_MINIMUM} offres.",
        "lacunes": lacunes,
        "complets": complets,
        "lignes": lignes,
        "thematiques": [{"label": t.label, "url": f"thematiques/{t.value}/"} for t in thematiques],
        "liste": f"thematiques/{c.value}/",
        "recherche": f"recherche/?thematique={c.value}",
    }


def _sous_cellule(vues: list[OffreVue]) -> dict:
    counted = [v for v in vues if v.offre.places]
    return {
        "lacune": not vues,
        "nombre_texte": pluriel(len(vues), "offre") if vues else "aucune offre",
        "places_texte": places_texte(sum(v.offre.places.total for v in counted), sum(v.offre.places.disponibles for v in counted), len(counted)) if vues else "",
    }


# ----- one bassin across categories ------------------------------------------------------------------------------


def _offre_ligne(vue: OffreVue) -> dict:
    p = vue.offre.places
    if not p:
        places = ""
    elif vue.places_a_confirmer:
        places = f"places à confirmer (comptage du {date_fr(p.date)})"
    else:
        places = places_texte(p.total, p.disponibles, 1)
    return {"nom": vue.offre.nom, "url": offre_url(vue.id), "structure": vue.structure.nom, "places": places}


def bassin_view(e: Etat, b: etat.Bassin) -> dict:
    site, m = e.site, e.matrice
    lignes, sections = [], []
    for c in m.categories:
        cell = m.cellule(b.code, c.value)
        lignes.append({"label": c.label, "code": c.value, "cellule": cellule_view(e, b, c)})
        vues = sorted((site.by_id[i] for i in cell.offres), key=by_name)
        sections.append(
            {
                "label": c.label,
                "code": c.value,
                "lacune": cell.lacune,
                "sur_offre": cell.sur_offre,
                "resume": cellule_view(e, b, c),
                "offres": [_offre_ligne(v) for v in vues],
                "recherche": f"recherche/?thematique={c.value}",
                "vue_thematique": categorie_url(c),
            }
        )
    url = bassin_url(e, b)
    return {
        **site.commun(url, f"État de l'offre : {b.nom}", description=f"{b.nom} : offres et places par thématique.", section="etat"),
        "ariane": _breadcrumb(),
        "ariane_titre": b.nom,
        "h1": f"{b.nom} : état de l'offre par thématique",
        "communes": pluriel(len(b.communes), "commune"),
        "lacunes": [row["label"] for row in lignes if row["cellule"]["lacune"]],
        "lignes": lignes,
        "sections": sections,
        "territoires": _territory_links(e, b),
    }


# ----- duplicates ---------------------------------------------------------------------------------------------------


def _offre_doublon(site: Site, ident: str) -> dict:
    vue = site.by_id[ident]
    return {
        "id": ident,
        "nom": vue.offre.nom,
        "url": offre_url(ident),
        "structure": vue.structure.nom,
        "structure_url": f"structures/{vue.structure_id}/",
        "zone": ", ".join(zone_label(site, vue.offre.zone_eligibilite)),
        "fichier": f"offers/{ident}.yml",
    }


DOUBLONS_PAR_PAGE = 100
DOUBLONS_CSV = "doublons.csv"


def doublons_url(n: int) -> str:
    return f"{BASE}doublons/" if n == 1 else f"{BASE}doublons/{n}/"


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
                    "modifier": forge_links(site.territoire, d.a, a["nom"], "").get("modifier", ""),
                }
            )
        first = (n - 1) * per_page + 1
        titre = "Doublons possibles" if n == 1 else f"Doublons possibles, page {n}"
        views.append(
            {
                **site.commun(doublons_url(n), titre, description="Offres de structures différentes qui se ressemblent : à vérifier.", section="etat"),
                "ariane": _breadcrumb(),
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
                "csv": f"{BASE}{DOUBLONS_CSV}",
                "accueil": doublons_url(1),
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
        out.append({"texte": "Page précédente", "url": doublons_url(n - 1), "courante": False})
    previous = 0
    for k in keep:
        if k > previous + 1:
            out.append({"texte": "…", "url": "", "courante": False})
        out.append({"texte": f"Page {k}", "url": doublons_url(k), "courante": k == n})
        previous = k
    if n < count:
        out.append({"texte": "Page suivante", "url": doublons_url(n + 1), "courante": False})
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


# ----- offers to update -------------------------------------------------------------------------------------------------


def a_mettre_a_jour_view(e: Etat) -> dict:
    site = e.site
    groupes = []
    for g in e.relances:
        offres = []
        for v in g.offres:
            offres.append(
                {
                    "id": v.id,
                    "nom": v.offre.nom,
                    "url": offre_url(v.id),
                    "date": date_fr(v.offre.date_maj),
                    "date_iso": v.offre.date_maj.isoformat(),
                    "etat": "plus publiée" if v.fraicheur == "perimee" else "à mettre à jour",
                    "frequence": "tous les mois" if v.frequence_maj == 1 else f"tous les {v.frequence_maj} mois",
                    "modifier": forge_links(site.territoire, v.id, v.offre.nom, "").get("modifier", ""),
                }
            )
        groupes.append(
            {
                "id": g.structure_id,
                "nom": g.structure.nom,
                "url": f"structures/{g.structure_id}/",
                "mainteneurs": list(g.structure.mainteneurs),
                "offres": offres,
            }
        )
    total = sum(len(g["offres"]) for g in groupes)
    url = f"{BASE}a-mettre-a-jour/"
    return {
        **site.commun(url, "Offres à mettre à jour", description="Offres qui n'ont pas été vérifiées dans les temps, par structure.", section="etat"),
        "ariane": _breadcrumb(),
        "ariane_titre": "Offres à mettre à jour",
        "resume": (
            f"{pluriel(total, 'offre')} de {pluriel(len(groupes), 'structure')} "
            + ("n'a pas été vérifiée" if total == 1 else "n'ont pas été vérifiées")
            + " dans les temps prévus par leur fréquence de mise à jour."
            if total
            else "Toutes les offres ont été vérifiées dans les temps prévus par leur fréquence de mise à jour."
        ),
        "groupes": groupes,
    }


# ----- CSV and writing ----------------------------------------------------------------------------------------------------


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
    out = r.out / BASE
    jobs: list[Job] = [partial(r.page, "etat.html", partial(etat_view, e))]
    jobs += [partial(r.page, "etat_thematique.html", partial(categorie_view, e, c)) for c in e.matrice.categories]
    jobs += [partial(r.page, "etat_bassin.html", partial(bassin_view, e, b)) for b in e.matrice.bassins]
    jobs += [partial(r.page, "etat_doublons.html", view) for view in doublons_views(e)]
    jobs.append(partial(r.page, "etat_a_mettre_a_jour.html", partial(a_mettre_a_jour_view, e)))
    jobs.append(lambda: write(out / CSV_NAME, matrice_csv(e)))
    jobs.append(lambda: write(out / DOUBLONS_CSV, doublons_csv(e)))
    return jobs


def write_pages(site: Site, out: Path) -> int:
    """Write every « état de l'offre » page and the CSV into `out`; returns the number of pages."""
    return run(jobs(site, Renderer(site, out))) - 2
