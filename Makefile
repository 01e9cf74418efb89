# RIS-Portal Thüringen. The two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test install migrate seed messages lint check worker beat compose-config clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

## Embedded setup: SQLite under var/, tasks in-process, demo data, http://127.0.0.1:8000
run: seed
	@echo "RIS-Portal läuft auf http://$(HOST)/ (Demo-Konten siehe oben, Strg+C beendet)"
	$(PY) manage.py runserver $(HOST)

## The whole test suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set, else SQLite),
## in parallel processes (pytest-xdist): TEST_PROCESSES=auto is one per CPU core, at most 4
## (each has its own test database, Redis database and Chromium); TEST_PROCESSES=0 is serial.
TEST_PROCESSES ?= auto
test: install
	$(PY) -m pytest --numprocesses=$(TEST_PROCESSES) --maxprocesses=4 --dist=loadgroup

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates */templates --lint

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

## English catalogue (never run makemessages for de: locale/de holds allauth's formal overrides)
messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po

worker: install
	$(VENV)/bin/celery -A ris_portal worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A ris_portal beat --loglevel=INFO

compose-config:
	docker-compose -f docker-compose.yml config -q

clean:
	rm -rf $(VENV) var
