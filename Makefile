# edi-bridge: the commands a developer, CI and a first-time user run.
#
#   make demo     install what is missing, build, run the bridge on samples/demo (DEMO_ONCE=1: exit when done)
#   make tour     parse, validate and acknowledge every file of samples/, one by one
#   make test     normal build + ASan/UBSan build, ctest in both (fuzz corpora replayed too)
#   make fuzz     libFuzzer campaign, FUZZ_SECONDS per target (clang-14)
#   make bench    throughput and peak RSS over generated files (see docs/performance.md)
#   make format   clang-format every C++ file in the repository
#   make clean    remove the build directories
#
# Every target installs the Debian packages it needs first (only the missing
# ones; see scripts/install-deps.sh), so each works on a fresh Debian 12.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

JOBS ?= $(shell nproc)
BUILD_DIR ?= build
ASAN_BUILD_DIR ?= build-asan
FUZZ_BUILD_DIR ?= build-fuzz
BENCH_BUILD_DIR ?= build-bench
BUILD_TYPE ?= RelWithDebInfo
FUZZ_SECONDS ?= 300
CMAKE_FLAGS ?=
DEMO_ONCE ?= 0
# The kill -9 soak (D3) runs at full size (200 kills, 2,000 transactions) in
# the normal build; under the sanitizers every daemon start costs seconds, so
# the ASan build runs a smaller soak.
ASAN_SOAK_KILLS ?= 40
ASAN_SOAK_FILES ?= 400

FUZZ_TARGETS := x12_reader_fuzz edifact_reader_fuzz render_fuzz schema_fuzz validate_fuzz

.PHONY: help deps build asan demo tour test test-build test-asan fuzz bench format clean

help:
	@sed -n '3,9p' Makefile | sed 's/^# *//'

deps:
	scripts/install-deps.sh build

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

asan: deps
	cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DEDI_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD_DIR) -j$(JOBS)

demo: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS) --target edi-bridge
	DEMO_ONCE=$(DEMO_ONCE) scripts/demo.sh $(BUILD_DIR)/edi-bridge

tour: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS) --target edi-bridge
	scripts/samples-tour.sh $(BUILD_DIR)/edi-bridge samples

test-build: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

test-asan: asan
	cd $(ASAN_BUILD_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  EDI_SOAK_KILLS=$(ASAN_SOAK_KILLS) EDI_SOAK_FILES=$(ASAN_SOAK_FILES) \
	  ctest --output-on-failure -j$(JOBS)

# Both builds run, in order; the first failure stops make with a non-zero status.
test: test-build test-asan
	@echo "make test: normal and ASan/UBSan builds passed"

fuzz:
	scripts/install-deps.sh build fuzz
	cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DEDI_FUZZ=ON -DEDI_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS) --target $(FUZZ_TARGETS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(FUZZ_BUILD_DIR) $(FUZZ_TARGETS)

bench:
	BENCH_BUILD_DIR=$(BENCH_BUILD_DIR) JOBS=$(JOBS) scripts/bench.sh
	BENCH_BUILD_DIR=$(BENCH_BUILD_DIR) JOBS=$(JOBS) scripts/mapping-bench.sh

format:
	scripts/install-deps.sh format
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git ls-files -z --cached --others --exclude-standard -- '*.h' '*.cc' \
	    | xargs -0 -r clang-format -i; \
	else \
	  find bridge parsers mappings transports spool tests \( -name '*.h' -o -name '*.cc' \) -print0 \
	    | xargs -0 -r clang-format -i; \
	fi

clean:
	rm -rf $(BUILD_DIR) $(ASAN_BUILD_DIR) $(FUZZ_BUILD_DIR) $(BENCH_BUILD_DIR)
