#!/usr/bin/env bash
# Builds the reference app for `npm run bench:load -- --reference <dir>`: Leptos' own TodoMVC
# example (examples/todomvc of a checkout of the leptos repository), against crates.io's
# leptos 0.8.23 and with this project's toolchain (Trunk 0.21.14, wasm-bindgen-cli and
# wasm-opt as pinned in Trunk.toml), so both apps are built the same way. The reference's code
# never enters this repository: it is copied to a temporary folder and built there.
#
#   tests/web/tools/build-reference.sh <leptos checkout or git directory> <output folder>
set -euo pipefail
source "$(dirname "$0")/../../../.ci/env"
checkout="$(cd "$1" && pwd)"
out="$(mkdir -p "$2" && cd "$2" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -d "$checkout/examples/todomvc" ]; then
  cp -r "$checkout/examples/todomvc" "$work/todomvc"
else # a git directory without a work tree
  git -C "$checkout" archive HEAD examples/todomvc | tar -x -C "$work"
  mv "$work/examples/todomvc" "$work/todomvc"
fi
cd "$work/todomvc"
rm -f rust-toolchain.toml
bindgen="$(awk -F'"' '/^wasm_bindgen/ { print $2 }' "$ROOT/Trunk.toml")"
wasm_opt="$(awk -F'"' '/^wasm_opt/ { print $2 }' "$ROOT/Trunk.toml")"
# crates.io's leptos instead of the checkout's path, the wasm-bindgen the CLI matches, and a
# workspace of its own.
sed -i -E 's|^leptos = \{ path = "[^"]*",|leptos = { version = "=0.8.23",|' Cargo.toml
sed -i -E "s|^\[dependencies\]$|[dependencies]\nwasm-bindgen = \"=$bindgen\"|" Cargo.toml
printf '\n[workspace]\n' >> Cargo.toml
printf '[build]\ndist = "dist"\npublic_url = "./"\n\n[tools]\nwasm_bindgen = "%s"\nwasm_opt = "%s"\n' \
  "$bindgen" "$wasm_opt" > Trunk.toml
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/reference}" trunk build --release
rm -rf "$out" && cp -r dist "$out"
echo "reference built into $out"
