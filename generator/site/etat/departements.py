"""État de l'offre of a territory of several départements: pages that stay small whatever its size.

A national or regional catalogue has hundreds of EPCI: one row each would make the overview and each
thématique page several megabytes. There (``Etat.par_departement`` set, see `vues.compute`) the overview
and the thématique pages have one row per département, counted by the same rule as a bassin (an offer
counts when the residents of at least one of its communes are eligible), and each département has its page
``etat-de-l-offre/departements/<code>/`` with the rows of its bassins (EPCI). A territory of one département
keeps its pages as they are.
"""

from statistics import median

from generator import urls
from generator.model.vocab import Categorie, Thematique, categorie_of
from generator.site.etat import analyse as etat
from generator.site.etat.detail import categorie_view, sous_cellule
from generator.site.etat.vues import Etat, bassin_url, breadcrumb, categorie_url, cellule_view, etat_view, lacune, places_texte, sur_offre
from generator.site.formatting import pluriel


def departement_url(d: etat.Bassin) -> str:
    return urls.etat_departement(d.code)


def _unite(e: Etat) -> str:
    return "bassin" if e.site.territoire.bassins else "EPCI"


def _sans_offre(e: Etat, c: Categorie) -> int:
    return sum(e.matrice.cellule(b.code, c.value).lacune for b in e.matrice.bassins)


def vue_generale(e: Etat) -> dict:
    """The overview page of a territory of several départements: `etat_view`, with département rows."""
    view = etat_view(e)
    md, m, unite = e.par_departement, e.matrice, _unite(e)
    view["matrice"]["lignes"] = [
        {"nom": d.nom, "url": departement_url(d), "cellules": [cellule_view(e, d, c, md, departement_url(d)) for c in m.categories]}
        for d in md.bassins
    ]
    lacunes = []
    for c in m.categories:
        n = _sans_offre(e, c)
        if n:
            vides = [d for d in md.bassins if md.cellule(d.code, c.value).lacune]
            resume = (f"aucune offre dans {pluriel(n, unite, unite if unite == 'EPCI' else 'bassins')} sur {len(m.bassins)}"
                      + (", dont tous ceux de : " if vides else " (voir la page de chaque département)."))
            lacunes.append(lacune(c, vides, len(md.bassins), lambda d: f"{departement_url(d)}#lacunes", resume))
    view["lacunes"] = lacunes
    view["sur_offre"] = sur_offre(m.categories, md, md.bassins, lambda d, c: departement_url(d))
    view["seuil_sur_offre"] = f"plus de {etat.SUR_OFFRE_FACTEUR} fois la médiane des départements pour cette thématique, et au moins {etat.SUR_OFFRE_MINIMUM} offres"
    view["bassins_texte"] = (
        f"Le territoire compte {pluriel(len(md.bassins), 'département')} et {pluriel(len(m.bassins), unite, unite if unite == 'EPCI' else 'bassins')} : "
        f"chaque ligne est un département, dont la page donne une ligne par {unite}. Une offre compte dans un département quand les habitants "
        "d'au moins une de ses communes y ont droit."
    )
    view["unite"], view["unite_titre"] = "département", "Département"
    view["lien_lignes"] = "Chaque case mène à la page du département, qui détaille ses lignes."
    view["lignes_titre"] = f"Un département : ses {unite if unite == 'EPCI' else 'bassins'}, toutes les thématiques"
    view["bassins"] = [{"nom": d.nom, "url": departement_url(d)} for d in md.bassins]
    return view


