"""« État de l'offre » pages: the bassin × thématique matrix (with its CSV and a chart), one page per
thématique category and per bassin, the possible duplicates and the offers to update.

Figures come from `generator.site.etat.analyse`; this module only turns them into plain dicts for the
``etat*.html`` templates (no logic in templates). Everything a user reads is in French.
Every step is linear in the number of (offer, bassin) pairs counted by the matrix.

URLs (relative to the site root):
- ``etat-de-l-offre/``: key figures, matrix, gaps, chart + data table, links;
- ``etat-de-l-offre/matrice.csv``: the matrix, one row per (bassin, category);
- ``etat-de-l-offre/thematiques/<categorie>/``: one category across bassins (and its thématiques);
- ``etat-de-l-offre/bassins/<bassin>/``: one bassin across categories, with the counted offers
  (each matrix cell links to its section ``#<categorie>`` there);
- ``etat-de-l-offre/doublons/`` (then ``doublons/2/``…) with ``doublons.csv`` (every member of every group);
- ``etat-de-l-offre/a-mettre-a-jour/``.
"""

from dataclasses import dataclass, field

from generator import urls
from generator.model.slug import slugify
from generator.model.vocab import Categorie
from generator.site.context import Site, territoire_codes
from generator.site.etat import analyse as etat
from generator.site.etat.duplicates import Groupe, groupes
from generator.site.formatting import date_fr, pluriel


@dataclass
class Etat:
    """Everything the pages need, computed once."""

    site: Site
    matrice: etat.Matrice
    doublons: list[Groupe]  # possible duplicates, as groups
    relances: list[etat.ARelancer]
    chiffres: etat.Chiffres
    slugs: dict[str, str]  # bassin code -> URL segment
    territoires: set[str]  # codes that have a territory page
    # A territory of several départements: the overview has one row per département (this matrix, same
    # counting rule), each leading to the page of its bassins; None for a territory of one département.
    par_departement: etat.Matrice | None = None
    bassins_de: dict[str, list[etat.Bassin]] = field(default_factory=dict)  # département -> its bassins


def compute(site: Site) -> Etat:
    bassins = etat.bassins(site.territoire, site.ref, list(site.territoire.departements))
    m = etat.matrice(site.vues, bassins, site.ref)
    groups = groupes(site.vues, site.ref)
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for b in bassins:
        base = slugify(b.code) or "bassin"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        slugs[b.code] = slug
    departements = list(site.territoire.departements)
    par_departement, bassins_de = None, {}
    if len(departements) > 1:
        par_departement = etat.matrice(site.vues, etat.departements(site.ref, departements), site.ref)
        bassins_de = {d: [] for d in departements}
        for b in bassins:
            for d in etat.departements_of(b, site.ref):
                bassins_de[d].append(b)
    return Etat(
        site=site,
        matrice=m,
        doublons=groups,
        relances=etat.a_mettre_a_jour(site.vues),
        chiffres=etat.chiffres(site.vues, len(site.structures), m, len(groups)),
        slugs=slugs,
        territoires={code for _, code in territoire_codes(site)},
        par_departement=par_departement,
        bassins_de=bassins_de,
    )


def categorie_url(c: Categorie) -> str:
    return urls.etat_thematique(c.value)


def bassin_url(e: Etat, b: etat.Bassin) -> str:
    return urls.etat_bassin(e.slugs[b.code])


def taille(text: str) -> str:
    """A download's size, as the page says it: « 48 ko », « 2,1 Mo »."""
    n = len(text.encode("utf-8"))
    if n < 1_000_000:
        return f"{max(1, round(n / 1000))} ko"
    return f"{n / 1_000_000:.1f} Mo".replace(".", ",")


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


def partielles_texte(cell: etat.Cellule) -> str:
    n = len(cell.partielles)
    if not n:
        return ""
    return f"dont {n} pour une partie des communes seulement"


def recents_texte(cell: etat.Cellule) -> str:
    if not cell.comptages:
        return ""
    return f"{pourcentage(cell.part_fraiche)} des comptages récents"


def cellule_view(e: Etat, b: etat.Bassin, c: Categorie, m: etat.Matrice | None = None, url: str = "") -> dict:
    """A cell of a bassin (or of a département: its matrix `m` and the `url` its cell leads to)."""
    cell = (m or e.matrice).cellule(b.code, c.value)
    return {
        "lacune": cell.lacune,
        "sur_offre": cell.sur_offre,
        "nombre": cell.nombre,
        "nombre_texte": "aucune offre" if cell.lacune else pluriel(cell.nombre, "offre"),
        "partielles_texte": partielles_texte(cell),
        "places_texte": "" if cell.lacune else places_texte(cell.places_total, cell.places_disponibles, cell.comptages),
        "recents_texte": recents_texte(cell),
        "contexte": f"{c.label}, {b.nom}",
        "url": url or f"{bassin_url(e, b)}#{c.value}",
    }


