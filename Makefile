# The two set-up commands are `make site` and `make test`; both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test validate serve import bench lock clean

site: $(STAMP)
	$(BIN)/python -m generator build

test: $(STAMP)
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/python -m generator validate

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Re-read Ofsted's releases, the report scrape and the interventions table (in ../shared/data).
import: $(STAMP)
	$(BIN)/python -m generator import

# Times of import, generation and build, and the sizes of the search index and largest page.
bench: $(STAMP)
	$(BIN)/python bench/benchmark.py

# Exact versions come from requirements.lock; pyproject.toml lists the direct dependencies.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Re-pin every dependency after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet \
		--custom-compile-command "make lock" -o requirements.lock

clean:
	rm -rf build
