"""MastodonChannel + SyncEngine + a real SQLite store, against a real Mastodon API on loopback."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from relais.core.sync import SyncEngine
from relais.storage.models import ConversationRow, MessageRow

pytestmark = pytest.mark.own_brand

NOW = lambda: datetime.now(UTC)


def rows(db):
    with db.sessions() as s:
        return s.execute(select(MessageRow.external_id, MessageRow.kind, MessageRow.from_brand,
                                MessageRow.conversation_id, MessageRow.in_reply_to,
                                MessageRow.thread_root)).all()


def conversations(db):
    with db.sessions() as s:
        return {c.id: c for c in s.scalars(select(ConversationRow))}


def test_300_mentions_and_dms_sync_completely_then_incrementally(mock, rec, db, store, brand,
                                                                   executor) -> None:
    product = mock.post(mock.brand, "Our new product is out!")
    who = ["bob", "carol", *mock.customers]
    posts = []
    for i in range(300):
        data = {"status": f"@{mock.brand} question number {i}"}
        if i % 25 == 0:  # some of them answer the brand's post: a thread
            data["in_reply_to_id"] = product["id"]
        posts.append((who[i % len(who)], data))
    mentions = mock.post_many(posts)
    dm1 = mock.post("cust1", f"@{mock.brand} my order never arrived", visibility="direct")
    dm2 = mock.post(mock.brand, "@cust1 sorry! what is your order number?", visibility="direct",
                    in_reply_to_id=dm1["id"])
    dm3 = mock.post("cust1", f"@{mock.brand} it is 12345", visibility="direct", in_reply_to_id=dm2["id"])
    help_ = mock.post("bob", f"@{mock.brand} help please")
    answer = mock.post(mock.brand, "@bob done!", in_reply_to_id=help_["id"])  # from another app

    engine = SyncEngine(store, clock=NOW, db=executor)
    ch = mock.channel(rec, brand.id)
    asyncio.run(mock.sync(engine, ch))
    stored = rows(db)
    ids = Counter(r.external_id for r in stored)
    assert max(ids.values()) == 1  # no duplicates
    expected = {product["id"], help_["id"], answer["id"], dm1["id"], dm2["id"], dm3["id"],
                *(m["id"] for m in mentions)}
    assert set(ids) == expected  # everything, nothing else
    by_id = {r.external_id: r for r in stored}
    # the thread: the brand's post was fetched as context, from_brand, and leads the thread
    assert by_id[product["id"]].from_brand
    threaded = [m["id"] for m in mentions if m["in_reply_to_id"] == product["id"]]
    assert {by_id[i].conversation_id for i in threaded} == {by_id[product["id"]].conversation_id}
    assert all(by_id[i].thread_root == product["id"] for i in threaded)
    # DMs: private, one conversation keyed on the first DM, waiting again after the customer
    convs = conversations(db)
    dm_conv = {by_id[d["id"]].conversation_id for d in (dm1, dm2, dm3)}
    assert len(dm_conv) == 1
    [cid] = dm_conv
    assert all(by_id[d["id"]].kind == "private" for d in (dm1, dm2, dm3))
    assert by_id[dm2["id"]].from_brand and not by_id[dm3["id"]].from_brand
    assert convs[cid].root_external_id == dm1["id"] and convs[cid].status == "waiting"
    # a reply the brand posted from elsewhere marks its conversation answered
    assert convs[by_id[help_["id"]].conversation_id].status == "answered"
    assert convs[by_id[mentions[1]["id"]].conversation_id].status in ("waiting", "backlog")

    # a second pass, as a fresh process would: only what is new is fetched
    later = mock.post_many([(who[i % len(who)], {"status": f"@{mock.brand} later {i}"})
                                 for i in range(45)])
    rec.requests.clear()
    ch2 = mock.channel(rec, brand.id)
    new = asyncio.run(mock.sync(engine, ch2))
    assert new == 45
    assert {r.external_id for r in rows(db)} == expected | {m["id"] for m in later}
    calls = Counter(rec.requests)
    assert calls["GET /api/v1/notifications"] == 2  # 40 + 5, forward with min_id
    assert calls["GET /api/v1/conversations"] == 1
    assert calls["GET /api/v2/instance"] == 1  # the post limits, once per channel
    # edits and deletions of the (newest 200) waiting mentions: 40 statuses a request
    assert calls["GET /api/v1/statuses"] == 5
    # + requests, conversations, the brand's posts
    assert sum(calls.values()) == 2 + 1 + 1 + 1 + 1 + 5
    assert asyncio.run(mock.sync(engine, ch2)) == 0


def test_filtered_dm_from_a_stranger_is_not_lost(mock, rec, db, store, brand, executor) -> None:
    """Mastodon ≥ 4.3 files a stranger's DM under notification requests, out of the feed."""
    r = mock.http.patch("/api/v1/notifications/policy", data={"for_private_mentions": "filter"},
                        headers=mock.auth(mock.brand))
    r.raise_for_status()
    dm = mock.post("cust2", f"@{mock.brand} I need help with my account", visibility="direct")
    feed = mock.get(mock.brand, "/api/v1/notifications", **{"types[]": "mention"})
    assert all(n["status"]["id"] != dm["id"] for n in feed)  # not in the normal feed
    engine = SyncEngine(store, clock=NOW, db=executor)
    asyncio.run(mock.sync(engine, mock.channel(rec, brand.id)))
    by_id = {r.external_id: r for r in rows(db)}
    assert by_id[dm["id"]].kind == "private"
    more = mock.post("cust2", f"@{mock.brand} hello?", visibility="direct", in_reply_to_id=dm["id"])
    rec.requests.clear()
    assert asyncio.run(mock.sync(engine, mock.channel(rec, brand.id))) == 1
    assert rows(db) and {r.external_id for r in rows(db)} >= {dm["id"], more["id"]}


