"""Where the repository's parts are, defined once for every module."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # generator/
ROOT = PACKAGE.parent  # the repository
TEMPLATES = ROOT / "site_templates"
STATIC = TEMPLATES / "static"
DOCS = ROOT / "docs"
MKDOCS_YML = ROOT / "mkdocs.yml"
NODE_MODULES = ROOT / "node_modules"
