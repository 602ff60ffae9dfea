# Two commands on a fresh machine (Python 3.11+ and the package registries):
#   make demo   - create .venv, install everything pinned, run the demo on the sample corpus
#   make test   - the same set-up, then the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.newsgraph-installed

.PHONY: install browser demo test bench clean

CHROMIUM ?= /usr/bin/chromium
# apt needs root: use sudo when not root and it is there
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

$(STAMP): pyproject.toml constraints.txt Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsgraph needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,ray]'
	@touch $@

# Debian's Chromium drives the dashboard's browser tests (Playwright's own browser download
# does not work offline); installed once, here, by the project's set-up.
$(CHROMIUM):
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

browser: $(CHROMIUM)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsgraph demo

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
