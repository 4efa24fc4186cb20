"""An in-process fake PDS (httpx.MockTransport) for the Bluesky channel's unit tests, and
the engine-like loops they drive it with."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from relais.core.channel import Page
from relais.core.clients.bluesky import BlueskyChannel
from relais.core.clients.bluesky_auth import SCOPE_APP, SCOPE_APP_PRIVILEGED, make_secret

BRAND = "did:plc:brand"
T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _jwt(scope: str, n: int) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
    return f"{enc({'alg': 'HS256'})}.{enc({'scope': scope, 'sub': BRAND, 'n': n})}.sig"


def _err(status: int, error: str, message: str = "") -> httpx.Response:
    return httpx.Response(status, json={"error": error, "message": message})


class FakePds:
    def __init__(self, scope: str = SCOPE_APP_PRIVILEGED) -> None:
        self.scope = scope
        self.notes: list[dict[str, Any]] = []  # newest first
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.valid_access = {_jwt(scope, 0)}
        self.refresh = "refresh-0"
        self.password = "app-pass"
        self.issued = 0
        self.records: dict[str, dict[str, Any]] = {}
        self.fail_next_list: int = 0

    def add(self, n: int, *, reason: str = "mention", parent: str | None = None,
            author: int | None = None) -> str:
        a = n if author is None else author
        uri = f"at://did:plc:c{a}/app.bsky.feed.post/{n:04d}"
        record: dict[str, Any] = {"text": f"hello {n}", "createdAt": (T0 + timedelta(minutes=n)).isoformat()}
        if parent:
            record["reply"] = {"root": {"uri": parent, "cid": "x"}, "parent": {"uri": parent, "cid": "x"}}
        self.notes.insert(0, {"uri": uri, "cid": f"cid{n}", "reason": reason, "record": record,
                              "author": {"did": f"did:plc:c{a}", "handle": f"c{a}.test"},
                              "indexedAt": (T0 + timedelta(minutes=n)).isoformat().replace("+00:00", "Z"),
                              "isRead": False})
        return uri

    def _session(self) -> dict[str, Any]:
        self.issued += 1
        access = _jwt(self.scope, self.issued)
        self.valid_access = {access}
        self.refresh = f"refresh-{self.issued}"
        return {"accessJwt": access, "refreshJwt": self.refresh, "did": BRAND, "handle": "brand.test"}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        nsid = request.url.path.removeprefix("/xrpc/")
        q = request.url.params
        self.calls.append((nsid, dict(q)))
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if nsid == "com.atproto.server.refreshSession":
            if token != self.refresh:
                return _err(400, "ExpiredToken", "Token has been revoked")
            return httpx.Response(200, json=self._session())
        if nsid == "com.atproto.server.createSession":
            body = json.loads(request.content)
            if body["password"] != self.password:
                return _err(401, "AuthenticationRequired", "Invalid identifier or password")
            return httpx.Response(200, json=self._session())
        if token not in self.valid_access:
            return _err(400, "ExpiredToken", "Token has expired")
        if nsid == "app.bsky.notification.listNotifications":
            if self.fail_next_list:
                self.fail_next_list -= 1
                return httpx.Response(503)
            # like the AppView: the cursor is the sort key of the page's last item
            before = q.get("cursor")
            limit = int(q.get("limit") or 50)
            wanted = q.get_list("reasons")
            rest = [n for n in self.notes if not before or n["indexedAt"] < before]
            page = rest[:limit]
            out: dict[str, Any] = {"notifications": [n for n in page
                                                     if not wanted or n["reason"] in wanted]}
            if len(rest) > limit:
                out["cursor"] = page[-1]["indexedAt"]
            return httpx.Response(200, json=out)
        if nsid == "app.bsky.actor.getProfiles":
            return httpx.Response(200, json={"profiles": [
                {"did": d, "handle": d.split(":")[-1] + ".test", "followersCount": 100 + i}
                for i, d in enumerate(q.get_list("actors"))]})
        if nsid == "app.bsky.feed.getPosts":  # like the AppView: a post gone is left out
            posts = []
            for uri in q.get_list("uris"):
                if "gone" in uri:
                    continue
                ours = uri.startswith(f"at://{BRAND}/")
                author = ({"did": BRAND, "handle": "brand.test"} if ours
                          else {"did": "did:plc:c1", "handle": "c1.test"})
                posts.append({"uri": uri, "cid": "pcid", "author": author,
                              "record": {"text": "our post" if ours else "help",
                                         "createdAt": T0.isoformat()},
                              "indexedAt": T0.isoformat()})
            return httpx.Response(200, json={"posts": posts})
        if nsid == "com.atproto.repo.createRecord":
            body = json.loads(request.content)
            if body["rkey"] in self.records:
                return _err(500, "InternalServerError", "Internal Server Error")
            self.records[body["rkey"]] = body["record"]
            return httpx.Response(200, json={"uri": f"at://{BRAND}/app.bsky.feed.post/{body['rkey']}",
                                             "cid": "new"})
        if nsid == "com.atproto.repo.getRecord":
            if q["rkey"] not in self.records:
                return _err(400, "RecordNotFound", "Could not locate record")
            return httpx.Response(200, json={"uri": f"at://{BRAND}/app.bsky.feed.post/{q['rkey']}",
                                             "value": self.records[q["rkey"]]})
        if nsid == "app.bsky.notification.updateSeen":
            return httpx.Response(200)
        if nsid.startswith("chat.bsky."):
            if self.scope == SCOPE_APP:
                return _err(400, "InvalidToken", "Bad token method")
            return httpx.Response(200, json={"convos": [], "logs": []})
        return _err(501, "MethodNotImplemented")


def make_channel(pds: FakePds, secrets: list[str] | None = None, **kw: Any) -> BlueskyChannel:
    if "page_size" in kw:  # (the tests' small pages, backfill included)
        kw.setdefault("backfill_page_size", kw["page_size"])
    secret = make_secret(did=BRAND, pds="http://pds.test", app_password="app-pass",
                         refresh=pds.refresh, access=next(iter(pds.valid_access)))
    ch = BlueskyChannel(1, "http://pds.test", secret, BRAND, handle="brand.test",
                        transport=httpx.MockTransport(pds), clock=lambda: T0 + timedelta(days=1),
                        on_secret=(secrets.append if secrets is not None else None), **kw)

    async def no_sleep(_s: float) -> None:
        return None

    ch.session.http._sleep = no_sleep
    return ch


async def run_pass(ch: BlueskyChannel, state: dict[str, Any]) -> tuple[list[str], dict[str, Any], int]:
    """Run one incremental pass like the engine; (external ids, final state, pages)."""
    ids: list[str] = []
    pages = 0
    while True:
        page = await ch.fetch_new("notifications", state)
        pages += 1
        ids += [m.external_id for m in page.messages]
        state = page.next_state
        if page.done:
            return ids, state, pages


async def first_sync(ch: BlueskyChannel) -> list[Page]:
    """Like the engine's first sync of notifications: the newest page, then the backfill to
    its end; the pages, the first pass's first."""
    pages = [await ch.fetch_new("notifications", {})]
    state: dict[str, Any] = {}
    while True:
        page = await ch.backfill("notifications", state)
        pages.append(page)
        state = page.next_state
        if page.done:
            await ch.aclose()
            return pages


