# Two entry points (see README): `make run` and `make test`. Both create or refresh .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench screenshots clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/imgstudio

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/preview.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/train_overhead.py
	$(BIN)/python benchmarks/time_to_accuracy.py
	$(BIN)/python benchmarks/train_stall.py
	$(BIN)/python benchmarks/gradcam_pointing.py
	$(BIN)/python benchmarks/explain_latency.py

# Refresh the .ts from the sources (new strings arrive unfinished), then compile the .qm.
.PHONY: translations
translations: $(STAMP)
	$(BIN)/python tools/translations.py update
	$(BIN)/python tools/translations.py release

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

