"""Replies: the right thread, the right visibility, once; and the account helpers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from relais.core.clients.http import RequestRefused
from relais.core.clients.mastodon import InstanceLimits, MastodonChannel
from relais.core.errors import AuthExpired
from relais.core.model import Kind, QueueFilter, Reply
from relais.core.outbox import Outbox
from relais.core.sync import SyncEngine
from relais.storage import conversations as convs
from relais.storage import replies

pytestmark = pytest.mark.own_brand


def reply(to: str, text: str, key: str, kind: Kind = Kind.PUBLIC) -> Reply:
    return Reply(conversation_id=1, account_id=1, kind=kind, text=text, idempotency_key=key,
                 in_reply_to=to)


async def call(ch: MastodonChannel, name: str, *args):
    try:
        return await getattr(ch, name)(*args)
    finally:
        await ch.aclose()


def descendants(mock, status_id: str) -> list[dict]:
    return mock.get(mock.brand, f"/api/v1/statuses/{status_id}/context")["descendants"]


@pytest.mark.parametrize(("original", "kind", "expected"), [
    ("public", Kind.PUBLIC, "public"),
    ("unlisted", Kind.PUBLIC, "unlisted"),
    ("private", Kind.PUBLIC, "direct"),  # followers-only: never answered in public
    ("direct", Kind.PRIVATE, "direct"),
    ("public", Kind.PRIVATE, "direct"),  # a private answer to a public mention
])
def test_reply_lands_in_the_thread_with_the_right_visibility(mock, rec, original, kind,
                                                             expected) -> None:
    mention = mock.post("cust5", f"@{mock.brand} where is my parcel?", visibility=original)
    ref = asyncio.run(call(mock.channel(rec, 1), "send",
                   reply(mention["id"], "It left this morning.", "key-1", kind)))
    [posted] = descendants(mock, mention["id"])
    assert posted["id"] == ref.remote_id and posted["in_reply_to_id"] == mention["id"]
    assert posted["visibility"] == expected
    assert "@cust5" in posted["content"] and "It left this morning." in posted["content"]
    assert posted["language"] == "en"
    assert ref.url and ref.sent_at is not None and ref.sent_at.tzinfo is not None


def test_a_reply_is_tagged_with_its_language(mock, rec) -> None:
    mention = mock.post("cust5", f"@{mock.brand} ma commande n'est jamais arrivée")
    asyncio.run(call(mock.channel(rec, 1), "send",
                     reply(mention["id"], "Bonjour, nous regardons votre commande.", "k-fr")))
    [posted] = descendants(mock, mention["id"])
    assert posted["language"] == "fr"


def test_mention_is_not_doubled(mock, rec) -> None:
    mention = mock.post("cust5", f"@{mock.brand} hi")
    asyncio.run(call(mock.channel(rec, 1), "send", reply(mention["id"], "@cust5 hello!", "k")))
    [posted] = descendants(mock, mention["id"])
    assert posted["content"].count("@cust5") == 1


def test_idempotency_key_reuse_returns_the_same_status(mock, rec) -> None:
    mention = mock.post("cust6", f"@{mock.brand} refund?")
    ch = mock.channel(rec, 1)

    async def twice():
        a = await ch.send(reply(mention["id"], "Done.", "same-key"))
        b = await ch.send(reply(mention["id"], "Done.", "same-key"))
        await ch.aclose()
        return a, b

    a, b = asyncio.run(twice())
    assert a.remote_id == b.remote_id
    assert len(descendants(mock, mention["id"])) == 1


def test_find_sent_looks_in_the_thread(mock, rec) -> None:
    mention = mock.post("bob", f"@{mock.brand} is it open on Sunday?")
    r = reply(mention["id"], "Yes, 10 to 18.", "key-find")
    assert asyncio.run(call(mock.channel(rec, 1), "find_sent", r)) is None
    sent = asyncio.run(call(mock.channel(rec, 1), "send", r))
    # found with another key too: Mastodon forgets keys after about an hour
    found = asyncio.run(call(mock.channel(rec, 1), "find_sent",
                     reply(mention["id"], "Yes, 10 to 18.", "another-key")))
    assert found is not None and found.remote_id == sent.remote_id
    assert asyncio.run(call(mock.channel(rec, 1), "find_sent",
                    reply(mention["id"], "No.", "x"))) is None
    mock.post("bob", f"@{mock.brand} Yes, 10 to 18.", in_reply_to_id=mention["id"])  # not the brand
    assert asyncio.run(call(mock.channel(rec, 1), "find_sent", r)).remote_id == sent.remote_id


def test_refused_reply_is_a_typed_error(mock, rec) -> None:
    mention = mock.post("bob", f"@{mock.brand} hi")
    with pytest.raises(RequestRefused) as err:
        asyncio.run(call(mock.channel(rec, 1), "send", reply(mention["id"], "x" * 600, "long")))
    assert err.value.status == 422
    with pytest.raises(RequestRefused):  # never a stray public post answering nothing
        asyncio.run(call(mock.channel(rec, 1), "send", reply(None, "hello", "none")))
    assert rec.requests.count("POST /api/v1/statuses") == 1


def test_outbox_never_sends_twice_after_a_crash_mid_send(mock, rec, db, store, brand,
                                                         executor) -> None:
    mention = mock.post("cust1", f"@{mock.brand} my card was charged twice")
    now = datetime.now(UTC)
    asyncio.run(mock.sync(SyncEngine(store, clock=lambda: now, db=executor),
                mock.channel(rec, brand.id)))
    [item] = convs.queue_page(db.sessions, QueueFilter(), now)
    replies.enqueue(db.sessions, item.conversation_id, "We refunded you.", Kind.PUBLIC, now,
                    in_reply_to=mention["id"])
    claimed = store.claim_reply("dead", now)
    assert claimed.in_reply_to == mention["id"]
    asyncio.run(call(mock.channel(rec, brand.id), "send", claimed))  # then the sender dies
    later = datetime.now(UTC).replace(year=now.year + 1)
    out = Outbox(store, worker="gui", clock=lambda: later, db=executor)
    ch = mock.channel(rec, brand.id)

    async def send() -> int:
        try:
            return await out.send_pending({brand.id: ch})
        finally:
            await ch.aclose()

    assert asyncio.run(send()) == 1
    assert len(descendants(mock, mention["id"])) == 1  # found, not sent again
    [sent] = replies.replies_for(db.sessions, item.conversation_id)
    assert sent.state.value == "sent"


def test_verify_credentials_and_instance_limits(mock, rec) -> None:
    me = asyncio.run(call(mock.channel(rec, 1), "verify_credentials"))
    assert me.handle == mock.brand and me.display_name == "Brand"
    assert me.external_id == mock.account_id(mock.brand)
    limits = asyncio.run(call(mock.channel(rec, 1), "instance_limits"))
    assert limits == InstanceLimits(500, 23)
    with pytest.raises(AuthExpired):
        asyncio.run(call(mock.channel(rec, 1, http_kw={"token": "nope"}), "verify_credentials"))
