"""What a référent or a person can do from an offer page on a phone: call, find the way, refer someone.

* « Appeler »: a ``tel:`` link to the offer's phone, else its structure's.
* « Itinéraire »: per place with coordinates, a link to OpenStreetMap's directions to that point. The page
  itself makes no request to OpenStreetMap: it is only a link.
* « Orienter une personne »: what the offer's ``modes_mobilisation`` ask for, in their order — a prefilled
  e-mail (a ``mailto:`` link written in the référent's own mail client: nothing is stored or sent by the
  site), the phone number, the online form (``lien_mobilisation``), or coming on site.
"""

from urllib.parse import quote

from markupsafe import Markup

from generator.i18n import _
from generator.model.vocab import ModeMobilisation
from generator.pipeline.enrich import OffreVue

OSM_DIRECTIONS = "https://www.openstreetmap.org/directions?to={lat}%2C{lon}"


def _telephone(e164: str | None) -> dict | None:
    from generator.site.formatting import telephone_view  # render imports this module

    return telephone_view(e164)


def mailto(adresse: str, sujet: str, corps: str) -> str:
    """A mailto: link (RFC 6068): subject and body percent-encoded, line breaks as CRLF."""
    corps = corps.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(adresse, safe='@')}?subject={quote(sujet, safe='')}&body={quote(corps, safe='')}"


def courriel_orientation(nom: str, page_url: str) -> tuple[str, str]:
    """(subject, body) of the e-mail a référent sends to refer a person: the offer, its page, and the
    blanks the référent fills in (only what is needed, with the person's agreement). Always in French,
    whatever the interface's language: it is written to the structure that runs the offer."""
    a_completer = "[à compléter]"
    lignes = [
        "Bonjour,",
        "",
        f"Je souhaite orienter une personne vers votre offre « {nom} » :",
        page_url,
        "",
        f"Sa situation : {a_completer}",
        f"Ce qu'elle attend de l'offre : {a_completer}",
        f"Ses disponibilités : {a_completer}",
        f"Comment la joindre (avec son accord) : {a_completer}",
        "",
        "Pouvez-vous me dire si une entrée est possible, et quelle est la suite ?",
        "",
        "Cordialement,",
        "[Votre nom, votre structure, votre téléphone]",
    ]
    return f"Orientation vers « {nom} »", "\n".join(lignes) + "\n"


def actions(vue: OffreVue, lieux_nommes: list[str]) -> dict:
    """The large buttons near the top of the page: « Appeler » and one « Itinéraire » per located place.
    `lieux_nommes` are the places' names as the page shows them (same order as the offer's places)."""
    o, s = vue.offre, vue.structure
    phone = o.telephone or s.telephone
    located = [(lieu, n) for lieu, n in zip(o.lieux, lieux_nommes) if lieu.latitude is not None and lieu.longitude is not None]
    itineraires = [
        {
            "url": OSM_DIRECTIONS.format(lat=lieu.latitude, lon=lieu.longitude),
            "texte": _("Itinéraire") if len(located) == 1 else _("Itinéraire : {lieu}").format(lieu=n),
        }
        for lieu, n in located
    ]
    return {"appeler": _telephone(phone), "itineraires": itineraires}


def page_url(base_url: str, url: str) -> str:
    """The offer page's address: absolute when the site's base URL is known, else from the site's root
    (the page's script then writes the address the browser shows, see fiche.js)."""
    return f"{base_url.rstrip('/')}/{url}"


def orienter(vue: OffreVue, base_url: str, url: str) -> dict:
    """The « Orienter une personne » section: one step per mode of the offer, in the offer's order, and only
    those the offer can honour. `url` is the page's address from the site's root (language prefix included)."""
    o, s = vue.offre, vue.structure
    adresse_page = page_url(base_url, url)
    phone = o.telephone or s.telephone
    courriel = o.courriel or s.courriel
    etapes = []
    for mode in dict.fromkeys(o.modes_mobilisation or []):
        if mode == ModeMobilisation.ENVOYER_UN_COURRIEL and courriel:
            sujet, corps = courriel_orientation(o.nom, adresse_page)
            etapes.append({"mode": "courriel", "adresse": courriel, "mailto": mailto(courriel, sujet, corps)})
        elif mode == ModeMobilisation.TELEPHONER and phone:
            t = _telephone(phone)
            etapes.append({"mode": "telephone", **t, "lien": Markup('<a href="tel:{}">{}</a>').format(t["tel"], t["texte"])})
        elif mode == ModeMobilisation.UTILISER_LIEN_MOBILISATION and o.lien_mobilisation:
            etapes.append({"mode": "lien", "url": str(o.lien_mobilisation)})
        elif mode == ModeMobilisation.SE_PRESENTER:
            etapes.append({"mode": "sur-place", "a_distance": not o.lieux})
    relative = not adresse_page.startswith(("https://", "http://"))
    return {"etapes": etapes, "page_url": adresse_page if relative else ""}
