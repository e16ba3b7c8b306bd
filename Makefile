# dateline: the two commands of the README are `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
DATELINE = $(BUILD)/bin/dateline
DEMO_INDEX = $(BUILD)/demo-index

.PHONY: deps build web demo test test-sanitize test-tsan fuzz format clean

deps:
	./scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j$(JOBS)
	./scripts/build-web.sh

# The web UI alone (web/ -> web/dist; npm ci on first use).
web:
	./scripts/build-web.sh

demo: build
	./scripts/demo.sh $(DATELINE) $(DEMO_INDEX)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(BUILD)-sanitize -DCMAKE_BUILD_TYPE=Debug -DDATELINE_SANITIZE=ON >/dev/null
	cmake --build $(BUILD)-sanitize -j$(JOBS)
	./scripts/build-web.sh
	ctest --test-dir $(BUILD)-sanitize --output-on-failure -j$(JOBS)

# The concurrency tests (readers during writes, the server) and the ingest tests
# (JSON Lines parsed on worker threads) under ThreadSanitizer.
TSAN_TESTS ?= concurrency_test ingest_test analysis_pieces_test
test-tsan: deps
	cmake -S . -B $(BUILD)-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDATELINE_TSAN=ON \
	  -DDATELINE_BENCH=OFF >/dev/null
	cmake --build $(BUILD)-tsan -j$(JOBS) --target $(TSAN_TESTS)
	for t in $(TSAN_TESTS); do TSAN_OPTIONS=halt_on_error=1 $(BUILD)-tsan/bin/$$t || exit 1; done

# The libFuzzer targets of tests/fuzz (clang), each run FUZZ_SECONDS (doc/fuzzing.md).
FUZZ_SECONDS ?= 20
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DDATELINE_FUZZ=ON -DDATELINE_BENCH=OFF >/dev/null
	cmake --build $(BUILD)-fuzz -j$(JOBS) --target fuzz_all
	./scripts/fuzz.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD)-sanitize web/dist
