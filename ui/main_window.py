"""The window a community manager lives in: filters, the queue, the conversation; keyboard first.

It builds its parts and wires signals; the work lives in the model, the view, the panel and
storage functions run through ``Tasks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ..core.errors import NetworkError
from ..core.model import Account, Network, QueueItem, Status
from ..storage.db import Database
from ..storage.queue_read import QueueReader
from . import settings
from .conversation_panel import ConversationPanel
from .errors import show_error, user_message
from .queue_filters import QueueFilterBar
from .queue_model import ReplyQueueModel
from .queue_view import QueueView
from .tasks import Tasks
from .window_menus import WindowMenus

if TYPE_CHECKING:
    from ..core.credentials import Credentials
    from ..storage.conversations import StatusChange

RELOAD_DEBOUNCE_MS = 250
FIRST_PAINT_GRACE_MS = 3000


class MainWindow(QMainWindow):
    language_requested = Signal(str)  # "", "fr" or "en"
    sync_requested = Signal()

    def __init__(self, db: Database, tasks: Tasks, clock: Callable[[], datetime],
                 credentials: Callable[[], Credentials] | None = None) -> None:
        super().__init__()
        self._credentials = credentials
        self.setObjectName("main_window")
        self._db, self._tasks, self._clock = db, tasks, clock
        self._undo: list[StatusChange] = []
        self._accounts: list[Account] = []
        self._offline_since: datetime | None = None
        self._last_sync: datetime | None = None
        self._count: int | None = None
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self._current: QueueItem | None = None

        self.reader = QueueReader(db.path)
        self.model = ReplyQueueModel(self.reader, tasks, clock)
        self.queue = QueueView(self.model, clock)
        self.panel = ConversationPanel(db, tasks, clock)
        self.filters = QueueFilterBar()
        self.count_label = QLabel()
        self.count_label.setObjectName("queue_count")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("last_sync")
        self.offline_label = QLabel()
        self.offline_label.setObjectName("offline")
        self.offline_label.setStyleSheet("color: #b71c1c; font-weight: bold")
        self.keyring_label = QLabel()
        self.keyring_label.setObjectName("keyring_problem")
        self.keyring_label.setStyleSheet("color: #b71c1c")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.hide()

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.filters)
        ll.addWidget(self.queue, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # 3:2 until the user moves it (a saved state replaces it). These are weights, above any
        # pane's minimum width; left to itself QSplitter multiplies the factors by the panes'
        # size hints, and the filter row's would squeeze the conversation.
        self.splitter.setSizes([3000, 2000])
        self.setCentralWidget(self.splitter)
        sb = self.statusBar()
        sb.addWidget(self.count_label)
        sb.addPermanentWidget(self.keyring_label)
        sb.addPermanentWidget(self.offline_label)
        sb.addPermanentWidget(self.sync_label)

        self.menus = WindowMenus(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DEBOUNCE_MS)
        self._reload_timer.timeout.connect(self.refresh)

        self.queue.current_changed.connect(self._on_current)
        self.queue.first_painted.connect(self._on_first_paint)
        self.model.counted.connect(self._on_counted)
        self.filters.changed.connect(self.model.set_filter)
        self.filters.sync_button.clicked.connect(self.sync_requested)
        self.panel.reply_queued.connect(lambda _r: (self.sync_requested.emit(), self.refresh()))
        self.model.loaded.connect(self._select_first_if_none)
        self.retranslate_ui()
        self.restore_layout()

    # --- language --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Relais — reply queue"))
        self.menus.retranslate_ui()
        self._show_sync_state()
        if self._count is not None:
            self._on_counted(self._count)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def set_language_checked(self, setting: str) -> None:
        self.menus.set_language_checked(setting)

    # --- data -------------------------------------------------------------------------------
    def start(self) -> None:
        """The first queue page, then the accounts (both off the GUI thread)."""
        def accounts() -> list[Account]:
            from ..storage.accounts import list_accounts  # SQLAlchemy loads here, off the GUI

            return list_accounts(self._db.sessions)

        self._after_paint.append(lambda: self._tasks.query(accounts, self._on_accounts))
        self.model.reload()
        # a window that never paints (started minimised, hidden) must still sync
        QTimer.singleShot(FIRST_PAINT_GRACE_MS, self._on_first_paint)

    def reload_accounts(self) -> None:
        def accounts() -> list[Account]:
            from ..storage.accounts import list_accounts

            return list_accounts(self._db.sessions)

        self._tasks.query(accounts, self._on_accounts)

    def open_add_account(self, open_url: Callable[[str], object] | None = None):  # noqa: ANN201
        """The "Add a Mastodon account" dialog (``open_url``: tests drive the browser)."""
        from .dialogs.add_account import AddAccountDialog

        dialog = AddAccountDialog(self._db, self._tasks, self.credentials, self._db.path.parent,
                                  open_url=open_url, clock=self._clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.account_added.connect(lambda _acc: (self.reload_accounts(), self.sync_requested.emit()))
        dialog.open()
        return dialog

    def open_add_bluesky(self, **sign_in_options: object):  # noqa: ANN201
        """The "Add a Bluesky account" dialog (``sign_in_options``: tests name their network)."""
        from .dialogs.add_bluesky import AddBlueskyDialog

        dialog = AddBlueskyDialog(self._db, self._tasks, self.credentials,
                                  sign_in_options=sign_in_options, clock=self._clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.account_added.connect(lambda _acc: (self.reload_accounts(), self.sync_requested.emit()))
        dialog.open()
        return dialog

    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the queue has been painted (or now if it has): work that loads
        heavy modules would otherwise hold the interpreter while the first page paints."""
        if self._painted:
            fn()
        else:
            self._after_paint.append(fn)

    def _on_first_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.panel.show_item(self._current)
        for fn in self._after_paint:
            fn()
        self._after_paint.clear()

    def _on_current(self, item: QueueItem | None) -> None:
        self._current = item
        if self._painted:
            self.panel.show_item(item)

    def _on_accounts(self, accounts: list[Account]) -> None:
        self._accounts = accounts
        self.panel.set_accounts(accounts)
        self.filters.set_accounts(accounts)
        if accounts and self._credentials is not None:
            self.check_keyring()

    def credentials(self) -> Credentials:
        """The keyring wrapper (keyring loads on first use: call from a worker thread)."""
        if self._credentials is None:
            from ..core.credentials import Credentials

            return Credentials()
        return self._credentials()

    def check_keyring(self) -> None:
        """Logins live in the system keyring: say at once, and clearly, when it cannot be used."""
        make = self._credentials
        if make is None:
            return
        self._tasks.query(lambda: make().check(), lambda _name: self.keyring_label.hide(),
                          self._on_keyring_failed)

    def _on_keyring_failed(self, exc: BaseException) -> None:
        self.keyring_label.setText("⚠ " + self.tr("Keyring unavailable: logins cannot be read"))
        self.keyring_label.setToolTip(user_message(exc))
        self.keyring_label.show()
        show_error(exc, self)

    def refresh(self) -> None:
        self.model.reload()
        self.panel.reload()

    def schedule_refresh(self, *_args: object) -> None:
        """Coalesce bursts of sync events into one reload."""
        self._reload_timer.start()

    def _select_first_if_none(self) -> None:
        if not self.queue.currentIndex().isValid() and self.model.rowCount():
            self.queue.select_row(0)

    def _on_counted(self, n: int) -> None:
        self._count = n
        self.count_label.setText(self.tr("%n conversation(s)", "", n))

    # --- the user's actions ----------------------------------------------------------------
    def _change(self, status: Status, snoozed_until: datetime | None = None) -> None:
        item: QueueItem | None = self.queue.current_item()
        if item is None:
            return
        cid = item.conversation_id

        def change() -> StatusChange | None:
            from ..storage.conversations import set_status

            return set_status(self._db.sessions, cid, status, snoozed_until=snoozed_until)

        self._tasks.write(change, self._changed)

    def _changed(self, change: StatusChange | None) -> None:
        if change is not None:
            self._undo.append(change)
        self.model.reload()

    def mark_done(self) -> None:
        self._change(Status.DONE)

    def snooze(self) -> None:
        minutes = settings.SNOOZE_MINUTES.get()
        self._change(Status.SNOOZED, self._clock() + timedelta(minutes=minutes))

    def undo_last(self) -> None:
        if not self._undo:
            self.statusBar().showMessage(self.tr("Nothing to undo"), 3000)
            return
        change = self._undo.pop()
        self.model.pinned = change.conversation_id  # the item comes back where the user is
        def restore() -> None:
            from ..storage.conversations import undo

            undo(self._db.sessions, change)

        self._tasks.write(restore, lambda _: self.model.reload())

    # --- sync state in the status bar -------------------------------------------------------
    def on_synced(self, when: datetime) -> None:
        self._last_sync = when
        self._offline_since = None
        self._show_sync_state()
        # an account signed in by the sync itself (the demo), or a server's post limits just read
        if not self._accounts or any(a.network is Network.MASTODON and not a.max_characters
                                     for a in self._accounts):
            self.reload_accounts()

    def on_sync_failed(self, exc: BaseException) -> None:
        if isinstance(exc, NetworkError):
            if self._offline_since is None:
                self._offline_since = self._clock()
            self._show_sync_state(detail=user_message(exc))
        else:
            show_error(exc, self)

    def on_sync_event(self, event: object) -> None:
        """During the first sync of an account, say how far the history has come."""
        progress = getattr(event, "progress", None)
        if getattr(event, "backfill", False) and progress:
            done, total = progress
            self.sync_label.setText(self.tr("Fetching history… {done} of up to {total}").format(
                done=done, total=total))

    def on_sync_running(self, running: bool) -> None:
        self.filters.sync_button.setEnabled(not running)
        if running:
            self.sync_label.setText(self.tr("Syncing…"))
        else:
            self._show_sync_state()

    def _show_sync_state(self, detail: str = "") -> None:
        if self._offline_since is not None:
            since = self._offline_since.astimezone().strftime("%H:%M")
            self.offline_label.setText(
                self.tr("⚠ Offline since {time} — showing cached data").format(time=since))
            self.offline_label.setToolTip(detail)
            self.offline_label.show()
        else:
            self.offline_label.hide()
        if self._last_sync is None:
            self.sync_label.setText(self.tr("Not synced yet"))
        else:
            self.sync_label.setText(self.tr("Last sync {time}").format(
                time=self._last_sync.astimezone().strftime("%H:%M")))

    # --- layout memory ------------------------------------------------------------------------
    def restore_layout(self) -> None:
        geo = settings.WINDOW_GEOMETRY.get()
        if not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 760)
        for setting, target in ((settings.WINDOW_STATE, self.restoreState),
                                (settings.SPLITTER_STATE, self.splitter.restoreState),
                                (settings.HEADER_STATE, self.queue.horizontalHeader().restoreState)):
            value = setting.get()
            if not value.isEmpty():
                target(value)
        inner = settings.CONVERSATION_SPLITTER.get()
        if not inner.isEmpty():
            self.panel.splitter.restoreState(inner)

    def save_layout(self) -> None:
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.WINDOW_STATE.set(self.saveState())
        settings.SPLITTER_STATE.set(self.splitter.saveState())
        settings.HEADER_STATE.set(self.queue.horizontalHeader().saveState())
        settings.CONVERSATION_SPLITTER.set(self.panel.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.panel.save_draft()
        self.save_layout()
        super().closeEvent(event)

