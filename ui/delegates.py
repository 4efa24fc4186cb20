"""Painting the sentiment badge and the SLA countdown from model roles (never from widgets).

State is never shown by colour alone: the badge carries its word, the countdown its text and a
symbol (▲ due soon, ● overdue).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.model import SentimentLabel
from ..core.sla import SlaLevel
from . import labels
from .queue_model import Role

Index = QModelIndex | QPersistentModelIndex

BADGE = {
    SentimentLabel.NEGATIVE: QColor("#c62828"),
    SentimentLabel.NEUTRAL: QColor("#616161"),
    SentimentLabel.POSITIVE: QColor("#2e7d32"),
}
OVERDUE = QColor("#c62828")
DUE_SOON = QColor("#b26a00")
DUE_SOON_CAP_S = 10 * 60


class SentimentBadgeDelegate(QStyledItemDelegate):
    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, p, opt.widget)
        s = index.data(Role.SENTIMENT)
        if s is None:
            return
        text = labels.sentiment_name(s.label)
        fm = QFontMetrics(opt.font)
        w = min(opt.rect.width() - 8, fm.horizontalAdvance(text) + 16)
        r = QRectF(opt.rect.x() + 4, opt.rect.y() + 3, w, opt.rect.height() - 6)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BADGE[s.label])
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        p.setPen(QColor("white"))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        s = index.data(Role.SENTIMENT)
        fm = QFontMetrics(option.font)
        text = labels.sentiment_name(s.label) if s else ""
        return QSize(fm.horizontalAdvance(text) + 24, fm.height() + 8)


def sla_level(secs: float, target_s: float | None = None) -> SlaLevel:
    threshold = DUE_SOON_CAP_S if target_s is None else min(DUE_SOON_CAP_S, target_s / 4)
    if secs <= 0:
        return SlaLevel.OVERDUE
    return SlaLevel.DUE_SOON if secs <= threshold else SlaLevel.ON_TRACK


def countdown_text(secs: float, target_s: float | None = None) -> str:
    """"12 min", "▲ 4 min" when due soon, "● 3 min late" once overdue (translated)."""
    minutes = secs / 60
    level = sla_level(secs, target_s)
    if level is SlaLevel.OVERDUE:
        return "● " + QCoreApplication.translate("Countdown", "{time} late").format(
            time=labels.duration(minutes)
        )
    if level is SlaLevel.DUE_SOON:
        return "▲ " + labels.duration(max(1, minutes))
    return labels.duration(minutes)


class CountdownDelegate(QStyledItemDelegate):
    """Text from Role.DUE_AT and an injected clock; the view's one timer repaints it."""

    def __init__(self, clock: Callable[[], datetime], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._now = clock

    def initStyleOption(self, opt: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(opt, index)
        due = index.data(Role.DUE_AT)
        if due is None:
            opt.text = "–"
            return
        secs = (due - self._now()).total_seconds()
        target = index.data(Role.TARGET_S)
        opt.text = countdown_text(secs, target)
        level = sla_level(secs, target)
        if level is SlaLevel.OVERDUE:
            opt.palette.setColor(QPalette.ColorRole.Text, OVERDUE)
            opt.palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffcdd2"))
            opt.font.setWeight(QFont.Weight.Bold)
        elif level is SlaLevel.DUE_SOON:
            opt.palette.setColor(QPalette.ColorRole.Text, DUE_SOON)
