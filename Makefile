# Verbinding hub. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run test test-sqlite test-postgres lint check bench browser-deps messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies

run: install ## Set up the demo site (SQLite, database search) and serve it on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	$(BIN)/python manage.py load_demo
	@echo
	@echo "  Verbinding runs on http://127.0.0.1:8000/  (admin: http://127.0.0.1:8000/admin/)"
	@echo "  Demo accounts, all with password verbinding-demo:"
	@echo "    admin (superuser), coordinator (approves publications), jac, overkop, arktos, schaliken, neteland"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=hub.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

browser-deps: ## Install Debian's Chromium for the browser tests when it is missing (needs root)
	@bin/install-chromium

test-sqlite: install
	@echo "=== test suite on SQLite ==="
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	@echo "=== test suite on PostgreSQL ==="
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0
	bin/with-postgres -- $(BIN)/pytest $(PYTEST_ARGS)

test: lint check browser-deps test-sqlite test-postgres ## Lint, checks, then the whole suite on SQLite and on PostgreSQL

bench: install ## Finder speed and SQL queries at 10,000 offers (BENCH_ARGS=--large adds 100,000), on SQLite and PostgreSQL
	env -u DATABASE_URL $(BIN)/python -m bench $(BENCH_ARGS)
	bin/with-postgres -- $(BIN)/python -m bench $(BENCH_ARGS)

messages: install ## Update the interface translation files (nl, en, fr)
	$(BIN)/python manage.py makemessages -l nl -l en -l fr --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv, the demo database and generated files
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media artifacts
