"""Every public URL of the site, defined once: pages, feeds, data files, forge links.

Page addresses are relative to a language's root (``offres/a/b/``; the English page is under ``en/``);
editorial pages, data files and assets are relative to the site's root (one copy for every language).
Templates read `PAGES` (the fixed pages) and the views' ``url`` keys; the open data (`absolute`) and the
browser code (`for_browser`: patterns handed to the page in ``data-urls``) build theirs from here too.
A test follows every link of the built site.
"""

from urllib.parse import quote, urlencode

from generator.model import ticket
from generator.model.territoire import Territoire

# Fixed pages, in every language (relative to a language's root).
ACCUEIL = ""
RECHERCHE = "recherche/"
CARTE = "carte/"
SELECTION = "selection/"
PARCOURS = "parcours/"
# French-only pages and files (relative to the site's root).
ETAT = "etat-de-l-offre/"
PROPOSER = "proposer/"
PROPOSER_STRUCTURES = PROPOSER + "structures.json"  # the form's structures (index by key), fetched by proposer.js (contribute/form.py)
PROPOSER_STRUCTURES_DETAIL = PROPOSER + "structures-{cle}.json"  # the details of the structures of one key, fetched for the chosen one
PROPOSER_INTERCOMMUNALITES = PROPOSER + "intercommunalites-{dep}.json"  # the EPCI of one département, fetched when it is picked
ADMIN = "admin/"
DONNEES = "donnees/"
A_PROPOS = "a-propos/"
ACCESSIBILITE = "accessibilite/"
CONTRIBUER = "contribuer/"
ASSETS = "assets/catalogue/"
PAGEFIND = "pagefind/"
GEO = "geo/"
# The search's synonyms, and the words of the offers it corrects to (generator/site/search/vocabulaire.py).
SYNONYMES = "recherche-synonymes.json"
VOCABULAIRE = "recherche-vocabulaire.json"
BESOINS = "besoins/"  # the parcours page's data: per category of needs, one file per département and france.json (site/pages/parcours.py)
FLUX = "flux.atom"

# For the templates: `{{ root }}{{ pages.recherche }}`.
PAGES = {
    "accueil": ACCUEIL,
    "recherche": RECHERCHE,
    "carte": CARTE,
    "selection": SELECTION,
    "parcours": PARCOURS,
    "etat": ETAT,
    "etat_doublons": ETAT + "doublons/",
    "etat_a_mettre_a_jour": ETAT + "a-mettre-a-jour/",
    "proposer": PROPOSER,
    "proposer_structures": PROPOSER_STRUCTURES,
    "proposer_structures_detail": PROPOSER_STRUCTURES_DETAIL,
    "proposer_intercommunalites": PROPOSER_INTERCOMMUNALITES,
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


def proposer_structures_detail(cle: str) -> str:
    return PROPOSER_STRUCTURES_DETAIL.format(cle=cle)


def proposer_intercommunalites(dep: str) -> str:
    return PROPOSER_INTERCOMMUNALITES.format(dep=dep)


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


def etat_departement(code: str) -> str:
    """A département of a territory of several: its bassins (EPCI) × thématiques."""
    return f"{ETAT}departements/{code.lower()}/"


def etat_a_mettre_a_jour(n: int = 1) -> str:
    return page(PAGES["etat_a_mettre_a_jour"], n)


# The état's CSV downloads are bulk data: under donnees/ with the open data (no page or data file read by
# a page may pass 1 MB; a bassin's offers of a dense département do).
ETAT_DONNEES = DONNEES + ETAT


def etat_bassin_csv(slug: str) -> str:
    """Every offer counted in a bassin, one row per (thématique category, offer)."""
    return f"{ETAT_DONNEES}bassins/{slug}.csv"


def etat_doublons(n: int = 1) -> str:
    return page(PAGES["etat_doublons"], n)


ETAT_MATRICE_CSV = ETAT_DONNEES + "matrice.csv"
ETAT_DOUBLONS_CSV = ETAT_DONNEES + "doublons.csv"


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
        "synonymes": site_root + SYNONYMES,
        "vocabulaire": site_root + VOCABULAIRE,
        "parcours": root + PARCOURS,
        "besoins": site_root + BESOINS + "{fichier}",
    }


def fichier_offre(offres_dir: str, ident: str) -> str:
    """An offer's file in the repository (``offers/<structure>/<offre>.yml``)."""
    return f"{offres_dir}/{ident}.yml"


def _component(text: str, safe: str = "", encoding: str | None = None, errors: str | None = None) -> str:
    """Percent-encoding of JavaScript's encodeURIComponent, so that the browser rebuilds the same links."""
    return quote(text, safe="!'()*", encoding=encoding, errors=errors)


