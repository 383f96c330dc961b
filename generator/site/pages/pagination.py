"""Lists of any size in pages of `PAR_PAGE` offers: a page's size stays bounded (≤ 200 KB) whatever the
number of offers of a thématique or a territory. Page 1 keeps the list's address; page n is ``<url>n/``."""

from collections.abc import Callable

from generator import urls
from generator.i18n import _

PAR_PAGE = 200  # offers per page: about 120 KB of cards


def count(total: int, per_page: int = PAR_PAGE) -> int:
    return max(1, -(-total // per_page))


def window(items: list, n: int, per_page: int = PAR_PAGE) -> list:
    return items[(n - 1) * per_page : n * per_page]


def links(base: str, n: int, pages: int, url: Callable[[str, int], str] = urls.page) -> list[dict]:
    """Links to the first and last pages, the previous and next ones, and two around the current one."""
    if pages <= 1:
        return []
    keep = sorted({1, pages, *range(max(1, n - 2), min(pages, n + 2) + 1)})
    out = []
    if n > 1:
        out.append({"texte": _("Page précédente"), "url": url(base, n - 1), "courante": False})
    previous = 0
    for k in keep:
        if k > previous + 1:
            out.append({"texte": "…", "url": "", "courante": False})
        out.append({"texte": _("Page {n}").format(n=k), "url": url(base, k), "courante": k == n})
        previous = k
    if n < pages:
        out.append({"texte": _("Page suivante"), "url": url(base, n + 1), "courante": False})
    return out


def view(base: str, n: int, total: int, per_page: int = PAR_PAGE) -> dict:
    """What a paginated list page adds to its view: its links and which offers it shows."""
    pages = count(total, per_page)
    first = (n - 1) * per_page + 1
    return {
        "pages": links(base, n, pages),
        "etendue": _("Offres {debut} à {fin} sur {total}.").format(debut=first, fin=min(total, n * per_page), total=total) if pages > 1 else "",
    }
