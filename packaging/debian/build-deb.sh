#!/usr/bin/env bash
# Build dist/acmail_<version>_<arch>.deb: a virtual environment in /opt/acmail made from Debian's own
# /usr/bin/python3.11, holding the AcMail wheel and its dependencies (wheels from the registry).
# Python, OpenSSL, SQLite, expat and zlib therefore come from Debian and get its security updates;
# only the Python packages (PySide6/Qt, cryptography, ...) are bundled. See docs/admin.md.
#
# Usage: packaging/debian/build-deb.sh <wheel> <version> <output dir>
# Environment: DEB_PYTHON (default /usr/bin/python3.11), DEB_MAINTAINER (see render-control.sh),
# ACMAIL_ALLOW_OLD_RUNTIME=1 to build on a Python below the documented minimum.
set -euo pipefail
cd "$(dirname "$0")/../.."
wheel=${1:?AcMail wheel}
version=${2:?version}
out_dir=${3:-dist}
python=${DEB_PYTHON:-/usr/bin/python3.11}
arch=$(dpkg --print-architecture)
stage=build/deb/acmail_${version}_${arch}
app=$stage/opt/acmail
doc=$stage/usr/share/doc/acmail
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"

# 1. The runtime: refused below the documented minimum (unless overridden), recorded in the package.
runtime_depends=$("$python" packaging/check_runtime.py --record "$stage/RUNTIME" --depends)
top=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
if [ "$top" != "$version" ]; then
  echo "build-deb: packaging/debian/changelog starts at $top, not $version: add an entry" >&2
  exit 1
fi

# 2. The virtual environment, with no pip, no activate scripts and no build-machine path inside.
"$python" -m venv "$app"
# Wheels from the registry; a pure-Python project that publishes only a source archive (authres) is
# built into a wheel here (PEP 517, never the legacy setup.py install).
"$app/bin/python" -m pip install --quiet --no-compile --prefer-binary --use-pep517 "$wheel"
"$app/bin/python" -m pip uninstall --quiet --yes pip setuptools
find "$app/bin" -mindepth 1 ! -name 'python*' -delete
sed -i '/^command = /d' "$app/pyvenv.cfg"
site=$(echo "$app"/lib/python3.*/site-packages)
rm -f "$site"/acmail_desktop-*.dist-info/direct_url.json
sed -i '/direct_url.json/d' "$site"/acmail_desktop-*.dist-info/RECORD
# Qt parts AcMail never loads (it uses QtCore, QtGui, QtWidgets, QtSvg, QtPrintSupport on the xcb
# platform): QML and Quick, Designer, Wayland, EGLFS, SQL, the developer tools. Every remaining plugin's
# libraries come from this package or from its Depends (checked by tests/integration/test_packaging.py).
qt=$site/PySide6
unused='Qml* Quick* Labs* Lottie* Designer* Wayland* Wl* EglFS* EglFs* Test* Sql* Help* UiTools* Pdf*
  Concurrent* Xml* StateMachine* OpenGLWidgets* SvgWidgets* Network*'
for name in $unused; do
  rm -f "$qt"/Qt$name.abi3.so "$qt"/Qt/lib/libQt6$name.so.*
done
rm -rf "$qt"/Qt/qml "$qt"/Qt/libexec "$qt"/Qt/metatypes "$qt"/include "$qt"/typesystems "$qt"/glue \
  "$qt"/scripts "$qt"/support "$qt"/Qt/plugins/{designer,qmltooling,qmllint,sqldrivers,tls} \
  "$qt"/Qt/plugins/{egldeviceintegrations,networkinformation,vectorimageformats,generic} \
  "$qt"/Qt/plugins/wayland-* "$qt"/Qt/plugins/platformthemes/libqgtk3.so \
  "$qt"/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so "$qt"/doc "$qt"/lib/cmake \
  "$qt"/libpyside6qml.*
