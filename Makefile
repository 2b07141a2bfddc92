# workforce — build, run and test the survey pipeline.
#
# Targets:
#   make          install what is missing, build in release, run the pipeline on Inputs/ into Outputs/
#   make test     install what is missing, run the whole test suite
#   make sample   regenerate Inputs/ from the generator (byte-identical for the same seed; refuses to overwrite files it did not write)
#   make validate check Inputs/ only (Outputs/validation/: data_quality.csv and quarantine), exit 1 if rows were quarantined
#   make bench    time the pipeline against the libcsv ceiling, DuckDB, polars, pandas (and R); writes Benchmarks/results.md
#   make report-check  render summary.html in headless Chromium to PNG and PDF (skipped without Chromium)
#   make fuzz     build the libFuzzer targets (Fuzz/: ingestion, the plan reader) with ASan and run each
#                 FUZZ_SECONDS (default 300); FUZZERS=PlanFuzzer runs one
#   make kill-test  kill runs at random moments, check the published reports stay complete
#   make refs     regenerate the R reference estimates used by the tests (needs r-base-core, r-cran-survey)
#   make clean    remove build output and generated reports
#   make deps     install the Debian packages the build needs (apt-get when root)
#   make install-nightly    as root: user workforce, /var/log/workforce, Outputs/ handed to it, the hardened
#                 systemd service + timer enabled (02:30), or the cron line when systemd is not running
#   make uninstall-nightly  as root: remove the nightly units or cron line (keeps the logs, the user and Outputs/)
#
# Variables: JOBS (threads, default all cores), SEED, WORKERS, YEARS (for `make sample`);
#            NIGHTLY_USER (default workforce), NIGHTLY_DIR (checkout the nightly run uses, default this one).

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/workforce
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SEED ?= 20190101
WORKERS ?= 20000
YEARS ?= 2019,2020,2021

