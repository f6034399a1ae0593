# The two commands a newcomer needs are `make demo` and `make test` (see README.md).
# Everything else here is what they are made of.

SHELL := /bin/bash
.DEFAULT_GOAL := demo
CRATE := pmo_analytics
PORT ?= 8080

# WebAssembly is always built with Debian's Rust and std rebuilt from source with panic=unwind,
# so a panic becomes a catchable JS error on every machine (README, "Panic policy"). Its own
# target directory keeps it from invalidating the native (rustup) build.
WASM_ENV := PATH=/usr/bin:$$PATH RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
	CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_DEV_PANIC=unwind \
	RUSTFLAGS="-Cpanic=unwind -Cllvm-args=-wasm-use-legacy-eh" \
	CARGO_TARGET_DIR=target/wasm
WASM_CARGO := $(WASM_ENV) /usr/bin/cargo
WASM_FLAGS := --target wasm32-unknown-unknown -Zbuild-std=std,panic_unwind
WASM_OUT := target/wasm/wasm32-unknown-unknown/release/$(CRATE).wasm
RUNNER_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: demo test setup wasm pkg serve test-native test-types test-wasm-node test-wasm-browser \
	test-js test-browser sample bench dist clean

setup:
	@bash scripts/setup.sh

wasm: setup
	$(WASM_CARGO) build --release --lib $(WASM_FLAGS)

# The npm package: the web-target module, its .d.ts, and package.json made from pkg.json.
pkg: wasm
	rm -rf pkg
	wasm-bindgen --target web --remove-name-section --out-dir pkg $(WASM_OUT)
	node scripts/make-package-json.mjs
	cp README.md pkg/README.md
	rm -rf www/pkg && mkdir -p www/pkg && cp pkg/$(CRATE).js pkg/$(CRATE)_bg.wasm pkg/$(CRATE).d.ts www/pkg/
	@ls -l pkg/$(CRATE)_bg.wasm | awk '{printf "wasm size: %d bytes\n", $$5}'

# The dashboard as one folder for any static host, at its root or under a sub-path: www/ with
# the module, minus what only development needs, and dist/README.txt on how to host it.
dist: pkg
	node scripts/dist.mjs

serve:
	@echo "pmo-analytics demo: http://127.0.0.1:$(PORT)/"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

demo: pkg serve

test: setup test-native pkg test-types test-wasm-node test-wasm-browser test-js test-browser
	@echo "make test: all suites passed"

test-native:
	cargo test

test-wasm-node:
	$(WASM_ENV) $(RUNNER_ENV) /usr/bin/cargo test --test wasm_boundary $(WASM_FLAGS)

test-wasm-browser:
	$(WASM_ENV) $(RUNNER_ENV) WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
		/usr/bin/cargo test --test wasm_boundary $(WASM_FLAGS)

# The generated .d.ts must serve a strict TypeScript user.
test-types:
	tests/browser/node_modules/.bin/tsc -p tests/types
	@echo "types: tests/types/consumer.ts checks against pkg/pmo_analytics.d.ts"

test-js:
	node --test tests/js/

test-browser:
	node --test tests/browser/

# Regenerates the committed sample from the generator (a test checks they agree); written
# aside and moved into place so a running page never reads half a file.
sample:
	cargo run --release --bin pmo-sample -- sample > www/sample/portfolio.json.tmp
	mv www/sample/portfolio.json.tmp www/sample/portfolio.json

# Benchmarks, not tests: medians printed, native, wasm under Node, then the dashboard in
# headless Chromium (README, "Figures").
bench: pkg
	cargo run --release --quiet --bin pmo-bench
	node scripts/bench.mjs
	node scripts/bench-browser.mjs

clean:
	cargo clean
	rm -rf pkg www/pkg dist
