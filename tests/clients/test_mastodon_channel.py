"""MastodonChannel page by page: floors, threads, the brand's replies, text from HTML."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from relais.core.clients.mastodon_parse import comparable, html_to_text, sanitize_html

pytestmark = pytest.mark.own_brand

# What Mastodon 4.x sends (the mock's HTML is simpler: mentions as plain text, no h-card).
REAL_HTML = (
    '<p><span class="h-card" translate="no"><a href="https://social.example/@brand" '
    'class="u-url mention">@<span>brand</span></a></span> my order &amp; invoice are wrong</p>'
    '<p>see <a href="https://shop.example/orders/12345" target="_blank" rel="nofollow noopener">'
    '<span class="invisible">https://</span><span class="ellipsis">shop.example/orders/1</span>'
    '<span class="invisible">2345</span></a><br />thanks <a href="https://social.example/tags/help"'
    ' class="mention hashtag" rel="tag">#<span>help</span></a></p>'
)


def test_plain_text_from_real_mastodon_html() -> None:
    assert html_to_text(REAL_HTML) == (
        "@brand my order & invoice are wrong\n\n"
        "see https://shop.example/orders/12345\nthanks #help")
    assert html_to_text("<p>a</p><ul><li>one</li><li>two</li></ul>") == "a\n\none\ntwo"
    assert html_to_text("") == ""


def test_sanitised_html_keeps_links_and_mentions_drops_the_rest() -> None:
    dirty = REAL_HTML + '<script>alert(1)</script><img src=x onerror="x()"><p onclick="x()">p</p>'
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onerror" not in clean and "onclick" not in clean
    assert "<img" not in clean and 'class="u-url mention"' in clean and "<br>" in clean


def test_comparable_ignores_leading_mentions_and_spacing() -> None:
    assert comparable("@bob@remote.example  @carol Hello,\n world") == "Hello, world"


def test_backfill_stops_at_the_count_floor(mock, rec) -> None:
    mock.mentions(12, "old")
    ch = mock.channel(rec, 1, backfill_max=10)
    first = asyncio.run(ch.backfill("notifications", {}))
    assert len(first.messages) == 10 and first.done and first.progress == (10, 10)
    assert first.next_state["taken"] == 10 and first.next_state["floor"]


def test_backfill_walks_back_page_by_page_and_stops_at_the_date_floor(mock, rec) -> None:
    ids = mock.mentions(45, "m")
    ch = mock.channel(rec, 1)
    state, got, pages = {}, set(), 0
    while True:
        page = asyncio.run(ch.backfill("notifications", state))
        got |= {m.external_id for m in page.messages}
        state, pages = page.next_state, pages + 1
        if page.done:
            break
    assert got == ids and pages == 2
    # a week later, everything is older than the floor: nothing is taken, and it is done
    later = mock.channel(rec, 1, clock=lambda: datetime.now(UTC) + timedelta(days=8))
    page = asyncio.run(later.backfill("notifications", {}))
    assert page.messages == () and page.done


def test_forward_paging_builds_pages_from_ids(mock, rec) -> None:
    ch = mock.channel(rec, 1)
    top = asyncio.run(ch.fetch_new("notifications", {}))
    assert top.done and top.next_state == {"min_id": top.next_state["min_id"]}
    new = mock.mentions(41, "n")
    a = asyncio.run(ch.fetch_new("notifications", top.next_state))
    b = asyncio.run(ch.fetch_new("notifications", a.next_state))
    assert not a.done and b.done and len(a.messages) == 40 and len(b.messages) == 1
    assert {m.external_id for m in a.messages + b.messages} == new


def test_context_brings_ancestors_and_the_brands_replies_below(mock, rec) -> None:
    brand_post = mock.post(mock.brand, "We are open on Sunday")
    carol = mock.post("carol", "Is that true?", in_reply_to_id=brand_post["id"])
    q = mock.post("cust1", f"@{mock.brand} what time?", in_reply_to_id=carol["id"])
    answer = mock.post(mock.brand, "@cust1 10 to 18", in_reply_to_id=q["id"])  # from another app
    ch = mock.channel(rec, 1)
    page = asyncio.run(ch.fetch_new("notifications", {"min_id": "0"}))
    by_id = {m.external_id: m for m in page.messages}
    assert set(by_id) == {brand_post["id"], carol["id"], q["id"], answer["id"]}
    assert by_id[brand_post["id"]].from_brand and by_id[answer["id"]].from_brand
    assert not by_id[carol["id"]].from_brand
    assert {by_id[i].thread_root for i in (carol["id"], q["id"], answer["id"])} \
        == {brand_post["id"]}
    assert by_id[brand_post["id"]].thread_root is None  # the root itself
    assert rec.requests.count(f"GET /api/v1/statuses/{q['id']}/context") == 1


def test_the_brands_replies_stream_starts_at_the_top_then_follows(mock, rec) -> None:
    m = mock.post("bob", f"@{mock.brand} hi")
    mock.post(mock.brand, "@bob hello", in_reply_to_id=m["id"])
    ch = mock.channel(rec, 1)
    first = asyncio.run(ch.fetch_new("replies", {}))
    assert first.messages == () and first.done  # older ones come with the backfill
    mock.post(mock.brand, "An announcement, not a reply")
    later = mock.post(mock.brand, "@bob anything else?", in_reply_to_id=m["id"])
    page = asyncio.run(ch.fetch_new("replies", first.next_state))
    assert [x.external_id for x in page.messages] == [later["id"]]
    assert page.messages[0].from_brand and page.messages[0].in_reply_to == m["id"]
    back = asyncio.run(ch.backfill("replies", {}))
    assert len(back.messages) == 2 and back.done


def test_a_server_refusing_the_quote_type_is_asked_without_it(mock, rec) -> None:
    mock.post("bob", f"@{mock.brand} hi")
    mock.fault("/api/v1/notifications", {"type": "status", "status": 422,
                                         "body": {"error": "Invalid notification type"}})
    ch = mock.channel(rec, 1)
    page = asyncio.run(ch.fetch_new("notifications", {}))
    assert len(page.messages) == 1 and ch._types == ("mention",)


def test_dms_from_conversations_are_private_and_keyed_on_the_first_dm(mock, rec) -> None:
    first = mock.post("cust2", f"@{mock.brand} my account is locked", visibility="direct")
    ours = mock.post(mock.brand, "@cust2 which email?", visibility="direct",
                     in_reply_to_id=first["id"])
    ch = mock.channel(rec, 1)
    page = asyncio.run(ch.fetch_new("conversations", {}))
    [last] = [x for x in page.messages if x.external_id == ours["id"]]
    assert last.kind.value == "private" and last.from_brand
    assert last.conversation_key == first["id"]
    assert {x.external_id for x in page.messages} == {first["id"], ours["id"]}  # with context


def test_media_descriptions_language_and_edits(mock, rec) -> None:
    up = mock.http.post("/api/v2/media", headers=mock.auth("cust3"),
                        files={"file": ("parcel.png", b"\x89PNG\r\n\x1a\n", "image/png")},
                        data={"description": "A crushed parcel"})
    up.raise_for_status()
    post = mock.post("cust3", f"@{mock.brand} look at this", language="en",
                     **{"media_ids[]": up.json()["id"]})
    ch = mock.channel(rec, 1)
    top = asyncio.run(ch.fetch_new("notifications", {}))
    [m] = top.messages
    assert m.media_descriptions == ("A crushed parcel",) and m.language == "en"
    assert m.edited_at is None
    mock.http.put(f"/api/v1/statuses/{post['id']}", headers=mock.auth("cust3"),
                  data={"status": f"@{mock.brand} look at this, please"}).raise_for_status()
    # a fresh channel (the next start) walks back over the same notifications
    [again] = asyncio.run(mock.channel(rec, 1).backfill("notifications", {})).messages
    assert again.edited_at is not None and again.text.endswith("please")
