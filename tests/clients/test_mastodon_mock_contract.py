"""Where mastodon-mock 0.6.1 differs from real Mastodon (docs.joinmastodon.org), and how
MastodonChannel is written for the real server anyway. Each test shows the mock's behaviour,
then that our client does not depend on it. (testing.md, "Mastodon: a real server over loopback")

Quirk 4 (DMs not access-checked, reusable OAuth codes, no refresh token) does not touch this
client: it reads and posts only as the brand, with a token it is given.
If a test here fails after a mock upgrade, the mock moved closer to Mastodon: check the
workaround still holds, then update or drop the test.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from relais.core.clients.http import parse_reset
from relais.core.errors import RateLimited

pytestmark = pytest.mark.own_brand

NOTIFS = "/api/v1/notifications"


def test_quirk1_link_header_drops_types_so_we_page_from_our_own_ids(mock, rec) -> None:
    """Mastodon keeps ``types[]`` in its Link header; the mock drops it."""
    older = mock.post("cust2", f"@{mock.brand} first")
    mock.http.post(f"/api/v1/accounts/{mock.account_id(mock.brand)}/follow",
                   headers=mock.auth("cust1")).raise_for_status()
    mock.post("cust2", f"@{mock.brand} second")
    r = mock.http.get(NOTIFS, params={"types[]": "mention", "limit": 1},
                      headers=mock.auth(mock.brand))
    nxt = r.links["next"]["url"]
    assert "types" not in nxt  # the mock's Link header lost the filter
    followed = mock.http.get(nxt, headers=mock.auth(mock.brand)).json()
    assert [n["type"] for n in followed] == ["follow"]  # following it leaks other types
    # ours: the next page is built from the ids we saw, with our own filters
    ch = mock.channel(rec, 1)
    first = asyncio.run(ch.fetch_new("notifications", {}))
    back = asyncio.run(ch.backfill("notifications", {"max_id": first.next_state["min_id"]}))
    assert [m.external_id for m in back.messages] == [older["id"]]
    assert all(q.startswith("GET") for q in rec.requests)


def test_quirk2_rate_limit_reset_is_an_epoch_mastodon_sends_iso(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "ratelimit", "headers": {"Retry-After": "1"}})
    r = mock.http.get(NOTIFS, headers=mock.auth(mock.brand))
    reset = r.headers["X-RateLimit-Reset"]
    assert r.status_code == 429 and reset.isdigit()  # Mastodon: "2026-11-23T12:05:00.000Z"
    now = datetime.now(UTC).timestamp()
    iso = datetime.fromtimestamp(int(reset), UTC).isoformat().replace("+00:00", ".000Z")
    assert abs(parse_reset(reset, now) - parse_reset(iso, now)) < 1  # both read alike


def test_quirk3_conversation_id_changes_with_each_dm_so_we_key_on_status_ids(mock, rec) -> None:
    first = mock.post("cust3", f"@{mock.brand} hello", visibility="direct")
    [conv] = mock.get(mock.brand, "/api/v1/conversations")
    mock.post("cust3", f"@{mock.brand} are you there?", visibility="direct", in_reply_to_id=first["id"])
    [again] = mock.get(mock.brand, "/api/v1/conversations")
    assert again["id"] != conv["id"]  # Mastodon keeps a conversation's id
    # ours: DMs are keyed on their thread's first status id, whatever the conversation id
    ch = mock.channel(rec, 1)
    msgs = asyncio.run(ch.fetch_new("notifications", {})).messages
    assert {m.conversation_key for m in msgs} == {first["id"]}


def test_quirk5_idempotency_keys_kept_forever_so_find_sent_reads_the_thread(mock, rec) -> None:
    """Mastodon forgets an Idempotency-Key after about an hour; the mock never does."""
    mention = mock.post("cust4", f"@{mock.brand} hi")
    h = {**mock.auth(mock.brand), "Idempotency-Key": "k"}
    a = mock.http.post("/api/v1/statuses", headers=h,
                       data={"status": "@cust4 hello", "in_reply_to_id": mention["id"]}).json()
    b = mock.http.post("/api/v1/statuses", headers=h, data={"status": "something else"}).json()
    assert a["id"] == b["id"]  # even with another text: the key alone decides
    # ours: a reply claimed before a crash is looked for in the thread, key or no key
    from relais.core.model import Kind, Reply

    r = Reply(1, 1, Kind.PUBLIC, "hello", "a-key-the-server-never-saw", in_reply_to=mention["id"])
    found = asyncio.run(mock.channel(rec, 1).find_sent(r))
    assert found is not None and found.remote_id == a["id"]


def test_quirk6_stranger_dms_are_plain_notifications_mastodon_filters_them(mock, rec) -> None:
    """Mastodon ≥ 4.3 files a stranger's DM under notification requests by default."""
    dm = mock.post("cust5", f"@{mock.brand} private question", visibility="direct")
    feed = mock.get(mock.brand, NOTIFS, **{"types[]": "mention"})
    assert [n["status"]["id"] for n in feed] == [dm["id"]]  # the mock: in the normal feed
    assert mock.get(mock.brand, "/api/v1/notifications/requests") == []
    # ours: the "requests" stream reads the filtered ones too (the mock can filter on demand)
    mock.http.patch("/api/v1/notifications/policy", data={"for_private_mentions": "filter"},
                    headers=mock.auth(mock.brand)).raise_for_status()
    filtered = mock.post("cust6", f"@{mock.brand} another one", visibility="direct")
    page = asyncio.run(mock.channel(rec, 1).fetch_new("requests", {}))
    assert [m.external_id for m in page.messages] == [filtered["id"]]


def test_quirk7_fault_defaults_are_minutes_long_so_we_raise_not_wait(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "ratelimit"})  # Retry-After: 300 by default
    http = mock.client(rec)
    try:
        asyncio.run(http.get(NOTIFS))
    except RateLimited as exc:
        assert exc.retry_after_s == 300
    else:
        raise AssertionError("expected RateLimited")
    assert rec.sleeps == []  # above the 60 s cap: the typed error, no five-minute sleep
