# The same entry points locally and in CI (.ci/run calls `make test`).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup index run test lint eval bench bench-scale bench-ingest screenshots clean

setup: $(STAMP)

# torch first, as the CPU build: an unpinned torch would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Build (or update) the index from the bundled corpus.
index: setup
	$(BIN)/ipfin ingest

## Set up, build the index, serve the chat page on http://127.0.0.1:8501
run: index
	$(BIN)/ipfin ui

lint: setup
	$(BIN)/ruff check .

## Lint, the evaluation gate (eval/thresholds.yaml), then the whole test suite.
test: lint
	$(BIN)/ipfin eval --out eval/reports/latest
	$(BIN)/python -m pytest

## Evaluate on the gold set; reports in eval/reports/latest/.
eval: setup
	$(BIN)/ipfin eval --out eval/reports/latest

## Latency and ingest benchmarks (prints numbers; not part of the tests).
bench: setup
	$(BIN)/python eval/bench.py

## 1k/10k/100k synthetic chunks: BM25 alone, then the whole index (load, retrieve and ask
## p50/p95, RSS); the API under 20 clients for 60 s; cold start of ipfin ask. Prints a table,
## writes eval/reports/scale/bench_scale.json; the built indexes are cached in the temp dir.
bench-scale: setup
	$(BIN)/python eval/bench_scale.py

## Ingest throughput of the briefs against the embedder's own batch throughput on the same texts.
bench-ingest: setup
	$(BIN)/python eval/bench_scale.py --ingest

## The README's screenshots (docs/screenshots/*.png): the bundled briefs in headless Chromium.
screenshots: setup
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
