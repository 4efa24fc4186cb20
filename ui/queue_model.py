"""The reply queue as a table model: pages loaded off the GUI thread, by keyset, in priority order.

The model holds only the rows loaded so far (a page at a time, as the view scrolls). A reload
(new arrivals, re-ranking) keeps the *pinned* conversation — the one the user has selected — at
the row it occupies, so nothing moves under the user's eyes until they move themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from enum import IntEnum, auto
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..core.model import Kind, QueueFilter, QueueItem
from ..core.priority import explain, priority_parts
from ..storage.queue_read import QueueReader
from . import labels
from .tasks import Tasks

PAGE = 100
Index = QModelIndex | QPersistentModelIndex


_LEADING_MENTIONS = re.compile(r"^(?:[@＠][\w.@-]+[\s,:]*)+")


def excerpt(text: str) -> str:
    """One line, without the leading @mentions (of the brand, mostly) that hide the message."""
    flat = " ".join(text.split())
    return _LEADING_MENTIONS.sub("", flat) or flat


class Col(IntEnum):
    ACCOUNT = 0
    CUSTOMER = auto()
    EXCERPT = auto()
    SENTIMENT = auto()
    SLA = auto()


class Role(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1
    CONVERSATION_ID = auto()
    SENTIMENT = auto()  # core Sentiment or None
    DUE_AT = auto()  # aware datetime or None
    AT_RISK = auto()  # tuple of reason codes
    STATUS = auto()
    TARGET_S = auto()  # the SLA target in seconds (due - clock start), for "due soon"


class ReplyQueueModel(QAbstractTableModel):
    loaded = Signal()  # a reload or a page finished
    counted = Signal(int)  # how many items match the filter

    def __init__(self, reader: QueueReader, tasks: Tasks, clock: Callable[[], datetime]) -> None:
        super().__init__()
        self._reader, self._tasks, self._clock = reader, tasks, clock
        self._rows: list[QueueItem] = []
        self._filter = QueueFilter()
        self._loading = False
        self._exhausted = True
        self._generation = 0  # a reload makes pages in flight for an older one stale
        self.pinned: int | None = None  # conversation id kept in place across reloads

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Col):
            return None
        return {
            Col.ACCOUNT: self.tr("Account"),
            Col.CUSTOMER: self.tr("Customer"),
            Col.EXCERPT: self.tr("Message"),
            Col.SENTIMENT: self.tr("Sentiment"),
            Col.SLA: self.tr("Time left"),
        }[Col(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        col = Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.explain(item)
        if role == Role.ITEM:
            return item
        if role == Role.CONVERSATION_ID:
            return item.conversation_id
        if role == Role.SENTIMENT:
            return item.sentiment
        if role == Role.DUE_AT:
            return item.due_at
        if role == Role.AT_RISK:
            return item.at_risk_reasons
        if role == Role.STATUS:
            return item.status
        if role == Role.TARGET_S:
            if item.due_at is None or item.clock_start is None:
                return None
            return (item.due_at - item.clock_start).total_seconds()
        return None

    def _display(self, item: QueueItem, col: Col) -> str:
        match col:
            case Col.ACCOUNT:
                return f"{labels.network_name(item.network)} · @{item.account_handle}"
            case Col.CUSTOMER:
                name = item.customer.display_name or item.customer.handle
                flag = "⚠ " if item.at_risk_reasons else ""
                return f"{flag}{name} (@{item.customer.handle})"
            case Col.EXCERPT if item.kind is Kind.PRIVATE:
                return "🔒 " + excerpt(item.excerpt)
            case Col.EXCERPT:
                return excerpt(item.excerpt)
            case Col.SENTIMENT:
                return labels.sentiment_name(item.sentiment.label) if item.sentiment else ""
            case Col.SLA:
                return "" if item.due_at is None else labels.duration(
                    (item.due_at - self._clock()).total_seconds() / 60
                )

    def explain(self, item: QueueItem) -> str:
        """Why an item ranks where it does, in words."""
        bits: list[str] = []
        if item.at_risk_reasons:
            reasons = ", ".join(labels.risk_reason(r) for r in item.at_risk_reasons)
            bits.append(self.tr("at risk: {reasons}").format(reasons=reasons))
        if item.sentiment is not None:
            bits.append(f"{labels.sentiment_name(item.sentiment.label)} {item.sentiment.score:+.1f}"
                        .replace("-", "−"))
        if item.customer.followers_count:
            bits.append(labels.followers(item.customer.followers_count))
        if item.due_at is not None:
            p = explain(item.due_at, priority_parts(item.sentiment, item.at_risk_reasons,
                                                    item.customer.followers_count), self._clock())
            left = labels.duration(p.minutes_left)
            bits.append(self.tr("{time} left").format(time=left) if p.minutes_left >= 0
                        else self.tr("{time} overdue").format(time=left))
        return " · ".join(bits)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        last = self._rows[-1] if self._rows else None
        after = (last.rank_key, last.conversation_id) if last else None
        gen, flt, now = self._generation, self._filter, self._clock()
        self._tasks.query(
            lambda: self._reader.page(flt, now, after=after, limit=PAGE),
            lambda page: self._append(gen, page),
        )

    def _append(self, gen: int, page: list[QueueItem]) -> None:
        if gen != self._generation:
            return
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._exhausted = len(page) < PAGE
        self._loading = False  # only after endInsertRows: views call fetchMore from rowsInserted
        self.loaded.emit()

    # --- reloading --------------------------------------------------------------------------
    @property
    def filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, flt: QueueFilter) -> None:
        self._filter = flt
        self.pinned = None
        self.reload()

    def reload(self) -> None:
        """Fetch again as many rows as are loaded (at least a page), off the GUI thread."""
        self._generation += 1
        gen, flt, now = self._generation, self._filter, self._clock()
        limit = max(PAGE, len(self._rows))
        self._loading = True

        def load() -> tuple[list[QueueItem], int]:
            return self._reader.page(flt, now, limit=limit), self._reader.count(flt, now)

        self._tasks.query(load, lambda res: self._replace(gen, limit, *res))

    def _replace(self, gen: int, limit: int, rows: list[QueueItem], total: int) -> None:
        if gen != self._generation:
            return
        exhausted = len(rows) < limit
        old_ids = [r.conversation_id for r in self._rows]
        if self.pinned is not None and self.pinned in old_ids:
            place = old_ids.index(self.pinned)
            mine = next((r for r in rows if r.conversation_id == self.pinned), None)
            if mine is not None:  # still in the queue: keep it where the user sees it
                rows = [r for r in rows if r.conversation_id != self.pinned]
                rows.insert(min(place, len(rows)), mine)
        self.beginResetModel()
        self._rows = rows
        self._exhausted = exhausted
        self._loading = False
        self.endResetModel()
        self.counted.emit(total)
        self.loaded.emit()

    # --- helpers for the view ---------------------------------------------------------------
    def item(self, row: int) -> QueueItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conversation_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.conversation_id == conversation_id:
                return i
        return -1
