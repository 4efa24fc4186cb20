"""The queue's table view: one timer repaints the countdowns; the selection stays put on reload."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .delegates import CountdownDelegate, SentimentBadgeDelegate
from .queue_model import Col, ReplyQueueModel

TICK_MS = 1000


class QueueView(QTableView):
    current_changed = Signal(object)  # the selected QueueItem, or None
    first_painted = Signal()  # once, right after the first paint that showed rows

    def __init__(self, model: ReplyQueueModel, clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queue")
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        h = self.horizontalHeader()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(Col.EXCERPT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((Col.ACCOUNT, 200), (Col.CUSTOMER, 200), (Col.SENTIMENT, 96),
                           (Col.SLA, 150)):
            h.resizeSection(col, width)
        self.setItemDelegateForColumn(Col.SENTIMENT, SentimentBadgeDelegate(self))
        self.setItemDelegateForColumn(Col.SLA, CountdownDelegate(clock, self))
        # One timer for the whole view: repaint what is visible, no dataChanged, no timer per row.
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.viewport().update)
        self._tick.start()
        self._restoring = False
        self._scroll = 0
        model.loaded.connect(self._on_first_load)
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._after_reset)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    _painted = False
    _loaded = False

    def _on_first_load(self) -> None:
        self._model.loaded.disconnect(self._on_first_load)
        self._loaded = True
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: ANN001
        super().paintEvent(event)
        if not self._painted and self._loaded:  # the first page (maybe empty) is on screen
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after this paint reaches the screen

    def tick(self) -> None:
        """Repaint the countdowns now (the timer does this every second)."""
        self.viewport().update()

    # --- selection that survives reloads ----------------------------------------------------
    def _before_reset(self) -> None:
        self._scroll = self.verticalScrollBar().value()

    def _after_reset(self) -> None:
        self._restoring = True
        try:
            pinned = self._model.pinned
            row = self._model.row_of(pinned) if pinned is not None else -1
            if row < 0 and pinned is not None and self._model.rowCount():
                row = min(self._last_row, self._model.rowCount() - 1)  # it left: next one
            if row >= 0:
                self.select_row(row, user=False)
            self.verticalScrollBar().setValue(self._scroll)
        finally:
            self._restoring = False
        self.current_changed.emit(self.current_item())

    _last_row = 0

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        item = self._model.item(current.row()) if current.isValid() else None
        self._model.pinned = item.conversation_id if item else None
        self._last_row = max(0, current.row())
        self.current_changed.emit(item)

    def select_row(self, row: int, *, user: bool = True) -> None:
        if not 0 <= row < self._model.rowCount():
            return
        idx = self._model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.selectionModel().setCurrentIndex(idx, flags)
        self.scrollTo(idx)
        if not user:
            self._last_row = row

    def current_item(self):  # noqa: ANN201
        idx = self.currentIndex()
        return self._model.item(idx.row()) if idx.isValid() else None

    def move(self, step: int) -> None:
        """j/k: next/previous item (fetching more at the end)."""
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        target = max(0, row + step)
        if target >= self._model.rowCount() and self._model.canFetchMore():
            self._model.fetchMore()
        self.select_row(min(target, self._model.rowCount() - 1))

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # the window's Enter action focuses the reply box
            return
        super().keyPressEvent(event)
