"""Act as Bluesky users against the test network (conftest.py's ``bsky_network``): plain httpx
against the real PDS, no SDK. Every call is XRPC over loopback; errors keep the server's shape.

    alice = create_account(net, "alice")             # handle alice.test (alice2.test if taken)
    uri, cid = post(net, alice, "Hé 🎉 @brand.test", mentions=[brand])
    wait_until(net, lambda: notifications(net, brand, "mention"))
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
_http = httpx.Client(timeout=30)
_names: set[str] = set()
_names_lock = threading.Lock()


class XrpcError(Exception):
    """A non-2xx XRPC answer: ``status``, ``error`` (e.g. "ExpiredToken"), ``message``."""

    def __init__(self, response: httpx.Response) -> None:
        try:
            body = response.json()
        except ValueError:
            body = {}
        self.response = response
        self.status = response.status_code
        self.error = body.get("error", "")
        self.message = body.get("message", response.text[:200])
        super().__init__(f"{self.status} {self.error}: {self.message}")


@dataclass
class Account:
    did: str
    handle: str
    password: str
    access_jwt: str
    refresh_jwt: str

    @property
    def mention(self) -> str:
        return f"@{self.handle}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _token(who: Account | str) -> str:
    return who.access_jwt if isinstance(who, Account) else who


def xrpc(net: Any, who: Account | str | None, nsid: str, *, params: Any = None,
         json_body: Any = None, proxy: str | None = None, base: str | None = None,
         post: bool | None = None, check: bool = True) -> httpx.Response:
    """One XRPC call on the PDS (or ``base``) as ``who`` (an Account or a bare token); POST when
    ``json_body`` is given or ``post`` is true (a procedure without input must get NO body: the
    PDS refuses even ``{}``). ``proxy`` sets ``atproto-proxy``. Raises XrpcError unless 2xx
    (with ``check=False`` the response is returned as it is)."""
    headers = {}
    if who is not None:
        headers["Authorization"] = f"Bearer {_token(who)}"
    if proxy:
        headers["atproto-proxy"] = proxy
    url = f"{base or net.pds}/xrpc/{nsid}"
    if post or (post is None and json_body is not None):
        r = _http.post(url, params=params, json=json_body, headers=headers)
    else:
        r = _http.get(url, params=params, headers=headers)
    if check and not r.is_success:
        raise XrpcError(r)
    return r


def _unique_name(name: str) -> str:
    with _names_lock:
        candidate, n = name, 1
        while candidate in _names:
            n += 1
            candidate = f"{name}{n}"
        _names.add(candidate)
        return candidate


def create_account(net: Any, name: str) -> Account:
    """A new account ``<name>.test`` (a number is added when the name was used this session;
    3-18 letters/digits: the PDS's rule for its own handle domain)."""
    handle = f"{_unique_name(name.lower())}.test"
    password = secrets.token_urlsafe(12)
    r = xrpc(net, None, "com.atproto.server.createAccount", json_body={
        "handle": handle, "email": f"{handle}@example.com", "password": password})
    body = r.json()
    return Account(body["did"], body["handle"], password, body["accessJwt"], body["refreshJwt"])


def login(net: Any, identifier: str, password: str) -> dict[str, Any]:
    """``com.atproto.server.createSession``: accessJwt, refreshJwt, did, handle, ..."""
    return xrpc(net, None, "com.atproto.server.createSession",
                json_body={"identifier": identifier, "password": password}).json()


def refresh_session(net: Any, refresh_jwt: str) -> dict[str, Any]:
    """``com.atproto.server.refreshSession`` (POST, no body): a new accessJwt/refreshJwt."""
    return xrpc(net, refresh_jwt, "com.atproto.server.refreshSession", post=True).json()


def create_app_password(net: Any, account: Account, privileged: bool = False) -> str:
    """An app password; only a ``privileged`` one may use DMs."""
    r = xrpc(net, account, "com.atproto.server.createAppPassword", json_body={
        "name": f"relais-{secrets.token_hex(4)}", "privileged": privileged})
    return r.json()["password"]


def mention_facets(text: str, accounts: Iterable[Account]) -> list[dict[str, Any]]:
    """Mention facets for each ``@handle`` in ``text``, at UTF-8 BYTE offsets."""
    data = text.encode("utf-8")
    facets = []
    for acc in accounts:
        needle = acc.mention.encode("utf-8")
        start = data.find(needle)
        if start < 0:
            raise ValueError(f"{acc.mention} is not in the text {text!r}")
        facets.append({
            "$type": "app.bsky.richtext.facet",
            "index": {"byteStart": start, "byteEnd": start + len(needle)},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": acc.did}],
        })
    return facets


def _record(net: Any, uri: str) -> dict[str, Any]:
    repo, collection, rkey = uri.removeprefix("at://").split("/")
    return xrpc(net, None, "com.atproto.repo.getRecord",
                params={"repo": repo, "collection": collection, "rkey": rkey}).json()["value"]


def create_record(net: Any, account: Account, collection: str,
                  record: dict[str, Any], rkey: str | None = None) -> tuple[str, str]:
    body = {"repo": account.did, "collection": collection, "record": record}
    if rkey:
        body["rkey"] = rkey
    r = xrpc(net, account, "com.atproto.repo.createRecord", json_body=body).json()
    return r["uri"], r["cid"]


def post(net: Any, account: Account, text: str, *, mentions: Sequence[Account] = (),
         reply_to: tuple[str, str] | None = None,
         quote: tuple[str, str] | None = None) -> tuple[str, str]:
    """An ``app.bsky.feed.post``; its (uri, cid). ``reply_to`` is the parent's (uri, cid): the
    thread root is read from the parent. ``quote`` embeds a post (app.bsky.embed.record).

    A reply or quote first waits until the AppView has indexed its target, as a person only
    replies to a post they have seen: the AppView notifies the parent's and root's authors
    only if it already knows the parent when it indexes the reply (else: no notification)."""
    targets = [t[0] for t in (reply_to, quote) if t]
    if targets:
        wait_indexed(net, account, *targets)
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text,
                              "createdAt": now_iso()}
    if mentions:
        record["facets"] = mention_facets(text, mentions)
    if reply_to:
        parent = {"uri": reply_to[0], "cid": reply_to[1]}
        root = _record(net, reply_to[0]).get("reply", {}).get("root", parent)
        record["reply"] = {"root": root, "parent": parent}
    if quote:
        record["embed"] = {"$type": "app.bsky.embed.record",
                           "record": {"uri": quote[0], "cid": quote[1]}}
    return create_record(net, account, "app.bsky.feed.post", record)


