# IECMH Competency Atlas. `make serve` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site offline validate generate case-dates test test-fast browser bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## validate, generate and serve on http://127.0.0.1:8000 with live reload
	$(BIN)/iecmh-atlas serve --dev-addr $(ADDR)

site: $(STAMP)  ## static build into site/ (strict)
	$(BIN)/iecmh-atlas build

# esbuild and the iframe-worker shim for the offline bundle come from the npm registry, pinned in package-lock.json.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

offline: $(STAMP) node_modules/.installed  ## the site as a zip that works opened from disk: build/iecmh-atlas-offline.zip
	$(BIN)/iecmh-atlas offline

validate: $(STAMP)
	$(BIN)/iecmh-atlas validate

generate: $(STAMP)
	$(BIN)/iecmh-atlas generate

# Record the content hash of every CASE record in competencies/case-dates.json; a new or changed record is dated now
# (the build itself never reads a clock: see generator/compile/exports/case_dates.py). Commit the result.
case-dates: $(STAMP)
	$(BIN)/iecmh-atlas case-dates

# The browser tests drive Debian's Chromium through Playwright (no browser download is possible here).
browser:
	@if [ -n "$$ATLAS_CHROMIUM" ] && [ -x "$$ATLAS_CHROMIUM" ]; then exit 0; fi; \
	if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	echo "Installing Chromium from Debian for the browser tests..."; \
	SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# One test process per core (pytest-xdist), each file's tests kept together in one process (its module fixtures, such
# as a built site, are made once); PYTEST_WORKERS= runs everything in one process.
PYTEST_WORKERS ?= -n auto --maxprocesses 4 --dist loadfile

test: $(STAMP) browser node_modules/.installed  ## every test: JavaScript units, Python units, site build and browser tests
	node --test tests/js/
	$(BIN)/python -m pytest $(PYTEST_WORKERS)

# test-fast leaves tests/browser/ out of collection too (importing those modules costs each process seconds), and
# the marker leaves out the other tests that need the whole site built.
# The node tests run beside pytest (they fill the moments its processes wait on subprocesses); their report is
# printed after pytest's, whole when one failed.
test-fast: $(STAMP) node_modules/.installed  ## every test but the browser tests (tests/browser/): JavaScript and Python units
	@log=$$(mktemp); node --test tests/js/ >"$$log" 2>&1 & node=$$!; \
	$(BIN)/python -m pytest -m "not browser" --ignore=tests/browser -q $(PYTEST_WORKERS); python=$$?; \
	wait $$node; js=$$?; \
	if [ $$js -ne 0 ]; then cat "$$log"; else echo "node --test tests/js/:"; grep -E '^# (tests|pass|fail)' "$$log"; fi; \
	rm -f "$$log"; [ $$python -eq 0 ] && [ $$js -eq 0 ]

# Lighthouse comes from the npm registry, pinned in bench/package-lock.json. (Pagefind, the site's search, is a
# Python dependency of the site itself.)
bench/node_modules/.installed: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench: $(STAMP) browser node_modules/.installed bench/node_modules/.installed  ## every benchmark; figures printed and written to docs/benchmarks.md (nothing asserted)
	$(BIN)/iecmh-atlas build
	$(BIN)/python bench/run_all.py

clean:
	rm -rf site build .pytest_cache
