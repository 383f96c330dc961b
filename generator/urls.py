"""Every public URL of the site, defined once: pages, feeds, data files, forge links.

Page addresses are relative to a language's root (``offres/a/b/``; the English page is under ``en/``);
editorial pages, data files and assets are relative to the site's root (one copy for every language).
Templates read `PAGES` (the fixed pages) and the views' ``url`` keys; the open data (`absolute`) and the
browser code (`for_browser`: patterns handed to the page in ``data-urls``) build theirs from here too.
A test follows every link of the built site.
"""

from urllib.parse import quote, urlencode

from generator.model.territoire import Territoire

# Fixed pages, in every language (relative to a language's root).
ACCUEIL = ""
RECHERCHE = "recherche/"
CARTE = "carte/"
SELECTION = "selection/"
# French-only pages and files (relative to the site's root).
ETAT = "etat-de-l-offre/"
PROPOSER = "proposer/"
ADMIN = "admin/"
DONNEES = "donnees/"
A_PROPOS = "a-propos/"
ACCESSIBILITE = "accessibilite/"
CONTRIBUER = "contribuer/"
ASSETS = "assets/catalogue/"
PAGEFIND = "pagefind/"
GEO = "geo/"
FLUX = "flux.atom"

# For the templates: `{{ root }}{{ pages.recherche }}`.
PAGES = {
    "accueil": ACCUEIL,
    "recherche": RECHERCHE,
    "carte": CARTE,
    "selection": SELECTION,
    "etat": ETAT,
    "etat_doublons": ETAT + "doublons/",
    "etat_a_mettre_a_jour": ETAT + "a-mettre-a-jour/",
    "proposer": PROPOSER,
    "admin": ADMIN,
    "donnees": DONNEES,
    "a_propos": A_PROPOS,
    "accessibilite": ACCESSIBILITE,
    "contribuer": CONTRIBUER,
    "assets": ASSETS,
}


def relroot(url: str) -> str:
    """Relative prefix from a page URL ("offres/a/b/") to the root it is relative to."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


def offre(ident: str) -> str:
    return f"offres/{ident}/"


def structure(sid: str) -> str:
    return f"structures/{sid}/"


def thematique(code: str) -> str:
    """A category's or a thématique's page (both are under thematiques/)."""
    return f"thematiques/{code}/"


def territoire(code: str) -> str:
    return f"territoires/{code}/"


def recherche(**criteria: str) -> str:
    """The search page with its criteria (``recherche/?thematique=mobilite``)."""
    return RECHERCHE + ("?" + urlencode(criteria) if criteria else "")


def page(url: str, n: int) -> str:
    """Page `n` of a list whose first page is `url` (``thematiques/mobilite/2/``)."""
    return url if n == 1 else f"{url}{n}/"


def flux(page_url: str) -> str:
    """The Atom feed that follows a category or territory page, from the site root."""
    return page_url + FLUX


def donnees(name: str) -> str:
    """An open-data file (``donnees/offres.csv``)."""
    return DONNEES + name


def etat_thematique(code: str) -> str:
    return f"{ETAT}thematiques/{code}/"


def etat_bassin(slug: str) -> str:
    return f"{ETAT}bassins/{slug}/"


def etat_doublons(n: int = 1) -> str:
    return page(PAGES["etat_doublons"], n)


ETAT_MATRICE_CSV = ETAT + "matrice.csv"
ETAT_DOUBLONS_CSV = ETAT + "doublons.csv"


def absolute(base_url: str, rel: str) -> str:
    """A URL of the published site (`base_url` from ``--base-url``), for the open data and feeds."""
    return f"{base_url.rstrip('/')}/{rel}"


def for_browser(root: str, site_root: str) -> dict[str, str]:
    """The patterns the page's scripts fill in (``{id}``, ``{fichier}``), relative to the page."""
    return {
        "offre": root + offre("{id}"),
        "selection": root + SELECTION,
        "recherche": root + RECHERCHE,
        "racine": site_root,
        "pagefind": site_root + PAGEFIND + "pagefind.js",
        "geo": site_root + GEO + "{fichier}",
    }


def fichier_offre(offres_dir: str, ident: str) -> str:
    """An offer's file in the repository (``offers/<structure>/<offre>.yml``)."""
    return f"{offres_dir}/{ident}.yml"


def forge_links(territoire: Territoire, ident: str, nom: str, page_url: str, offres_dir: str = "offers") -> dict:
    """« Modifier » and « Signaler une erreur » on the forge that hosts the repository."""
    forge = territoire.forge
    if not forge:
        return {}
    base = str(forge.url).rstrip("/")
    path = fichier_offre(offres_dir, ident)
    titre = f"Erreur sur l'offre {ident}"
    corps = f"Offre : {nom} ({ident})\nPage : {page_url}\n\nQu'est-ce qui est faux ou manquant ?\n"
    if forge.type == "gitlab":
        return {
            "modifier": f"{base}/-/edit/{forge.branche}/{quote(path)}",
            "signaler": f"{base}/-/issues/new?" + urlencode({"issue[title]": titre, "issue[description]": corps}),
        }
    return {
        "modifier": f"{base}/edit/{forge.branche}/{quote(path)}",
        "signaler": f"{base}/issues/new?" + urlencode({"title": titre, "body": corps, "labels": "signalement"}),
    }
