"""État de l'offre: one category, one bassin, the offers to update."""

from statistics import median

from generator import urls
from generator.model.vocab import Categorie, Thematique, categorie_of
from generator.pipeline.enrich import OffreVue
from generator.site.context import by_name
from generator.site.etat import analyse as etat
from generator.site.etat.vues import Etat, bassin_url, breadcrumb, categorie_url, cellule_view, places_texte, territory_links
from generator.site.formatting import date_fr, pluriel
from generator.site.pages import pagination

LISTE_MAX = 30  # offers listed per thématique on a bassin's page (all of them are in its CSV)


def categorie_view(e: Etat, c: Categorie, lignes: bool = True) -> dict:
    """One thématique category, one row per bassin (`lignes=False`: without them, see departements.py)."""
    site, m = e.site, e.matrice
    counts = [m.cellule(b.code, c.value).nombre for b in m.bassins]
    mid = median(counts) if counts else 0
    thematiques = [t for t in Thematique if categorie_of(t) == c]
    rows = []
    for b in m.bassins if lignes else []:
        cell = m.cellule(b.code, c.value)
        per_t = {t.value: [] for t in thematiques}
        for ident in cell.offres:
            for t in site.by_id[ident].offre.thematiques:
                if t.value in per_t:
                    per_t[t.value].append(site.by_id[ident])
        rows.append(
            {
                "nom": b.nom,
                "url": f"{bassin_url(e, b)}#{c.value}",
                "cellule": cellule_view(e, b, c),
                "thematiques": [sous_cellule(per_t[t.value]) for t in thematiques],
                "sans_offre": "",
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
        "ariane": breadcrumb(),
        "ariane_titre": c.label,
        "h1": f"{c.label} : état de l'offre par bassin",
        "regle": etat.REGLE,
        "mediane": f"Médiane : {mid_text} offre{'s' if mid > 1 else ''} par bassin. Une case est signalée « sur-offre possible » au-delà de {etat.SUR_OFFRE_FACTEUR} fois la médiane, avec au moins {etat.SUR_OFFRE_MINIMUM} offres.",
        "lacunes": lacunes,
        "complets": complets,
        "lignes": rows,
        "unite": "bassin",
        "unite_titre": "Bassin",
        "note": "",
        "thematiques": [{"label": t.label, "url": urls.thematique(t.value)} for t in thematiques],
        "liste": urls.thematique(c.value),
        "recherche": urls.recherche(thematique=c.value),
    }


def sous_cellule(vues: list[OffreVue]) -> dict:
    counted = [v for v in vues if v.offre.places]
    return {
        "lacune": not vues,
        "nombre_texte": pluriel(len(vues), "offre") if vues else "aucune offre",
        "places_texte": places_texte(sum(v.offre.places.total for v in counted), sum(v.offre.places.disponibles for v in counted), len(counted)) if vues else "",
    }


def _offre_ligne(vue: OffreVue, b: etat.Bassin, cell: etat.Cellule) -> dict:
    p = vue.offre.places
    if not p:
        places = ""
    elif vue.places_a_confirmer:
        places = f"places à confirmer (comptage du {date_fr(p.date)})"
    else:
        places = places_texte(p.total, p.disponibles, 1)
    return {
        "nom": vue.offre.nom,
        "url": urls.offre(vue.id),
        "structure": vue.structure.nom,
        "places": places,
        "partielle": "pour une partie des communes seulement" if vue.id in cell.partielles else "",
        "lieu": lieu_texte(vue, b),
    }


def lieu_texte(vue: OffreVue, b: etat.Bassin) -> str:
    if any(c in b.communes for c in vue.communes):
        return "accueil dans le bassin"
    return "accueil hors du bassin" if vue.offre.lieux else "sans lieu d'accueil"


def communes_texte(b: etat.Bassin) -> str:
    """« 15 communes », and how many communes of its territories are left out, outside the catalogue's
    départements (an EPCI's territory page says the same: `etat.dans_le_territoire`)."""
    text = pluriel(len(b.communes), "commune")
    if b.hors:
        text += f" des départements du catalogue (sans compter {pluriel(b.hors, 'autre commune', 'autres communes')} de ce bassin, hors de ces départements)"
    return text


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
                "offres": [_offre_ligne(v, b, cell) for v in vues[:LISTE_MAX]],
                "autres": pluriel(len(vues) - LISTE_MAX, "autre offre", "autres offres") if len(vues) > LISTE_MAX else "",
                "recherche": urls.recherche(thematique=c.value),
                "vue_thematique": categorie_url(c),
            }
        )
    url = bassin_url(e, b)
    return {
        **site.commun(url, f"État de l'offre : {b.nom}", description=f"{b.nom} : offres et places par thématique.", section="etat"),
        "ariane": breadcrumb(),
        "ariane_titre": b.nom,
        "h1": f"{b.nom} : état de l'offre par thématique",
        "communes": communes_texte(b),
        "regle": etat.REGLE,
        "csv": urls.etat_bassin_csv(e.slugs[b.code]),
        "liste_max": LISTE_MAX,
        "lacunes": [row["label"] for row in lignes if row["cellule"]["lacune"]],
        "lignes": lignes,
        "sections": sections,
        "territoires": territory_links(e, b),
    }


