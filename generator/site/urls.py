"""Every public URL of the site, defined once: pages, feeds, data files, forge links."""

from urllib.parse import quote, urlencode

from generator.model.territoire import Territoire


def relroot(url: str) -> str:
    """Relative prefix from a page URL ("offres/a/b/") to the site root."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


FLUX = "flux.atom"


def flux_url(page_url: str) -> str:
    """The Atom feed that follows a category or territory page (generator/feeds.py), from the site root."""
    return page_url + FLUX


def offre_url(ident: str) -> str:
    return f"offres/{ident}/"


def forge_links(territoire: Territoire, ident: str, nom: str, page_url: str) -> dict:
    forge = territoire.forge
    if not forge:
        return {}
    base = str(forge.url).rstrip("/")
    path = f"offers/{ident}.yml"
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
