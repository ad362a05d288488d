# The README's two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT   ?= 8501

.PHONY: run test lint build bench browser clean

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

build: $(VENV)/installed.stamp
	$(PY) -m kpi build

run: $(VENV)/installed.stamp
	$(PY) -m kpi serve --port $(PORT)

lint: $(VENV)/installed.stamp
	$(VENV)/bin/ruff check .

test: $(VENV)/installed.stamp browser lint
	$(PY) -m pytest

bench: $(VENV)/installed.stamp
	$(PY) -m kpi bench

clean:
	rm -rf $(VENV) data/kpi.duckdb data/.kpi.duckdb.* .pytest_cache
