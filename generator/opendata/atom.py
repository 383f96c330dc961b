"""Atom feeds (modifications, and per thématique / territory)."""

import heapq
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from generator.opendata.common import ATOM_ENTRIES, LICENCE, Links, aware
from generator.opendata.history import REASONS, Suppression, midnight
from generator.pipeline.enrich import OffreVue

TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721

# Characters XML 1.0 forbids: a control character typed as "\x01" in a quoted YAML value would
# otherwise make a whole feed unreadable.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def modification(v: OffreVue, modified: Mapping[str, datetime] | None) -> datetime:
    """When the offer last changed: its file's last commit (`modified`), else its date_maj."""
    return (modified or {}).get(v.id) or midnight(v.offre.date_maj)


def by_change(v: OffreVue, modified: Mapping[str, datetime] | None = None) -> tuple[float, str]:
    """Order of the changes: the most recently modified offer first; ties by id, so the order is stable."""
    return (-modification(v, modified).timestamp(), v.id)


def utc(moment: datetime) -> str:
    return aware(moment).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _xml(text: str) -> str:
    return escape(_XML_INVALID.sub("", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_INVALID.sub("", text))


def atom(
    offres: Iterable[OffreVue],
    *,
    key: str,
    title: str,
    subtitle: str,
    path: str,
    page: str,
    nom: str,
    source: str,
    base_url: str,
    generated: datetime,
    modified: Mapping[str, datetime] | None = None,
    deleted: Sequence[Suppression] = (),
) -> str:
    """An Atom feed of the ATOM_ENTRIES most recently modified offers among `offres`, newest first.

    `key` names the feed for good (its id derives from it and from `source`); `path` is the feed's own
    address and `page` the page it follows, both relative to the site root, linked (rel=self,
    rel=alternate) only when `base_url` is absolute. An offer's entry is the same in every feed (id
    from `source` and the offer's id, updated = its modification date from `modified`, else its
    date_maj, so a reader shows a changed offer again). `deleted`: offers that left the feed, written
    as RFC 6721 tombstones (``at:deleted-entry`` with the entry's id and the date), ATOM_ENTRIES at most.
    Every text is escaped; the output depends on the arguments only.
    """
    site = Links(base_url)

    def uid(text: str) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{source}/{text}')}"

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{f" xmlns:at={quoteattr(TOMBSTONES)}" if deleted else ""} xml:lang="fr">',
        f"  <title>{_xml(title)}</title>",
        f"  <subtitle>{_xml(subtitle)} {_xml(LICENCE)}.</subtitle>",
        f"  <id>{uid(key)}</id>",
        f"  <updated>{aware(generated).isoformat()}</updated>",
        f"  <author><name>{_xml(nom)}</name></author>",
        f"  <rights>{_xml(LICENCE)}</rights>",
    ]
    if site.absolute:
        lines.append(f"  <link rel=\"self\" href={_xml_attr(site.url(path))}/>")
        lines.append(f"  <link rel=\"alternate\" href={_xml_attr(site.url(page))}/>")
    for v in heapq.nsmallest(ATOM_ENTRIES, offres, key=lambda v: by_change(v, modified)):
        o = v.offre
        summary = o.description if len(o.description) <= 400 else o.description[:399].rstrip() + "…"
        lines += [
            "  <entry>",
            f"    <title>{_xml(o.nom)} — {_xml(v.structure.nom)}</title>",
            f"    <id>{uid(v.id)}</id>",
            f"    <updated>{utc(modification(v, modified))}</updated>",
            f"    <link rel=\"alternate\" href={_xml_attr(site.offre(v.id))}/>",
            f"    <summary>Mise à jour le {o.date_maj.strftime('%d/%m/%Y')}. {_xml(summary)}</summary>",
            "  </entry>",
        ]
    for s in sorted(deleted, key=lambda s: (-s.date.timestamp(), s.id))[:ATOM_ENTRIES]:
        lines += [
            f"  <at:deleted-entry ref={_xml_attr(uid(s.id))} when={_xml_attr(utc(s.date))}>",
            f"    <at:comment>{_xml(s.id)} : {_xml(REASONS[s.raison])}.</at:comment>",
            "  </at:deleted-entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
