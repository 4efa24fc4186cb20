"""Adding a Mastodon account: app registration, OAuth (authorization code + PKCE), tokens.

Pure Python (no Qt): the GUI dialog and ``relais account add mastodon`` run it on a worker
thread; every call here may block on the network (each request has a timeout) and on the
keyring.

The flows (docs.joinmastodon.org/client/token, /methods/apps, /methods/oauth):

* **browser**: register the app once per server (cached: the client id in a small JSON
  file in the data folder, the client secret in the keyring), listen on
  ``http://127.0.0.1:PORT/callback`` (RFC 8252 loopback redirect; Mastodon's Doorkeeper
  ignores the port of a loopback redirect URI, so one registration serves every port), send
  the user's browser to ``/oauth/authorize`` with a PKCE S256 challenge and a random
  ``state``, catch ``code`` + ``state``, check the state, exchange the code at
  ``/oauth/token`` with the verifier;
* **paste the code**: the same with the out-of-band redirect ``urn:ietf:wg:oauth:2.0:oob``
  (the server shows the code, the user pastes it) when no browser can reach 127.0.0.1;
* **paste a token**: an access token made in the server's Preferences → Development.

Each ends with ``verify_credentials``, which fills an :class:`Account`. The access token is
handed back in a :class:`SignIn` (never in its repr) and stored with :func:`store_token`
in the keyring and nowhere else. Errors are typed (:class:`MastodonAuthError`) and their
messages never contain a token, a code or a secret.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from ..errors import RateLimited, RelaisError
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
    "LoopbackCatcher",
    "MastodonAuthError",
    "MastodonSignIn",
    "NotMastodon",
    "PendingCode",
    "ServerFailed",
    "ServerUnreachable",
    "SignIn",
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
CLIENT_NAME = "Relais"
APP_CACHE_FILE = "mastodon_apps.json"
DEFAULT_TIMEOUT_S = 15.0
DEFAULT_BROWSER_WAIT_S = 300.0


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


@dataclass(frozen=True, slots=True)
class SignIn:
    """A verified account and its access token (kept out of ``repr``: never log it)."""

    account: Account
    token: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class PendingCode:
    """A paste-the-code sign-in in progress: send the user to ``url``, then call
    :meth:`MastodonSignIn.finish_with_code` with what the server showed."""

    url: str
    app: AppRegistration = field(repr=False)
    state: str = field(repr=False)
    verifier: str = field(repr=False)


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


# --------------------------------------------------------------------------- loopback


@dataclass(frozen=True, slots=True)
class Callback:
    """What the browser brought back to the loopback redirect."""

    code: str = field(default="", repr=False)
    state: str = field(default="", repr=False)
    error: str = ""


_DONE_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Relais</title></head>"
    "<body style='font-family:sans-serif;margin:3em'><h1>Relais</h1><p>{text}</p></body></html>"
)


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CatcherServer
    timeout = 10.0  # per connection: a browser's idle pre-connection gives up, never hangs

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        if parts.path != CALLBACK_PATH:
            self._answer(404, "Not found.")
            return
        query = parse_qs(parts.query)
        first = {k: v[0] for k, v in query.items() if v}
        result = Callback(code=first.get("code", ""), state=first.get("state", ""),
                          error=first.get("error", ""))
        if not result.code and not result.error:
            self._answer(400, "This address is for Relais to receive your authorisation.")
            return
        if result.error:
            text = "The authorisation was refused. You can close this tab."
        else:
            text = "Relais received the authorisation. You can close this tab and go back to Relais."
        self._answer(200, text)
        self.server.catcher._deliver(result)

    def _answer(self, status: int, text: str) -> None:
        body = _DONE_PAGE.format(text=html.escape(text)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # The default writes the request line (with the code in it) to stderr: never.
        pass


class _CatcherServer(ThreadingHTTPServer):
    """One thread per connection (browsers open speculative connections that stay idle)."""

    catcher: LoopbackCatcher
    daemon_threads = True


class LoopbackCatcher:
    """A tiny HTTP server on ``127.0.0.1`` (a free port) that catches the OAuth redirect.

    Use as a context manager; ``redirect_uri`` is ``http://127.0.0.1:PORT/callback``.
    :meth:`wait` returns the first callback, or raises on timeout or :meth:`cancel`.
    """

    def __init__(self, server: str = "") -> None:
        self._for = server  # only for error messages
        self._httpd: _CatcherServer | None = None
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._result: Callback | None = None
        self._cancelled = False

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the catcher is not listening")
        return int(self._httpd.server_address[1])

    @property
    def redirect_uri(self) -> str:
        return f"http://{LOOPBACK_HOST}:{self.port}{CALLBACK_PATH}"

    def start(self) -> LoopbackCatcher:
        if self._httpd is None:
            httpd = _CatcherServer((LOOPBACK_HOST, 0), _CallbackHandler)
            httpd.catcher = self
            self._httpd = httpd
            self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                            name="relais-oauth-callback", daemon=True)
            self._thread.start()
        return self

    def close(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            self._thread = None

    def __enter__(self) -> LoopbackCatcher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _deliver(self, result: Callback) -> None:
        if not self._done.is_set():
            self._result = result
            self._done.set()

    def cancel(self) -> None:
        """Make :meth:`wait` raise :class:`AuthorizationCancelled` now (any thread)."""
        self._cancelled = True
        self._done.set()

    def wait(self, timeout_s: float) -> Callback:
        if not self._done.wait(timeout_s):
            raise AuthorizationTimeout(self._for, timeout_s)
        if self._result is None or self._cancelled:
            raise AuthorizationCancelled(self._for, "cancelled")
        return self._result


# --------------------------------------------------------------------------- the sign-in


def _json(resp: httpx.Response) -> Any:
    try:
        return resp.json()
    except ValueError:
        return None


def _error_text(body: Any) -> str:
    """The short error code a Mastodon error body carries (``invalid_grant``, …), if any."""
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, str):
            return err[:200]
    return ""


class MastodonSignIn:
    """Adds one account on ``server``. Blocking: run it off the GUI thread.

    ``credentials`` holds the cached app's client secret (and, through
    :func:`store_token`, the account's token); ``data_dir`` holds ``mastodon_apps.json``.
    ``cancel()`` may be called from any thread: a browser wait stops at once, a request in
    flight ends within its timeout, and the sign-in then raises
    :class:`AuthorizationCancelled`.
    """

    def __init__(
        self,
        server: str,
        credentials: Credentials,
        data_dir: Path,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client_name: str = CLIENT_NAME,
        website: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.server = normalize_server(server)
        self.credentials = credentials
        self.apps = AppCache(data_dir, credentials)
        self.client_name = client_name
        self.website = website
        self._timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0))
        self._transport = transport
        self._cancelled = threading.Event()
        self._catcher: LoopbackCatcher | None = None
        self._lock = threading.Lock()

    # -- cancellation

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()
        with self._lock:
            catcher = self._catcher
        if catcher is not None:
            catcher.cancel()

    def _check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise AuthorizationCancelled(self.server, "cancelled")

    # -- HTTP

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.server, timeout=self._timeout, transport=self._transport,
                            headers={"User-Agent": f"{CLIENT_NAME} (account setup)"},
                            follow_redirects=False)

    def _send(self, method: str, path: str, *, token: str | None = None,
              data: dict[str, str] | None = None) -> httpx.Response:
        self._check_cancelled()
        headers = {"Authorization": f"Bearer {token}"} if token else None
        try:
            with self._client() as client:
                resp = client.request(method, path, data=data, headers=headers)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(self.server, f"timeout ({type(exc).__name__})") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise InvalidServer(self.server, type(exc).__name__) from None
        except httpx.TransportError as exc:
            raise ServerUnreachable(self.server, type(exc).__name__) from None
        self._check_cancelled()
        if resp.status_code == 429:
            raise RateLimited(NETWORK, _retry_after(resp))
        if resp.status_code >= 500:
            raise ServerFailed(self.server, resp.status_code)
        return resp

    # -- the app

    def register_app(self) -> AppRegistration:
        """The cached registration for this server, or a new one (granular scopes first)."""
        cached = self.apps.get(self.server)
        if cached is not None:
            log.debug("using the cached app registration on %s", self.server)
            return cached
        app = self._register(SCOPES)
        if app is None:  # granular scopes refused: an older or stricter server
            log.info("%s refused granular scopes; registering with %r", self.server, SCOPES_FALLBACK)
            app = self._register(SCOPES_FALLBACK)
        if app is None:
            raise ServerFailed(self.server, 422, "app registration refused")
        self.apps.put(app)
        log.info("registered Relais on %s (scopes: %s)", self.server, app.scopes)
        return app

    def _register(self, scopes: str) -> AppRegistration | None:
        uris = (LOOPBACK_REDIRECT_URI, OOB_REDIRECT_URI)
        form = {"client_name": self.client_name, "redirect_uris": "\n".join(uris), "scopes": scopes}
        if self.website:
            form["website"] = self.website
        resp = self._send("POST", "/api/v1/apps", data=form)
        body = _json(resp)
        if resp.status_code in (400, 422):
            if body is None:
                raise NotMastodon(self.server, f"HTTP {resp.status_code} without JSON on /api/v1/apps")
            return None
        if resp.status_code != 200 or not isinstance(body, dict):
            raise NotMastodon(self.server, f"HTTP {resp.status_code} on /api/v1/apps")
        client_id, client_secret = body.get("client_id"), body.get("client_secret")
        if not isinstance(client_id, str) or not isinstance(client_secret, str) or not client_id:
            raise NotMastodon(self.server, "no client credentials in the app registration")
        granted = body.get("scopes")
        if isinstance(granted, list) and granted:  # Mastodon >= 4.3 says what it kept
            scopes = " ".join(str(s) for s in granted)
        return AppRegistration(self.server, client_id, client_secret, scopes, uris)

    def authorize_url(self, app: AppRegistration, redirect_uri: str, state: str,
                      challenge: str) -> str:
        params = {
            "response_type": "code",
            "client_id": app.client_id,
            "redirect_uri": redirect_uri,
            "scope": app.scopes,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        return f"{self.server}/oauth/authorize?{urlencode(params)}"

    # -- the flows

    def sign_in_with_browser(self, open_url: Callable[[str], object], *,
                             timeout_s: float = DEFAULT_BROWSER_WAIT_S) -> SignIn:
        """Register (or reuse) the app, open the authorisation page with ``open_url`` (the
        caller's: ``webbrowser.open``, ``QDesktopServices.openUrl``), catch the redirect on
        the loopback, check the state, exchange the code, verify the account."""
        app = self.register_app()
        verifier, challenge = make_pkce()
        state = secrets.token_urlsafe(24)
        with LoopbackCatcher(self.server) as catcher:
            with self._lock:
                self._catcher = catcher
            try:
                if self._cancelled.is_set():
                    catcher.cancel()
                else:
                    open_url(self.authorize_url(app, catcher.redirect_uri, state, challenge))
                result = catcher.wait(timeout_s)
            finally:
                with self._lock:
                    self._catcher = None
            redirect_uri = catcher.redirect_uri
        self._check_cancelled()
        code = self._accept(result, state)
        token = self.exchange_code(app, code, redirect_uri, verifier)
        return SignIn(self.verify_credentials(token), token)

    def begin_with_code(self) -> PendingCode:
        """The paste-the-code variant: the page at ``url`` shows a code for the user to copy."""
        app = self.register_app()
        verifier, challenge = make_pkce()
        state = secrets.token_urlsafe(24)
        return PendingCode(self.authorize_url(app, OOB_REDIRECT_URI, state, challenge),
                           app, state, verifier)

    def finish_with_code(self, pending: PendingCode, code: str) -> SignIn:
        code = (code or "").strip()
        if not code:
            raise AuthorizationDenied(self.server, "no code")
        token = self.exchange_code(pending.app, code, OOB_REDIRECT_URI, pending.verifier)
        return SignIn(self.verify_credentials(token), token)

    def sign_in_with_token(self, token: str) -> SignIn:
        """An access token made by hand (Preferences → Development): verified, not stored."""
        token = (token or "").strip()
        if not token:
            raise BadToken(self.server, "empty token")
        return SignIn(self.verify_credentials(token), token)

    def _accept(self, result: Callback, state: str) -> str:
        if result.error:
            raise AuthorizationDenied(self.server, result.error[:100])
        if not secrets.compare_digest(result.state.encode(), state.encode()):
            raise StateMismatch(self.server, "the state in the redirect is not ours")
        if not result.code:
            raise AuthorizationDenied(self.server, "no code in the redirect")
        return result.code

    def exchange_code(self, app: AppRegistration, code: str, redirect_uri: str,
                      verifier: str) -> str:
        resp = self._send("POST", "/oauth/token", data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            "scope": app.scopes,
        })
        body = _json(resp)
        if resp.status_code in (400, 401, 403):
            error = _error_text(body)
            if error == "invalid_client":  # the app was deleted on the server: register again
                self.apps.forget(self.server)
            raise AuthorizationDenied(self.server, error or f"HTTP {resp.status_code} on /oauth/token")
        if resp.status_code != 200 or not isinstance(body, dict):
            raise NotMastodon(self.server, f"HTTP {resp.status_code} on /oauth/token")
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise NotMastodon(self.server, "no access token in the answer")
        return token

    def verify_credentials(self, token: str) -> Account:
        """``GET /api/v1/accounts/verify_credentials``: the account the token belongs to."""
        resp = self._send("GET", "/api/v1/accounts/verify_credentials", token=token)
        if resp.status_code in (401, 403):
            raise BadToken(self.server, f"HTTP {resp.status_code} on verify_credentials")
        body = _json(resp)
        if resp.status_code != 200 or not isinstance(body, dict):
            raise NotMastodon(self.server, f"HTTP {resp.status_code} on verify_credentials")
        ext_id, acct = body.get("id"), body.get("acct") or body.get("username")
        if not ext_id or not isinstance(acct, str) or not acct:
            raise NotMastodon(self.server, "verify_credentials did not describe an account")
        log.info("signed in as %s on %s", acct, self.server)
        return Account(network=Network.MASTODON, server=self.server, handle=acct,
                       display_name=str(body.get("display_name") or ""), external_id=str(ext_id))


def _retry_after(resp: httpx.Response) -> float:
    with contextlib.suppress(TypeError, ValueError):
        return max(0.0, float(resp.headers.get("Retry-After", "")))
    return 60.0


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
