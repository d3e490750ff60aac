# zzreport — run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Let Python keep compiled modules (in __pycache__, git-ignored; `make clean` removes ours).
# With PYTHONDONTWRITEBYTECODE set (it is on the project's machine) pytest cannot keep its
# assertion-rewritten modules either, and rewrote every test module and pytest plugin again in
# each test process: 7.1 -> 4.0 s and 10.8 -> 6.3 CPU-s to the first test, on 2 workers.
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

NBVAL_ARGS := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
# One test worker per core (pytest-xdist). tests/conftest.py schedules them: a file at a time,
# and the files that share the session's real builds together.
PARALLEL := -n auto
# tests/startup.py is loaded before the plugins pytest finds itself (it spares each test
# process jsonschema's IRI grammar: 11 -> 7 s before the first test on 2 cores).
PYTEST := $(PY) -m pytest -p tests.startup
CHROMIUM := /usr/bin/chromium

.PHONY: help setup report test test-fast lint notebooks lab lock clean browser benchmark benchmark-peers register

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $(PYTHON))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@# Build matplotlib's font cache now: on a fresh machine its one-time notice would otherwise
	@# land on a notebook kernel's stderr and break the output comparison.
	$(PY) -c "import matplotlib.font_manager" 2>/dev/null
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv (if missing) and install the pinned dependencies

report: $(STAMP) ## Set up if needed, then build the report: build/site/index.html (both editions: build/zh)
	$(VENV)/bin/zzreport build --lang all --out build
	@echo "open $(CURDIR)/build/site/index.html  (Chinese edition: $(CURDIR)/build/zh/site/index.html)"

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi

browser: $(CHROMIUM) ## Install Debian's Chromium for the browser tests (as root; once)

test: $(STAMP) $(CHROMIUM) lint ## Set up if needed, then lint and run every test (package, data, notebooks in strict nbval, browser)
	$(PYTEST) $(PARALLEL) tests $(NBVAL_ARGS) notebooks --mpl --mpl-results-path=build/mpl-results

test-fast: $(STAMP) lint ## The inner loop: lint, then every test not marked slow (no full builds, browser, JupyterLab, nbval)
	$(PYTEST) $(PARALLEL) tests -m "not slow" --mpl --mpl-results-path=build/mpl-results

lint: $(STAMP) ## ruff: lint and formatting check of src/, tests/ and benchmarks/ (ruff format fixes the latter)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

benchmark: $(STAMP) ## Measure notebook, build, cache and test times (writes benchmarks/results.md)
	$(PY) benchmarks/run.py

benchmark-peers: $(STAMP) ## Jupyter Book 1.x (own throwaway venv) vs zzreport build on the same notebooks
	$(PY) benchmarks/peers.py

notebooks: $(STAMP) ## Re-execute the committed notebooks as the build does, write them back, refresh README's findings
	$(PY) -m zzreport.publish.write_back
	$(PY) -m zzreport.publish.readme

register: $(STAMP) ## Bring a new edition of ../shared/sources into data/ (raw copy, sidecars, tidy table)
	$(PY) -m zzreport.data.register

lab: $(STAMP) ## Open JupyterLab on the notebooks (add --allow-root when running as root)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

lock: ## Re-pin requirements.lock from a fresh environment (after changing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	{ sed -n '1,3p' requirements.lock; .lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean: ## Remove build outputs and compiled modules (keeps .venv)
	rm -rf build .pytest_cache
	find src tests benchmarks -name __pycache__ -prune -exec rm -rf {} +
