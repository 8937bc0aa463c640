# Two things a newcomer needs: `make site` (install and build the site) and `make test` (install and run all tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: site test install install-test browser nginx node validate serve audit lint benchmark clean

site: install          ## install the generator and build the site into site/
	$(PY) -m generator build

test: install-test browser nginx node   ## install test tools (Chromium and nginx if missing, html-validate and Lighthouse), then run every test
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest -n auto --dist loadgroup --durations=10

validate: install      ## check every record without building
	$(PY) -m generator validate

serve: install         ## live preview on http://127.0.0.1:8000
	$(PY) -m generator serve

audit: install-test browser node   ## the accessibility audit of the built site (run `make site` first)
	$(PY) -m generator audit

benchmark: install-test
	$(PY) benchmarks/run.py

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

browser:               ## Debian's Chromium for the browser tests (Playwright's own download does not work here)
	@test -x "$(CHROMIUM_PATH)" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

NGINX_PATH ?= /usr/sbin/nginx

nginx:                 ## Debian's nginx: the tests start it on free ports with the generated nginx.conf (RUNLEVEL=1: the package does not start its own server)
	@test -x "$(NGINX_PATH)" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && RUNLEVEL=1 apt-get install -y -qq nginx >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq nginx >/dev/null; fi; }

node: node_modules/.installed   ## html-validate and Lighthouse from npm, pinned by package-lock.json (checking tools only)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf build site .site.* .pytest_cache
