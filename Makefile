# The two set-up commands are `make site` and `make test`; both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# axe-core, for the accessibility tests, from npm (pinned in tests/a11y/package-lock.json).
AXE    := tests/a11y/node_modules/.installed

.PHONY: site site-zensical test validate serve import bench lock clean

site: $(STAMP)
	$(BIN)/python -m generator build

# The same generated docs built with Zensical, Material's successor, into build/site-zensical.
site-zensical: $(STAMP)
	$(BIN)/python -m generator build --builder zensical

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/python -m generator validate

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Re-read Ofsted's releases, the report scrape and the interventions table (in ../shared/data).
import: $(STAMP)
	$(BIN)/python -m generator import

# A report of times, memory and sizes: the import, a cold build, a rebuild after one authority's
# file changes, the backtest of the next-inspection estimate, Lighthouse's scores of four kinds of
# page, and a synthetic data set of ten times the events (bench/benchmark.py).
bench: $(STAMP)
	$(BIN)/python bench/benchmark.py

# Exact versions come from requirements.lock; pyproject.toml lists the direct dependencies.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Without npm the accessibility tests skip, saying so (CI installs npm, and fails them instead).
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@if command -v npm > /dev/null; then \
		cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the accessibility tests (axe-core) will be skipped"; fi

# Re-pin every dependency after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet \
		--custom-compile-command "make lock" -o requirements.lock

clean:
	rm -rf build
