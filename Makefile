# untm: `make demo` aligns the seed report; `make test` runs the checks, the test suite and a
# smoke test of the built wheel in a fresh environment.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SEED := seeds/000_a932ec9d51e334cb

.PHONY: setup system-deps demo test lint smoke bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,dask]'
	$(BIN)/python scripts/mypy_tree.py --tree-only
	touch $@

# OmegaT (CAT-tool import test), chromium + chromium-driver (review page and editor tests), from Debian.
system-deps:
	@bash scripts/system-deps.sh

demo: setup
	@mkdir -p out
	$(BIN)/untm align $(SEED).txt $(SEED).en.txt -o out/seed.tmx --report out/seed.html

test: setup system-deps
	$(BIN)/ruff check .
	$(BIN)/python scripts/mypy_tree.py
	$(BIN)/python -m pytest
	$(MAKE) smoke

# What users install: the wheel in a fresh venv without extras (then with [dask]), run from
# outside the checkout; the seed PDFs it reads are generated with the dev tools (reportlab).
# Then `pip install .` from a clone made without symbolic links (git's default on Windows).
smoke: setup
	@rm -rf out/smoke-pdf
	$(BIN)/python -m tests.pdfgen out/smoke-pdf
	$(PYTHON) scripts/smoke_wheel.py --dask --pdf out/smoke-pdf --clone

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python scripts/mypy_tree.py

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) out
