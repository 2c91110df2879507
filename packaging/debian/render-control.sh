#!/usr/bin/env bash
# Print the .deb's DEBIAN/control: control.in with the version, architecture, size and the Depends
# read from packaging/qt-runtime-debs.txt (the same list scripts/bootstrap.sh installs).
# Usage: packaging/debian/render-control.sh <version> <arch> <installed size in KiB>
set -euo pipefail
cd "$(dirname "$0")/../.."
depends=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' packaging/qt-runtime-debs.txt | paste -sd, | sed 's/,/, /g')
sed -e "s/@VERSION@/${1:?version}/" -e "s/@ARCH@/${2:?arch}/" -e "s/@SIZE@/${3:?size}/" \
    -e "s/@DEPENDS@/$depends/" packaging/debian/control.in
