# Samverkansportalen: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links in e-mails and PDFs follow the address `make run` serves (PORT=8101 too).
SITE_URL ?= http://$(HOST):$(PORT)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PG_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samverkan
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

PROD_CHECK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/samverkan_prodcheck
PROD_CHECK_REDIS_URL ?= redis://127.0.0.1:6379/14
BACKUP ?= $(lastword $(sort $(wildcard backups/samverkan-*.tar)))

.PHONY: messages run test install test-install system-deps test-system-deps services lint check migrate demo clean bench \
	lock lock-upgrade lock-check prod-check backup restore

# Everything installs from the lock files (exact versions with hashes), never from the ranges
# in pyproject.toml: requirements-dev.lock here and in CI, requirements.lock in the Dockerfile.
$(VENV)/.installed: requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

# Regenerate both lock files from pyproject.toml (after adding or changing a dependency).
# Versions already locked are kept; `make lock-upgrade` moves everything to the newest allowed.
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --no-header
lock: $(VENV)/.installed
	@test -x $(VENV)/bin/uv || $(PIP) install --quiet uv
	$(UV_COMPILE) $(LOCK_ARGS) --extra dev -o requirements-dev.lock
	$(UV_COMPILE) $(LOCK_ARGS) -c requirements-dev.lock -o requirements.lock
lock-upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade
# Fails when pyproject.toml has a dependency that the lock files do not cover.
lock-check: $(VENV)/.installed
	@tmp=$$(mktemp -d) && cp requirements-dev.lock requirements.lock $$tmp/ && \
	$(UV_COMPILE) --extra dev -o $$tmp/requirements-dev.lock && \
	$(UV_COMPILE) -c $$tmp/requirements-dev.lock -o $$tmp/requirements.lock && \
	diff -q <(grep -v '^ *#' requirements-dev.lock) <(grep -v '^ *#' $$tmp/requirements-dev.lock) && \
	diff -q <(grep -v '^ *#' requirements.lock) <(grep -v '^ *#' $$tmp/requirements.lock) || \
	{ echo "The lock files are out of date with pyproject.toml: run 'make lock'."; exit 1; }

install: system-deps $(VENV)/.installed
test-install: test-system-deps $(VENV)/.installed tests/oidc/node_modules/.package-lock.json

# The real OpenID provider the single sign-on tests start (tests/oidc, node-oidc-provider);
# needs Node.js 20.19 or newer with npm (CI: actions/setup-node, or Debian's nodejs and npm).
tests/oidc/node_modules/.package-lock.json: tests/oidc/package-lock.json
	@command -v npm >/dev/null || { echo "Install Node.js 20.19+ with npm for the SSO tests."; exit 1; }
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error

# Debian packages: WeasyPrint's libraries and fonts; for the tests also Chromium, poppler and qpdf.
SYSTEM_PACKAGES := fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
TEST_SYSTEM_PACKAGES := $(SYSTEM_PACKAGES) chromium poppler-utils qpdf
system-deps:
	@$(MAKE) --no-print-directory apt-packages PACKAGES="$(SYSTEM_PACKAGES)"
test-system-deps:
	@$(MAKE) --no-print-directory apt-packages PACKAGES="$(TEST_SYSTEM_PACKAGES)"
apt-packages:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# PostgreSQL and Redis for the test suite; started when they are installed but not running.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && sleep 2; }
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432"; exit 1; }
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='samverkan'" | grep -q 1 || createdb -h 127.0.0.1 -U postgres samverkan
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
	@for i in 1 2 3 4 5; do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; sleep 1; done; echo "Redis is not running on 127.0.0.1:6379"; exit 1

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput -v0

demo: migrate
	@DEBUG=1 $(PY) manage.py ensure_demo_certificate
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py load_demo

run: demo
	@echo
	@echo "Samverkansportalen körs på http://$(HOST):$(PORT)/"
	@echo "Demo-inloggningar (lösenord demo-samverkan-2026):"
	@echo "  admin        administratör"
	@echo "  osteraker    kommunhandläggare, Österåkers kommun"
	@echo "  osteraker-admin organisationsadministratör, Österåkers kommun"
	@echo "  taby         kommunhandläggare, Täby kommun"
	@echo "  jarfalla     kommunhandläggare, Järfälla kommun"
	@echo "  af-nordost   sektionschef, Arbetsförmedlingen Stockholm nordöstra"
	@echo "  af-nordvast  sektionschef, Arbetsförmedlingen Stockholm Nordväst"
	@echo
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# ruff, the architecture's import contracts (pyproject.toml [tool.importlinter],
# docs/architecture.md) and djlint on the templates, in check mode.
# The Swedish catalogue for third-party apps without one (samverkan/locale); the .mo is
# committed, so that every run has it without gettext installed.
messages:
	msgfmt -o samverkan/locale/sv/LC_MESSAGES/django.mo samverkan/locale/sv/LC_MESSAGES/django.po

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/djlint templates --lint

check: test-install services
	DATABASE_URL=$(PG_DATABASE_URL) DEBUG=1 $(PY) manage.py check
	DATABASE_URL=$(PG_DATABASE_URL) DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# prod-check runs before pytest so that pytest's summary closes the output.
test: test-install services lint lock-check check prod-check
	DATABASE_URL=$(PG_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) DEBUG=1 \
	  DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest $(PYTEST_ARGS)

# The production path outside containers: what the Dockerfile and docker-compose run, with
# DEBUG off on PostgreSQL and Redis, then a smoke test through gunicorn (see ops/prod_check.py).
prod-check: test-install services
	$(PY) ops/prod_check.py --database-url $(PROD_CHECK_DATABASE_URL) --redis-url $(PROD_CHECK_REDIS_URL)

# A backup of the database and the stored files in one archive (backups/samverkan-STAMP.tar),
# and its restore into an empty database (DATABASE_URL) and MEDIA_ROOT. See README.
backup: install
	$(PY) manage.py backup
restore: install
	@test -n "$(BACKUP)" || { echo "No backup: make restore BACKUP=backups/samverkan-….tar"; exit 1; }
	$(PY) manage.py restore $(BACKUP)

# Not part of `make test`: the page benchmark seeds Sweden-scale databases once
# (<name>_bench_x1, <name>_bench_x10) and runs gunicorn under load; see bench/README.md.
BENCH_SCRIPTS := bench/bench_planning.py bench/bench_zip_export.py bench/bench_pdf.py bench/bench_pages.py
bench: install services
	@for f in $(BENCH_SCRIPTS); do DATABASE_URL=$(PG_DATABASE_URL) DEBUG=1 $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
