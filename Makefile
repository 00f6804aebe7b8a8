# `make run` serves the app on SQLite; `make test` runs every test. Both set everything up first:
# `make run` installs only what the app needs, `make test` adds the test tools (the `dev` extra).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := participation

.PHONY: run test setup dev-setup translations database browser lint extract bench-votes clean vendor

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $(INSTALLED)

# Browser tests, the ranking cross-check (pref_voting), PDF reading and ruff: for tests only.
$(DEV_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(DEV_INSTALLED)

translations: $(INSTALLED)
	$(BIN)/pybabel compile -f -d translations

# The map (Leaflet and its marker clusters) comes from npm and is served from static/vendor/.
VENDOR := static/vendor/.installed
$(VENDOR): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --silent
	rm -rf static/vendor && mkdir -p static/vendor/leaflet static/vendor/leaflet.markercluster
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE static/vendor/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css node_modules/leaflet.markercluster/MIT-LICENCE.txt static/vendor/leaflet.markercluster/
	touch $(VENDOR)

vendor: $(VENDOR)

setup: $(INSTALLED) translations $(VENDOR)

dev-setup: $(DEV_INSTALLED) translations $(VENDOR)

database: setup
	mkdir -p instance
	$(BIN)/participation db upgrade
	$(BIN)/participation sdg load
	$(BIN)/participation demo load --if-empty
	$(BIN)/participation search rebuild
	$(BIN)/participation ideas similar rebuild
	$(BIN)/participation ideas texts fill
	$(BIN)/participation sdg train

run: database
	$(BIN)/participation run --host $(HOST) --port $(PORT)

# The browser journeys drive Debian's Chromium; axe-core comes from the npm registry.
browser:
	test -x /usr/bin/chromium || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core)
	test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

test: dev-setup browser
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(DEV_INSTALLED)
	$(BIN)/ruff check .

extract: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -o translations/messages.pot --no-location --sort-output --ignore-dirs ".* __pycache__ node_modules .venv" .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

# Voting under load: gunicorn on PostgreSQL driven by wrk; figures in bench/votes/results.json.
bench-votes: dev-setup
	$(BIN)/python bench/votes/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor instance/participation.db* test-artifacts
