"""What the user reads when something fails: short, translated; the traceback goes to the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.credential_errors import (
    InsecureKeyring,
    KeyringLocked,
    KeyringTimeout,
    KeyringUnavailable,
)
from ..core.demo import DemoUnavailable
from ..core.errors import (
    AuthExpired,
    DmAccessMissing,
    DmNotAccepted,
    NetworkError,
    Offline,
    RateLimited,
    RequestRefused,
)
from ..storage.db import NewerSchema, NotADatabase

log = logging.getLogger(__name__)



def user_message(exc: BaseException) -> str:
    match exc:
        case RateLimited(network=n, retry_after_s=s):
            return QCoreApplication.translate("Errors", "{network} is rate-limiting Relais; retrying in {s} s.").format(
                network=n.capitalize(), s=round(s)
            )
        case Offline(network=n):
            return QCoreApplication.translate("Errors", "{network} cannot be reached. Showing cached data.").format(
                network=n.capitalize()
            )
        case NetworkError(network=n):
            return QCoreApplication.translate("Errors", "{network} did not answer properly; Relais will retry.").format(
                network=n.capitalize()
            )
        case AuthExpired(network=n, handle=h):
            return QCoreApplication.translate("Errors", "Your login to {network} ({handle}) has expired: reconnect it.").format(
                network=n.capitalize(), handle=h
            )
        case InsecureKeyring(backend_name=b) if not b.startswith(("keyring.backends.fail",
                                                                  "keyring.backends.null",
                                                                  "keyring.backends.chainer")):
            return QCoreApplication.translate("Errors", 
                "The only keyring available ({backend}) would store passwords in a plain file. "
                "Relais refuses to use it: install and unlock a Secret Service keyring "
                "(GNOME Keyring or KWallet)."
            ).format(backend=b)
        case KeyringUnavailable():
            return QCoreApplication.translate("Errors", 
                "No system keyring is available, so Relais cannot keep your logins. "
                "Install and unlock GNOME Keyring or KWallet, then try again."
            )
        case KeyringLocked():
            return QCoreApplication.translate("Errors", "The system keyring is locked. Unlock it, then try again.")
        case KeyringTimeout():
            return QCoreApplication.translate("Errors", "The system keyring did not answer. Check for a password prompt.")
        case NotADatabase(path=p):
            return QCoreApplication.translate("Errors", 
                "The file {path} is not a Relais database. It was left untouched; "
                "move it away or choose another data folder."
            ).format(path=p)
        case NewerSchema(path=p):
            return QCoreApplication.translate("Errors", 
                "The database {path} was written by a newer version of Relais. "
                "It was left untouched: update Relais to open it."
            ).format(path=p)
        case DmAccessMissing(handle=h):
            return QCoreApplication.translate(
                "Errors", "Direct messages of {handle} are not synced: its app password has no "
                          "access to them. In Bluesky's Settings → Privacy and security → App "
                          "passwords, create one with “Allow access to your direct messages” "
                          "ticked, then add the account again with it.").format(handle=h)
        case DmNotAccepted():
            return QCoreApplication.translate(
                "Errors", "This customer does not accept private messages from you. Reply "
                          "publicly instead, inviting them to write to you first.")
        case RequestRefused(network=n, status=code):
            return QCoreApplication.translate(
                "Errors", "{network} refused the request (HTTP {status}).").format(
                    network=n.capitalize(), status=code)
        case DemoUnavailable():
            return QCoreApplication.translate(
                "Errors", "The demo needs its optional part: pip install 'relais[demo]'.")
        case _:
            return QCoreApplication.translate("Errors", "Unexpected error. Details were written to the log.")


def show_error(exc: BaseException, parent=None) -> QMessageBox:  # noqa: ANN001
    log.error("operation failed: %s", type(exc).__name__, exc_info=exc)
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Relais", user_message(exc), parent=parent or QApplication.activeWindow()
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