SOURCES := Package.swift $(shell find Sources -type f \( -name '*.swift' -o -name '*.h' -o -name '*.modulemap' \) 2>/dev/null)
INPUTS := $(shell find Inputs -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.xlsx' -o -name 'plan.toml' \) 2>/dev/null)

.PHONY: all deps test sample validate refs kill-test fuzz bench report-check clean install-nightly \
  uninstall-nightly

all: Outputs/manifest.json

deps:
	@missing=""; \
	for pair in libcsv-dev:/usr/include/csv.h zlib1g-dev:/usr/include/zlib.h libsqlite3-dev:/usr/include/sqlite3.h; do \
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
FUZZERS ?= IngestFuzzer PlanFuzzer
FUZZ_FLAGS := --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table
fuzz: deps
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS)
	mkdir -p Fuzz/corpus Fuzz/crashes Fuzz/plan-corpus Fuzz/plan-crashes
	for f in Tests/WorkforceKitTests/Fixtures/broken/*/workers.* Tests/WorkforceKitTests/Fixtures/small/workers.csv; do \
	  head -c 8192 "$$f" > "Fuzz/corpus/seed-$$(basename $$(dirname $$f))"; done
	python3 scripts/plan-seeds.py Fuzz/plan-corpus
	for fuzzer in $(FUZZERS); do \
	  case $$fuzzer in PlanFuzzer) set -- plan-corpus plan-crashes 16384 0;; *) set -- corpus crashes 8192 1;; esac; \
	  (cd Fuzz && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=$$4 ./.build/debug/$$fuzzer $$1 \
	    -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$$3 -detect_leaks=$$4 -artifact_prefix=$$2/ -print_final_stats=1) || exit 1; \
	done

kill-test: $(RELEASE_BIN)
	scripts/kill-test.sh 20

refs:
	@command -v Rscript >/dev/null || { echo "error: Rscript not found; run: sudo apt-get install -y r-base-core r-cran-survey" >&2; exit 1; }
	Rscript scripts/r/reference_survey.R Tests/WorkforceKitTests/Fixtures/r-reference
	Rscript scripts/r/lonely_average.R Tests/WorkforceKitTests/Fixtures/r-lonely/apiclus2_by_county
	Rscript scripts/r/plan_ratios.R Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-ratios

clean:
	rm -rf .build
	find Outputs -mindepth 1 ! -name README.md -exec rm -rf {} +

# Nightly runs as NIGHTLY_USER from NIGHTLY_DIR: see "Nightly runs" in docs/operations.md.
NIGHTLY_USER ?= workforce
NIGHTLY_DIR ?= $(CURDIR)
NIGHTLY_LOG := /var/log/workforce
NIGHTLY_UNITS := /etc/systemd/system
NIGHTLY_CRON := /etc/cron.d/workforce-nightly
# The contrib/ units and cron line name /srv/workforce and the user workforce; these put in the real ones.
NIGHTLY_SED := -e 's|/srv/workforce|$(NIGHTLY_DIR)|g' -e 's|^User=workforce$$|User=$(NIGHTLY_USER)|'
NIGHTLY_CRONTAB = grep -v '^\#' contrib/workforce-nightly.cron | sed $(NIGHTLY_SED)

install-nightly:
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "error: $@ creates a system user and writes under /etc and /var/log, so it needs root" >&2; \
	  echo "run:   sudo make $@$(if $(MAKEOVERRIDES), $(MAKEOVERRIDES))" >&2; exit 1; \
	fi
	@# Nothing is created unless something will start the run: systemd running, or cron installed.
	@[ -d /run/systemd/system ] || command -v cron >/dev/null || command -v crond >/dev/null || { \
	  echo "error: neither systemd nor cron runs here, so nothing would start the nightly run; nothing was changed" >&2; \
	  echo "run:   sudo apt-get install -y cron && sudo make $@$(if $(MAKEOVERRIDES), $(MAKEOVERRIDES))" >&2; \
	  echo "or put this line in user $(NIGHTLY_USER)'s crontab (sudo crontab -u $(NIGHTLY_USER) -e):" >&2; \
	  $(NIGHTLY_CRONTAB) >&2; exit 1; }
	@case "$(NIGHTLY_DIR)" in /*) ;; *) echo "error: NIGHTLY_DIR must be an absolute path" >&2; exit 1;; esac; \
	case "$(NIGHTLY_DIR)" in *[!A-Za-z0-9/._-]*) \
	  echo "error: NIGHTLY_DIR may hold only letters, digits and / . _ - (systemd and cron take it unquoted)" >&2; exit 1;; esac; \
	[ -x "$(NIGHTLY_DIR)/$(RELEASE_BIN)" ] || { \
	  echo "error: $(NIGHTLY_DIR)/$(RELEASE_BIN) not found; build it first, as the checkout's owner: make" >&2; exit 1; }
	@id -u $(NIGHTLY_USER) >/dev/null 2>&1 || { \
	  echo "creating system user $(NIGHTLY_USER)"; \
	  useradd --system --no-create-home --shell /usr/sbin/nologin $(NIGHTLY_USER); }
	@group=$$(id -gn $(NIGHTLY_USER)) && \
	install -d -o $(NIGHTLY_USER) -g $$group -m 0750 $(NIGHTLY_LOG) && \
	mkdir -p "$(NIGHTLY_DIR)/Outputs" && chown -R $(NIGHTLY_USER):$$group "$(NIGHTLY_DIR)/Outputs" && \
	echo "$(NIGHTLY_LOG) (mode 0750) and $(NIGHTLY_DIR)/Outputs belong to $(NIGHTLY_USER):$$group"
	@runuser -u $(NIGHTLY_USER) -- "$(NIGHTLY_DIR)/$(RELEASE_BIN)" --version >/dev/null && \
	runuser -u $(NIGHTLY_USER) -- test -r "$(NIGHTLY_DIR)/Inputs" -a -x "$(NIGHTLY_DIR)/Inputs" \
	  -a -w "$(NIGHTLY_DIR)/Outputs" -a -w $(NIGHTLY_LOG) || { \
	  echo "error: user $(NIGHTLY_USER) cannot run $(NIGHTLY_DIR)/$(RELEASE_BIN), read Inputs/ or write Outputs/;" \
	    "let it through each folder on the way (chmod o+x) and run this again" >&2; exit 1; }
	@home=yes; tmp=yes; \
	for path in "$(NIGHTLY_DIR)/" $$(ldd "$(NIGHTLY_DIR)/$(RELEASE_BIN)" 2>/dev/null | awk '$$2 == "=>" { print $$3 }'); do \
	  case "$$path" in /home/*|/root/*|/run/user/*) home=read-only;; /tmp/*|/var/tmp/*) tmp=no;; esac; \
	done; \
	[ $$home = yes ] || echo "note: the checkout or the Swift runtime is under /home, /root or /run/user: ProtectHome=read-only"; \
	[ $$tmp = yes ] || echo "note: the checkout or the Swift runtime is under /tmp or /var/tmp: PrivateTmp=no"; \
	if [ -d $(NIGHTLY_UNITS) ]; then \
	  sed $(NIGHTLY_SED) -e "s|^Group=workforce\$$|Group=$$(id -gn $(NIGHTLY_USER))|" -e "s|^ProtectHome=yes\$$|ProtectHome=$$home|" \
	    -e "s|^PrivateTmp=yes\$$|PrivateTmp=$$tmp|" \
	    contrib/workforce-nightly.service > $(NIGHTLY_UNITS)/workforce-nightly.service && \
	  cp contrib/workforce-nightly.timer $(NIGHTLY_UNITS)/workforce-nightly.timer && \
	  chmod 0644 $(NIGHTLY_UNITS)/workforce-nightly.service $(NIGHTLY_UNITS)/workforce-nightly.timer && \
	  echo "installed $(NIGHTLY_UNITS)/workforce-nightly.service and .timer (runs $(NIGHTLY_DIR) as $(NIGHTLY_USER))" || exit 1; \
	fi; \
	if [ -d /run/systemd/system ]; then \
	  systemctl daemon-reload && systemctl enable --now workforce-nightly.timer || exit 1; \
	  rm -f $(NIGHTLY_CRON); \
	  echo "enabled: every night at 02:30; check with: systemctl list-timers workforce-nightly.timer"; \
	elif command -v cron >/dev/null || command -v crond >/dev/null; then \
	  echo "systemd is not running here: installing the cron line for user $(NIGHTLY_USER) as $(NIGHTLY_CRON)"; \
	  { echo "# Installed by make install-nightly from $(CURDIR)/contrib/workforce-nightly.cron; make uninstall-nightly removes it."; \
	    echo "MAILTO=root"; $(NIGHTLY_CRONTAB) | sed 's|^\(\([^ ]* \)\{5\}\)|\1$(NIGHTLY_USER) |'; } > $(NIGHTLY_CRON) && chmod 0644 $(NIGHTLY_CRON) || exit 1; \
	  echo "enabled: every night at 02:30; the last run's output: tail $(NIGHTLY_LOG)/nightly.log"; \
	else \
	  echo "error: neither systemd nor cron runs here, so nothing would start the nightly run" >&2; \
	  echo "run:   sudo apt-get install -y cron && sudo make $@$(if $(MAKEOVERRIDES), $(MAKEOVERRIDES))" >&2; \
	  echo "or put this line in user $(NIGHTLY_USER)'s crontab (sudo crontab -u $(NIGHTLY_USER) -e):" >&2; \
	  $(NIGHTLY_CRONTAB) >&2; exit 1; \
	fi

uninstall-nightly:
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "error: $@ removes files under /etc, so it needs root" >&2; \
	  echo "run:   sudo make $@$(if $(MAKEOVERRIDES), $(MAKEOVERRIDES))" >&2; exit 1; \
	fi
	@if [ -d /run/systemd/system ]; then systemctl disable --now workforce-nightly.timer 2>/dev/null || true; fi; \
	rm -f $(NIGHTLY_UNITS)/workforce-nightly.service $(NIGHTLY_UNITS)/workforce-nightly.timer $(NIGHTLY_CRON); \
	if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	echo "removed the nightly service, timer and cron line; kept $(NIGHTLY_LOG), the user $(NIGHTLY_USER) and the owner of Outputs/"
