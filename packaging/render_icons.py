"""Render resources/icons/acmail.svg to the PNG sizes desktops and installers want (Qt's QSvgRenderer).

Run with the project venv when acmail.svg changes: `make icons` (offscreen; no display needed). The
PNGs are committed, so `make package` never renders them; a PNG whose pixels already match is left
untouched (PNG encoders differ between Qt versions), so re-running leaves the work tree clean.
Also writes acmail.ico (PNG-compressed ICO, read by Windows Vista and later) for the Windows build.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "acmail.svg"))
    if not renderer.isValid():
        print("acmail.svg is not a valid SVG", file=sys.stderr)
        return 1
    ico_entries: list[tuple[int, bytes]] = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / f"acmail-{size}.png"
        if not (target.exists() and QImage(str(target)).convertToFormat(image.format()) == image):
            image.save(str(target))
        if size <= 256:
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")
            ico_entries.append((size, bytes(data.data())))
    header = struct.pack("<HHH", 0, 1, len(ico_entries))
    offset = 6 + 16 * len(ico_entries)
    directory, blobs = b"", b""
    for size, png in ico_entries:
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        blobs += png
    ico = ICONS / "acmail.ico"
    if not ico.exists() or _ico_pixels(ico.read_bytes()) != [(size, _pixels(png)) for size, png in ico_entries]:
        ico.write_bytes(header + directory + blobs)
    del app
    return 0


def _pixels(png: bytes) -> bytes:
    from PySide6.QtGui import QImage

    image = QImage.fromData(png).convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())


def _ico_pixels(ico: bytes) -> list[tuple[int, bytes]]:
    """(size, decoded pixels) of each PNG image of an ICO file, to compare renderings, not encodings."""
    _reserved, _kind, count = struct.unpack_from("<HHH", ico)
    entries = []
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * index)
        entries.append((width or 256, _pixels(ico[offset:offset + length])))
    return entries


if __name__ == "__main__":
    sys.exit(main())