def _issue_form(forge, form: str, titre: str, champs: dict[str, str], corps: str | None) -> str:
    """The forge's new-issue page with the issue form `form` (.github/ISSUE_TEMPLATE), prefilled.

    GitHub fills the form's fields from parameters named by their ids; GitLab (template by its name) and
    Gitea/Forgejo (template by its path) get the same answers as the issue's text (`corps`; None: left out)."""
    base = str(forge.url).rstrip("/")
    if forge.type == "gitlab":
        query = {"issuable_template": form.rsplit(".", 1)[0], "issue[title]": titre}
        query |= {} if corps is None else {"issue[description]": corps}
        return f"{base}/-/issues/new?" + urlencode(query, quote_via=_component)
    if forge.type == "gitea":
        query = {"template": f".github/ISSUE_TEMPLATE/{form}", "title": titre}
        query |= {} if corps is None else {"body": corps}
        return f"{base}/issues/new?" + urlencode(query, quote_via=_component)
    champs = {k: v for k, v in champs.items() if v}  # an empty answer is left out (the browser does the same)
    return f"{base}/issues/new?" + urlencode({"template": form, "title": titre, **champs}, quote_via=_component)


def mailto(adresse: str, sujet: str, corps: str | None) -> str:
    """A prefilled e-mail (RFC 6068: spaces as %20, never +); `corps` None: the subject only."""
    return f"mailto:{adresse}?" + urlencode({"subject": sujet, **({} if corps is None else {"body": corps})}, quote_via=_component)


def forge_links(territoire: Territoire, ident: str, nom: str, page_url: str, offres_dir: str = "offers") -> dict:
    """« Modifier » and « Signaler une erreur » on the forge that hosts the repository, and by e-mail to the
    catalogue's `contact` (``signaler_courriel``): each key only when territoire.yml allows it."""
    forge = territoire.forge
    titre = ticket.TITLES["erreur"].format(id=ident)
    corps = f"Offre : {nom} ({ident})\nPage : {page_url}\n\nQu'est-ce qui est faux ou manquant ?\n"
    out = {"modifier": "", "signaler": "", "signaler_courriel": ""}  # every key, for the templates
    if territoire.contact:
        out["signaler_courriel"] = mailto(str(territoire.contact), titre, corps)
    if not forge:
        return out if out["signaler_courriel"] else {}
    base = str(forge.url).rstrip("/")
    path = fichier_offre(offres_dir, ident)
    if forge.type == "gitlab":
        out["modifier"] = f"{base}/-/edit/{forge.branche}/{quote(path)}"
    else:
        out["modifier"] = f"{base}/{'_edit' if forge.type == 'gitea' else 'edit'}/{forge.branche}/{quote(path)}"
    out["signaler"] = _issue_form(forge, ticket.ERROR_FORM, titre, {"offre": ident}, corps)
    return out


def partner_links(territoire: Territoire, ident: str, disponibles: int | None = None, total: int | None = None) -> dict:
    """The offer page's « Mettre à jour les places » and « Rien n'a changé » for its partner: issue forms of
    the forge and e-mails to the catalogue's contact, prefilled with the current figures (``places.js``
    rebuilds them from what the partner types, from ``ticket``: the form's address without the figures,
    ``corps``: the parameter that carries the issue's text, empty on GitHub where fields are filled, and
    ``courriel``: the e-mail without its text)."""
    forge = territoire.forge
    figures = {"offre": ident, "disponibles": "" if disponibles is None else str(disponibles), "total": "" if total is None else str(total)}
    places_titre = ticket.TITLES["places"].format(id=ident)
    rien_titre = ticket.TITLES["confirmation"].format(id=ident)
    rien = {"offre": ident, "verifie": f"- [X] {ticket.CONFIRM_CHECK}"}
    out: dict = {"id": ident, "libelles": ticket.PLACES_FIELDS, "disponibles": figures["disponibles"], "total": figures["total"]}
    out |= dict.fromkeys(("contact", "places_courriel", "courriel", "rien_courriel", "places", "ticket", "corps", "forge_nom", "rien"), "")
    if territoire.contact:
        out["contact"] = str(territoire.contact)
        out["places_courriel"] = mailto(out["contact"], places_titre, ticket.body(ticket.PLACES_FIELDS, figures))
        out["courriel"] = mailto(out["contact"], places_titre, None)
        out["rien_courriel"] = mailto(out["contact"], rien_titre, ticket.body(ticket.CONFIRM_FIELDS, rien))
    if forge:
        out["places"] = _issue_form(forge, ticket.PLACES_FORM, places_titre, figures, ticket.body(ticket.PLACES_FIELDS, figures))
        out["ticket"] = _issue_form(forge, ticket.PLACES_FORM, places_titre, {"offre": ident}, None)
        out["corps"] = {"gitlab": "issue[description]", "gitea": "body"}.get(forge.type, "")
        out["forge_nom"] = {"gitlab": "GitLab", "gitea": "Gitea"}.get(forge.type, "GitHub")
        out["rien"] = _issue_form(forge, ticket.CONFIRM_FORM, rien_titre, {"offre": ident}, ticket.body(ticket.CONFIRM_FIELDS, rien))
    return out if (out["places"] or out["places_courriel"]) else {}
