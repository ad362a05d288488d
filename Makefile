# The README's two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8501
REPLICAS     ?= 2
REPLICA_PORT ?= 8080

.PHONY: run test lint build bench browser nginx pdftools office postgresql serve-replicas clean

$(VENV)/installed.stamp: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Debian's chromium drives the browser tests (Playwright is told its path; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx for `make serve-replicas` and its test. Only the binary is used: the recipe runs its
# own nginx from run/; a system nginx the package may start on port 80 is stopped right after install.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null && \
		{ $(SUDO) /usr/sbin/nginx -s stop 2>/dev/null || true; }; }

# Debian's poppler-utils: the PDF tests read the scorecards back (pdftotext, pdfinfo, pdffonts) and
# render their pages for a person to look at (pdftoppm). The PDFs themselves need none of it.
pdftools:
	@command -v pdftoppm >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

# Debian's LibreOffice Calc (headless): the export tests import the CSV for Excel in Vietnamese with the
# Vietnamese locale, as Excel set to Vietnamese would, and check the numbers arrive as numbers.
office:
	@command -v soffice >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }

# Debian's PostgreSQL server binaries: the store-of-record tests run each statement on PostgreSQL too, in a
# throwaway cluster they start themselves (initdb/pg_ctl, an unprivileged user, a free port); no service is used.
postgresql:
	@[ -x "$$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -1)" ] || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null && \
		{ $(SUDO) service postgresql stop 2>/dev/null || true; }; }

serve-replicas: $(VENV)/installed.stamp nginx
	$(PY) -m kpi.replicas --replicas $(REPLICAS) --port $(REPLICA_PORT) --db data/kpi.duckdb

build: $(VENV)/installed.stamp
	$(PY) -m kpi build

run: $(VENV)/installed.stamp
	$(PY) -m kpi serve --port $(PORT)

lint: $(VENV)/installed.stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: $(VENV)/installed.stamp browser nginx pdftools office postgresql lint
	$(PY) -m pytest -n auto --dist loadfile  # on every core; a file's tests on one worker (module fixtures once)

bench: $(VENV)/installed.stamp
	$(PY) -m kpi bench

clean:
	rm -rf $(VENV) data/kpi.duckdb data/.kpi.duckdb.* .pytest_cache
