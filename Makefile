# Developer entry points: `make lab` starts JupyterLab with the extension, `make test` runs every
# test suite. Both install what they need first and skip the installs that are up to date.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8888
# 1: populate an empty studio home with the tour's experiment before starting JupyterLab.
DEMO ?= 1
VENV_BIN := $(abspath $(VENV))/bin

# Jupyter rejects running as root without --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The npm build scripts run `jupyter-builder`, which the virtual environment provides.
export PATH := $(VENV_BIN):$(PATH)
# The UI tests use Debian's Chromium; Playwright must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

PYTHON_STAMP := $(VENV)/.churn-studio-installed
NODE_STAMP := node_modules/.churn-studio-installed
UI_TESTS_STAMP := ui-tests/node_modules/.churn-studio-installed

.PHONY: help lab test install build chromium

help:
	@echo "make lab   install the extension in $(VENV) and start JupyterLab on 127.0.0.1:$(PORT)"
	@echo "           (an empty studio home first gets the tour demo; DEMO=0 skips it)"
	@echo "make test  install everything, then run pytest, Jest and the Galata UI tests"

lab: install build
	@if [ "$(DEMO)" = 1 ]; then \
		echo "First start on an empty studio home runs the tour demo (seven trainings, under a minute)."; \
		echo "Start with 'make lab DEMO=0' to skip it."; \
		$(VENV_BIN)/churn-studio tour --if-empty --keep-endpoint; \
	fi
	CHURN_STUDIO_BACKEND=local $(VENV_BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) \
		--ServerApp.open_browser=False $(ALLOW_ROOT)

test: install build chromium $(UI_TESTS_STAMP)
	@failed=0; \
	echo "== pytest"; $(VENV_BIN)/python -m pytest || failed=$$((failed + 1)); \
	echo "== Jest"; npm test || failed=$$((failed + 1)); \
	echo "== Galata"; (cd ui-tests && npx playwright test) || failed=$$((failed + 1)); \
	echo "Screenshots and traces: ui-tests/test-results/"; \
	echo "suites: $$((3 - failed)) passed, $$failed failed"; \
	test $$failed -eq 0

install: $(PYTHON_STAMP) $(NODE_STAMP)

build: install
	npm run build

$(VENV_BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV_BIN)/python -m pip install --upgrade pip

# npm ci before pip, so the editable install's npm build finds the locked dependencies.
$(PYTHON_STAMP): $(VENV_BIN)/python $(NODE_STAMP) pyproject.toml
	$(VENV_BIN)/python -m pip install -e ".[test]"
	$(VENV_BIN)/jupyter-builder develop --overwrite .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci
	touch $@

$(UI_TESTS_STAMP): ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm ci
	touch $@

chromium:
	@if [ -x /usr/bin/chromium ]; then \
		echo "Chromium found at /usr/bin/chromium"; \
	elif [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "The UI tests need Debian's Chromium at /usr/bin/chromium. Install it with:" >&2; \
		echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2; \
		exit 1; \
	fi
