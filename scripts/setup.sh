#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine of this project's kind.
# Idempotent: every step checks first and skips what is already there. Only package registries
# (Debian, crates.io, npm) are used, because nothing else is reachable here (see TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

# Debian's Rust ships the standard library source, so std can be rebuilt for wasm32 with
# panic=unwind (rustup's prebuilt wasm32 std is built to abort). We always take this route so the
# module behaves the same on every machine: a panic becomes a catchable JS error.
apt_packages=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 chromium chromium-driver)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
else
  log "Debian packages present"
fi

# The wasm-bindgen command line must match the crate's version exactly (the crate is pinned with =).
wanted=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  log "installing wasm-bindgen-cli $wanted (about 5 minutes, once per machine)"
  cargo install wasm-bindgen-cli --version "=$wanted"
else
  log "wasm-bindgen-cli $have present"
fi

# npm packages for the browser tests and the wasm optimiser, pinned by package-lock.json.
if [ ! -d tests/browser/node_modules/playwright-core ] || \
   [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  log "installing npm packages for browser tests"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
else
  log "npm packages present"
fi
