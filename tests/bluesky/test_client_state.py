"""The Bluesky channel's paging state machine and session renewal, against an in-process fake
PDS (httpx.MockTransport). The real thing over loopback is in test_client_loopback.py."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from relais.core.channel import Page
from relais.core.clients.bluesky import BlueskyChannel
from relais.core.clients.bluesky_auth import SCOPE_APP, SCOPE_APP_PRIVILEGED, make_secret
from relais.core.errors import AuthExpired
from relais.core.model import Kind, Reply

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


def _channel(pds: FakePds, secrets: list[str] | None = None, **kw: Any) -> BlueskyChannel:
    secret = make_secret(did=BRAND, pds="http://pds.test", app_password="app-pass",
                         refresh=pds.refresh, access=next(iter(pds.valid_access)))
    ch = BlueskyChannel(1, "http://pds.test", secret, BRAND, handle="brand.test",
                        transport=httpx.MockTransport(pds), clock=lambda: T0 + timedelta(days=1),
                        on_secret=(secrets.append if secrets is not None else None), **kw)

    async def no_sleep(_s: float) -> None:
        return None

    ch.session.http._sleep = no_sleep
    return ch


async def _pass(ch: BlueskyChannel, state: dict[str, Any]) -> tuple[list[str], dict[str, Any], int]:
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


async def _first_sync(ch: BlueskyChannel) -> list[Page]:
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


def test_new_pass_stops_at_the_high_water_mark() -> None:
    pds = FakePds()
    for n in range(1, 6):
        pds.add(n)
    ch = _channel(pds, page_size=2)

    async def run() -> None:
        first = await ch.fetch_new("notifications", {})
        assert first.done and len(first.messages) == 2  # the newest page only
        state = first.next_state
        assert set(state) == {"hwm"}
        # nothing new: one request, nothing returned, the mark unchanged
        ids, state2, pages = await _pass(ch, state)
        assert ids == [] and pages == 1 and state2["hwm"] == state["hwm"]
        for n in range(6, 11):
            pds.add(n)
        ids, state3, pages = await _pass(ch, state2)
        assert sorted(ids) == sorted(f"at://did:plc:c{n}/app.bsky.feed.post/{n:04d}"
                                     for n in range(6, 11))
        assert pages == 3  # 10,9 | 8,7 | 6,(5 = the mark): stops there, not at the end
        assert state3 == {"hwm": {"at": "2026-11-01T12:10:00+00:00",
                                  "ids": ["at://did:plc:c10/app.bsky.feed.post/0010"]}}
        ids, _, _ = await _pass(ch, state3)
        assert ids == []
        await ch.aclose()

    asyncio.run(run())


def test_a_crash_mid_pass_resumes_at_the_cursor() -> None:
    pds = FakePds()
    for n in range(1, 3):
        pds.add(n)
    ch = _channel(pds, page_size=2)

    async def run() -> None:
        state = (await ch.fetch_new("notifications", {})).next_state
        for n in range(3, 9):
            pds.add(n)
        page = await ch.fetch_new("notifications", state)  # 8,7 saved with their state...
        assert not page.done
        saved = page.next_state
        assert saved["cursor"] and saved["hwm"] == state["hwm"]
        assert saved["pass_top"]["ids"] == ["at://did:plc:c8/app.bsky.feed.post/0008"]
        pds.add(9)  # ...the process dies; meanwhile a new one arrives
        resumed = _channel(pds, page_size=2)  # a new process, the saved state
        ids, final, _ = await _pass(resumed, saved)
        # the interrupted pass finishes (6..3) without refetching 8,7; 9 comes next pass
        assert sorted(i[-1] for i in ids) == ["3", "4", "5", "6"]
        assert final["hwm"]["ids"] == ["at://did:plc:c8/app.bsky.feed.post/0008"]
        ids, _, _ = await _pass(resumed, final)
        assert [i[-1] for i in ids] == ["9"]
        await ch.aclose()
        await resumed.aclose()

    asyncio.run(run())


def test_backfill_stops_at_its_floor_and_count() -> None:
    pds = FakePds()
    for n in range(1, 8):
        pds.add(n)
    ch = _channel(pds, page_size=3, backfill_max=5)

    async def run() -> None:
        state: dict[str, Any] = {"floor": (T0 + timedelta(minutes=2)).isoformat()}
        got: list[str] = []
        while True:
            page = await ch.backfill("notifications", state)
            got += [m.external_id[-1] for m in page.messages]
            state = page.next_state
            if page.done:
                break
        assert sorted(got) == ["3", "4", "5", "6", "7"]  # the count (5) before the floor (2)
        assert page.progress == (5, 5) and page.backfill
        await ch.aclose()

    asyncio.run(run())


def test_followers_threads_and_deleted_parents_in_a_page() -> None:
    pds = FakePds()
    pds.add(1, reason="reply", parent=f"at://{BRAND}/app.bsky.feed.post/ours")
    pds.add(2, reason="reply", parent=f"at://{BRAND}/app.bsky.feed.post/ours")  # same parent
    pds.add(3, reason="reply", parent="at://did:plc:x/app.bsky.feed.post/gone")
    pds.add(4, reason="like")  # not a reason we queue
    ch = _channel(pds)

    async def run() -> None:
        page = await ch.fetch_new("notifications", {})
        by_id = {m.external_id: m for m in page.messages}
        parent = by_id[f"at://{BRAND}/app.bsky.feed.post/ours"]
        assert parent.from_brand
        # the two missing parents in one call (25 a call), not a thread per reply
        assert [c for c, _ in pds.calls].count("app.bsky.feed.getPosts") == 1
        assert page.deleted == ("at://did:plc:x/app.bsky.feed.post/gone",)
        assert len(page.messages) == 4  # 3 replies + the parent, no like
        assert by_id["at://did:plc:c1/app.bsky.feed.post/0001"].author.followers_count >= 100
        assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 1
        assert list(page.messages).index(parent) == 0  # parents before replies
        await ch.aclose()

    asyncio.run(run())


def test_an_expired_access_token_is_refreshed_once_and_persisted() -> None:
    pds = FakePds()
    pds.add(1)
    secrets: list[str] = []
    ch = _channel(pds, secrets)
    pds.valid_access = {"something-else"}  # the stored access token has expired

    async def run() -> None:
        page = await ch.fetch_new("notifications", {})
        assert len(page.messages) == 1
        assert ch.session.refreshes == 1
        assert len(secrets) == 1 and json.loads(secrets[0])["refresh"] == "refresh-1"
        # the refresh token is revoked too: a new session from the app password
        pds.valid_access = {"x"}
        pds.refresh = "revoked"
        await ch.fetch_new("notifications", {})
        assert json.loads(secrets[-1])["refresh"] == pds.refresh
        assert [c for c, _ in pds.calls].count("com.atproto.server.createSession") == 1
        # and the app password revoked as well: AuthExpired (the account needs reconnecting)
        pds.valid_access, pds.refresh, pds.password = {"x"}, "revoked", "changed"
        with pytest.raises(AuthExpired):
            await ch.fetch_new("notifications", {})
        await ch.aclose()

    asyncio.run(run())


def test_no_dm_access_skips_the_chat_stream_only() -> None:
    pds = FakePds(scope=SCOPE_APP)
    problems: list[Exception] = []
    ch = _channel(pds, on_problem=problems.append)
    assert ch.streams == ("notifications", "replies")  # known from the token's scope
    ch.session._s["access"] = ""

    async def run() -> None:
        page = await ch.chat.fetch_new({})
        assert page.done and page.messages == ()
        assert len(problems) == 1 and "direct messages" in str(problems[0])
        assert "chat" not in ch.streams
        await ch.aclose()

    asyncio.run(run())


def test_send_twice_with_the_same_key_posts_once() -> None:
    pds = FakePds()
    ch = _channel(pds)
    reply = Reply(conversation_id=1, account_id=1, kind=Kind.PUBLIC, text="On regarde ça 👍🏽",
                  idempotency_key="k", in_reply_to="at://did:plc:c1/app.bsky.feed.post/0001")

    async def run() -> None:
        ref_key = ch.prepare_ref(reply)
        assert ref_key and len(ref_key) == 13
        r = Reply(**{**{f: getattr(reply, f) for f in reply.__slots__}, "remote_ref": ref_key})
        assert await ch.find_sent(r) is None
        first = await ch.send(r)
        again = await ch.send(r)  # a retry after a crash right after the call
        assert first.remote_id == again.remote_id == f"at://{BRAND}/app.bsky.feed.post/{ref_key}"
        assert len(pds.records) == 1
        rec = pds.records[ref_key]
        assert rec["text"] == "@c1.test On regarde ça 👍🏽"
        assert rec["reply"]["parent"] == {"uri": reply.in_reply_to, "cid": "pcid"}
        assert rec["reply"]["root"] == rec["reply"]["parent"]
        assert rec["facets"][0]["index"] == {"byteStart": 0, "byteEnd": 8}
        assert (await ch.find_sent(r)).remote_id == first.remote_id
        await ch.aclose()

    asyncio.run(run())


@pytest.mark.parametrize("mark_seen", [False, True])
def test_notifications_are_marked_seen_only_when_asked(mark_seen: bool) -> None:
    pds = FakePds()
    pds.add(1)
    ch = _channel(pds, mark_seen=mark_seen)

    async def run() -> None:
        state = (await ch.fetch_new("notifications", {})).next_state
        pds.add(2)
        await _pass(ch, state)
        await ch.aclose()

    asyncio.run(run())
    seen = [c for c, _ in pds.calls if c == "app.bsky.notification.updateSeen"]
    assert len(seen) == (1 if mark_seen else 0)


def test_the_backfill_looks_up_only_the_parents_that_never_came() -> None:
    """Walking backwards, replies come before their parents: a parent notified later in the
    walk costs no request; one that never comes is read once, at the end."""
    pds = FakePds()
    first = pds.add(1)  # the oldest: a mention, the parent of 12
    outside = f"at://{BRAND}/app.bsky.feed.post/ours"  # the brand's post: never notified
    for n in range(2, 12):
        pds.add(n)
    pds.add(12, reason="reply", parent=first)
    pds.add(13, reason="reply", parent=outside)
    for n in range(14, 20):
        pds.add(n)
    ch = _channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(_first_sync(ch))[1:]
    lookups = [q for c, q in pds.calls if c == "app.bsky.feed.getPosts"]
    assert [q["uris"] for q in lookups] == [outside]  # one lookup, at the end, for ours only
    assert outside in {m.external_id for m in pages[-1].messages}
    assert any(p.next_state.get("pending") == [first, outside] or
               p.next_state.get("pending") == sorted([first, outside]) for p in pages[:-1])
    seen = [m.external_id for p in pages for m in p.messages]
    assert len(seen) == len(set(seen))  # the backfill started below the first pass's page


def test_the_backfill_asks_for_the_next_page_before_reading_this_ones_people() -> None:
    pds = FakePds()
    for n in range(1, 10):
        pds.add(n)
    ch = _channel(pds, page_size=3, backfill_max=100)

    got = [m.external_id[-1] for page in asyncio.run(_first_sync(ch)) for m in page.messages]
    assert sorted(got) == [str(n) for n in range(1, 10)]  # nothing lost, nothing twice
    lists = [q.get("cursor") for c, q in pds.calls if c == "app.bsky.notification.listNotifications"]
    assert len(lists) == len(set(lists)) == 3  # each page asked for once: 9-7 | 6-4 | 3-1
    order = [c for c, _ in pds.calls if c != "com.atproto.server.getSession"]
    # the page below the first is already asked for when the first page's authors are looked up
    assert order.index("app.bsky.actor.getProfiles") > order.index(
        "app.bsky.notification.listNotifications", 1)


def test_the_first_pages_parents_wait_for_the_backfill_that_follows() -> None:
    """The first pass's newest page is followed at once by the backfill: its replies' parents
    cost a request only if the walk never meets them."""
    pds = FakePds()
    early = pds.add(1)  # notified, on the backfill's pages
    ours = f"at://{BRAND}/app.bsky.feed.post/ours"  # the brand's own post: never notified
    for n in range(2, 8):
        pds.add(n)
    pds.add(8, reason="reply", parent=early)
    pds.add(9, reason="reply", parent=ours)
    ch = _channel(pds, page_size=3, backfill_days=36500)

    first, *pages = asyncio.run(_first_sync(ch))
    assert {m.external_id[-1] for m in first.messages} == {"9", "8", "7"}
    lookups = [q for c, q in pds.calls if c == "app.bsky.feed.getPosts"]
    assert [q["uris"] for q in lookups] == [ours]  # once, at the end of the walk (none before)
    assert ours in {m.external_id for m in pages[-1].messages}


def test_the_backfill_gathers_new_authors_into_full_profile_calls() -> None:
    """Each page of a first sync used to cost a getProfiles call for its few new authors; they
    now wait for a full call (25) or the end of the walk, and come with the page that asks."""
    pds = FakePds()
    for n in range(1, 41):  # 40 authors, all different
        pds.add(n)
    ch = _channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(_first_sync(ch))
    calls = [c for c, _ in pds.calls if c == "app.bsky.actor.getProfiles"]
    assert len(calls) == 2  # 25 when a call is full; then the last 15 at the end
    counts = {p.external_id: p.followers_count for page in pages for p in page.people}
    assert len(counts) == 40 and all(c >= 100 for c in counts.values())  # everyone, in the end
    assert not pages[0].people and not pages[1].people  # the first pages' authors wait
    assert len(pages[4].people) == 25  # the page that fills the call brings all 25


def test_a_page_of_known_authors_lets_the_waiting_ones_go() -> None:
    """Once the walk meets only people it knows, the few still waiting are asked for at once,
    not at the end of a long walk (the rank lacks their influence until then)."""
    pds = FakePds()
    for n in range(1, 31):  # the newest 20 by 20 authors; the 10 oldest by some of them again
        pds.add(n, author=n if n > 10 else n + 20)
    ch = _channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(_first_sync(ch))
    assert [len(p.messages) for p in pages] == [5] * 6
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 1
    assert [len(p.people) for p in pages] == [0, 0, 0, 0, 20, 5]  # (the last: its 5, known)


def test_a_page_that_asks_for_profiles_takes_waiting_authors_along() -> None:
    """An incremental page's own getProfiles call fills its batch with authors a first sync
    left waiting (say its walk failed before its end), so they are never left without."""
    pds = FakePds()
    for n in range(1, 4):
        pds.add(n)
    ch = _channel(pds, page_size=5)
    ch._profiles_pending.update({"did:plc:waiting1", "did:plc:waiting2"})

    got = asyncio.run(ch.profiles(["did:plc:c1"]))
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 1
    assert set(got) == {"did:plc:c1", "did:plc:waiting1", "did:plc:waiting2"}
    assert not ch._profiles_pending


def test_a_first_page_that_is_all_there_is_needs_no_backfill_request() -> None:
    """Fewer notifications than a page: the backfill has nothing below, and does not ask
    the AppView for the same newest page again (nor the empty feed of a new brand)."""
    pds = FakePds()
    for n in range(1, 4):
        pds.add(n)
    ch = _channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(_first_sync(ch))
    assert [len(p.messages) for p in pages] == [3, 0] and pages[-1].done
    assert [c for c, _ in pds.calls].count("app.bsky.notification.listNotifications") == 1
