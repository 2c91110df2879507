#!/usr/bin/env bash
# Run the whole test suite inside a private D-Bus session with a fresh, unlocked gnome-keyring, so
# keyring tests use a real Secret Service and never the user's own collection.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
if [ -z "${ACMAIL_IN_DBUS:-}" ]; then
  exec env ACMAIL_IN_DBUS=1 dbus-run-session -- "$0" "$@"
fi
scratch=$(mktemp -d /tmp/acmail-tests.XXXXXX)
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
keyring_pid=""
cleanup() {
  [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
# A fresh login keyring, unlocked with a throw-away password, serving org.freedesktop.secrets.
eval "$(printf 'acmail-test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
keyring_pid=${GNOME_KEYRING_PID:-$(pgrep -n gnome-keyring-d || true)}
export ACMAIL_SECRET_SERVICE=1
status=0
.venv/bin/python -m pytest "$@" || status=$?
exit $status
