"""What the user reads when something fails: short, translated; the traceback goes to the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.credentials import InsecureKeyring, KeyringLocked, KeyringTimeout, KeyringUnavailable
from ..core.errors import AuthExpired, NetworkError, Offline, RateLimited
from ..storage.db import NewerSchema, NotADatabase

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def user_message(exc: BaseException) -> str:
    match exc:
        case RateLimited(network=n, retry_after_s=s):
            return _t("{network} is rate-limiting Relais; retrying in {s} s.").format(
                network=n.capitalize(), s=round(s)
            )
        case Offline(network=n):
            return _t("{network} cannot be reached. Showing cached data.").format(
                network=n.capitalize()
            )
        case NetworkError(network=n):
            return _t("{network} did not answer properly; Relais will retry.").format(
                network=n.capitalize()
            )
        case AuthExpired(network=n, handle=h):
            return _t("Your login to {network} ({handle}) has expired: reconnect it.").format(
                network=n.capitalize(), handle=h
            )
        case InsecureKeyring(backend_name=b) if not b.startswith(("keyring.backends.fail",
                                                                  "keyring.backends.null",
                                                                  "keyring.backends.chainer")):
            return _t(
                "The only keyring available ({backend}) would store passwords in a plain file. "
                "Relais refuses to use it: install and unlock a Secret Service keyring "
                "(GNOME Keyring or KWallet)."
            ).format(backend=b)
        case KeyringUnavailable():
            return _t(
                "No system keyring is available, so Relais cannot keep your logins. "
                "Install and unlock GNOME Keyring or KWallet, then try again."
            )
        case KeyringLocked():
            return _t("The system keyring is locked. Unlock it, then try again.")
        case KeyringTimeout():
            return _t("The system keyring did not answer. Check for a password prompt.")
        case NotADatabase(path=p):
            return _t(
                "The file {path} is not a Relais database. It was left untouched; "
                "move it away or choose another data folder."
            ).format(path=p)
        case NewerSchema(path=p):
            return _t(
                "The database {path} was written by a newer version of Relais. "
                "It was left untouched: update Relais to open it."
            ).format(path=p)
        case _:
            return _t("Unexpected error. Details were written to the log.")


def show_error(exc: BaseException, parent=None) -> QMessageBox:  # noqa: ANN001
    log.error("operation failed: %s", type(exc).__name__, exc_info=exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Relais", user_message(exc), parent=parent or QApplication.activeWindow()
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
