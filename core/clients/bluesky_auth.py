"""Adding a Bluesky account (handle or DID + app password) and keeping its session alive.

Sign-in (:func:`sign_in`): the handle → DID with ``com.atproto.identity.resolveHandle`` on a
service (``https://bsky.social`` by default; any PDS answers it), the DID → its document
(``did:plc`` from the PLC directory, ``did:web`` from ``/.well-known/did.json``), the user's own
PDS = the document's ``#atproto_pds`` service, then ``com.atproto.server.createSession`` there.
The access JWT's ``scope`` says what was given: ``com.atproto.appPass`` (an app password without
DM access), ``com.atproto.appPassPrivileged`` (with DM access) or ``com.atproto.access`` (the
MAIN password: the UI warns and suggests an app password).

The secret (:class:`SignIn.secret`, a JSON string for the keyring and nowhere else) holds the
refresh token, the last access token and the app password, so that a revoked or expired refresh
token silently re-creates a session. :class:`BlueskySession` refreshes the access token on
``ExpiredToken`` (HTTP 400), retries the call once, falls back to ``createSession`` with the
stored password, and raises ``AuthExpired`` only when that is refused too. Every rotation of the
tokens is handed to ``on_secret`` (the caller stores it in the keyring). Nothing here logs a
token or a password.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import httpx

from ..errors import AuthExpired, DmAccessMissing, RelaisError, RequestRefused  # noqa: F401 (re-exported)
from ..model import Account, Network
from .bluesky_parse import jwt_claims
from .http import HttpClient, error_message, error_name
from .registry import BLUESKY_CHAT_PROXY

log = logging.getLogger(__name__)

DEFAULT_SERVICE = "https://bsky.social"
DEFAULT_PLC = "https://plc.directory"
DEFAULT_CHAT_PROXY = BLUESKY_CHAT_PROXY

SCOPE_MAIN = "com.atproto.access"
SCOPE_APP = "com.atproto.appPass"
SCOPE_APP_PRIVILEGED = "com.atproto.appPassPrivileged"


# --- errors (the UI translates each) ------------------------------------------------------
class BlueskyAuthError(RelaisError):
    """Signing in to Bluesky failed; ``detail`` is never a secret."""

    def __init__(self, identifier: str, detail: str = "") -> None:
        super().__init__(f"bluesky sign-in for {identifier}" + (f": {detail}" if detail else ""))
        self.identifier = identifier
        self.detail = detail


class HandleNotFound(BlueskyAuthError):
    """No DID for that handle (a typo, or a handle that is not on the AT Protocol)."""


class IdentityUnresolved(BlueskyAuthError):
    """The DID document could not be read, or names no PDS."""


class BadCredentials(BlueskyAuthError):
    """The PDS refused the identifier or the (app) password."""


class TwoFactorRequired(BlueskyAuthError):
    """A main password with e-mail 2FA: the PDS wants a code. An app password never does."""


# --- the secret ---------------------------------------------------------------------------
def make_secret(*, did: str, pds: str, app_password: str, refresh: str, access: str = "") -> str:
    return json.dumps({"v": 1, "did": did, "pds": pds, "app_password": app_password,
                       "refresh": refresh, "access": access}, separators=(",", ":"))


def read_secret(secret: str) -> dict[str, str]:
    try:
        data = json.loads(secret)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict) or not data.get("did"):
        raise ValueError("not a Relais Bluesky secret")
    return {k: str(v or "") for k, v in data.items()}


def scope_of(access_jwt: str) -> str:
    return str(jwt_claims(access_jwt).get("scope") or "")


def has_dm_access(scope: str) -> bool:
    return scope in (SCOPE_MAIN, SCOPE_APP_PRIVILEGED)


@dataclass(frozen=True, slots=True)
class SignIn:
    account: Account
    secret: str = field(repr=False)  # JSON for the keyring (tokens + app password)
    main_password: bool  # the main password was given: warn, suggest an app password
    dm_access: bool  # the session may read and send DMs
    scope: str = ""


# --- identity -----------------------------------------------------------------------------
def normalize_identifier(text: str) -> str:
    """``@Alice.bsky.social `` → ``alice.bsky.social``; a DID is kept as is."""
    text = (text or "").strip()
    if text.startswith("did:"):
        return text
    return text.lstrip("@").strip().lower()


def _did_web_url(did: str) -> str:
    host_path = did[len("did:web:"):].split(":")
    host = unquote(host_path[0])
    scheme = "http" if host.split(":")[0] in ("localhost", "127.0.0.1") else "https"
    path = "/".join(quote(p) for p in host_path[1:])
    return f"{scheme}://{host}/{path}/did.json" if path else f"{scheme}://{host}/.well-known/did.json"


def pds_of(doc: dict[str, Any]) -> str | None:
    """The ``#atproto_pds`` service endpoint of a DID document."""
    for svc in doc.get("service") or ():
        ident = str(svc.get("id") or "")
        if (ident == "#atproto_pds" or ident.endswith("#atproto_pds")) and svc.get("serviceEndpoint"):
            return str(svc["serviceEndpoint"]).rstrip("/")
    return None


