# deps.sh — sourced by run-app.sh and run-tests.sh: installs the Debian 12
# packages Riffscope needs, and only calls apt when something is missing.

riffscope_sudo() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Packages to build and run the app.
RIFFSCOPE_BUILD_PKGS=(
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libsndfile1-dev libarchive-dev libsdl2-dev libfluidsynth-dev
  timgm6mb-soundfont fonts-dejavu-core librsvg2-common adwaita-icon-theme
)
# Extra packages the tests use: a display, sample media from other
# packages, tools that build test inputs, validators.
RIFFSCOPE_TEST_PKGS=(
  xvfb xauth alsa-utils zip tar gzip bzip2 xz-utils cpio gigtools ffmpeg
  desktop-file-utils appstream locales-all libpython3.11-testsuite
  fonts-dejavu-core librsvg2-common adwaita-icon-theme hicolor-icon-theme
  libglib2.0-bin
)

riffscope_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    riffscope_sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    riffscope_sudo env DEBIAN_FRONTEND=noninteractive \
      apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
