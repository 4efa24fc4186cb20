""""Add a Mastodon account": sign in with the browser, or with a code the sign-in page shows
(when the browser is elsewhere, or cannot reach back to this computer), or paste an access token.

The whole sign-in (app registration, the browser wait on the loopback redirect, the code
exchange, verify_credentials, the keyring) runs on a worker thread; results come back
through queued signals (both in ``MastodonSignInBridge``, sign_in_bridge.py). Only the account
row is written through ``Tasks.write`` (the single writer). The token goes from the worker
straight to the keyring, never through the GUI.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.clients.mastodon_auth import AuthorizationTimeout, InvalidServer, normalize_server
from ...core.clients.mastodon_sign_in import DEFAULT_BROWSER_WAIT_S, MastodonSignIn, SignIn
from ...core.errors import RelaisError
from ...core.model import Account
from ...core.sla import system_clock
from .sign_in_bridge import MastodonSignInBridge, deliver
from .sign_in_messages import sign_in_message

if TYPE_CHECKING:
    from ...core.credentials import Credentials
    from ...storage.db import Database
    from ..tasks import Tasks

log = logging.getLogger(__name__)


class AddAccountDialog(QDialog):
    """Sign in to a Mastodon server; on success ``account_added(Account)`` (saved, with its
    id) is emitted and the dialog accepts.

    ``open_url`` opens the authorisation page; by default the system browser (on the GUI
    thread). Tests pass their own, which is then called on the worker thread.
    """

    account_added = Signal(object)

    def __init__(self, db: Database, tasks: Tasks, credentials: Callable[[], Credentials],
                 data_dir: Path, *, open_url: Callable[[str], object] | None = None,
                 clock: Callable[[], datetime] = system_clock,
                 browser_timeout_s: float = DEFAULT_BROWSER_WAIT_S,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_account_dialog")
        self._db, self._tasks = db, tasks
        self._open_url, self._clock = open_url, clock
        self._browser_timeout_s = browser_timeout_s
        self._run = 0  # the current sign-in's number; 0 = none running
        self._runs = 0
        self.worker: threading.Thread | None = None
        self._relay = MastodonSignInBridge(credentials, data_dir, self)
        self._relay.url_ready.connect(self._on_url_ready)
        self._relay.code_page_ready.connect(self._on_code_page_ready)
        self._codes: queue.Queue[str] = queue.Queue()
        self._relay.succeeded.connect(self._on_signed_in)
        self._relay.failed.connect(self._on_failed)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.server_caption = QLabel()
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("server")
        self.server_edit.setPlaceholderText("mastodon.social")
        self.server_caption.setBuddy(self.server_edit)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setDefault(True)
        self.code_button = QPushButton()
        self.code_button.setObjectName("sign_in_with_code")
        self.code_button.setFlat(True)
        self.code_caption = QLabel()
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("code")
        self.code_caption.setBuddy(self.code_edit)
        self.finish_code_button = QPushButton()
        self.finish_code_button.setObjectName("finish_with_code")
        self.code_row = QWidget()
        code_layout = QHBoxLayout(self.code_row)
        code_layout.setContentsMargins(0, 0, 0, 0)
        code_layout.addWidget(self.code_caption)
        code_layout.addWidget(self.code_edit, 1)
        code_layout.addWidget(self.finish_code_button)
        self.code_row.hide()
        self.use_token = QCheckBox()
        self.use_token.setObjectName("use_token")
        self.token_caption = QLabel()
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_caption.setBuddy(self.token_edit)
        self.add_token_button = QPushButton()
        self.add_token_button.setObjectName("add_with_token")
        self.link_label = QLabel()
        self.link_label.setObjectName("sign_in_link")
        self.link_label.setWordWrap(True)
        self.link_label.setOpenExternalLinks(True)
        self.link_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link_label.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")

        form = QFormLayout()
        form.addRow(self.server_caption, self.server_edit)
        self.token_row = QWidget()
        token_layout = QHBoxLayout(self.token_row)
        token_layout.setContentsMargins(0, 0, 0, 0)
        token_layout.addWidget(self.token_caption)
        token_layout.addWidget(self.token_edit, 1)
        token_layout.addWidget(self.add_token_button)
        self.token_row.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        sign_in_row = QHBoxLayout()
        sign_in_row.addWidget(self.sign_in_button)
        sign_in_row.addWidget(self.code_button)
        sign_in_row.addStretch(1)
        layout.addLayout(sign_in_row)
        layout.addWidget(self.link_label)
        layout.addWidget(self.code_row)
        layout.addWidget(self.use_token)
        layout.addWidget(self.token_row)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.sign_in_button.clicked.connect(self.sign_in_with_browser)
        self.add_token_button.clicked.connect(self.add_with_token)
        self.code_button.clicked.connect(self.sign_in_with_code)
        self.finish_code_button.clicked.connect(self.finish_with_code)
        self.code_edit.returnPressed.connect(self.finish_with_code)
        self.token_edit.returnPressed.connect(self.add_with_token)
        self.use_token.toggled.connect(self._on_use_token)
        self.buttons.rejected.connect(self.on_cancel)
        self.retranslate_ui()
        self.resize(520, self.sizeHint().height())

    # --- language ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add a Mastodon account"))
        self.intro.setText(self.tr(
            "Relais opens your browser: sign in to your Mastodon server there and authorise "
            "Relais. Relais never sees your password; its access is kept in the system keyring."))
        self.server_caption.setText(self.tr("&Server:"))
        self.sign_in_button.setText(self.tr("Sign in with the &browser"))
        self.code_button.setText(self.tr("Sign in with a &code instead"))
        self.code_button.setToolTip(self.tr(
            "For a browser on another device, or one that cannot reach back to this computer: "
            "the sign-in page shows a code to paste here."))
        self.code_caption.setText(self.tr("&Code:"))
        self.finish_code_button.setText(self.tr("&Finish"))
        self.use_token.setText(self.tr("&Paste an access token instead"))
        self.use_token.setToolTip(self.tr(
            "Create one on your server in Preferences → Development → New application."))
        self.token_caption.setText(self.tr("Access &token:"))
        self.add_token_button.setText(self.tr("&Add"))

    # --- the user's actions -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._run != 0

    def sign_in_with_browser(self) -> None:
        timeout_s = self._browser_timeout_s

        def job(flow: MastodonSignIn, run: int) -> SignIn:
            def open_url(url: str) -> None:
                deliver(self._relay.url_ready, run, url)
                if self._open_url is not None:
                    self._open_url(url)

            return flow.sign_in_with_browser(open_url, timeout_s=timeout_s)

        self._start(job, self.tr("Waiting for you to sign in and authorise Relais in the browser…"))

    def sign_in_with_code(self) -> None:
        timeout_s, codes, opener = self._browser_timeout_s, self._codes, self._open_url
        while not codes.empty():  # a code typed for an earlier, cancelled attempt
            codes.get_nowait()

        def job(flow: MastodonSignIn, run: int) -> SignIn:
            pending = flow.begin_with_code()
            deliver(self._relay.code_page_ready, run, pending.url)
            if opener is not None:
                opener(pending.url)
            waited = 0.0
            while True:  # the person copies the code from the page: wait, cancellable
                try:
                    code = codes.get(timeout=0.25)
                    break
                except queue.Empty:
                    waited += 0.25
                    if flow.cancelled or waited >= timeout_s:
                        raise AuthorizationTimeout(flow.server, timeout_s) from None
            return flow.finish_with_code(pending, code)

        self._start(job, self.tr("Sign in on the page that opened, then paste the code it "
                                 "shows here."))

    def finish_with_code(self) -> None:
        code = self.code_edit.text().strip()
        if not self.busy or self.code_edit.isReadOnly():
            return
        if not code:
            self._show_error_text(self.tr("Paste the code the sign-in page shows first."))
            return
        # read-only, not disabled: a disabled line edit hands its focus (and this Enter key)
        # to the next button, Cancel
        self.code_edit.setReadOnly(True)
        self.finish_code_button.setEnabled(False)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Checking the code…"))
        self._codes.put(code)

    def add_with_token(self) -> None:
        token = self.token_edit.text().strip()
        if not token:
            self._show_error_text(self.tr("Paste an access token first."))
            return
        self._start(lambda flow, _run: flow.sign_in_with_token(token),
                    self.tr("Checking the access token…"))

    def on_cancel(self) -> None:
        """Cancel: stops a sign-in in progress (the dialog stays open), else closes."""
        if self.busy:
            self._stop_run()
            self._set_busy(False)
            self._show_error_text(self.tr("Sign-in cancelled."))
        else:
            self.reject()

    def reject(self) -> None:
        if self.busy:
            self._stop_run()
            self._set_busy(False)
        super().reject()

    # --- the worker ------------------------------------------------------------------------------
    def _start(self, job: Callable[[MastodonSignIn, int], SignIn], waiting: str) -> None:
        if self.busy:
            return
        try:
            server = normalize_server(self.server_edit.text())
        except InvalidServer as exc:
            self._show_error(exc)
            self.server_edit.setFocus()
            return
        self.server_edit.setText(server)
        self._runs += 1
        self._run = run = self._runs
        self._set_busy(True, waiting)
        self.link_label.hide()
        self.worker = self._relay.start(server, run, job)

    def _stop_run(self) -> None:
        self._relay.stop()
        self._run = 0

    # --- results, on the GUI thread ---------------------------------------------------------
    def _on_url_ready(self, run: int, url: str) -> None:
        if run != self._run:
            return
        if self._open_url is None:
            QDesktopServices.openUrl(QUrl(url))
        self.link_label.setText(self.tr(
            "If your browser did not open, <a href=\"{url}\">open the sign-in page</a>.").format(
                url=url.replace("&", "&amp;").replace('"', "&quot;")))
        self.link_label.setToolTip(url)
        self.link_label.show()
        self._fit()

    def _on_code_page_ready(self, run: int, url: str) -> None:
        self._on_url_ready(run, url)
        if run != self._run:
            return
        self.code_row.show()
        self.finish_code_button.setDefault(True)  # Enter finishes (not Cancel)
        self.code_edit.setReadOnly(False)
        self.finish_code_button.setEnabled(True)
        self.code_edit.clear()
        self.code_edit.setFocus()
        self._fit()

    def _fit(self) -> None:
        """Grow to show rows that just appeared (never squeeze the wrapped intro)."""
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _on_signed_in(self, run: int, account: Account) -> None:
        if run != self._run:
            return
        db, clock = self._db, self._clock

        def save() -> Account:
            from ...storage.accounts import add_account  # SQLAlchemy, off the GUI thread

            return add_account(db.sessions, account, clock())

        self._tasks.write(save, lambda saved: self._on_saved(run, saved),
                          lambda exc: self._on_failed(run, exc))

    def _on_saved(self, run: int, saved: Account) -> None:
        if run != self._run:
            return
        self._run = 0
        self._set_busy(False, self.tr("Added {account}.").format(account=saved.label))
        self.account_added.emit(saved)
        self.accept()

    def _on_failed(self, run: int, exc: BaseException) -> None:
        if run != self._run:
            return
        self._run = 0
        log.info("adding a Mastodon account failed: %s", type(exc).__name__)
        if not isinstance(exc, RelaisError):
            log.error("unexpected sign-in failure", exc_info=exc)
        self._set_busy(False)
        self._show_error(exc)

    # --- state ------------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        for w in (self.server_edit, self.sign_in_button, self.code_button, self.use_token,
                  self.token_edit, self.add_token_button):
            w.setEnabled(not busy)
        if not busy:
            self.link_label.hide()
            self.code_row.hide()
            self.sign_in_button.setDefault(True)
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def _show_error(self, exc: BaseException) -> None:
        self._show_error_text(sign_in_message(exc))

    def _show_error_text(self, text: str) -> None:
        self.status_label.setStyleSheet("color: #b71c1c")
        self.status_label.setText(text)

    def _on_use_token(self, on: bool) -> None:
        self.token_row.setVisible(on)
        self.sign_in_button.setVisible(not on)
        self.code_button.setVisible(not on)
        (self.token_edit if on else self.server_edit).setFocus()