def test_a_server_without_notification_requests_is_fine(mock, rec, brand) -> None:
    mock.fault("/api/v1/notifications/requests", {"type": "status", "status": 404}, count=None)
    ch = mock.channel(rec, brand.id)
    page = asyncio.run(ch.fetch_new("requests", {}))
    assert page.done and page.messages == ()


def test_deleted_status_is_reported(mock, rec, brand) -> None:
    post = mock.post("cust3", f"@{mock.brand} first")
    other = mock.post("carol", "something else")  # not a mention: its replies need context
    reply = mock.post("cust3", f"@{mock.brand} oops", in_reply_to_id=other["id"])
    ch = mock.channel(rec, brand.id)
    # the reply is deleted between the notification and the context fetch
    mock.fault(f"/api/v1/statuses/{reply['id']}/context", {"type": "status", "status": 404})
    page = asyncio.run(ch.fetch_new("notifications", {"min_id": "0"}))
    assert reply["id"] in page.deleted
    assert {m.external_id for m in page.messages} == {post["id"]}


def test_message_mapping(mock, rec, brand) -> None:
    mock.post("cust4", f"@{mock.brand} line one\nline two https://example.com/x",
              spoiler_text="about shipping", language="en")
    ch = mock.channel(rec, brand.id)
    [m] = asyncio.run(ch.fetch_new("notifications", {})).messages
    assert m.text == f"@{mock.brand} line one\nline two https://example.com/x"
    assert m.content_warning == "about shipping"
    assert m.author.handle == "cust4" and m.author.display_name == "Cust4"
    assert m.created_at.tzinfo is not None and m.account_ids == (brand.id,)
    assert m.kind.value == "public" and not m.from_brand and m.url
    assert "<a" in m.html and "script" not in m.html


