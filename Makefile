# Catalogue de l'offre d'insertion — tâches courantes.
# `make serve` et `make test` suffisent sur une machine neuve : ils installent ce qui manque.

VENV := .venv
PY := $(VENV)/bin/python
CATALOGUE := $(VENV)/bin/catalogue
PORT ?= 8000

.PHONY: serve site validate test schema bench browser clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (no browser download: the machine has no such network).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installation de Chromium (paquet Debian)…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

validate: $(VENV)/.installed
	$(CATALOGUE) validate

site: $(VENV)/.installed node_modules/.installed
	$(CATALOGUE) build --out site

serve: $(VENV)/.installed node_modules/.installed
	$(CATALOGUE) serve --port $(PORT)

schema: $(VENV)/.installed
	$(CATALOGUE) schema

# The browser code first: lint (ESLint) and unit tests of its pure functions (node --test), then pytest.
test: $(VENV)/.installed node_modules/.installed browser
	npx eslint site_templates/static tests/js eslint.config.js
	node --test tests/js/
	$(PY) -m pytest

bench: $(VENV)/.installed node_modules/.installed
	$(PY) bench/run.py

clean:
	rm -rf site .site-* bench/out
