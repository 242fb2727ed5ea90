# Verbinding hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# `make run PORT=8100` serves elsewhere; the Site record follows, so every absolute link is true.
PORT ?= 8000
# Two workers on the 2-core build machine; each builds its own test database once. A module (and tests/demo/, the
# folder that shares one demo load) runs whole on one worker, in file order, so data it builds once
# (tests.conftest.kept_for_the_module) is built once; the slowest go first (tests/conftest.py, SLOWEST_FIRST).
PYTEST_WORKERS ?= 2
PYTEST_OPTIONS := -n $(PYTEST_WORKERS) --dist loadscope --durations=20 $(PYTEST_ARGS)
# Line coverage is measured on the SQLite run: no code of the site branches on the database engine, so the
# PostgreSQL run would record the same lines again. SlipCover inserts its probes into the bytecode and removes
# each once it has fired, so it costs the run almost nothing; a tracer (coverage.py on Python 3.11) made the same
# tests take 48% longer. The floor it must keep (migrations and demo content excluded, pyproject.toml):
COVERAGE_FLOOR ?= 95
COVERAGE_DATA := .coverage-sqlite.json

.DEFAULT_GOAL := help
.PHONY: help install run test test-steps test-sqlite test-postgres coverage lint check bench browser-deps redis-deps messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

run: export SITE_URL = http://127.0.0.1:$(PORT)
run: install ## Set up the demo site (SQLite, database search) and serve it on http://127.0.0.1:8000 (PORT=8000)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py load_demo
	@echo
	@echo "  Verbinding runs on $(SITE_URL)/  (admin: $(SITE_URL)/admin/)"
	@echo "  Demo accounts, all with password verbinding-demo:"
	@echo "    admin (superuser), coordinator (approves publications), jac, overkop, arktos, schaliken, neteland"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

browser-deps: ## Install Debian's Chromium (headless shell) for the browser tests when it is missing (needs root)
	@bin/install-chromium

redis-deps: ## Install Debian's redis-server for the cache tests and the bench when it is missing (needs root)
	@bin/install-redis

test-sqlite: install
	@echo "=== test suite on SQLite ==="
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	env -u DATABASE_URL $(BIN)/python -m slipcover --json --out $(COVERAGE_DATA) -m pytest $(PYTEST_OPTIONS)

test-postgres: install
	@echo "=== test suite on PostgreSQL ==="
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	bin/with-postgres -- $(BIN)/pytest $(PYTEST_OPTIONS)

coverage: install ## Line coverage of the SQLite run (after test-sqlite); fails under COVERAGE_FLOOR
	@echo "=== coverage (the SQLite run) ==="
	@$(BIN)/python -m slipcover --merge $(COVERAGE_DATA) --out .coverage-report.json --skip-covered \
	  --fail-under=$(COVERAGE_FLOOR) || { echo "coverage under the floor of $(COVERAGE_FLOOR)%"; exit 1; }

test-steps: lint check browser-deps redis-deps test-sqlite test-postgres coverage

test: ## Lint, checks, the whole suite on SQLite and on PostgreSQL, coverage; prints the slowest tests and the time
	@start=$$(date +%s); $(MAKE) --no-print-directory test-steps; status=$$?; \
	  echo "make test: $$(( ($$(date +%s) - start) / 60 )) min $$(( ($$(date +%s) - start) % 60 )) s, exit $$status"; \
	  exit $$status

bench: install redis-deps ## Finder speed and SQL queries at 10,000 offers (BENCH_ARGS=--large adds 100,000), on SQLite and PostgreSQL
	env -u DATABASE_URL $(BIN)/python -m bench $(BENCH_ARGS)
	bin/with-postgres -- $(BIN)/python -m bench $(BENCH_ARGS)

messages: install ## Update the interface translation files (nl, en, fr)
	$(BIN)/python manage.py makemessages -l nl -l en -l fr --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv, the demo database and generated files
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media artifacts .coverage-*.json