def departement_view(e: Etat, d: etat.Bassin) -> dict:
    """One département: the matrix of its bassins, its total row (the overview's row), its gaps."""
    m, md, unite = e.matrice, e.par_departement, _unite(e)
    bassins = e.bassins_de[d.code]
    url = departement_url(d)
    lacunes = []
    for c in m.categories:
        vides = [b for b in bassins if m.cellule(b.code, c.value).lacune]
        if vides:
            lacunes.append(lacune(c, vides, len(bassins), lambda b, c=c: f"{bassin_url(e, b)}#{c.value}"))
    total = []
    for c in m.categories:
        cell = md.cellule(d.code, c.value)
        total.append(
            {
                "nombre_texte": pluriel(cell.nombre, "offre") if cell.nombre else "aucune offre",
                "places_texte": places_texte(cell.places_total, cell.places_disponibles, cell.comptages) if cell.nombre else "",
            }
        )
    ailleurs = [b.nom for b in bassins if len(etat.departements_of(b, e.site.ref)) > 1]
    return {
        **e.site.commun(url, f"État de l'offre : {d.nom}", description=f"{d.nom} : offres et places par {unite} et par thématique.", section="etat"),
        "ariane": breadcrumb(),
        "ariane_titre": d.nom,
        "h1": f"{d.nom} : état de l'offre par {unite} et par thématique",
        "regle": etat.REGLE,
        "communes": pluriel(len(d.communes), "commune"),
        "unite": unite,
        "unite_titre": "Bassin" if unite == "bassin" else "EPCI",
        "ailleurs": (
            f"À cheval sur plusieurs départements du catalogue, {', '.join(ailleurs)}"
            + (" figure aussi sur la page de l'autre département, avec toutes ses communes." if len(ailleurs) == 1 else " figurent aussi sur la page de l'autre département, avec toutes leurs communes.")
            if ailleurs
            else ""
        ),
        "matrice": {
            "colonnes": [{"label": c.label, "code": c.value, "url": categorie_url(c)} for c in m.categories],
            "lignes": [{"nom": b.nom, "url": bassin_url(e, b), "cellules": [cellule_view(e, b, c) for c in m.categories]} for b in bassins],
            "total": total,
        },
        "lacunes": lacunes,
        "sur_offre": sur_offre(m.categories, m, bassins, lambda b, c: f"{bassin_url(e, b)}#{c.value}"),
        "seuil_sur_offre": f"plus de {etat.SUR_OFFRE_FACTEUR} fois la médiane de tous les bassins du catalogue pour cette thématique, et au moins {etat.SUR_OFFRE_MINIMUM} offres",
        "bassins": [{"nom": b.nom, "url": bassin_url(e, b)} for b in bassins],
    }


def categorie_view_departements(e: Etat, c: Categorie) -> dict:
    """One thématique category, one row per département (its bassins are on the département's page)."""
    view = categorie_view(e, c, lignes=False)
    site, md, unite = e.site, e.par_departement, _unite(e)
    thematiques = [t for t in Thematique if categorie_of(t) == c]
    lignes = []
    for d in md.bassins:
        cell = md.cellule(d.code, c.value)
        per_t = {t.value: [] for t in thematiques}
        for ident in cell.offres:
            for t in site.by_id[ident].offre.thematiques:
                if t.value in per_t:
                    per_t[t.value].append(site.by_id[ident])
        sans = sum(e.matrice.cellule(b.code, c.value).lacune for b in e.bassins_de[d.code])
        lignes.append(
            {
                "nom": d.nom,
                "url": departement_url(d),
                "cellule": cellule_view(e, d, c, md, departement_url(d)),
                "thematiques": [sous_cellule(per_t[t.value]) for t in thematiques],
                "sans_offre": f"{unite} sans offre : {sans} sur {len(e.bassins_de[d.code])}",
            }
        )
    counts = [md.cellule(d.code, c.value).nombre for d in md.bassins]
    mid = median(counts) if counts else 0
    mid_text = str(mid).replace(".", ",") if mid != int(mid) else str(int(mid))
    n = _sans_offre(e, c)
    view.update(
        {
            "h1": f"{c.label} : état de l'offre par département",
            "unite": "département",
            "unite_titre": "Département",
            "lignes": lignes,
            "lacunes": [d.nom for d in md.bassins if md.cellule(d.code, c.value).lacune],
            "complets": [d.nom for d in md.bassins if md.cellule(d.code, c.value).comptages and not md.cellule(d.code, c.value).places_disponibles],
            "mediane": f"Médiane : {mid_text} offre{'s' if mid > 1 else ''} par département. Une case est signalée « sur-offre possible » au-delà de {etat.SUR_OFFRE_FACTEUR} fois la médiane des départements, avec au moins {etat.SUR_OFFRE_MINIMUM} offres.",
            "note": f"Chaque ligne est un département ; sa page donne une ligne par {unite}. Dans tout le territoire, {n} {unite if unite == 'EPCI' or n <= 1 else 'bassins'} sur {len(e.matrice.bassins)} n'{'a' if n <= 1 else 'ont'} aucune offre de cette thématique.",
        }
    )
    return view
