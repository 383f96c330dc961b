"""The partners' tickets (issue forms of the forge, or the same text by e-mail), defined once.

A partner without write access updates an offer through a ticket: « Mettre à jour les places » (a new
count) or « Rien n'a changé » (the offer is confirmed as is). The issue forms of ``.github/ISSUE_TEMPLATE``
use these ids and labels (a test checks them); GitHub writes a form's answers in the issue's body as
``### <label>`` sections, and the offer page writes the same sections into its e-mails and into the
GitLab/Gitea issue text (``ticket.js``, same cases as :func:`body` in ``tests/js/cas/tickets.json``).
:func:`read` reads that text back for ``catalogue ticket``, which the forge's workflow calls.
"""

import re
from dataclasses import dataclass

# The forms' files in .github/ISSUE_TEMPLATE (linked with ?template=…).
PLACES_FORM = "mettre-a-jour-les-places.yml"
CONFIRM_FORM = "rien-n-a-change.yml"
ERROR_FORM = "signaler-une-erreur.yml"
PROPOSE_FORM = "proposer-une-offre.yml"

# Field id → label, in the forms' order. The label is the heading of the answer in the issue's body.
PLACES_FIELDS = {
    "offre": "Offre",
    "disponibles": "Places disponibles",
    "total": "Places au total",
    "date": "Date du comptage",
}
CONFIRM_FIELDS = {"offre": "Offre", "verifie": "Vérification"}
CONFIRM_CHECK = "J'ai relu toute la fiche : les informations sont justes."
ERROR_FIELDS = {"offre": "Offre concernée", "correction": "La bonne information"}

# What GitHub writes for an optional field left empty.
NO_RESPONSE = "_No response_"

TITLES = {
    "places": "Places : {id}",
    "confirmation": "Rien n'a changé : {id}",
    "erreur": "Erreur : {id}",
}


def body(fields: dict[str, str], values: dict[str, str]) -> str:
    """The issue's text for `values` ({id: answer}), as GitHub writes a form's answers."""
    parts = [f"### {label}\n\n{values.get(key) or NO_RESPONSE}" for key, label in fields.items()]
    return "\n\n".join(parts) + "\n"


_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def sections(text: str) -> dict[str, str]:
    """{label: answer} of an issue's text (``### label`` then the answer); empty answers are ""."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = list(_HEADING.finditer(text))
    out: dict[str, str] = {}
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        answer = text[match.end():end].strip()
        out.setdefault(match.group(1).strip(), "" if answer == NO_RESPONSE else answer)
    return out


@dataclass(frozen=True)
class Ticket:
    """What a ticket asks: kind « places » (with the typed figures, unchecked) or « confirmation »."""

    kind: str
    offre: str
    disponibles: str = ""
    total: str = ""
    date: str = ""


class TicketError(ValueError):
    """The text is not one of the partners' tickets; the French message says why."""


def read(text: str) -> Ticket:
    """The request of a ticket's text (GitHub's body of either form, or the e-mail of the offer page)."""
    found = sections(text)
    offre = found.get(PLACES_FIELDS["offre"], "")
    if not offre:
        raise TicketError(f"section « ### {PLACES_FIELDS['offre']} » absente ou vide : ce n'est pas un ticket "
                          "« Mettre à jour les places » ni « Rien n'a changé »")
    if PLACES_FIELDS["disponibles"] in found:
        return Ticket("places", offre, *(found.get(PLACES_FIELDS[k], "") for k in ("disponibles", "total", "date")))
    return Ticket("confirmation", offre)
