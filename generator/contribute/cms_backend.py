"""Where the CMS under /admin/ saves (the forge of ``territoire.yml``) and its self-hosted files.

- GitHub: sign-in through the OAuth service of ``forge.oauth`` (e.g. Sveltia CMS Authenticator, a small
  Cloudflare Worker the département deploys once); without it, Sveltia's default would be Netlify's
  service, so only the personal access token sign-in is offered.
- GitLab and Gitea/Forgejo: OAuth with PKCE, in the browser, no server: ``forge.application`` is the ID
  of the OAuth application created on the forge. Without it, personal access token only.
A forge on its own host (not github.com, gitlab.com, gitea.com) gets its API address from the
repository's address.
"""

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from generator.adapters import sveltia
from generator.model.territoire import Territoire
from generator.pipeline.problems import BuildError

# Besides the bundle (a classic script), its fonts and Immutable.js (see generator/adapters/sveltia.py):
# the licence and the French messages (Sveltia fetches them from unpkg.com: catalogue-cms.js sends that
# request to this copy instead).
FILES = {"LICENSE.txt": "LICENSE.txt", "locales/fr.json": "locales/fr.json"}
IMMUTABLE_DIR = "vendor/immutable/"

API = {"github": "/api/v3", "gitlab": "/api/v4", "gitea": "/api/v1"}
PUBLIC_HOSTS = {"github": "github.com", "gitlab": "gitlab.com", "gitea": "gitea.com"}


def backend(territoire: Territoire) -> dict:
    forge = territoire.forge
    if forge is None:
        raise BuildError("territoire.yml n'a pas de « forge » : l'outil d'édition (/admin/) en a besoin")
    url = urlparse(str(forge.url))
    repo = url.path.strip("/").removesuffix(".git")
    host = f"{url.scheme}://{url.netloc}"
    out: dict[str, Any] = {"name": forge.type, "repo": repo, "branch": forge.branche}
    if url.netloc != PUBLIC_HOSTS[forge.type]:
        out["api_root"] = host + API[forge.type]
    if forge.type == "github":
        out["open_authoring"] = True  # people without write access propose from a fork
        if forge.oauth:
            out["base_url"] = str(forge.oauth).rstrip("/")
            out["auth_methods"] = ["oauth", "token"]
        else:
            out["auth_methods"] = ["token"]
    else:
        if url.netloc != PUBLIC_HOSTS[forge.type]:
            out["base_url"] = host  # where the OAuth authorisation page is
        if forge.application:
            out["app_id"] = forge.application
            if forge.type == "gitlab":
                out["auth_type"] = "pkce"
            out["auth_methods"] = ["oauth", "token"]
        else:
            out["auth_methods"] = ["token"]
    return out


def copy_bundle(target: Path) -> str:
    """Sveltia's files from node_modules (no source maps), never from a CDN. Returns the page's import map."""
    if not sveltia.SCRIPT.is_file():
        raise BuildError("bibliothèque @sveltia/cms introuvable dans node_modules/ : lancer « npm ci » (ou « make site »)")
    text = sveltia.SCRIPT.read_text("utf-8")
    try:
        text, fonts = sveltia.bundle(text)
        imports = sveltia.import_map(text, f"./{IMMUTABLE_DIR}")
    except sveltia.BundleChanged as e:
        raise BuildError(f"@sveltia/cms : {e} (version non prise en charge : voir generator/adapters/sveltia.py)") from None
    copies = {f"fonts/{name}": path for name, path in fonts.items()}
    copies.update({name: sveltia.PACKAGE / src for name, src in FILES.items()})
    copies[IMMUTABLE_DIR + "dist/immutable.es.js"] = sveltia.IMMUTABLE
    for name, path in copies.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / name)
    (target / "sveltia-cms.js").write_text(text, encoding="utf-8")
    return imports
