#!/usr/bin/env bash
# Build dist/acmail_<version>_<arch>.deb from the PyInstaller one-folder app (packaging/acmail.spec).
# Layout: /opt/acmail (the app), /usr/bin/acmail (wrapper), menu entry, AppStream file, icons,
# example policy in /usr/share/doc/acmail/examples/policy.json. No root needed (--root-owner-group).
# Usage: packaging/debian/build-deb.sh <one-folder dir> <version> <output dir>
set -euo pipefail
cd "$(dirname "$0")/../.."
app_dir=${1:?one-folder app directory}
version=${2:?version}
out_dir=${3:-dist}
arch=$(dpkg --print-architecture)
stage=build/deb/acmail_${version}_${arch}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/metainfo" "$stage/usr/share/doc/acmail/examples" \
         "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$app_dir" "$stage/opt/acmail"
install -m 0755 packaging/debian/acmail-wrapper "$stage/usr/bin/acmail"
install -m 0644 resources/acmail.desktop "$stage/usr/share/applications/fr.acmail.AcMail.desktop"
install -m 0644 resources/fr.acmail.AcMail.metainfo.xml "$stage/usr/share/metainfo/"
install -m 0644 resources/icons/acmail.svg "$stage/usr/share/icons/hicolor/scalable/apps/acmail.svg"
for png in resources/icons/acmail-*.png; do
  size=$(basename "$png" .png); size=${size#acmail-}
  install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/acmail.png"
done
install -m 0644 packaging/policy.example.json "$stage/usr/share/doc/acmail/examples/policy.json"
install -m 0644 resources/policy.schema.json "$stage/usr/share/doc/acmail/policy.schema.json"
install -m 0644 packaging/debian/copyright "$stage/usr/share/doc/acmail/copyright"
[ -f docs/admin.md ] && install -m 0644 docs/admin.md "$stage/usr/share/doc/acmail/admin.md"
install -m 0755 packaging/debian/postinst packaging/debian/postrm "$stage/DEBIAN/"
# Files and folders world-readable, owned by root in the archive, nothing group/world-writable.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage/opt/acmail" -type f -exec chmod go-w,a+r {} +
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
packaging/debian/render-control.sh "$version" "$arch" "$size" > "$stage/DEBIAN/control"
mkdir -p "$out_dir"
dpkg-deb --root-owner-group -Zxz -z4 --build "$stage" "$out_dir/acmail_${version}_${arch}.deb" >/dev/null
echo "$out_dir/acmail_${version}_${arch}.deb"
