"""What the user reads when adding an account fails: the dialogs and the CLI say the same."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.clients.mastodon_auth import (
    AuthorizationCancelled,
    AuthorizationDenied,
    AuthorizationTimeout,
    BadToken,
    InvalidServer,
    NotMastodon,
    ServerFailed,
    ServerUnreachable,
    StateMismatch,
)
from ..errors import user_message

APP_PASSWORDS_URL = "https://bsky.app/settings/app-passwords"


def sign_in_message(exc: BaseException) -> str:
    """What the user reads when adding an account fails (the dialog and the CLI)."""
    match exc:
        case InvalidServer():
            return QCoreApplication.translate(
                "AddAccountDialog", "This is not a server address. Type it like mastodon.social.")
        case ServerUnreachable(server=s):
            return QCoreApplication.translate(
                "AddAccountDialog", "{server} cannot be reached. Check the address and your "
                                    "connection, then try again.").format(server=s)
        case NotMastodon(server=s):
            return QCoreApplication.translate(
                "AddAccountDialog", "{server} does not look like a Mastodon server.").format(server=s)
        case ServerFailed(server=s, status=code):
            return QCoreApplication.translate(
                "AddAccountDialog", "{server} answered with an error ({status}). Try again "
                                    "later.").format(server=s, status=code)
        case StateMismatch():
            return QCoreApplication.translate(
                "AddAccountDialog", "The answer that came back from the browser does not "
                                    "belong to this sign-in, so it was ignored. Try again.")
        case AuthorizationDenied(server=s):
            return QCoreApplication.translate(
                "AddAccountDialog", "Relais was not authorised on {server}.").format(server=s)
        case AuthorizationTimeout():
            return QCoreApplication.translate(
                "AddAccountDialog", "No answer came back from the browser in time. Try "
                                    "again, or paste an access token instead.")
        case AuthorizationCancelled():
            return QCoreApplication.translate("AddAccountDialog", "Sign-in cancelled.")
        case BadToken(server=s):
            return QCoreApplication.translate(
                "AddAccountDialog", "{server} refused this access token. Check it, or create "
                                    "a new one in Preferences → Development.").format(server=s)
        case _:
            return user_message(exc)


def bluesky_sign_in_message(exc: BaseException) -> str:
    """What the user reads when adding a Bluesky account fails (the dialog and the CLI)."""
    from ...core.clients import bluesky_auth as auth

    match exc:
        case auth.HandleNotFound(identifier=i):
            return QCoreApplication.translate("AddBlueskyDialog", "No Bluesky account answers to {handle}. Check the "
                                          "handle (like name.bsky.social).").format(handle=i)
        case auth.IdentityUnresolved(identifier=i):
            return QCoreApplication.translate("AddBlueskyDialog", "The server of {handle} could not be found. Try "
                                          "again later.").format(handle=i)
        case auth.TwoFactorRequired():
            return QCoreApplication.translate("AddBlueskyDialog", "This password asks for an e-mail code: use an app "
                                          "password instead (it never does).")
        case auth.BadCredentials(identifier=i):
            return QCoreApplication.translate("AddBlueskyDialog", "Bluesky refused this handle and password for "
                                          "{handle}. Check the app password, or create a new "
                                          "one.").format(handle=i)
        case _:
            return user_message(exc)
