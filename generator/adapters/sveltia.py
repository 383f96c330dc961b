"""Sveltia CMS (npm ``@sveltia/cms``): what the /admin/ page needs to know of its bundle to self-host it.

The browser bundle ``dist/sveltia-cms.js`` fetches from CDNs at run time: its three fonts (an
``@font-face`` with cdn.jsdelivr.net addresses), Immutable.js (``import()`` from unpkg.com, when an event
listener is registered, as ours for ``date_maj``) and its messages in French (unpkg.com). The fonts ship
in the package (``npm/assets``): :func:`bundle` rewrites their addresses to ``fonts/`` next to the page.
Immutable.js is mapped by an import map (:func:`import_map`) to the package's own copy; the messages are
redirected by ``catalogue-cms.js``. tests/contrib/test_cms.py checks that every address is still found.
"""

import json
import re
from pathlib import Path

from generator.paths import NODE_MODULES

PACKAGE = NODE_MODULES / "@sveltia" / "cms"
SCRIPT = PACKAGE / "dist" / "sveltia-cms.js"
ASSETS = PACKAGE / "npm" / "assets"
IMMUTABLE = PACKAGE / "node_modules" / "immutable" / "dist" / "immutable.es.js"
FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(?::vf)?@[0-9.]+/([a-z0-9-]+)\.woff2")
IMMUTABLE_RANGE = re.compile(r"\bimmutable:`\^?([0-9][0-9.]*)`")


class BundleChanged(Exception):
    """The bundle no longer looks as this module expects (a new version of @sveltia/cms)."""


def fonts(text: str) -> dict[str, Path]:
    """Each CDN font address of the bundle → the package's copy of that font."""
    out: dict[str, Path] = {}
    for m in FONT_URL.finditer(text):
        family, variant = m.groups()
        found = sorted(ASSETS.glob(f"{family}-{variant}-*.woff2"))
        if not found:
            raise BundleChanged(f"police {family} ({variant}) absente de {ASSETS}")
        out[m.group(0)] = found[0]
    if not out:
        raise BundleChanged("aucune adresse de police trouvée dans sveltia-cms.js")
    return out


def bundle(text: str) -> tuple[str, dict[str, Path]]:
    """The bundle with its fonts read from ``fonts/<name>.woff2``, and {name: package file} to copy there."""
    files: dict[str, Path] = {}
    for url, path in fonts(text).items():
        name = path.name.rsplit("-", 1)[0] + ".woff2"  # without the build hash
        files[name] = path
        text = text.replace(url, f"fonts/{name}")
    return text, files


def import_map(text: str, local: str) -> str:
    """The import map sending the bundle's unpkg.com address of Immutable.js to ``local`` (a folder)."""
    m = IMMUTABLE_RANGE.search(text)
    if not m or not IMMUTABLE.is_file():
        raise BundleChanged("version d'Immutable.js introuvable dans sveltia-cms.js, ou copie absente du paquet")
    return json.dumps({"imports": {f"https://unpkg.com/immutable@{m.group(1)}/": local}}, separators=(",", ":"))
