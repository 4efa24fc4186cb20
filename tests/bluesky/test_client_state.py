"""The Bluesky channel's paging state machine and session renewal, against an in-process fake
PDS (fake_pds.py). The real thing over loopback is in test_client_loopback.py."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest
from fake_pds import BRAND, T0, FakePds, first_sync, make_channel, run_pass

from relais.core.clients.bluesky_auth import SCOPE_APP
from relais.core.errors import AuthExpired
from relais.core.model import Kind, Reply


def test_new_pass_stops_at_the_high_water_mark() -> None:
    pds = FakePds()
    for n in range(1, 6):
        pds.add(n)
    ch = make_channel(pds, page_size=2)

    async def run() -> None:
        first = await ch.fetch_new("notifications", {})
        assert first.done and len(first.messages) == 2  # the newest page only
        state = first.next_state
        assert set(state) == {"hwm"}
        # nothing new: one request, nothing returned, the mark unchanged
        ids, state2, pages = await run_pass(ch, state)
        assert ids == [] and pages == 1 and state2["hwm"] == state["hwm"]
        for n in range(6, 11):
            pds.add(n)
        ids, state3, pages = await run_pass(ch, state2)
        assert sorted(ids) == sorted(f"at://did:plc:c{n}/app.bsky.feed.post/{n:04d}"
                                     for n in range(6, 11))
        assert pages == 3  # 10,9 | 8,7 | 6,(5 = the mark): stops there, not at the end
        assert state3 == {"hwm": {"at": "2026-11-01T12:10:00+00:00",
                                  "ids": ["at://did:plc:c10/app.bsky.feed.post/0010"]}}
        ids, _, _ = await run_pass(ch, state3)
        assert ids == []
        await ch.aclose()

    asyncio.run(run())


def test_a_crash_mid_pass_resumes_at_the_cursor() -> None:
    pds = FakePds()
    for n in range(1, 3):
        pds.add(n)
    ch = make_channel(pds, page_size=2)

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
        resumed = make_channel(pds, page_size=2)  # a new process, the saved state
        ids, final, _ = await run_pass(resumed, saved)
        # the interrupted pass finishes (6..3) without refetching 8,7; 9 comes next pass
        assert sorted(i[-1] for i in ids) == ["3", "4", "5", "6"]
        assert final["hwm"]["ids"] == ["at://did:plc:c8/app.bsky.feed.post/0008"]
        ids, _, _ = await run_pass(resumed, final)
        assert [i[-1] for i in ids] == ["9"]
        await ch.aclose()
        await resumed.aclose()

    asyncio.run(run())


def test_backfill_stops_at_its_floor_and_count() -> None:
    pds = FakePds()
    for n in range(1, 8):
        pds.add(n)
    ch = make_channel(pds, page_size=3, backfill_max=5)

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
    ch = make_channel(pds)

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
    ch = make_channel(pds, secrets)
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
    ch = make_channel(pds, on_problem=problems.append)
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
    ch = make_channel(pds)
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
    ch = make_channel(pds, mark_seen=mark_seen)

    async def run() -> None:
        state = (await ch.fetch_new("notifications", {})).next_state
        pds.add(2)
        await run_pass(ch, state)
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
    ch = make_channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(first_sync(ch))[1:]
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
    ch = make_channel(pds, page_size=3, backfill_max=100)

    got = [m.external_id[-1] for page in asyncio.run(first_sync(ch)) for m in page.messages]
    assert sorted(got) == [str(n) for n in range(1, 10)]  # nothing lost, nothing twice
    lists = [q.get("cursor") for c, q in pds.calls if c == "app.bsky.notification.listNotifications"]
    assert len(lists) == len(set(lists)) == 3  # each page asked for once: 9-7 | 6-4 | 3-1
    order = [c for c, _ in pds.calls if c != "com.atproto.server.getSession"]
    # the page below the first is already asked for when the first page's authors are looked up
    assert order.index("app.bsky.actor.getProfiles") > order.index(
        "app.bsky.notification.listNotifications", 1)
