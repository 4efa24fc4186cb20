"""The row above the queue: which account, which status, at-risk only, and "Sync now".

``QueueFilterBar`` turns the choices into a :class:`QueueFilter` (``changed``); the window
hands it the accounts and wires ``changed`` to the queue model and the button to the sync.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.model import Account, QueueFilter, Status
from . import labels

STATUS_FILTERS = (Status.WAITING, Status.SNOOZED, Status.ANSWERED, Status.DONE, Status.BACKLOG)
ACCOUNT_MIN_CHARS = 16  # characters: the account list never gets narrower


class QueueFilterBar(QWidget):
    changed = Signal(object)  # the QueueFilter now chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts: list[Account] = []
        self.account_box = QComboBox()
        self.account_box.setObjectName("filter_account")
        # As wide as the longest account name (the accounts arrive after the first paint, so
        # not Qt's "on first show"); when the pane is too narrow it shrinks to about the width
        # of "All accounts" and clips, and its list still shows the names whole.
        self.account_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account_box.setMinimumContentsLength(ACCOUNT_MIN_CHARS)
        self.status_box = QComboBox()
        self.status_box.setObjectName("filter_status")
        self.risk_box = QCheckBox()
        self.risk_box.setObjectName("filter_at_risk")
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("sync_now")

        filters = QHBoxLayout(self)
        filters.setContentsMargins(0, 0, 0, 0)
        self.account_caption, self.status_caption = QLabel(), QLabel()
        for w in (self.account_caption, self.account_box, self.status_caption, self.status_box,
                  self.risk_box):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.sync_button)

        self.account_box.currentIndexChanged.connect(self._apply_filter)
        self.status_box.currentIndexChanged.connect(self._apply_filter)
        self.risk_box.toggled.connect(self._apply_filter)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.account_caption.setText(self.tr("Account:"))
        self.status_caption.setText(self.tr("Show:"))
        self.risk_box.setText(self.tr("At risk only"))
        self.sync_button.setText(self.tr("Sync now"))
        current = self.status_box.currentIndex()
        self.status_box.blockSignals(True)  # refilling the names is not a filter change
        self.status_box.clear()
        for s in STATUS_FILTERS:
            self.status_box.addItem(labels.status_name(s), s.value)
        self.status_box.setCurrentIndex(max(0, current))
        self.status_box.blockSignals(False)
        self._fill_accounts()

    def set_accounts(self, accounts: list[Account]) -> None:
        self._accounts = accounts
        self._fill_accounts()

    def _fill_accounts(self) -> None:
        current = self.account_box.currentData()
        self.account_box.blockSignals(True)
        self.account_box.clear()
        self.account_box.addItem(self.tr("All accounts"), None)
        for a in self._accounts:
            self.account_box.addItem(f"{labels.network_name(a.network)} · {a.label}", a.id)
        i = self.account_box.findData(current)
        self.account_box.setCurrentIndex(max(0, i))
        self.account_box.blockSignals(False)

    def _apply_filter(self) -> None:
        status = Status(self.status_box.currentData() or Status.WAITING)
        self.changed.emit(QueueFilter(account_id=self.account_box.currentData(),
                                      statuses=(status,),
                                      at_risk_only=self.risk_box.isChecked()))
