"""Adding a Mastodon account: :class:`MastodonSignIn` registers the app, runs the OAuth flows
(authorization code + PKCE), exchanges the code and verifies the account.

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
handed back in a :class:`SignIn` (never in its repr) and stored with
:func:`~relais.core.clients.mastodon_auth.store_token` in the keyring and nowhere else. Errors
are typed (:class:`~relais.core.clients.mastodon_auth.MastodonAuthError`) and their messages
never contain a token, a code or a secret.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

from ..errors import RateLimited
from ..model import Account, Network
from .mastodon_auth import (
    LOOPBACK_REDIRECT_URI,
    NETWORK,
    OOB_REDIRECT_URI,
    SCOPES,
    SCOPES_FALLBACK,
    AppCache,
    AppRegistration,
    AuthorizationCancelled,
    AuthorizationDenied,
    BadToken,
    InvalidServer,
    NotMastodon,
    ServerFailed,
    ServerUnreachable,
    StateMismatch,
    make_pkce,
    normalize_server,
)
from .mastodon_loopback import Callback, LoopbackCatcher

if TYPE_CHECKING:
    from ..credentials import Credentials

__all__ = ["DEFAULT_BROWSER_WAIT_S", "MastodonSignIn", "PendingCode", "SignIn"]

log = logging.getLogger(__name__)

CLIENT_NAME = "Relais"
DEFAULT_TIMEOUT_S = 15.0
DEFAULT_BROWSER_WAIT_S = 300.0


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

