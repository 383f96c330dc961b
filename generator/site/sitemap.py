"""``sitemap.xml``: every public page of the built site, for search engines (sitemaps.org protocol 0.9).

Written last, from the site folder itself: every ``index.html`` is a page (``offres/a/b/index.html`` is
``offres/a/b/``), in every language, paginated lists, « état de l'offre » and editorial pages included, so
the file lists exactly the pages that exist. Not listed, on purpose (`EXCLUS`): the partners' editing
tool (``admin/``: a login to the forge, marked ``noindex``) and « Ma sélection » (``selection/``: what a
visitor picked, kept in their own browser, an empty page for a robot). ``404.html`` is not a page address.

URLs are absolute (the site's public address: ``url`` of territoire.yml or ``--base-url``); without an
address there is no sitemap, since the protocol requires absolute URLs. Over 50,000 URLs or 50 MB, the
pages go into ``sitemap-1.xml``, ``sitemap-2.xml``… at the site's root (a sitemap may only list URLs below
its own folder) and ``sitemap.xml`` becomes their index. A ``robots.txt`` at the root, if the site has
one (a file of ``docs/``), gets a ``Sitemap:`` line.
"""

import os
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from generator import i18n, urls
from generator.files import replace as write_bytes

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
FICHIER = "sitemap.xml"
MAX_URLS = 50_000  # sitemaps.org: per file…
MAX_OCTETS = 50 * 1024 * 1024  # …and uncompressed size
EXCLUS = (urls.ADMIN, urls.SELECTION)  # relative to a language's root; see the module's docstring
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'.encode()
_TAIL = b"</urlset>\n"


def pages(out: Path) -> list[str]:
    """Addresses (relative to the site's root) of the pages of the site in `out`, sorted."""
    prefixes = tuple(f"{code}/" for code in i18n.languages()[1:])
    found = []
    for folder, dirs, files in os.walk(out):
        dirs.sort()
        if "index.html" not in files:
            continue
        rel = Path(folder).relative_to(out).as_posix()
        rel = "" if rel == "." else rel + "/"
        inner = rel[len(rel.split("/", 1)[0]) + 1 :] if rel.startswith(prefixes) else rel
        if not inner.startswith(EXCLUS):
            found.append(rel)
    return sorted(found)


def _entry(loc: str, tag: str = "url") -> bytes:
    return f"<{tag}><loc>{escape(loc)}</loc></{tag}>\n".encode()


def _chunks(entries: list[bytes], max_urls: int, max_octets: int) -> list[list[bytes]]:
    room = max_octets - len(_HEAD) - len(_TAIL)
    out: list[list[bytes]] = [[]]
    size = 0
    for e in entries:
        if out[-1] and (len(out[-1]) >= max_urls or size + len(e) > room):
            out.append([])
            size = 0
        out[-1].append(e)
        size += len(e)
    return out


def write(out: Path, base_url: str, max_urls: int = MAX_URLS, max_octets: int = MAX_OCTETS) -> int:
    """Write the sitemap (or sitemap index) of the site in `out`; returns the number of pages listed.

    Replaces the sitemap mkdocs writes for the editorial pages only (and its .gz copy)."""
    for old in (out / (FICHIER + ".gz"), *out.glob("sitemap-*.xml")):
        old.unlink(missing_ok=True)
    if not base_url.startswith(("https://", "http://")):
        (out / FICHIER).unlink(missing_ok=True)
        return 0
    found = pages(out)
    entries = [_entry(urls.absolute(base_url, quote(rel))) for rel in found]
    chunks = _chunks(entries, max_urls, max_octets)
    if len(chunks) == 1:
        write_bytes(out / FICHIER, _HEAD + b"".join(entries) + _TAIL)
    else:
        index = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n'.encode()]
        for n, chunk in enumerate(chunks, 1):
            name = f"sitemap-{n}.xml"
            write_bytes(out / name, _HEAD + b"".join(chunk) + _TAIL)
            index.append(_entry(urls.absolute(base_url, name), "sitemap"))
        write_bytes(out / FICHIER, b"".join(index) + b"</sitemapindex>\n")
    robots = out / "robots.txt"
    if robots.is_file():
        line = f"Sitemap: {urls.absolute(base_url, FICHIER)}"
        text = robots.read_text(encoding="utf-8")
        if line not in text.splitlines():
            robots.write_text(text + ("" if not text or text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")
    return len(found)
