# One command runs the app, one runs the tests; both create the virtualenv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint screenshot install-desktop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

## run: open the app (pass files or options with ARGS="...")
run: $(STAMP)
	$(VENV)/bin/transcript-reader $(ARGS)

## test: the whole suite, Qt offscreen
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## lint: ruff, mypy on the core, the import contract
lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests benchmarks scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## screenshot: the real window under Xvfb (xcb) -> docs/screenshot.png, docs/screenshot-dark.png
screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb $(PY) scripts/screenshot.py docs/screenshot.png
	xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb $(PY) scripts/screenshot.py docs/screenshot-dark.png --theme dark

## install-desktop: add the app and its icon to the desktop's menu (~/.local/share)
install-desktop: $(STAMP)
	$(VENV)/bin/transcript-reader --install-desktop

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