def wait_indexed(net: Any, who: Account, *uris: str) -> None:
    """Wait until the AppView serves all these posts (``app.bsky.feed.getPosts``)."""
    wait_until(net, lambda: len(xrpc(net, who, "app.bsky.feed.getPosts",
                                     params={"uris": list(uris)}).json()["posts"]) == len(uris))


def follow(net: Any, a: Account, b: Account) -> str:
    """``a`` follows ``b``; the follow record's uri."""
    return create_record(net, a, "app.bsky.graph.follow", {
        "$type": "app.bsky.graph.follow", "subject": b.did, "createdAt": now_iso()})[0]


def notifications(net: Any, account: Account, *reasons: str,
                  token: str | None = None) -> list[dict[str, Any]]:
    """The account's ``app.bsky.notification.listNotifications`` (through the PDS), filtered on
    ``reasons`` when given."""
    r = xrpc(net, token or account, "app.bsky.notification.listNotifications",
             params={"limit": 100})
    items = r.json()["notifications"]
    return [n for n in items if not reasons or n["reason"] in reasons]


def chat(net: Any, who: Account | str, nsid: str, *, params: Any = None,
         json_body: Any = None, check: bool = True) -> httpx.Response:
    """A ``chat.bsky.*`` call through the PDS's proxy to our chat server."""
    return xrpc(net, who, nsid, params=params, json_body=json_body,
                proxy=net.chat_proxy, check=check)


def send_dm(net: Any, from_acc: Account | str, to_acc: Account, text: str) -> dict[str, Any]:
    """A DM through the PDS (getConvoForMembers, then sendMessage); the messageView.
    ``from_acc`` may be a bare access token (e.g. from an app password's session)."""
    convo = chat(net, from_acc, "chat.bsky.convo.getConvoForMembers",
                 params={"members": [to_acc.did]}).json()["convo"]
    return chat(net, from_acc, "chat.bsky.convo.sendMessage", json_body={
        "convoId": convo["id"], "message": {"text": text}}).json()


def wait_until(net: Any, fn: Callable[[], T], rounds: int = 3) -> T:
    """``fn``'s value once the AppView has indexed everything the PDS has sequenced (dev-env's
    processAll, asked of the network process: a signal, not a clock); AssertionError with the
    last value or exception if it is still not truthy after ``rounds`` such waits."""
    last: Any = None
    for _ in range(rounds):
        net.process_all()
        try:
            last = fn()
            if last:
                return last
        except (httpx.HTTPError, XrpcError, LookupError) as exc:
            last = exc
    raise AssertionError(f"not true once the network was idle; last: {last!r}")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64url_json(part: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def mint_access_token(net: Any, account: Account, *, iat: int, exp: int) -> str:
    """An access token signed like the PDS signs them (HS256 with its JWT secret; header
    ``typ: at+jwt``; claims scope, sub, aud, iat, exp copied from the account's token)."""
    head_b64, body_b64, _ = account.access_jwt.split(".")
    header, claims = _b64url_json(head_b64), _b64url_json(body_b64)
    claims.update(iat=iat, exp=exp)
    signing_input = f"{_b64url(json.dumps(header).encode())}." \
                    f"{_b64url(json.dumps(claims).encode())}"
    sig = hmac.new(net.jwt_secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(sig)}"


def mint_expired_access_token(net: Any, account: Account) -> str:
    """A correctly signed access token for ``account`` that expired a minute ago: the PDS
    answers ``ExpiredToken``."""
    now = int(time.time())
    return mint_access_token(net, account, iat=now - 7200, exp=now - 60)
