# Steadfast: `make run` to start the app with demo data, `make test` to run every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_CHILDREN ?= 400
# The PostgreSQL the tests and benchmark use; the test runner makes its own test_ database.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/steadfast
# The tests run in one process per core (pytest-xdist), the deployment tests together on one of them;
# `make test TEST_WORKERS=0` runs them in one. Every test that touches the database runs on both
# databases; the rest once (conftest.py, `_runs_in`): the pure tests and the browser on SQLite, the
# deployment on PostgreSQL.
TEST_WORKERS ?= auto

.PHONY: run dev setup test test-sqlite test-postgres faults bench bench-903 peer-903-venv loadtest assets lint

$(VENV)/.installed: requirements-dev.lock
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	@touch $@

setup: $(VENV)/.installed
	@bin/ensure-system-libraries

# The background worker and the schedule run beside the web server, writing to this log, and
# stop with it.
BACKGROUND_LOG := log/background.log
# `make run` serves through gunicorn, as production does; `make dev` through Django's server,
# which reloads on every change and shows tracebacks.
SERVE_GUNICORN := DJANGO_SETTINGS_MODULE=config.settings.local GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py config.wsgi
SERVE_DEV := DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Migrates, seeds the demo on the first run, collects the static files, then serves with the
# command given, the worker and the schedule beside it. Links in emails point at the port served
# on, unless STEADFAST_SITE_URL says otherwise.
define serve
	@$(PY) manage.py migrate --no-input -v 0
	@$(PY) manage.py seed_demo --if-empty --children $(DEMO_CHILDREN)
	@$(PY) manage.py collectstatic --no-input -v 0
	@mkdir -p $(dir $(BACKGROUND_LOG))
	@echo ""
	@echo "Steadfast is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	@echo "The background worker and the reminder schedule write to $(abspath $(BACKGROUND_LOG))"
	@export STEADFAST_SITE_URL="$${STEADFAST_SITE_URL:-http://127.0.0.1:$(PORT)}"; \
	trap 'kill $$worker $$schedule 2>/dev/null; wait $$worker $$schedule 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --interval 5 >>$(BACKGROUND_LOG) 2>&1 & worker=$$!; \
	$(PY) manage.py run_schedule >>$(BACKGROUND_LOG) 2>&1 & schedule=$$!; \
	$(1)
endef

run: setup
	$(call serve,$(SERVE_GUNICORN))

dev: setup
	$(call serve,$(SERVE_DEV))

test: setup
	@bin/ensure-chromium
	@$(MAKE) --no-print-directory test-sqlite test-postgres

# The SQLite half also compares the SSDA903 rules with the sector's validator, in its own environment.
test-sqlite: setup peer-903-venv
	@echo "== Tests on SQLite =="
	@env -u DATABASE_URL $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup --half sqlite

test-postgres: setup
	@echo "== Tests on PostgreSQL =="
	@DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup --half postgresql

# gunicorn killed in the middle of writes, PostgreSQL stopped and killed: nothing acknowledged is
# lost (docs/operations.md, "When things fail"). It starts a PostgreSQL cluster of its own, so it
# runs once, on neither half of the tests above: its file is named faults_*.py, so only this
# target collects it. The figures land in log/faults.json.
faults: setup
	@echo "== Faults: the app and the database killed during writes =="
	@$(PY) -m pytest -q -n 0 -s tests/faults/faults_nothing_acknowledged_is_lost.py

bench: setup
	@DATABASE_URL=$(POSTGRES_URL) $(PY) -m benchmarks.pages

# SSDA903 at scale: synthetic returns of 10,000, 100,000 and 1,000,000 children (kept in
# benchmarks/.cache/), Steadfast's validation against the sector's validator on the rules both run,
# and the measures of the largest (benchmarks/ssda903/README.md). Other sizes:
# `make bench-903 BENCH_903_ARGS="--sizes 10000 100000"`.
BENCH_903_ARGS ?=
bench-903: setup peer-903-venv
	@$(PY) -m benchmarks.ssda903.bench $(BENCH_903_ARGS)

# The sector's validator in an environment of its own (it needs pandas 1.5, which needs Python
# 3.11), apart from Steadfast's; benchmarks/ssda903/peer/run_peer.py drives it.
PEER_903_VENV := benchmarks/.peer-venv
$(PEER_903_VENV)/.installed:
	@test -x $(PEER_903_VENV)/bin/python || python3.11 -m venv $(PEER_903_VENV)
	@$(PEER_903_VENV)/bin/pip install --quiet --disable-pip-version-check \
		csc-validator-be-903==0.1.17 pandas==1.5.3 numpy==1.24.4
	@touch $@

peer-903-venv: $(PEER_903_VENV)/.installed

# gunicorn and PostgreSQL under locust: `make loadtest LOADTEST_ARGS="--children 2000 --duration 20"`
# (options: python -m benchmarks.load --help).
LOADTEST_ARGS ?=
loadtest: setup
	@DATABASE_URL=$(POSTGRES_URL) $(PY) -m benchmarks.load $(LOADTEST_ARGS)

# The import contracts in pyproject.toml (the layers of docs/architecture.md); the tests check
# them too (tests/test_layers.py).
lint: setup
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache --no-logo

# Rebuilds the committed GOV.UK assets in static/ (needs Node and npm; `make run` does not).
assets:
	cd frontend && npm ci --no-audit --no-fund && npm run build
