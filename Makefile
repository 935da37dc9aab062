# Two commands do everything on a fresh machine:
#   make run   - install, build the index if missing, serve the UI + API on http://127.0.0.1:7860
#   make test  - install (with test extras and a headless Chromium), run the whole test suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip -q --disable-pip-version-check

.PHONY: run test bench eval browser

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install torch==2.13.0
	$(PIP) install -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/kb serve

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; }

test: $(VENV)/.installed browser
	$(PY) -m pytest -q -rs

eval: $(VENV)/.installed
	$(VENV)/bin/kb eval --holdout --report eval/report

bench: $(VENV)/.installed
	$(PY) eval/bench.py
