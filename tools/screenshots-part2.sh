#!/usr/bin/env bash
# screenshots-part2.sh — the metainfo screenshots of the IOProcs page (a
# checker report), the message trace (a file's open and walk, a read's
# bytes) and the MCI panel while playing. tests/app/test-workbench drives
# the window there and renders it to data/screenshots/ when
# RIFFSCOPE_SCREENSHOT_DIR is set. Needs xvfb. Look at them afterwards.
#   tools/screenshots-part2.sh [BUILD_DIR]        (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/tests/app/test-workbench"
[ -x "$bin" ] || { echo "no $bin: build first (meson setup $build && ninja -C $build)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "missing xvfb-run: apt-get install -y xvfb xauth" >&2; exit 2; }
out="$PWD/data/screenshots"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1280x800x24" env \
    RIFFSCOPE_SCREENSHOT_DIR="$out" \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$build/data" \
    GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none SDL_AUDIODRIVER=disk \
    RIFFSCOPE_SAMPLES="$PWD/data/samples" \
    RIFFSCOPE_AU_PLUGIN="$PWD/$build/ioprocs/plugins/riffscope-au.so" \
    RIFFSCOPE_BROKEN_ABI="$PWD/$build/tests/ioprocs/broken-abi.so" \
    "$bin" >/dev/null
for n in ioprocs trace mci; do echo "wrote data/screenshots/$n.png"; done
