"""The Qt face of core.clients.mastodon_sign_in for "Add a Mastodon account": one sign-in at
a time on a worker thread of its own (app registration, the browser wait on the loopback
redirect, the code exchange, verify_credentials, the keyring), its results queued back to the
GUI thread as signals.

No widgets and no strings: the dialog says what is happening. The token goes from the worker
straight to the keyring, never through a signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...core.clients.mastodon_auth import AuthorizationCancelled, store_token
from ...core.clients.mastodon_sign_in import MastodonSignIn, SignIn

if TYPE_CHECKING:
    from ...core.credentials import Credentials

log = logging.getLogger(__name__)


def deliver(signal: Signal, *args: object) -> None:
    """Emit from the worker thread; dropped when the dialog is gone."""
    try:
        signal.emit(*args)
    except RuntimeError:  # the dialog is gone: nobody is waiting for this anymore
        log.debug("sign-in result dropped: the dialog was closed")


class MastodonSignInBridge(QObject):
    """Lives on the GUI thread: the worker's emits are queued to it. Payloads carry the run
    number, so the result of a cancelled run is ignored."""

    url_ready = Signal(int, str)
    code_page_ready = Signal(int, str)  # the sign-in page that will show a code to paste
    succeeded = Signal(int, object)  # Account (no id yet), never the token
    failed = Signal(int, object)  # the exception

    def __init__(self, credentials: Callable[[], Credentials], data_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._credentials, self._data_dir = credentials, data_dir
        self._cancel: threading.Event | None = None
        self._flow: MastodonSignIn | None = None
        self._flow_lock = threading.Lock()

    def start(self, server: str, run: int,
              job: Callable[[MastodonSignIn, int], SignIn]) -> threading.Thread:
        """Run ``job`` for ``server`` on a new thread, then keep its token in the keyring and
        emit ``succeeded`` (or ``failed``) with ``run``. Returns the thread, started."""
        cancel = self._cancel = threading.Event()
        make_credentials, data_dir = self._credentials, self._data_dir

        def work() -> None:
            try:
                credentials = make_credentials()  # keyring loads here, not on the GUI thread
                flow = MastodonSignIn(server, credentials, data_dir)
                with self._flow_lock:
                    self._flow = flow
                if cancel.is_set():
                    flow.cancel()
                signed = job(flow, run)
                if cancel.is_set():
                    raise AuthorizationCancelled(server, "cancelled")
                key = store_token(credentials, signed.account, signed.token)
                if cancel.is_set():  # cancelled while the keyring wrote: take it back
                    credentials.delete(key)
                    raise AuthorizationCancelled(server, "cancelled")
                deliver(self.succeeded, run, signed.account)
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread
                deliver(self.failed, run, exc)
            finally:
                with self._flow_lock:
                    self._flow = None

        worker = threading.Thread(target=work, name="relais-sign-in", daemon=True)
        worker.start()
        return worker

    def stop(self) -> None:
        """Cancel the sign-in in progress (any step; its result will be dropped)."""
        if self._cancel is not None:
            self._cancel.set()
        with self._flow_lock:
            flow = self._flow
        if flow is not None:
            flow.cancel()
