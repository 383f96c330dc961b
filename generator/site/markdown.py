"""Partners' free text as safe HTML: Markdown without raw HTML, images or unsafe links."""

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
_md.disable(["image"])
_SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
_md.validateLink = lambda url: True  # type: ignore[method-assign]  # every link is parsed, then _clean decides


def _clean(tokens) -> list:
    """Raw HTML typed by a partner is dropped (its text stays); links other than http(s)/mailto/tel
    lose their target and keep their text."""
    out = []
    for tok in tokens:
        if tok.type in ("html_block", "html_inline"):
            continue
        if tok.children:
            children, skip = [], 0
            for child in tok.children:
                if child.type in ("html_inline", "html_block"):
                    continue
                if child.type == "link_open" and not _SAFE_LINK.match((child.attrGet("href") or "").strip()):
                    skip += 1
                    continue
                if child.type == "link_close" and skip:
                    skip -= 1
                    continue
                children.append(child)
            tok.children = children
        out.append(tok)
    return out


# Text in which Markdown can see nothing but paragraphs: no character that starts inline syntax,
# entities or HTML, no whitespace but spaces and line breaks, no line that could start a block (list,
# heading, quote, code, rule…) or end with a line break. tests/site/test_markdown.py compares both ways.
_SYNTAX = re.compile(r"[\\`*_\[\]<>!&~|\x00]|[^\S \n]|^[^\w\n«\"'(]|^\d{1,9}[.)](?:[ ]|$)|[ ]$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n(?:[ ]*\n)+")


def _paragraphs(text: str) -> str | None:
    """What Markdown renders for plain paragraphs, without parsing; None when the text may hold syntax."""
    if _SYNTAX.search(text):
        return None
    blocks = [b for b in _BLANK_LINES.split(text.strip("\n")) if b]
    return "".join(f"<p>{b}</p>\n" for b in blocks).replace('"', "&quot;")


@lru_cache(maxsize=4096)  # an offer's texts are the same in every interface language
def markdown(text: str | None, headings_from: int = 3) -> Markup:
    """Free text as safe HTML: no raw HTML, no images, only http(s)/mailto/tel links."""
    if not text:
        return Markup("")
    plain = _paragraphs(text)
    if plain is not None:  # most texts: a tenth of the time of a parse
        return Markup(plain)
    html = _md.renderer.render(_clean(_md.parse(text)), _md.options, {})
    # Headings typed by partners must not break the page outline.
    html = re.sub(r"<(/?)h[1-6]>", lambda m: f"<{m.group(1)}h{headings_from + 1}>", html)
    html = html.replace("<a href=", '<a rel="nofollow noopener" href=')
    return Markup(html)
