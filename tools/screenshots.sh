#!/usr/bin/env bash
# screenshots.sh — the screenshots the AppStream metainfo shows: the window
# on each sample in data/samples, under a virtual X server, written to
# data/screenshots/. Needs xvfb and imagemagick. Look at them afterwards.
#   tools/screenshots.sh [BUILD_DIR]        (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
app="$build/app/riffscope"
[ -x "$app" ] || { echo "no $app: build first (meson setup $build && ninja -C $build)" >&2; exit 2; }
for t in xvfb-run import convert; do
  command -v $t >/dev/null || { echo "missing $t: apt-get install -y xvfb xauth imagemagick" >&2; exit 2; }
done
out=data/screenshots
mkdir -p "$out"
# A copy of the samples, so nothing the app does touches the originals.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# HOME points there too, so the title bar shows ~/Music/… as on a desktop.
mkdir -p "$work/Music"
cp data/samples/* "$work/Music/"
# A recording cut short, to show what the inspector says about it.
head -c 3000 data/samples/tone.wav > "$work/Music/cut-short.wav"

W=1200 H=760
shoot() {   # name, args...
  local name=$1; shift
  xvfb-run -a -s "-screen 0 ${W}x${H}x24" env \
      HOME="$work" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$build/data" \
      NO_AT_BRIDGE=1 \
      sh -c '
    app=$1; shot=$2; shift 2
    "$app" "$@" & pid=$!
    sleep 4
    kill -0 $pid 2>/dev/null || { echo "riffscope exited early" >&2; exit 1; }
    import -window root "$shot"
    kill $pid; wait $pid 2>/dev/null || true' sh "$app" "$work/$name.full.png" "$@"
  # The window sits at the top left, 1100x720 by default.
  convert "$work/$name.full.png" -crop 1100x720+0+0 +repage -strip "$out/$name.png"
  echo "wrote $out/$name.png"
}

shoot wav  --goto 0x16 "$work/Music/tone.wav"
shoot bnd  --view elements "$work/Music/sounds.bnd"
shoot avi  --goto 0x40 "$work/Music/clip.avi"
shoot midi --goto 0x20 "$work/Music/tune.rmi"
shoot problems --view problems "$work/Music/cut-short.wav"
