#!/usr/bin/env bash
# run-tests.sh — the whole test suite, as CI runs it: install what is
# needed, build twice (plain with -Werror, and ASan+UBSan), run every
# suite in both under Xvfb with SDL's disk audio driver, and end with
# "N passed, N failed[, N skipped]" counted from meson's testlog.json.
set -uo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
riffscope_install "${RIFFSCOPE_BUILD_PKGS[@]}" "${RIFFSCOPE_TEST_PKGS[@]}" || exit 1

# No audio device and no display on CI: SDL writes what it would play to
# a file, GTK draws on Xvfb.
export SDL_AUDIODRIVER=disk
export NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory
# A developer's own IOProc registry, recent files and settings must not
# change the results: every run gets empty XDG folders.
xdg=$(mktemp -d)
trap 'rm -rf "$xdg"' EXIT
export XDG_CONFIG_HOME=$xdg/config XDG_DATA_HOME=$xdg/data XDG_CACHE_HOME=$xdg/cache
export XDG_RUNTIME_DIR=$xdg/runtime
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

status=0
run_suite() {   # dir, extra meson setup args...
  local dir=$1; shift
  if [ -d "$dir" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null || { rm -rf "$dir"; meson setup "$dir" "$@" >/dev/null; }
  else
    meson setup "$dir" "$@" >/dev/null
  fi || { echo "meson setup failed for $dir"; status=1; return; }
  ninja -C "$dir" || { echo "build failed in $dir"; status=1; return; }
  xvfb-run -a -s "-screen 0 1280x1024x24" \
    meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
}

run_suite build -Dwerror=true
run_suite build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false

python3 - build/meson-logs/testlog.json build-asan/meson-logs/testlog.json <<'PY'
import json, sys, os
passed = failed = skipped = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        failed += 1          # a build that never ran its tests counts
        continue
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line).get("result")
            if r in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif r == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
PY
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
