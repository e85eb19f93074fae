#!/usr/bin/env bash
# run-app.sh — the main job on a fresh Debian 12 machine: install what is
# needed, build, and open Riffscope on a bundled sample (or the files given).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
riffscope_install "${RIFFSCOPE_BUILD_PKGS[@]}"
[ -d build ] || meson setup build >/dev/null
ninja -C build
if [ $# -eq 0 ]; then
  set -- data/samples/sounds.bnd data/samples/tone.wav
fi
exec build/app/riffscope "$@"
