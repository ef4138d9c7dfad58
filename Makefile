# Hall 32: the two commands are `make run` and `make test` (see README.md); `make dev` for developers.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 32
PYTEST_ARGS ?=
# Debian packages the project needs beyond Python: a browser for the browser tests, poppler for
# looking at PDFs, Pango and fonts for WeasyPrint.
APT_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
STAMP := $(VENV)/.installed

.PHONY: run dev demo-db test bench lint format check install system-deps vendor messages clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) est introuvable : installez Python 3.11 (apt install python3.11-venv)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(STAMP)

# Installs the Debian packages when they are missing and we are root; otherwise says how.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installation des paquets Debian :$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES)) >/dev/null \
	      || echo "apt-get a échoué : les tests navigateur et PDF seront ignorés."; \
	  else \
	    echo "Paquets absents :$$missing. Pour les installer : sudo apt-get install $(APT_PACKAGES)"; \
	  fi; \
	fi

.env:
	$(PY) scripts/make_env.py > .env

# How `make run` serves on plain http://$(HOST): as the product does (DEBUG off: its own 404 and
# 403 pages), with the cookies and redirects a local http address needs. These win over .env,
# so a .env written by an earlier version (DEBUG=true) still gives the product's pages.
RUN_ENV := DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 STATIC_MANIFEST=false

# Migrates, compiles the translations and loads the demo hub (kept by the next run).
demo-db: $(STAMP) .env
	@-$(MAKE) --no-print-directory system-deps
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compile_translations
	$(PY) manage.py seed_demo --seed $(SEED)
	$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)

# Serves the demo hub on http://$(HOST):$(PORT) with gunicorn, like production; a second run keeps the data.
run: demo-db
	@echo "Hall 32 : http://$(HOST):$(PORT)/ (Ctrl+C pour arrêter)"
	@$(RUN_ENV) $(VENV)/bin/gunicorn hall32.wsgi --bind $(HOST):$(PORT) --workers 1 --threads 8 \
	  --timeout 300 --graceful-timeout 5 --log-level warning

# For developers: Django's runserver with DEBUG on (debug pages, reload on every change).
dev: demo-db
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite: PostgreSQL when DATABASE_URL is set or a local server answers, else SQLite.
test: $(STAMP)
	@-$(MAKE) --no-print-directory system-deps
	@export SECRET_KEY="$${SECRET_KEY:-test-only-$$RANDOM$$RANDOM-insecure-key-for-the-suite}" STATIC_MANIFEST=false \
	  HALL32_ENV_FILE=/dev/null SECURE_SSL_REDIRECT=false EMAIL_URL=locmem:// REDIS_URL= ; \
	if [ -z "$$DATABASE_URL" ]; then \
	  if $(PY) scripts/pg_available.py; then export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hall32; \
	  else export DATABASE_URL=sqlite:///var/test.sqlite3; fi; \
	fi; \
	echo "Base de test : $${DATABASE_URL%%:*}"; \
	$(PY) manage.py compile_translations -v0 && \
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(STAMP)
	@export HALL32_ENV_FILE=/dev/null DATABASE_URL=$${DATABASE_URL:-sqlite:///var/bench.sqlite3} DEBUG=true; \
	status=0; for script in benchmarks/*.py; do \
	  echo "== $$script"; $(PY) $$script || status=1; \
	done; exit $$status

# mypy reads the settings (django-stubs): any database and key will do, nothing connects.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	HALL32_ENV_FILE=/dev/null SECRET_KEY=lint-only DATABASE_URL=sqlite:///var/mypy.sqlite3 $(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refreshes the vendored front-end libraries from the npm registry (versions in vendor/package.json).
# --ignore-scripts: no package needs one, and swagger-ui-dist's @scarf/scarf would report the install.
vendor:
	cd vendor && npm ci --ignore-scripts --no-audit --no-fund
	$(PY) scripts/vendor.py

# Extracts the French source strings into the English catalogue (needs GNU gettext).
messages: $(STAMP)
	cd hall32 && ../$(PY) ../manage.py makemessages -l en --no-obsolete --ignore 'static/*'

clean:
	rm -rf $(VENV) staticfiles var/test.sqlite3