def test_a_thread_met_backwards_is_one_conversation_with_few_context_requests(
        mock, rec, db, store, brand, executor) -> None:
    """The backfill walks newest first, so replies come before the posts they answer: a parent
    met later in the walk costs no request, and the thread ends up in one conversation."""
    who = ["bob", "carol", *mock.customers]

    def filler(n: int, tag: str) -> None:
        mock.post_many([(who[i % len(who)], {"status": f"@{mock.brand} {tag} {i}"})
                        for i in range(n)])

    top = mock.post("cust1", f"@{mock.brand} my parcel is late")
    filler(45, "a")
    middle = mock.post("cust1", f"@{mock.brand} still nothing", in_reply_to_id=top["id"])
    filler(45, "b")
    low = mock.post("cust1", f"@{mock.brand} hello??", in_reply_to_id=middle["id"])
    news = mock.post("carol", "not a mention: our opening hours change")  # never notified
    s1 = mock.post("cust2", f"@{mock.brand} which hours?", in_reply_to_id=news["id"])
    s2 = mock.post("cust3", f"@{mock.brand} and on Sunday?", in_reply_to_id=news["id"])
    filler(45, "c")
    engine = SyncEngine(store, clock=NOW, db=executor)
    asyncio.run(mock.sync(engine, mock.channel(rec, brand.id)))

    by_id = {r.external_id: r for r in rows(db)}
    chain = {by_id[x["id"]].conversation_id for x in (top, middle, low)}
    assert len(chain) == 1
    [cid] = chain
    conv = conversations(db)[cid]
    assert conv.root_external_id == top["id"] and conv.message_count == 3
    assert conv.status in ("waiting", "backlog") and "hello" in conv.excerpt
    assert {by_id[x["id"]].conversation_id for x in (news, s1, s2)} == {
        by_id[news["id"]].conversation_id}
    # only the thread whose parent never came by notification was looked up, once
    contexts = [r for r in rec.requests if r.endswith("/context")]
    assert contexts in ([f"GET /api/v1/statuses/{s1['id']}/context"],
                        [f"GET /api/v1/statuses/{s2['id']}/context"])
    # and no orphan conversation is left behind
    assert len(conversations(db)) == len({r.conversation_id for r in rows(db)})
    # the SLA clock runs from the first unanswered message, though it was met last
    with db.sessions() as s:
        first = s.scalars(select(MessageRow).where(MessageRow.external_id == top["id"])).one()
    assert conv.clock_start == first.created_at and conv.clock_start_message_id == first.id


def test_the_servers_post_limits_are_kept_for_the_reply_counter(mock, rec, db, store, brand,
                                                                executor) -> None:
    from relais.storage.accounts import list_accounts

    assert [a.max_characters for a in list_accounts(db.sessions)] == [0]
    engine = SyncEngine(store, clock=NOW, db=executor)
    ch = mock.channel(rec, brand.id)
    asyncio.run(engine.sync_channel(ch))
    asyncio.run(engine.sync_channel(ch))  # read once per channel, not on every pass
    asyncio.run(ch.aclose())
    [acc] = list_accounts(db.sessions)
    assert (acc.max_characters, acc.characters_per_url) == (500, 23)  # mastodon-mock's
    assert sum(r.endswith("/instance") for r in rec.requests) == 1


def test_edits_and_deletions_of_waiting_mentions_are_seen_on_the_next_pass(
        mock, rec, db, store, brand, executor) -> None:
    """Mastodon sends no notification when a customer edits or deletes a mention: the sync
    looks again at the messages still waiting, 40 a request."""
    edited = mock.post("cust1", f"@{mock.brand} my order is late")
    gone = mock.post("cust2", f"@{mock.brand} where is my parcel")
    from relais.core.triage import triage_messages

    engine = SyncEngine(store, clock=NOW, db=executor, triage=triage_messages)
    asyncio.run(mock.sync(engine, mock.channel(rec, brand.id)))
    mock.http.put(f"/api/v1/statuses/{edited['id']}", headers=mock.auth("cust1"),
                  data={"status": f"@{mock.brand} my order is late, I want a refund"}
                  ).raise_for_status()
    mock.http.delete(f"/api/v1/statuses/{gone['id']}",
                     headers=mock.auth("cust2")).raise_for_status()
    rec.requests.clear()
    asyncio.run(mock.sync(engine, mock.channel(rec, brand.id)))
    assert rec.requests.count("GET /api/v1/statuses") == 1
    with db.sessions() as s:
        by_id = {m.external_id: m for m in s.scalars(select(MessageRow))}
    assert by_id[edited["id"]].text.endswith("I want a refund")
    assert by_id[edited["id"]].edited_at is not None
    assert "refund" in by_id[edited["id"]].at_risk_reasons  # triaged again
    assert by_id[gone["id"]].deleted
    convs = conversations(db)
    conv = convs[by_id[edited["id"]].conversation_id]
    assert conv.excerpt.endswith("I want a refund") and "refund" in conv.at_risk_reasons
