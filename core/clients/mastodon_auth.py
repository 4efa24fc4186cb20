"""Mastodon sign-in, the shared pieces: the typed errors, the OAuth constants (scopes,
redirect URIs), the server address a person types, PKCE, the app registrations cached per
server, and the keyring as the only home of an account's token.

The flows themselves (browser, paste the code, paste a token) are
:class:`~relais.core.clients.mastodon_sign_in.MastodonSignIn`; the loopback redirect listener
is :class:`~relais.core.clients.mastodon_loopback.LoopbackCatcher`.

Pure Python (no Qt). :class:`AppCache` and the token functions block on the keyring. Error
messages never contain a token, a code or a secret.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ..errors import RelaisError
from ..model import Account, Network
from .registry import token_key

if TYPE_CHECKING:
    from ..credentials import Credentials

__all__ = [
    "OOB_REDIRECT_URI",
    "SCOPES",
    "SCOPES_FALLBACK",
    "AppCache",
    "AppRegistration",
    "AuthorizationCancelled",
    "AuthorizationDenied",
    "AuthorizationTimeout",
    "BadToken",
    "InvalidServer",
    "MastodonAuthError",
    "NotMastodon",
    "ServerFailed",
    "ServerUnreachable",
    "StateMismatch",
    "forget_account",
    "make_pkce",
    "normalize_server",
    "store_token",
]

log = logging.getLogger(__name__)

NETWORK = Network.MASTODON.value
#: What Relais needs and no more: read mentions (notifications), the statuses and threads
#: around them (``/api/v1/conversations`` is covered by ``read:statuses``: Mastodon has no
#: ``read:conversations`` scope and rejects unknown scopes), the accounts (customers, our
#: own), and post replies.
SCOPES = "read:accounts read:notifications read:statuses write:statuses"
#: For servers that predate granular scopes (Mastodon < 2.4.3) or reject one of them.
SCOPES_FALLBACK = "read write"
OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"
LOOPBACK_HOST = "127.0.0.1"
CALLBACK_PATH = "/callback"
#: The loopback redirect as registered: Doorkeeper (Mastodon's OAuth server) ignores the
#: port when both URIs are loopback (RFC 8252 §7.3), so the catcher may bind any free port.
LOOPBACK_REDIRECT_URI = f"http://{LOOPBACK_HOST}{CALLBACK_PATH}"
APP_CACHE_FILE = "mastodon_apps.json"


# --------------------------------------------------------------------------- errors


class MastodonAuthError(RelaisError):
    """Adding a Mastodon account failed. ``server`` is the normalised server URL."""

    def __init__(self, server: str, detail: str = "") -> None:
        super().__init__(f"{server}: {detail}" if detail else server)
        self.server = server
        self.detail = detail


class InvalidServer(MastodonAuthError):
    """What was typed is not a server address."""


class ServerUnreachable(MastodonAuthError):
    """No answer: wrong address, offline, DNS, TLS or a timeout."""


class NotMastodon(MastodonAuthError):
    """Something answered, but not the Mastodon API (no ``/api/v1/apps``, not JSON, …)."""


class ServerFailed(MastodonAuthError):
    """The Mastodon server answered with an error (5xx, or a refusal we cannot work around)."""

    def __init__(self, server: str, status: int, detail: str = "") -> None:
        super().__init__(server, f"HTTP {status}" + (f": {detail}" if detail else ""))
        self.status = status


class AuthorizationDenied(MastodonAuthError):
    """The user (or the server) refused the authorisation, or the code was not accepted."""


class StateMismatch(AuthorizationDenied):
    """The redirect carried another ``state`` than the one we sent: possibly forged; dropped."""


class AuthorizationTimeout(MastodonAuthError):
    """Nobody came back from the browser in time."""

    def __init__(self, server: str, timeout_s: float) -> None:
        super().__init__(server, f"no answer from the browser within {timeout_s:g} s")
        self.timeout_s = timeout_s


class AuthorizationCancelled(MastodonAuthError):
    """The user cancelled the sign-in."""


class BadToken(MastodonAuthError):
    """The server refused the access token (401/403). The token is never in the message."""


# --------------------------------------------------------------------------- small pieces


def normalize_server(text: str) -> str:
    """``https://host[:port]`` from what a person types: ``mastodon.social``,
    ``https://mastodon.social/``, ``@brand@mastodon.social``, ``http://127.0.0.1:8080``."""
    s = (text or "").strip()
    if not s:
        raise InvalidServer(text or "", "empty")
    if "://" not in s:
        if "@" in s:  # a handle: @user@host or user@host
            s = s.rsplit("@", 1)[1]
        s = "https://" + s
    try:
        url = httpx.URL(s)
    except (httpx.InvalidURL, ValueError):
        raise InvalidServer(s, "not a URL") from None
    if url.scheme not in ("http", "https") or not url.host or " " in url.host:
        raise InvalidServer(s, "not an http(s) address")
    host = f"[{url.host}]" if ":" in url.host else url.host
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{host.lower()}{port}"


