# Two commands on a fresh machine: `make serve` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.txt | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium

.PHONY: messages install check build build-zensical serve test lint browser bench bench-large bench-sync clean node_modules lock lighthouse

# Every dependency comes from requirements.txt, pinned with hashes (regenerate it with `make lock`).
$(STAMP): pyproject.toml requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

check: install
	$(BIN)/entraide check

build: check
	$(BIN)/mkdocs build --strict

# The same site from Zensical, Material for MkDocs' successor: generated pages staged in build/zensical/docs.
build-zensical: check
	$(BIN)/entraide pages --zensical

serve: check
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Browser tests drive Debian's chromium; install it when missing and we are allowed to.
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian) or set CHROMIUM=/path"; exit 1; fi; }

# The real clients some tests open our output with (ical.js, axe-core, an independent credentials verifier),
# pinned in package-lock.json.
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm; \
	  else echo "npm is missing: run 'sudo apt-get install nodejs npm' (Debian)"; exit 1; fi; }
	npm ci --no-audit --no-fund --silent
	@rm -f node_modules/.installed-*
	@touch $@

node_modules: $(NODE_STAMP)

# The house rules, checked before the tests: lint and format, layers and cycles, types (--strict on the core).
lint: install
	$(BIN)/ruff check scripts tests hooks
	$(BIN)/ruff format --check scripts tests hooks
	$(BIN)/lint-imports
	$(BIN)/mypy

test: install browser node_modules lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

# Site build vs MkDocs' floor and the old-vs-compact core check (1,000 and 5,000 members), then the
# scale series: wall and processor seconds, peak memory and growth exponents of each stage at 100k and 1M events,
# each stage run three times and its least disturbed figures kept (one run can swing an exponent by tenths).
bench: install lighthouse
	$(BIN)/python -m entraide.demo.bench
	$(BIN)/python -m entraide.demo.scale --events 100000,1000000 --repeat 3

# Lighthouse's accessibility score (mobile) of the home page and a leaderboard, printed; the audits must pass.
lighthouse: install browser node_modules
	$(BIN)/python -m pytest -p no:xdist -q -s -m lighthouse tests/test_lighthouse.py

# The same series up to 10M events (a CI runner's size; ~10 GB of disk while it runs), each stage run three times
# as in `make bench` (one 10M run of the same code took 125 s or 148 s for load + score on the same day), about
# 50 minutes on the 2-core reference machine once the communities are written. Not part of `make test`.
bench-large: install
	$(BIN)/python -m entraide.demo.scale --events 100000,1000000,10000000 --repeat 3

# The sync's economy on the fake GitHub, beside Perceval 1.6.1 when installed apart (GPL, never a dependency):
#   python3 -m venv /tmp/perceval-venv && /tmp/perceval-venv/bin/pip install perceval==1.6.1
PERCEVAL ?= /tmp/perceval-venv/bin/perceval
bench-sync: install
	$(BIN)/python scripts/compare_perceval.py $(if $(wildcard $(PERCEVAL)),--perceval $(PERCEVAL),)

# Re-resolve requirements.txt from pyproject.toml (needs the network); tests/test_lockfile.py checks it is current.
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install -q pip-tools==7.6.2
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-build-deps --extra test \
	  --strip-extras --index-url https://pypi.org/simple --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.txt pyproject.toml

# Texts people read: extract the package's gettext calls into the catalogues (scripts/entraide/content/i18n/locales),
# then translate what `check` lists as untranslated (CONTRIBUTING.md, "Texts people read").
messages: install
	$(BIN)/python -m entraide.content.i18n.messages update

clean:
	rm -rf site build/zensical .pytest_cache node_modules
