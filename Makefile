# Kompas. Two commands for a new user: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: votes-short run test install install-test lock frontend migrate demo lint format checks unit e2e messages bench-survey topology screenshots typecheck clean

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null || { echo "Kompas needs Python 3.11 ($(PYTHON) was not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Runtime packages, exactly as locked (versions and hashes) in requirements/lock.txt; re-installed when the lock
# or pyproject.toml changes. `pip check` fails when pyproject.toml asks for something the lock lacks: run `make lock`.
$(VENV)/.installed: requirements/lock.txt pyproject.toml | $(VENV)/bin/activate
	$(PIP) install --quiet --require-hashes -r requirements/lock.txt
	$(PIP) install --quiet --no-deps -e .
	@$(PIP) check || { echo "requirements/lock.txt does not match pyproject.toml: run make lock"; exit 1; }
	@touch $@

# Test tools on top (pytest, playwright, ruff, import-linter, ...), from requirements/lock-test.txt.
$(VENV)/.installed-test: requirements/lock-test.txt $(VENV)/.installed
	$(PIP) install --quiet --require-hashes -r requirements/lock-test.txt
	@touch $@

## make lock: refresh requirements/*.txt to the newest versions pyproject.toml allows (with hashes); then make test
LOCK_COMPILE = $(VENV)/bin/uv pip compile --quiet --upgrade --generate-hashes --python-version 3.11 \
  --custom-compile-command 'make lock'
lock: | $(VENV)/bin/activate
	$(PIP) install --quiet 'uv>=0.5'
	@mkdir -p requirements
	$(LOCK_COMPILE) --extra test -o requirements/lock-test.txt pyproject.toml
	$(LOCK_COMPILE) -c requirements/lock-test.txt -o requirements/lock.txt pyproject.toml
	$(LOCK_COMPILE) --extra bench -c requirements/lock-test.txt -o requirements/lock-bench.txt pyproject.toml

# Front-end packages (DKFDS, htmx, axe-core) from the npm registry, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Kompas needs Node.js and npm for its front-end packages."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed
install-test: $(VENV)/.installed-test node_modules/.installed
frontend: node_modules/.installed

migrate: install
	@mkdir -p var/static
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo --scale small

## make run: Kompas with demo data on the embedded SQLite database, at http://$(HOST):$(PORT)
run: demo
	@echo ""
	@echo "Kompas runs at http://$(HOST):$(PORT)  (stop with Ctrl+C)"
	$(PY) manage.py runserver $(HOST):$(PORT) --nostatic

## make test: the whole suite – lint, architecture, checks, unit/integration tests and browser tests
test: install-test checks votes-short unit

# Votes survive a PostgreSQL restart: a short load run, only when the suite runs on PostgreSQL.
votes-short: install-test
	@if [ "$${DATABASE_URL#postgres}" != "$${DATABASE_URL}" ]; then \
	  $(PY) bench/votes_load.py --short --check; \
	else echo "votes-short: skipped (it needs PostgreSQL: set DATABASE_URL)"; fi

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

checks: lint typecheck
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY="check-deploy-$$(date +%s)-a-long-random-enough-value-for-the-check" \
	  DJANGO_ALLOWED_HOSTS=kompas.example.dk KOMPAS_SITE_URL=https://kompas.example.dk DATABASE_URL="$${DATABASE_URL:-sqlite:///var/check.sqlite3}" \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The suite runs in $(TEST_WORKERS) processes (pytest-xdist), each with its own test database; TEST_WORKERS=0 runs
# it in this one process. `worksteal` splits the tests in order and lets a process that has run out take the last
# tests from the other's queue: each process still runs its tests in collection order, so the tests that empty
# the database (pytest-django puts them after the others) still come last in each, and the long browser tests at
# the end are shared between the processes (with `load`, one process ran all of them alone for seven minutes).
TEST_WORKERS ?= 2
unit: install-test
	$(PY) -m pytest --durations=25 $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist worksteal)

e2e: install-test
	$(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist worksteal) e2e

# Types: mypy with django-stubs, strict for core, the pure modules and every services.py and selectors.py
# (configuration and the list of modules not yet clean in pyproject.toml).
typecheck: install-test
	$(VENV)/bin/mypy

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install-test
	$(PY) manage.py makemessages -l da -l en --ignore=.venv --ignore=node_modules --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# The staff-survey benchmark (disclosure-controlled summaries against a plain pandas groupby); pandas comes
# from the project's `bench` extra.
$(VENV)/.installed-bench: requirements/lock-bench.txt $(VENV)/.installed
	$(PIP) install --quiet --require-hashes -r requirements/lock-bench.txt
	@touch $@

bench-survey: $(VENV)/.installed-bench
	$(PY) bench/survey.py

# The production topology under test (ops/topology_check.py): gunicorn, a Celery worker and beat on Redis,
# PostgreSQL, whitenoise; a worker killed mid-task; a backup restored. Needs the local PostgreSQL and Redis.
topology: install
	$(PY) ops/topology_check.py

## make screenshots: screenshots of the main journeys (demo data, temporary SQLite, Debian's chromium) in docs/screenshots/
screenshots: install-test
	$(PY) ops/screenshots.py

clean:
	rm -rf $(VENV) node_modules var
