"""Render resources/icons/acmail.svg to the PNG sizes desktops and installers want (Qt's QSvgRenderer).

Run with the project venv: `.venv/bin/python packaging/render_icons.py` (offscreen; no display needed).
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
        image.save(str(ICONS / f"acmail-{size}.png"))
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
    (ICONS / "acmail.ico").write_bytes(header + directory + blobs)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
