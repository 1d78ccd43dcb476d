# SPDX-License-Identifier: GPL-2.0-or-later
#
# Convenience wrapper around CMake; the build itself is CMakeLists.txt.
#   make demo       install what is missing, build, show and check the sample series
#   make test       install what is missing, build with -Werror, run the suite
#   make test-asan  the suite under AddressSanitizer + UBSan
#   make fuzz       run every fuzz target for FUZZ_SECONDS (clang libFuzzer)
#   make fuzz-long  run each fuzz target for FUZZ_MINUTES, two at a time,
#                   seeded from the corpus in PRV_CORPUS (to find bugs)
#   make bench      benchmarks against git, b4 and checkpatch.pl

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60
FUZZ_MINUTES ?= 15
SAMPLE = docs/examples/sample
# What the passing tests left out (no corpus, no peer tool), from their logs.
SHOW_SKIPPED = sh -c 'grep -ih "skipped" "$$0/Testing/Temporary/LastTest.log" | \
	sort -u | sed "s/^/note: /"'

.PHONY: all deps deps-test deps-bench build demo test test-asan fuzz-build \
	fuzz fuzz-long bench format clean

all: build

deps:
	@contrib/install-deps.sh

deps-test:
	@contrib/install-deps.sh --test

build: deps
	cmake -S . -B $(BUILD) -DPRV_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

# The series as read, then the review; exit 1 (a failing finding) is a
# result, not an error.
demo: build
	@echo "== prereview show $(SAMPLE)"
	@$(BUILD)/prereview show $(SAMPLE)
	@echo
	@echo "== prereview check $(SAMPLE)"
	@$(BUILD)/prereview check $(SAMPLE) || [ $$? -eq 1 ]

test: deps-test
	cmake -S . -B $(BUILD) -DPRV_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j$(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	@$(SHOW_SKIPPED) $(BUILD)

test-asan: deps-test
	cmake -S . -B $(BUILD)-asan -DPRV_WERROR=ON -DPRV_SANITIZE=ON \
		-DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(BUILD)-asan -j$(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j$(JOBS)
	@$(SHOW_SKIPPED) $(BUILD)-asan

fuzz-build: deps-test
	CC=clang cmake -S . -B $(BUILD)-fuzz -DPRV_FUZZ=ON -DPRV_TESTS=OFF -DPRV_WERROR=ON \
		-DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(BUILD)-fuzz -j$(JOBS)

fuzz: fuzz-build
	tests/fuzz/run.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

# The grown corpora stay in $(BUILD)-fuzz/fuzz-out for the next run.
fuzz-long: fuzz-build
	tests/fuzz/long.sh $(BUILD)-fuzz $(FUZZ_MINUTES)

deps-bench:
	@contrib/install-deps.sh --bench

bench: build deps-bench
	bench/run.sh $(BUILD)/prereview

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
