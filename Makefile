# One entry point per dev task, used by people and CI alike.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_PATHS := $(wildcard src tests bench scripts)

.PHONY: run test lint format postgres-binaries weasyprint-libraries chromium node-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The web app on the default SQLite database, at http://$(HOST):$(PORT).
HOST ?= 127.0.0.1
PORT ?= 8000
run: $(STAMP) weasyprint-libraries
	$(BIN)/strongback db upgrade
	@echo "Strongback is starting at http://$(HOST):$(PORT) (Ctrl-C stops it)"
	$(BIN)/strongback serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium and never
# downloads a browser); installed when missing and root, else those tests skip loudly.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser tests"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
				|| echo "WARNING: could not install chromium; browser tests will skip"; \
		else \
			echo "WARNING: no /usr/bin/chromium and not root; browser tests will skip"; \
		fi; \
	fi

# axe-core (package.json, pinned by package-lock.json) checks the pages' accessibility in the
# browser tests; without npm those checks skip loudly.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "WARNING: npm missing; the accessibility checks will skip"; fi

node-tools: node_modules/axe-core/axe.min.js

# PostgreSQL server binaries for the storage tests: installed from Debian when missing and root.
postgres-binaries:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's postgresql package for the storage tests"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
				|| echo "WARNING: could not install postgresql; PostgreSQL tests will skip"; \
		else \
			echo "WARNING: no PostgreSQL server binaries and not root; PostgreSQL tests will skip"; \
		fi; \
	fi

# WeasyPrint (strongback report --pdf) needs Pango >= 1.44 and its FreeType backend; HarfBuzz's
# subsetter and a font make smaller PDFs with readable text. Installed from Debian when missing.
WEASYPRINT_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
LDCONFIG := $(shell command -v ldconfig 2>/dev/null || echo /sbin/ldconfig)
weasyprint-libraries:
	@if ! $(LDCONFIG) -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
		|| ! $(LDCONFIG) -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' \
		|| ! $(LDCONFIG) -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0'; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's $(WEASYPRINT_DEBS) for PDF reports"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				$(WEASYPRINT_DEBS) >/dev/null) \
				|| echo "WARNING: could not install $(WEASYPRINT_DEBS); PDF reports may fail"; \
		else \
			echo "WARNING: Pango or HarfBuzz libraries missing and not root; PDF reports may fail"; \
		fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

test: $(STAMP) postgres-binaries weasyprint-libraries chromium node-tools lint
	$(BIN)/pytest -q

# The documentation site: MkDocs (Material) from the docs extra, built into site/. --strict turns
# every warning (a broken link or anchor, a page left out of the nav) into a failure.
DOCS_STAMP := $(VENV)/.installed-docs

$(DOCS_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install -q -e '.[dev,docs]'
	touch $(DOCS_STAMP)

.PHONY: docs
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) build dist src/*.egg-info
