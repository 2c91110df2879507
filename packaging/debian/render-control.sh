#!/usr/bin/env bash
# Print the .deb's DEBIAN/control: control.in with the version, architecture, size, the maintainer
# (DEB_MAINTAINER, else packaging/debian/maintainer) and the Depends: the runtime item if given
# (packaging/check_runtime.py --depends), then packaging/qt-runtime-debs.txt (the same list
# scripts/bootstrap.sh installs).
# Usage: packaging/debian/render-control.sh <version> <arch> <installed size in KiB> [<runtime depends>]
set -euo pipefail
cd "$(dirname "$0")/../.."
depends=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' packaging/qt-runtime-debs.txt | paste -sd, | sed 's/,/, /g')
if [ -n "${4:-}" ]; then
  depends="$4, $depends"
fi
maintainer=${DEB_MAINTAINER:-$(grep -v '^#' packaging/debian/maintainer)}
sed -e "s/@VERSION@/${1:?version}/" -e "s/@ARCH@/${2:?arch}/" -e "s/@SIZE@/${3:?size}/" \
    -e "s|@MAINTAINER@|$maintainer|" -e "s|@DEPENDS@|$depends|" packaging/debian/control.in