def handle_of(doc: dict[str, Any]) -> str:
    for aka in doc.get("alsoKnownAs") or ():
        if str(aka).startswith("at://"):
            return str(aka)[5:]
    return ""


def _client(base: str, transport: httpx.AsyncBaseTransport | None, **kw: Any) -> HttpClient:
    return HttpClient("bluesky", base, transport=transport, max_attempts=kw.pop("max_attempts", 3),
                      **kw)


async def resolve_identity(
    identifier: str, *, service: str = DEFAULT_SERVICE, plc: str = DEFAULT_PLC,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[str, str, str, dict[str, Any]]:
    """Handle or DID → (DID, handle, PDS URL, DID document)."""
    ident = normalize_identifier(identifier)
    did = ident
    if not ident.startswith("did:"):
        if not re.match(r"^[a-z0-9][a-z0-9.-]*\.[a-z0-9-]+$", ident):
            raise HandleNotFound(ident, "not a handle")
        http = _client(service, transport)
        try:
            data = await http.get("/xrpc/com.atproto.identity.resolveHandle", {"handle": ident})
        except RequestRefused as exc:  # 400 "Unable to resolve handle", or 404
            raise HandleNotFound(ident, error_message(exc) or exc.detail) from exc
        finally:
            await http.aclose()
        did = str((data or {}).get("did") or "")
        if not did.startswith("did:"):
            raise HandleNotFound(ident, "no DID")
    if did.startswith("did:plc:"):
        base, path = plc, f"/{did}"
    elif did.startswith("did:web:"):
        url = _did_web_url(did)
        base, path = url[: url.index("/", 8)], url[url.index("/", 8):]
    else:
        raise IdentityUnresolved(ident, f"unsupported DID method {did.split(':')[1:2]}")
    http = _client(base, transport)
    try:
        doc = await http.get(path)
    except RequestRefused as exc:
        raise IdentityUnresolved(ident, f"DID document: {exc.detail or exc.status}") from exc
    finally:
        await http.aclose()
    pds = pds_of(doc or {}) if isinstance(doc, dict) else None
    if not pds:
        raise IdentityUnresolved(ident, "the DID document names no PDS")
    handle = ident if not ident.startswith("did:") else handle_of(doc)
    return did, handle, pds, doc


async def create_session(http: HttpClient, identifier: str, password: str) -> dict[str, Any]:
    """``createSession``; a refusal → BadCredentials / TwoFactorRequired (never the password)."""
    try:
        return (await http.request("POST", "/xrpc/com.atproto.server.createSession",
                                   json_body={"identifier": identifier, "password": password}
                                   )).data
    except (AuthExpired, RequestRefused) as exc:
        name = error_name(exc)
        if name == "AuthFactorTokenRequired":
            raise TwoFactorRequired(identifier, "a sign-in code was sent by e-mail") from None
        raise BadCredentials(identifier, error_message(exc) or name) from None


async def sign_in(
    identifier: str, password: str, *, service: str = DEFAULT_SERVICE, plc: str = DEFAULT_PLC,
    transport: httpx.AsyncBaseTransport | None = None,
) -> SignIn:
    """Resolve, create a session, read the scope and the profile: the account to add."""
    did, handle, pds, _doc = await resolve_identity(identifier, service=service, plc=plc,
                                                    transport=transport)
    http = _client(pds, transport)
    try:
        session = await create_session(http, did, password)
        if str(session.get("did")) != did:
            raise IdentityUnresolved(identifier, "the PDS answered for another account")
        access, refresh = str(session["accessJwt"]), str(session["refreshJwt"])
        handle = str(session.get("handle") or handle)
        display = ""
        http.set_token(access)
        try:
            prof = await http.get("/xrpc/app.bsky.actor.getProfile", {"actor": did})
            display = str((prof or {}).get("displayName") or "")
        except RelaisError:  # the AppView may not know a brand-new account yet: not fatal
            log.info("bluesky: no profile yet for the new account")
    finally:
        await http.aclose()
    scope = scope_of(access)
    account = Account(Network.BLUESKY, pds, handle, display, did)
    secret = make_secret(did=did, pds=pds, app_password=password, refresh=refresh, access=access)
    return SignIn(account, secret, main_password=scope == SCOPE_MAIN,
                  dm_access=has_dm_access(scope), scope=scope)


def sign_in_blocking(identifier: str, password: str, **kw: Any) -> SignIn:
    """:func:`sign_in` for a worker thread with no event loop (the dialog, the CLI)."""
    return asyncio.run(sign_in(identifier, password, **kw))


# --- the live session ---------------------------------------------------------------------
def _expired(exc: BaseException) -> bool:
    """An access token to renew: ``ExpiredToken`` (400 on the PDS), or a token the PDS can no
    longer verify. Never "Bad token scope/method": that is what the token may do, not its age."""
    name = error_name(exc)
    if name == "ExpiredToken":
        return True
    if name == "InvalidToken":
        return "bad token" not in error_message(exc).lower()
    return isinstance(exc, AuthExpired) and name in ("", "AuthMissing", "AuthRequired")


class BlueskySession:
    """XRPC calls on the user's PDS with a session that renews itself."""

    def __init__(
        self, pds: str, secret: str, *, handle: str = "",
        on_secret: Callable[[str], None] | None = None, http: HttpClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._s = read_secret(secret)
        self.did = self._s["did"]
        self.handle = handle
        self.on_secret = on_secret
        self._transport = transport if http is None else http._transport
        self.http = http or HttpClient("bluesky", pds, token=self._s.get("access") or None,
                                       handle=handle, transport=transport)
        if http is not None and self._s.get("access"):
            http.set_token(self._s["access"])
        self._lock = asyncio.Lock()
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self.refreshes = 0  # for tests and diagnostics

    @property
    def secret(self) -> str:
        return make_secret(did=self.did, pds=self.http.base_url,
                           app_password=self._s.get("app_password", ""),
                           refresh=self._s.get("refresh", ""), access=self._s.get("access", ""))

    @property
    def scope(self) -> str:
        return scope_of(self._s.get("access", ""))

    @property
    def dm_access(self) -> bool | None:
        """Whether DMs are allowed; None before the first token is known."""
        return has_dm_access(self.scope) if self._s.get("access") else None

    async def call(self, method: str, nsid: str, *, params: Any = None, body: Any = None,
                   headers: dict[str, str] | None = None, expect_json: bool = True) -> Any:
        """One XRPC call; ``expect_json=False`` for procedures without output (empty body)."""
        if not self._s.get("access"):
            await self.renew(None)
        token = self._s.get("access")
        try:
            return await self._send(method, nsid, params, body, headers, expect_json)
        except (AuthExpired, RequestRefused) as exc:
            if not _expired(exc):
                raise
        await self.renew(token)
        return await self._send(method, nsid, params, body, headers, expect_json)

    async def _send(self, method: str, nsid: str, params: Any, body: Any,
                    headers: dict[str, str] | None, expect_json: bool) -> Any:
        return (await self.http.request(method, f"/xrpc/{nsid}", params=params, json_body=body,
                                        headers=headers, expect_json=expect_json)).data

    def _get_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self._lock_loop is not loop:
            self._lock, self._lock_loop = asyncio.Lock(), loop
        return self._lock

    async def renew(self, stale: str | None) -> None:
        """A new access token (unless another call renewed ``stale`` meanwhile)."""
        async with self._get_lock():
            if stale is not None and self._s.get("access") != stale:
                return
            session = None
            if self._s.get("refresh"):
                try:
                    session = (await self.http.request(
                        "POST", "/xrpc/com.atproto.server.refreshSession",
                        headers={"Authorization": f"Bearer {self._s['refresh']}"})).data
                except (AuthExpired, RequestRefused) as exc:
                    log.info("bluesky: refresh refused (%s), signing in again", error_name(exc))
            if session is None:
                if not self._s.get("app_password"):
                    raise AuthExpired("bluesky", self.handle)
                fresh = _client(self.http.base_url, self._transport)  # no stale bearer token
                try:
                    session = await create_session(fresh, self.did, self._s["app_password"])
                except BlueskyAuthError:
                    raise AuthExpired("bluesky", self.handle) from None
                finally:
                    await fresh.aclose()
            self._s["access"] = str(session["accessJwt"])
            self._s["refresh"] = str(session["refreshJwt"])
            self.http.set_token(self._s["access"])
            self.refreshes += 1
            if self.on_secret is not None:
                try:
                    self.on_secret(self.secret)
                except Exception:  # noqa: BLE001 - the keyring failed: the app password signs in later
                    log.warning("bluesky: could not store the renewed session", exc_info=False)

    async def aclose(self) -> None:
        await self.http.aclose()
