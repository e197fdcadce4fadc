# One entry point. `make help` lists the targets from their comments.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help venv test figures report notebooks-index lab lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## Create .venv from pyproject.toml (done by every target that needs it)

figures: $(STAMP) ## Regenerate every figure into figures/ (PNG and SVG)
	$(BIN)/python -m analysis figures --out figures

CORPUS ?= seeds
OUT ?= report
JOBS ?= 1
TEXT_COLUMN ?=
DAYFIRST ?=
report: $(STAMP) ## Run every notebook on CORPUS (default seeds) into OUT/report.html, figures, tables
	$(BIN)/python -m analysis report --corpus "$(CORPUS)" --out "$(OUT)" --jobs $(JOBS) \
		$(if $(TEXT_COLUMN),--text-column "$(TEXT_COLUMN)") $(if $(DAYFIRST),--dayfirst)

notebooks-index: $(STAMP) ## Regenerate the contents in 00-start-here and every notebook's navigation links
	$(BIN)/python -m analysis.notebook_index

test: $(STAMP) ## Run every test, notebooks included (one worker per core)
	$(BIN)/python -m pytest -n auto

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks

bench: $(STAMP) ## Print throughput and memory on a generated corpus
	$(BIN)/python benchmarks/bench_corpus.py

lint: $(STAMP) ## Check formatting and lint with ruff
	$(BIN)/ruff format --check . && $(BIN)/ruff check .

format: $(STAMP) ## Format and fix with ruff
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean: ## Remove .venv and caches
	rm -rf $(VENV) .pytest_cache build *.egg-info
	find . -name __pycache__ -prune -exec rm -rf {} +
