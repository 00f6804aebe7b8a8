# `make run` serves the app on SQLite; `make test` runs every test. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := participation

.PHONY: run test setup translations database browser lint extract bench-votes clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

translations: $(INSTALLED)
	$(BIN)/pybabel compile -f -d translations

setup: $(INSTALLED) translations

database: setup
	mkdir -p instance
	$(BIN)/participation db upgrade
	$(BIN)/participation sdg load
	$(BIN)/participation demo load --if-empty
	$(BIN)/participation sdg train

run: database
	$(BIN)/participation run --host $(HOST) --port $(PORT)

# The browser journeys drive Debian's Chromium; axe-core comes from the npm registry.
browser:
	test -x /usr/bin/chromium || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core)
	test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

test: setup browser
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .

extract: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -o translations/messages.pot --no-location --sort-output --ignore-dirs ".* __pycache__ node_modules .venv" .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

# Voting under load: gunicorn on PostgreSQL driven by wrk; figures in bench/votes/results.json.
bench-votes: setup
	$(BIN)/python bench/votes/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules instance/participation.db* test-artifacts
