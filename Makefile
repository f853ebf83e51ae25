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
	$(BIN)/python benchmarks/detect_shapes.py
	$(BIN)/python benchmarks/generate_quality.py

# Refresh the .ts from the sources (new strings arrive unfinished), then compile the .qm.
.PHONY: translations
translations: $(STAMP)
	$(BIN)/python tools/translations.py update
	$(BIN)/python tools/translations.py release

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

# -- installers (packaging/README.md) ------------------------------------------------------
# `make bundle`: the PyInstaller one-folder app in dist/imgstudio (torch as installed in .venv).
# `make bundle-test`: its self-test, an ONNX/TorchScript export with the bundled CLI, and the
# size / time-to-window measurement (last line: one JSON object).
BUNDLE_STAMP := $(VENV)/.bundle-installed
SELFTEST_DIR := build/bundle-selftest

.PHONY: bundle bundle-test clean-bundle

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bundle]"
	@touch $@

bundle: $(BUNDLE_STAMP)
	nice $(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/imgstudio.spec

bundle-test: $(STAMP)
	rm -rf $(SELFTEST_DIR)
	dist/imgstudio/imgstudio self-test --keep $(SELFTEST_DIR)
	model=$$(ls $(SELFTEST_DIR)/runs/*/best.safetensors | head -n 1) && \
	dist/imgstudio/imgstudio export --model "$$model" --format onnx --out $(SELFTEST_DIR)/model.onnx && \
	dist/imgstudio/imgstudio export --model "$$model" --format torchscript --out $(SELFTEST_DIR)/model.pt
	$(BIN)/python packaging/measure_bundle.py dist/imgstudio

clean-bundle:
	rm -rf dist build/pyinstaller $(SELFTEST_DIR)