async def first_sync_profiles_held(pds: FakePds, ch: BlueskyChannel, *, until_page: int) -> list[Page]:
    """``first_sync`` with every getProfiles call held until page ``until_page`` is asked for
    (a call out for a while); fails after 10 s (a walk that waits for the held call)."""
    answer = asyncio.Event()

    async def held(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("getProfiles") and not answer.is_set():
            await answer.wait()
        return pds(request)

    ch.session.http._transport = httpx.MockTransport(held)

    async def walk() -> list[Page]:
        pages = [await ch.fetch_new("notifications", {})]
        state: dict[str, Any] = {}
        while len(pages) == 1 or not pages[-1].done:
            if len(pages) == until_page:
                answer.set()
            pages.append(await ch.backfill("notifications", state))
            state = pages[-1].next_state
        await ch.aclose()
        return pages

    return await asyncio.wait_for(walk(), 10)


def fail_first_profiles_call(pds: FakePds, ch: BlueskyChannel) -> None:
    """The channel's first getProfiles call is refused (400); the rest go to ``pds``."""
    left = [1]

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("getProfiles") and left[0]:
            left[0] -= 1
            return httpx.Response(400, json={"error": "InvalidRequest", "message": "no"})
        return pds(request)

    ch.session.http._transport = httpx.MockTransport(flaky)
