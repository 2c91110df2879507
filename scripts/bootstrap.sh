#!/usr/bin/env bash
# Set up everything AcMail needs on a fresh Debian/Ubuntu machine: Debian packages (when run as
# root, otherwise the exact apt-get line to run), the virtual environment and compiled translations.
# Idempotent and quick when nothing changed, so every make target can call it.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  dovecot-imapd                      # the real IMAP server used by the tests, benchmarks and demo
  gnome-keyring dbus                 # a real Secret Service for the keyring tests
  fonts-dejavu-core                  # Qt needs a font even offscreen
  zbar-tools                         # zbarimg decodes the exported QR code in the tests
  poppler-utils                      # pdftotext reads back the PDF a message is exported to
  binutils                           # readelf/strip for `make package`; objdump for PyInstaller
  python3-venv python3.11            # Debian's own Python: the .deb's runtime (packaging/debian/build-deb.sh)
  lintian desktop-file-utils appstream dpkg-dev   # make package and its test: lintian, desktop-file-validate,
                                                  # appstreamcli, dpkg-parsechangelog
  libenchant-2-2 hunspell-fr         # French spell checking in the compose window (pyenchant)
  xvfb openbox xdotool x11-utils imagemagick   # end-to-end tests: a real X display and window manager
)
# The libraries Qt's X11 plugins load (one list, shared with the .deb's Depends).
mapfile -t QT_RUNTIME_DEBS < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' packaging/qt-runtime-debs.txt)
APT_PACKAGES+=("${QT_RUNTIME_DEBS[@]}")
if [ "${1:-}" = --list-debian-packages ]; then
  printf '%s\n' "${APT_PACKAGES[@]}"
  exit 0
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts the system Dovecot on install; the tests run their own private instance.
    if command -v systemctl >/dev/null && systemctl is-active --quiet dovecot 2>/dev/null; then
      systemctl stop dovecot || true
    fi
  else
    echo "bootstrap: missing Debian packages; run as root:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# A real Cyrus IMAP for the server-personality tests (tests/support/cyrus.py). Debian's package
# conflicts with dovecot-imapd, so it is unpacked (apt-get download + dpkg -x), never installed.
CYRUS_ROOT=${ACMAIL_CYRUS_ROOT:-/opt/acmail-test-servers/cyrus}
CYRUS_DEBS=(cyrus-imapd cyrus-common sasl2-bin libxapian30 libpcre3 libical3)
if [ ! -x "$CYRUS_ROOT/usr/sbin/cyrmaster" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: unpacking Cyrus IMAP into $CYRUS_ROOT (tests only)"
    debs=$(mktemp -d)
    chmod 755 "$debs"  # apt downloads as its own _apt user
    if ! (cd "$debs" && apt-get download -q "${CYRUS_DEBS[@]}" >/dev/null 2>&1); then
      apt-get update -q >/dev/null
      (cd "$debs" && apt-get download -q "${CYRUS_DEBS[@]}" >/dev/null 2>&1)
    fi
    mkdir -p "$CYRUS_ROOT"
    for deb in "$debs"/*.deb; do dpkg -x "$deb" "$CYRUS_ROOT"; done
    rm -rf "$debs"
  else
    echo "bootstrap: Cyrus IMAP for the tests is not unpacked in $CYRUS_ROOT; run this script as root" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.acmail-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e '.[test]'
  touch "$stamp"
fi

# Compile the Qt translations (.ts -> .qm) when a source is newer than its binary.
shopt -s nullglob
for ts in resources/translations/*.ts; do
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
  fi
done
