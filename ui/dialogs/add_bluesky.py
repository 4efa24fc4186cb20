""""Add a Bluesky account": a handle (or DID) and an app password.

The sign-in (handle → DID → the user's own PDS, createSession, the keyring) runs on a worker
thread; results come back through queued signals; only the account row goes through
``Tasks.write``. The secret goes from the worker straight to the keyring, never to the GUI.
A main password is not kept without the user saying so; an app password without access to
direct messages is accepted, and the user is told how to get one that has it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import RelaisError
from ...core.model import Account
from ...core.sla import system_clock
from .sign_in_messages import APP_PASSWORDS_URL, bluesky_sign_in_message

if TYPE_CHECKING:
    from ...core.clients.bluesky_auth import SignIn
    from ...core.credentials import Credentials
    from ...storage.db import Database
    from ..tasks import Tasks

log = logging.getLogger(__name__)

class _Relay(QObject):
    succeeded = Signal(int, object)  # (run, SignIn): the secret is already in the keyring
    failed = Signal(int, object)


class AddBlueskyDialog(QDialog):
    """On success ``account_added(Account)`` (saved, with its id) is emitted."""

    account_added = Signal(object)

    def __init__(self, db: Database, tasks: Tasks, credentials: Callable[[], Credentials], *,
                 sign_in_options: dict[str, Any] | None = None,
                 clock: Callable[[], datetime] = system_clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_bluesky_dialog")
        self._db, self._tasks, self._credentials, self._clock = db, tasks, credentials, clock
        self._options = dict(sign_in_options or {})  # service / plc (tests, self-hosting)
        self._run = self._runs = 0
        self._pending: SignIn | None = None  # a main password, waiting for "use it anyway"
        self._allow_main = False
        self._added = False  # added, the dialog still open to say DMs are off
        self.worker: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_signed_in)
        self._relay.failed.connect(self._on_failed)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setOpenExternalLinks(True)
        self.handle_caption, self.password_caption = QLabel(), QLabel()
        self.handle_edit = QLineEdit()
        self.handle_edit.setObjectName("handle")
        self.handle_edit.setPlaceholderText("name.bsky.social")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("app_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("xxxx-xxxx-xxxx-xxxx")
        self.handle_caption.setBuddy(self.handle_edit)
        self.password_caption.setBuddy(self.password_edit)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setDefault(True)
        self.anyway_button = QPushButton()
        self.anyway_button.setObjectName("use_main_password")
        self.anyway_button.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        self.status_label.setOpenExternalLinks(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")

        form = QFormLayout()
        form.addRow(self.handle_caption, self.handle_edit)
        form.addRow(self.password_caption, self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status_label)
        layout.addWidget(self.anyway_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.sign_in_button.clicked.connect(self.sign_in)
        self.password_edit.returnPressed.connect(self.sign_in)
        self.anyway_button.clicked.connect(self.use_main_password)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self.resize(540, self.sizeHint().height())

    # --- language ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Add a Bluesky account"))
        self.intro.setText(self.tr(
            "Sign in with the account's handle and an <b>app password</b>, not your main "
            "password: an app password lets Relais read and answer without being able to "
            "change your account, and you can revoke it at any time. Create one in Bluesky's "
            "<a href=\"{url}\">Settings → Privacy and security → App passwords</a>, with "
            "“Allow access to your direct messages” ticked so Relais can answer DMs.").format(
                url=APP_PASSWORDS_URL))
        self.handle_caption.setText(self.tr("&Handle:"))
        self.password_caption.setText(self.tr("App &password:"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.anyway_button.setText(self.tr("Keep my main password anyway"))

    # --- the user's actions -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._run != 0

    def sign_in(self) -> None:
        from ...core.clients.bluesky_auth import normalize_identifier

        if self.busy:
            return
        ident = normalize_identifier(self.handle_edit.text())
        password = self.password_edit.text().strip()
        if not ident or not password:
            self._error(self.tr("Type the handle and the app password first."))
            (self.handle_edit if not ident else self.password_edit).setFocus()
            return
        self._pending, self._allow_main = None, False
        self.anyway_button.hide()
        self._runs += 1
        self._run = run = self._runs
        make_credentials, relay, options = self._credentials, self._relay, self._options
        self._set_busy(True, self.tr("Signing in to Bluesky…"))

        def work() -> None:
            try:
                from ...core.clients.bluesky_auth import sign_in_blocking

                signed = sign_in_blocking(ident, password, **options)
                if not signed.main_password:
                    self._store_secret(make_credentials(), signed)
                self._emit(relay.succeeded, run, signed)
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread
                self._emit(relay.failed, run, exc)

        self.worker = threading.Thread(target=work, name="relais-sign-in", daemon=True)
        self.worker.start()

    def use_main_password(self) -> None:
        """The user read the warning and keeps the main password: store it and add."""
        signed, self._pending = self._pending, None
        if signed is None:
            return
        self.anyway_button.hide()
        self._allow_main = True
        self._runs += 1
        self._run = run = self._runs
        make_credentials, relay = self._credentials, self._relay
        self._set_busy(True, self.tr("Adding the account…"))

        def work() -> None:
            try:
                self._store_secret(make_credentials(), signed)
                self._emit(relay.succeeded, run, signed)
            except Exception as exc:  # noqa: BLE001
                self._emit(relay.failed, run, exc)

        self.worker = threading.Thread(target=work, name="relais-sign-in", daemon=True)
        self.worker.start()

    def reject(self) -> None:
        if self._added:  # added without DMs, the message read: closing is accepting
            self.accept()
            return
        self._run = 0  # a sign-in still running is ignored when it ends
        self._pending = None
        super().reject()

    # --- worker helpers ---------------------------------------------------------------------
    @staticmethod
    def _store_secret(credentials: Credentials, signed: SignIn) -> None:
        from ...core.clients.registry import token_key

        credentials.set(token_key(signed.account), signed.secret)

    @staticmethod
    def _emit(signal: Signal, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            log.debug("sign-in result dropped: the dialog was closed")

    # --- results, on the GUI thread ---------------------------------------------------------
    def _on_signed_in(self, run: int, signed: SignIn) -> None:
        if run != self._run:
            return
        if signed.main_password and not self._allow_main:
            self._run = 0
            self._pending = signed
            self._set_busy(False)
            self._error(self.tr(
                "This is the account's main password. Relais would keep it in the system "
                "keyring, where it could change the account. Create an app password instead "
                "(<a href=\"{url}\">App passwords</a>) and sign in with it.").format(
                    url=APP_PASSWORDS_URL))
            self.anyway_button.show()
            return
        db, clock, account = self._db, self._clock, signed.account

        def save() -> Account:
            from ...storage.accounts import add_account

            return add_account(db.sessions, account, clock())

        self._tasks.write(save, lambda saved: self._on_saved(run, saved, signed.dm_access),
                          lambda exc: self._on_failed(run, exc))

    def _on_saved(self, run: int, saved: Account, dm_access: bool) -> None:
        if run != self._run:
            return
        self._run = 0
        self.account_added.emit(saved)
        if dm_access:
            self._set_busy(False, self.tr("Added {account}.").format(account=saved.label))
            self.accept()
            return
        # added, but DMs are off: say how to turn them on, and let the user close
        self._set_busy(False)
        for w in (self.handle_edit, self.password_edit, self.sign_in_button):
            w.setEnabled(False)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr(
            "Added {account}. Its direct messages are not synced: this app password has no "
            "access to them. To answer DMs, create an app password with “Allow access to "
            "your direct messages” ticked, then add the account again with it.").format(
                account=saved.label))
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        # Close now means "done": reject() turns into accept() (no disconnect(): PySide 6.8+
        # may crash later in the event loop when a signal's connections are dropped in a slot)
        self._added = True

    def _on_failed(self, run: int, exc: BaseException) -> None:
        if run != self._run:
            return
        self._run = 0
        log.info("adding a Bluesky account failed: %s", type(exc).__name__)
        if not isinstance(exc, RelaisError):
            log.error("unexpected sign-in failure", exc_info=exc)
        self._set_busy(False)
        self._error(bluesky_sign_in_message(exc))

    # --- state ------------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        for w in (self.handle_edit, self.password_edit, self.sign_in_button):
            w.setEnabled(not busy)
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def _error(self, text: str) -> None:
        self.status_label.setStyleSheet("color: #b71c1c")
        self.status_label.setText(text)
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
