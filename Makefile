# workforce — build, run and test the survey pipeline.
#
# Targets:
#   make          install what is missing, build in release, run the pipeline on Inputs/ into Outputs/
#   make test     install what is missing, run the whole test suite
#   make sample   regenerate Inputs/ from the generator (byte-identical for the same seed; refuses to overwrite files it did not write)
#   make validate check Inputs/ only (Outputs/validation/: data_quality.csv and quarantine), exit 1 if rows were quarantined
#   make bench    time the pipeline against the libcsv ceiling, DuckDB, polars, pandas (and R); writes Benchmarks/results.md
#   make report-check  render summary.html in headless Chromium to PNG and PDF (skipped without Chromium)
#   make fuzz     build the libFuzzer target (Fuzz/) with ASan and run it FUZZ_SECONDS (default 300)
#   make kill-test  kill runs at random moments, check the published reports stay complete
#   make refs     regenerate the R reference estimates used by the tests (needs r-base-core, r-cran-survey)
#   make clean    remove build output and generated reports
#   make deps     install the Debian packages the build needs (apt-get when root)
#
# Variables: JOBS (threads, default all cores), SEED, WORKERS, YEARS (for `make sample`).

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/workforce
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SEED ?= 20190101
WORKERS ?= 20000
YEARS ?= 2019,2020,2021

SOURCES := Package.swift $(shell find Sources -type f \( -name '*.swift' -o -name '*.h' -o -name '*.modulemap' \) 2>/dev/null)
INPUTS := $(shell find Inputs -type f \( -name '*.csv' -o -name '*.tsv' \) 2>/dev/null)

.PHONY: all deps test sample validate refs kill-test fuzz bench report-check clean

all: Outputs/manifest.json

deps:
	@missing=""; \
	for pair in libcsv-dev:/usr/include/csv.h zlib1g-dev:/usr/include/zlib.h; do \
	  pkg=$${pair%%:*}; file=$${pair#*:}; [ -e "$$file" ] || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing with apt-get"; \
	    (apt-get install -y $$missing || (apt-get update && apt-get install -y $$missing)) >/dev/null \
	      || { echo "error: apt-get could not install$$missing" >&2; exit 1; }; \
	  else \
	    echo "error: missing Debian package(s):$$missing" >&2; \
	    echo "run:   sudo apt-get update && sudo apt-get install -y$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

$(RELEASE_BIN): $(SOURCES) | deps
	$(SWIFT) build -c release --product workforce
	@touch $@

Outputs/manifest.json: $(RELEASE_BIN) $(INPUTS)
	$(RELEASE_BIN) run --inputs Inputs --outputs Outputs --jobs $(JOBS)

test: deps
	$(SWIFT) build --product workforce
	$(SWIFT) test

sample: $(RELEASE_BIN)
	$(RELEASE_BIN) generate --workers $(WORKERS) --years $(YEARS) --seed $(SEED) --out Inputs

validate: $(RELEASE_BIN)
	$(RELEASE_BIN) validate --inputs Inputs --outputs Outputs --jobs $(JOBS)

.build/libcsv_ceiling: Benchmarks/libcsv_ceiling.c | deps
	mkdir -p .build
	$(CC) -O2 -pthread $< -lcsv -o $@

BENCH_VENV := .build/bench-venv
$(BENCH_VENV)/bin/python:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q duckdb polars pandas pyarrow

bench: $(RELEASE_BIN) .build/libcsv_ceiling $(BENCH_VENV)/bin/python
	$(BENCH_VENV)/bin/python Benchmarks/run_bench.py

report-check: $(RELEASE_BIN)
	scripts/report-check.sh

FUZZ_SECONDS ?= 300
FUZZ_FLAGS := --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table
fuzz: deps
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS)
	mkdir -p Fuzz/corpus Fuzz/crashes
	for f in Tests/WorkforceKitTests/Fixtures/broken/*/workers.* Tests/WorkforceKitTests/Fixtures/small/workers.csv; do \
	  head -c 8192 "$$f" > "Fuzz/corpus/seed-$$(basename $$(dirname $$f))"; done
	cd Fuzz && SWIFT_BACKTRACE=enable=no ./.build/debug/IngestFuzzer corpus -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=8192 -artifact_prefix=crashes/ -print_final_stats=1

kill-test: $(RELEASE_BIN)
	scripts/kill-test.sh 20

refs:
	@command -v Rscript >/dev/null || { echo "error: Rscript not found; run: sudo apt-get install -y r-base-core r-cran-survey" >&2; exit 1; }
	Rscript scripts/r/reference_survey.R Tests/WorkforceKitTests/Fixtures/r-reference

clean:
	rm -rf .build
	find Outputs -mindepth 1 ! -name README.md -exec rm -rf {} +