def make_pkce() -> tuple[str, str]:
    """A PKCE ``(verifier, challenge)`` pair, method S256 (RFC 7636)."""
    verifier = secrets.token_urlsafe(64)  # 86 chars of [A-Za-z0-9_-]: within 43..128
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


@dataclass(frozen=True, slots=True)
class AppRegistration:
    """Relais registered as an OAuth application on one server."""

    server: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str
    redirect_uris: tuple[str, ...] = (LOOPBACK_REDIRECT_URI, OOB_REDIRECT_URI)


def _app_secret_key(server: str) -> str:
    return f"{NETWORK}-app:{server}"


class AppCache:
    """Registrations per server: the client id and scopes in ``<data>/mastodon_apps.json``,
    the client secret in the keyring. A registration whose secret is gone is no registration."""

    def __init__(self, data_dir: Path, credentials: Credentials) -> None:
        self.path = Path(data_dir) / APP_CACHE_FILE
        self._credentials = credentials
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("ignoring an unreadable %s", self.path.name)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    def get(self, server: str) -> AppRegistration | None:
        with self._lock:
            entry = self._read().get(server)
        if not isinstance(entry, dict) or not entry.get("client_id"):
            return None
        secret = self._credentials.get(_app_secret_key(server))
        if not secret:
            return None
        return AppRegistration(
            server=server,
            client_id=str(entry["client_id"]),
            client_secret=secret,
            scopes=str(entry.get("scopes") or SCOPES_FALLBACK),
            redirect_uris=tuple(entry.get("redirect_uris") or (OOB_REDIRECT_URI,)),
        )

    def put(self, app: AppRegistration) -> None:
        # The secret first: a client id without its secret is ignored by get().
        self._credentials.set(_app_secret_key(app.server), app.client_secret)
        with self._lock:
            data = self._read()
            data[app.server] = {
                "client_id": app.client_id,
                "scopes": app.scopes,
                "redirect_uris": list(app.redirect_uris),
            }
            self._write(data)

    def forget(self, server: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(server, None) is not None:
                self._write(data)
        self._credentials.delete(_app_secret_key(server))


# --------------------------------------------------------------------------- secrets


def store_token(credentials: Credentials, account: Account, token: str) -> str:
    """Put the account's access token in the keyring (its only home); return the key."""
    key = token_key(account)
    credentials.set(key, token)
    return key


def forget_account(credentials: Credentials, account: Account,
                   remove_row: Callable[[int], object]) -> None:
    """Remove an account: its secret first (a row without a secret only needs a reconnect; a
    secret without a row would linger in the keyring forever), then its row via
    ``remove_row(account.id)`` (e.g. ``storage.accounts.remove_account``)."""
    credentials.delete(token_key(account))
    if account.id is not None:
        remove_row(account.id)
