"""The window a community manager lives in: filters, the queue, the conversation; keyboard first.

It builds its parts and wires signals; the work lives in the model, the view, the panel and
storage functions run through ``Tasks``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import NetworkError
from ..core.model import Account, Network, QueueFilter, QueueItem, Status
from ..storage.db import Database
from ..storage.queue_read import QueueReader
from . import labels, settings
from .conversation_panel import ConversationPanel
from .errors import show_error, user_message
from .queue_model import ReplyQueueModel
from .queue_view import QueueView
from .tasks import Tasks

if TYPE_CHECKING:
    from ..core.credentials import Credentials
    from ..storage.conversations import StatusChange

RELOAD_DEBOUNCE_MS = 250
FIRST_PAINT_GRACE_MS = 3000
STATUS_FILTERS = (Status.WAITING, Status.SNOOZED, Status.ANSWERED, Status.DONE, Status.BACKLOG)


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
        self.account_box = QComboBox()
        self.account_box.setObjectName("filter_account")
        self.status_box = QComboBox()
        self.status_box.setObjectName("filter_status")
        self.risk_box = QCheckBox()
        self.risk_box.setObjectName("filter_at_risk")
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("sync_now")
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

        filters = QHBoxLayout()
        self.account_caption, self.status_caption = QLabel(), QLabel()
        for w in (self.account_caption, self.account_box, self.status_caption, self.status_box,
                  self.risk_box):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.sync_button)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(filters)
        ll.addWidget(self.queue, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        sb = self.statusBar()
        sb.addWidget(self.count_label)
        sb.addPermanentWidget(self.keyring_label)
        sb.addPermanentWidget(self.offline_label)
        sb.addPermanentWidget(self.sync_label)

        self._make_actions()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DEBOUNCE_MS)
        self._reload_timer.timeout.connect(self.refresh)

        self.queue.current_changed.connect(self._on_current)
        self.queue.first_painted.connect(self._on_first_paint)
        self.model.counted.connect(self._on_counted)
        self.account_box.currentIndexChanged.connect(self._apply_filter)
        self.status_box.currentIndexChanged.connect(self._apply_filter)
        self.risk_box.toggled.connect(self._apply_filter)
        self.sync_button.clicked.connect(self.sync_requested)
        self.panel.reply_queued.connect(lambda _r: (self.sync_requested.emit(), self.refresh()))
        self.model.loaded.connect(self._select_first_if_none)
        self.retranslate_ui()
        self.restore_layout()

    # --- actions and keyboard ---------------------------------------------------------------
    def _make_actions(self) -> None:
        def action(name: str, keys: list[str], slot: Callable[[], None]) -> QAction:
            a = QAction(self)
            a.setObjectName(name)
            a.setShortcuts([QKeySequence(k) for k in keys])
            # Plain letters: text fields take them first (ShortcutOverride), so typing "e" in the
            # reply box types an "e" and never marks anything done.
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.act_next = action("next", ["J"], lambda: self.queue.move(1))
        self.act_prev = action("previous", ["K"], lambda: self.queue.move(-1))
        self.act_reply = action("reply", ["Return", "Enter"], self.panel.focus_reply)
        self.act_done = action("done", ["E"], self.mark_done)
        self.act_snooze = action("snooze", ["S"], self.snooze)
        self.act_undo = action("undo", ["U"], self.undo_last)
        self.act_sync = action("sync", ["F5"], self.sync_requested.emit)
        self.act_queue = action("focus_queue", ["Escape"], self.queue.setFocus)
        self.menu_file = self.menuBar().addMenu("")
        self.act_add_account = QAction(self)
        self.act_add_account.setObjectName("add_account")
        self.act_add_account.triggered.connect(lambda: self.open_add_account())
        self.menu_file.addAction(self.act_add_account)
        self.act_add_bluesky = QAction(self)
        self.act_add_bluesky.setObjectName("add_bluesky_account")
        self.act_add_bluesky.triggered.connect(lambda: self.open_add_bluesky())
        self.menu_file.addAction(self.act_add_bluesky)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.menu_file.addAction(self.act_sync)
        self.menu_file.addAction(self.act_quit)
        self.menu_queue = self.menuBar().addMenu("")
        for a in (self.act_next, self.act_prev, self.act_reply, self.act_done, self.act_snooze,
                  self.act_undo):
            self.menu_queue.addAction(a)
        self.menu_settings = self.menuBar().addMenu("")
        self.menu_language = self.menu_settings.addMenu("")
        self.lang_actions: dict[str, QAction] = {}
        for code in ("", "fr", "en"):
            a = QAction(self, checkable=True)
            a.triggered.connect(lambda _c=False, code=code: self.language_requested.emit(code))
            self.menu_language.addAction(a)
            self.lang_actions[code] = a

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Relais — reply queue"))
        self.account_caption.setText(self.tr("Account:"))
        self.status_caption.setText(self.tr("Show:"))
        self.risk_box.setText(self.tr("At risk only"))
        self.sync_button.setText(self.tr("Sync now"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_queue.setTitle(self.tr("&Queue"))
        self.menu_settings.setTitle(self.tr("&Settings"))
        self.menu_language.setTitle(self.tr("Language"))
        self.lang_actions[""].setText(self.tr("Follow the system"))
        self.lang_actions["fr"].setText("Français")
        self.lang_actions["en"].setText("English")
        self.act_next.setText(self.tr("Next item"))
        self.act_prev.setText(self.tr("Previous item"))
        self.act_reply.setText(self.tr("Reply"))
        self.act_done.setText(self.tr("Mark done"))
        self.act_snooze.setText(self.tr("Snooze"))
        self.act_undo.setText(self.tr("Undo last done/snooze"))
        self.act_sync.setText(self.tr("Sync now"))
        self.act_add_account.setText(self.tr("Add a Mastodon account…"))
        self.act_add_bluesky.setText(self.tr("Add a Bluesky account…"))
        self.act_quit.setText(self.tr("Quit"))
        current = self.status_box.currentIndex()
        self.status_box.blockSignals(True)  # refilling the names is not a filter change
        self.status_box.clear()
        for s in STATUS_FILTERS:
            self.status_box.addItem(labels.status_name(s), s.value)
        self.status_box.setCurrentIndex(max(0, current))
        self.status_box.blockSignals(False)
        self._fill_accounts()
        self._show_sync_state()
        if self._count is not None:
            self._on_counted(self._count)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    def set_language_checked(self, setting: str) -> None:
        for code, a in self.lang_actions.items():
            a.setChecked(code == setting)

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
        self._fill_accounts()
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
        self.model.set_filter(QueueFilter(account_id=self.account_box.currentData(),
                                          statuses=(status,),
                                          at_risk_only=self.risk_box.isChecked()))

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
        self.sync_button.setEnabled(not running)
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

