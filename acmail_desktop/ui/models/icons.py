"""Small icons drawn with QPainter: offscreen and on bare desktops there is no icon theme, and the
default fonts have no emoji (a paperclip glyph would show as a box)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZE = 32  # drawn large, scaled down by the views (sharp on HiDPI)

FOLDER_COLOURS = {
    "\\Inbox": "#1a73e8", "\\Sent": "#188038", "\\Drafts": "#9334e6", "\\Trash": "#5f6368",
    "\\Junk": "#d93025", "\\Archive": "#b06000", None: "#e8a317",
}


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def folder_icon(special_use: str | None) -> QIcon:
    """A folder (or a tray, an envelope, a bin...) in the colour of its kind."""
    colour = QColor(FOLDER_COLOURS.get(special_use, FOLDER_COLOURS[None]))
    pixmap, p = _canvas()
    p.setPen(QPen(colour.darker(130), 2))
    p.setBrush(QBrush(colour.lighter(115)))
    if special_use == "\\Inbox":  # a tray
        path = QPainterPath()
        path.moveTo(4, 14)
        path.lineTo(10, 6)
        path.lineTo(22, 6)
        path.lineTo(28, 14)
        path.lineTo(28, 26)
        path.lineTo(4, 26)
        path.closeSubpath()
        p.drawPath(path)
        p.setBrush(QBrush(QColor("white")))
        p.drawRect(QRectF(10, 14, 12, 5))
    elif special_use in ("\\Sent", "\\Drafts"):  # an envelope / a sheet
        p.drawRoundedRect(QRectF(4, 8, 24, 17), 2, 2)
        p.setPen(QPen(QColor("white"), 2))
        if special_use == "\\Sent":
            p.drawLine(QPointF(5, 9), QPointF(16, 18))
            p.drawLine(QPointF(16, 18), QPointF(27, 9))
        else:
            for y in (13, 17, 21):
                p.drawLine(QPointF(9, y), QPointF(23, y))
    elif special_use == "\\Trash":
        p.drawRect(QRectF(8, 10, 16, 17))
        p.drawLine(QPointF(5, 8), QPointF(27, 8))
        p.drawRect(QRectF(13, 4, 6, 4))
    elif special_use == "\\Junk":
        p.drawEllipse(QRectF(5, 5, 22, 22))
        p.setPen(QPen(QColor("white"), 3))
        p.drawLine(QPointF(10, 22), QPointF(22, 10))
    elif special_use == "\\Archive":
        p.drawRect(QRectF(4, 6, 24, 6))
        p.drawRect(QRectF(6, 12, 20, 15))
        p.setPen(QPen(QColor("white"), 2))
        p.drawLine(QPointF(13, 17), QPointF(19, 17))
    else:  # a plain folder
        path = QPainterPath()
        path.moveTo(3, 8)
        path.lineTo(12, 8)
        path.lineTo(15, 11)
        path.lineTo(29, 11)
        path.lineTo(29, 26)
        path.lineTo(3, 26)
        path.closeSubpath()
        p.drawPath(path)
    p.end()
    return QIcon(pixmap)


@cache
def unread_icon() -> QIcon:
    pixmap, p = _canvas()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#1a73e8")))
    p.drawEllipse(QRectF(10, 10, 12, 12))
    p.end()
    return QIcon(pixmap)


@cache
def star_icon(filled: bool = True) -> QIcon:
    import math

    pixmap, p = _canvas()
    points = []
    for i in range(10):
        radius = 13 if i % 2 == 0 else 5.5
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(16 + radius * math.cos(angle), 16.5 + radius * math.sin(angle)))
    p.setPen(QPen(QColor("#c26401") if filled else QColor("#9aa0a6"), 1.6))
    p.setBrush(QBrush(QColor("#f9ab00")) if filled else Qt.BrushStyle.NoBrush)
    p.drawPolygon(QPolygonF(points))
    p.end()
    return QIcon(pixmap)


@cache
def paperclip_icon() -> QIcon:
    pixmap, p = _canvas()
    p.setPen(QPen(QColor("#5f6368"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath()
    path.moveTo(20, 9)
    path.lineTo(20, 22)
    path.arcTo(QRectF(11, 17, 9, 10), 0, -180)
    path.lineTo(11, 7)
    path.arcTo(QRectF(11, 2, 12, 10), 180, -180)
    path.lineTo(23, 22)
    p.drawPath(path)
    p.end()
    return QIcon(pixmap)


@cache
def warning_icon() -> QIcon:
    pixmap, p = _canvas()
    p.setPen(QPen(QColor("#b3261e"), 2))
    p.setBrush(QBrush(QColor("#fbbc04")))
    p.drawPolygon(QPolygonF([QPointF(16, 3), QPointF(30, 28), QPointF(2, 28)]))
    p.setPen(QPen(QColor("#202124"), 3))
    p.drawLine(QPointF(16, 11), QPointF(16, 19))
    p.drawPoint(QPointF(16, 24))
    p.end()
    return QIcon(pixmap)