# Image formats: AcMail shows PNG (built into QtGui) and SVG only; the others embed their own copies
# of libjpeg, libtiff, libwebp that Debian's security updates would not reach.
find "$qt/Qt/plugins/imageformats" -type f ! -name libqsvg.so -delete
find "$qt/Qt/plugins/platforms" -type f ! -name libqxcb.so ! -name libqoffscreen.so ! -name libqminimal.so -delete
find "$qt" -maxdepth 1 -type f -perm -u+x ! -name '*.so*' -delete  # designer, lupdate, uic, ... binaries
find "$qt/Qt/translations" -type f ! -name '*_fr.qm' -delete 2>/dev/null || true
find "$app" -name __pycache__ -type d -prune -exec rm -rf {} +
find "$app" -name '*.pyi' -delete
# As Debian's own Python packages: libraries stripped and not executable, no module with a #! line
# (they are imported, never run), no empty folder.
find "$app/lib" -type f -name '*.so*' -exec strip --strip-unneeded --remove-section=.comment \
  --remove-section=.note {} + -exec chmod 0644 {} +
find "$app/lib" -type f -name '*.py' -exec sed -i '1{/^#!/d}' {} + -exec chmod 0644 {} +
find "$app" -mindepth 1 -type d -empty -delete
# The wheels' own RUNPATHs are $ORIGIN-relative; nothing may point into the build machine.
if grep -rl --binary-files=binary -e "$PWD" "$app" | grep -q .; then
  echo "build-deb: these files still name the build directory:" >&2
  grep -rl --binary-files=binary -e "$PWD" "$app" >&2
  exit 1
fi

# 3. Commands, desktop integration, documentation.
install -D -m 0755 packaging/debian/acmail-wrapper "$stage/usr/bin/acmail"
install -D -m 0755 packaging/debian/acmail-diagnose-wrapper "$stage/usr/bin/acmail-diagnose"
install -D -m 0644 resources/acmail.desktop "$stage/usr/share/applications/fr.acmail.acmail.desktop"
install -D -m 0644 resources/fr.acmail.acmail.metainfo.xml "$stage/usr/share/metainfo/fr.acmail.acmail.metainfo.xml"
install -D -m 0644 resources/icons/acmail.svg "$stage/usr/share/icons/hicolor/scalable/apps/acmail.svg"
for png in resources/icons/acmail-*.png; do
  size=$(basename "$png" .png); size=${size#acmail-}
  install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/acmail.png"
done
for page in packaging/debian/man/*.1 packaging/debian/man/fr/*.1; do
  case $page in */fr/*) dest=$stage/usr/share/man/fr/man1/${page##*/} ;; *) dest=$stage/usr/share/man/man1/${page##*/} ;; esac
  install -D -m 0644 "$page" "$dest"
  gzip -9n "$dest"
done
install -D -m 0644 packaging/policy.example.json "$doc/examples/policy.json"
install -m 0644 resources/policy.schema.json "$doc/policy.schema.json"
install -m 0644 docs/admin.md "$doc/admin.md"
gzip -9n "$doc/admin.md"
install -m 0644 "$stage/RUNTIME" "$doc/RUNTIME"
rm "$stage/RUNTIME"
gzip -9nc packaging/debian/changelog > "$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"
"$app/bin/python" packaging/debian/make_copyright.py packaging/debian/copyright > "$doc/copyright"
install -D -m 0644 packaging/debian/lintian-overrides "$stage/usr/share/lintian/overrides/acmail"
install -m 0755 packaging/debian/postinst packaging/debian/prerm "$stage/DEBIAN/"

# 4. Control file. Depends: the Python runtime at or above the minimum, plus what Qt loads
#    (packaging/qt-runtime-debs.txt, the list scripts/bootstrap.sh installs too).
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod go-w,a+r {} +
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
packaging/debian/render-control.sh "$version" "$arch" "$size" "$runtime_depends" > "$stage/DEBIAN/control"
mkdir -p "$out_dir"
deb=$out_dir/acmail_${version}_${arch}.deb
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz -z6 --build "$stage" "$deb" >/dev/null
echo "$deb"