def breadcrumb(parent: dict | None = None) -> list[dict]:
    out = [{"label": "Accueil", "url": ""}, {"label": "État de l'offre", "url": urls.ETAT}]
    return out + ([parent] if parent else [])


def territory_links(e: Etat, b: etat.Bassin) -> list[dict]:
    """Territory pages (EPCI, département) that match the bassin, to browse or search its offers."""
    site = e.site
    codes = [b.code] if b.code in e.territoires else []
    if not codes and site.territoire.bassins:
        for conf in site.territoire.bassins:
            if conf.nom == b.nom:
                codes = [code for code in conf.codes if code in e.territoires]
    return [{"label": site.ref.nom(code), "url": urls.territoire(code)} for code in codes]


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


def lacune(c: Categorie, vides: list[etat.Bassin], sur: int, url, resume: str = "") -> dict:
    """A category's gaps: the rows (départements or bassins) without any offer of it."""
    return {"label": c.label, "url": categorie_url(c), "tous": len(vides) == sur, "resume": resume,
            "bassins": [{"nom": b.nom, "url": url(b)} for b in vides]}


def sur_offre(categories: list[Categorie], matrice: etat.Matrice, rows: list[etat.Bassin], url) -> list[dict]:
    """The cells flagged « sur-offre possible », by category then row."""
    return [
        {"label": c.label, "bassin": b.nom, "url": url(b, c), "nombre": pluriel(matrice.cellule(b.code, c.value).nombre, "offre")}
        for c in categories
        for b in rows
        if matrice.cellule(b.code, c.value).sur_offre
    ]


def etat_view(e: Etat) -> dict:
    site, m, ch = e.site, e.matrice, e.chiffres
    mv = matrice_view(e)
    totaux = mv.pop("totaux")
    lacunes = []
    for c in m.categories:
        vides = [b for b in m.bassins if m.cellule(b.code, c.value).lacune]
        if vides:
            lacunes.append(lacune(c, vides, len(m.bassins), lambda b, c=c: f"{bassin_url(e, b)}#{c.value}"))
    a_relancer = sum(len(g.offres) for g in e.relances)
    configured = bool(site.territoire.bassins)
    return {
        **site.commun(urls.ETAT, "État de l'offre", description="État de l'offre d'insertion : offres et places par bassin et par thématique, lacunes, doublons, fraîcheur.", section="etat"),
        "ariane": breadcrumb()[:1],
        "ariane_titre": "État de l'offre",
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
            {"nombre": ch.lacunes, "texte": f"{_mot(ch.lacunes, 'case vide', 'cases vides')} sur {len(m.bassins) * len(m.categories)} (bassin × thématique)", "url": urls.ETAT + "#lacunes"},
            {"nombre": ch.doublons, "texte": _mot(ch.doublons, "groupe de doublons possibles", "groupes de doublons possibles"), "url": urls.etat_doublons()},
            {"nombre": a_relancer, "texte": _mot(a_relancer, "offre à mettre à jour", "offres à mettre à jour"), "url": urls.PAGES["etat_a_mettre_a_jour"]},
        ],
        "regle": etat.REGLE,
        "bassins_texte": (
            f"Les {pluriel(len(m.bassins), 'bassin')} d'emploi sont ceux définis par le territoire."
            if configured
            else f"Faute de bassins d'emploi définis dans la configuration du territoire, chaque ligne est un EPCI (intercommunalité) : {pluriel(len(m.bassins), 'ligne')}."
        ),
        "unite": "bassin" if configured else "EPCI",
        "unite_titre": "Bassin" if configured else "EPCI",
        "matrice": mv,
        "csv": urls.ETAT_MATRICE_CSV,
        "csv_ligne": f"case {'bassin' if configured else 'EPCI'} × thématique",
        "csv_taille": "",  # set by pages.py, which writes the file
        "lien_lignes": "Chaque case mène à la liste des offres comptées, sur la page du bassin.",
        "lignes_titre": "Un bassin, toutes les thématiques",
        "lacunes": lacunes,
        "sur_offre": sur_offre(m.categories, m, m.bassins, lambda b, c: f"{bassin_url(e, b)}#{c.value}"),
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