OFFRES_PAR_PAGE = pagination.PAR_PAGE  # offers to update per page (a structure may continue on the next one)


def _offre_a_jour(e: Etat, v: OffreVue) -> dict:
    return {
        "id": v.id,
        "nom": v.offre.nom,
        "url": urls.offre(v.id),
        "date": date_fr(v.offre.date_maj),
        "date_iso": v.offre.date_maj.isoformat(),
        "etat": "plus publiée" if v.fraicheur == "perimee" else "à mettre à jour",
        "frequence": "tous les mois" if v.frequence_maj == 1 else f"tous les {v.frequence_maj} mois",
        "modifier": urls.forge_links(e.site.territoire, v.id, v.offre.nom, "").get("modifier", ""),
    }


def a_mettre_a_jour_views(e: Etat, per_page: int | None = None) -> list[dict]:
    """The offers to update, by structure, `per_page` offers per page (a-mettre-a-jour/, then 2/…): each page
    stays small whatever the catalogue's size; a structure cut by a page break continues on the next."""
    site, per_page = e.site, per_page or OFFRES_PAR_PAGE
    flat = [(g, v) for g in e.relances for v in g.offres]
    total, structures = len(flat), len(e.relances)
    pages = pagination.count(total, per_page)
    resume = (
        f"{pluriel(total, 'offre')} de {pluriel(structures, 'structure')} "
        + ("n'a pas été vérifiée" if total == 1 else "n'ont pas été vérifiées")
        + " dans les temps prévus par leur fréquence de mise à jour."
        if total
        else "Toutes les offres ont été vérifiées dans les temps prévus par leur fréquence de mise à jour."
    )
    views = []
    for n in range(1, pages + 1):
        groupes: list[dict] = []
        for g, v in pagination.window(flat, n, per_page):
            if not groupes or groupes[-1]["id"] != g.structure_id:
                suite = not groupes and g.offres[0] is not v
                groupes.append(
                    {
                        "id": g.structure_id,
                        "nom": g.structure.nom + (" (suite)" if suite else ""),
                        "url": urls.structure(g.structure_id),
                        "mainteneurs": list(g.structure.mainteneurs),
                        "nombre": pluriel(len(g.offres), "offre à mettre à jour", "offres à mettre à jour"),
                        "offres": [],
                    }
                )
            groupes[-1]["offres"].append(_offre_a_jour(e, v))
        url = urls.etat_a_mettre_a_jour(n)
        titre = "Offres à mettre à jour" if n == 1 else f"Offres à mettre à jour, page {n}"
        first = (n - 1) * per_page + 1
        views.append(
            {
                **site.commun(url, titre, description="Offres qui n'ont pas été vérifiées dans les temps, par structure.", section="etat"),
                "ariane": breadcrumb(),
                "ariane_titre": titre,
                "h1": titre,
                "resume": resume,
                "groupes": groupes,
                "pages": pagination.links(urls.etat_a_mettre_a_jour(1), n, pages),
                "etendue": f"Offres {first} à {min(total, n * per_page)} sur {total}, par structure." if pages > 1 else "",
            }
        )
    return views
