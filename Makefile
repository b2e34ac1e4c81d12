# The two commands of the README:
#   make demo   installs missing packages, builds, ingests the sample archive and shows it
#   make test   installs missing packages, builds, runs every test
BUILD ?= build
BUILD_TYPE ?= Release
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
# `make test` also runs the suite under ASan and UBSan (test-sanitize, its own
# build) and each libFuzzer target briefly on its seeds (fuzz-smoke).
ASAN_BUILD ?= $(BUILD)-asan
FUZZ_BUILD ?= $(BUILD)-fuzz
FUZZ_SECONDS ?= 5
# libFuzzer's random seed: fixed, so that a CI run explores the same inputs each
# time (a finding is then reproducible, not luck); `FUZZ_SEED=0 make fuzz-smoke`
# draws a new one.
FUZZ_SEED ?= 1
# Every sanitizer report stops the test that made it. For the parser sandbox
# (extract/isolation.h) to work as unsanitized: a malloc past its memory limit
# returns null rather than die, and a parser's crash is a signal rather than
# ASan's SEGV report.
SANITIZER_ENV = ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:allocator_may_return_null=1:handle_segv=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: all deps configure build test demo bench bench-ingest clean format
.PHONY: test-main test-sanitize fuzz-smoke

all: build

deps:
	scripts/install-deps

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# `make test` (what .ci/run runs): the suite, then each fuzz target briefly on
# its seeds (fuzz-smoke), then the unit and CLI tests again under ASan and UBSan
# (test-sanitize, its own build). Each step stops the run when it fails.
test: test-main fuzz-smoke test-sanitize

test-main: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --timeout 900

# The unit and CLI tests built with -fsanitize=address,undefined (GCC, -O1);
# the browser test (it drives the same server as test-main's) and timing
# benchmarks (bench_*) are left out. (Isolated parsers are forked by a single-
# threaded parser server, never by the multi-threaded ingest: extract/isolation.h.)
test-sanitize: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
	  -DLEAKGRAPH_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target leakgraph leakgraph_unit_tests leakgraph_cli_tests
	$(SANITIZER_ENV) ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) --timeout 1800 \
	  -LE browser -E "^bench_"

# Each fuzz target for FUZZ_SECONDS on its seed corpus (fuzz/run; clang-14).
fuzz-smoke: deps
	FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) FUZZ_BUILD_JOBS=$(JOBS) fuzz/run

demo: build
	scripts/demo $(BUILD)/leakgraph

# make bench [SIZE=1k|10k|100k|1m]: bench/suite (bench/README.md); bench-ingest: cablegate against recoll
SIZE ?= 1k
bench: build
	bench/suite --size $(SIZE) --leakgraph $(BUILD)/leakgraph

bench-ingest: build
	bench/ingest --leakgraph $(BUILD)/leakgraph

format:
	find src tests bench -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
