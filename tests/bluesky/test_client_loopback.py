"""The Bluesky adapter against the AT Protocol's own dev-env (PLC, PDS, AppView) and our chat
server behind the real PDS's proxy, over loopback HTTP (conftest.py's ``bsky_network``)."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from bsky_helpers import (
    Account,
    create_account,
    create_app_password,
    follow,
    mint_expired_access_token,
    notifications,
    post,
    send_dm,
    wait_until,
    xrpc,
)

from relais.core.clients.bluesky import BlueskyChannel
from relais.core.clients.bluesky_auth import (
    BadCredentials,
    DmAccessMissing,
    SignIn,
    make_secret,
    read_secret,
    sign_in_blocking,
)
from relais.core.errors import DmNotAccepted
from relais.core.model import Kind, Network, Reply

run = asyncio.run


def _sign_in(net: Any, acc: Account, *, privileged: bool = True) -> SignIn:
    pw = create_app_password(net, acc, privileged=privileged)
    return sign_in_blocking(acc.handle, pw, service=net.pds, plc=net.plc)


def _channel(net: Any, s: SignIn, secrets: list[str] | None = None, **kw: Any) -> BlueskyChannel:
    return BlueskyChannel(7, s.account.server, s.secret, s.account.external_id,
                          handle=s.account.handle, chat_proxy=net.chat_proxy,
                          on_secret=secrets.append if secrets is not None else None, **kw)


async def _drain(ch: BlueskyChannel, stream: str, state: dict[str, Any], *, backfill: bool = False
                 ) -> tuple[list[Any], dict[str, Any], list[Any]]:
    """One pass as the engine runs it: (messages, final state, pages)."""
    pages: list[Any] = []
    while True:
        page = await (ch.backfill if backfill else ch.fetch_new)(stream, state)
        pages.append(page)
        state = page.next_state
        if page.done:
            return [m for p in pages for m in p.messages], state, pages


def _port(url: str) -> int | None:
    return urlsplit(url).port


@pytest.fixture
def brand(bsky_network) -> Account:
    return create_account(bsky_network, "brand")


@pytest.fixture
def customer(bsky_network) -> Account:
    return create_account(bsky_network, "cust")


def test_sign_in_with_an_app_password(bsky_network, brand, caplog) -> None:
    net = bsky_network
    caplog.set_level(logging.DEBUG)
    pw = create_app_password(net, brand, privileged=False)
    s = sign_in_blocking(brand.handle, pw, service=net.pds, plc=net.plc)
    assert s.account.network is Network.BLUESKY
    assert s.account.external_id == brand.did and s.account.handle == brand.handle
    assert _port(s.account.server) == _port(net.pds)  # the PDS from the DID document
    assert not s.main_password and not s.dm_access
    secret = read_secret(s.secret)
    assert secret["refresh"].count(".") == 2 and secret["app_password"] == pw
    assert secret["did"] == brand.did
    assert pw not in repr(s) and secret["refresh"] not in repr(s)
    assert pw not in caplog.text and secret["refresh"] not in caplog.text
    # by DID too, with DM access
    s2 = sign_in_blocking(brand.did, create_app_password(net, brand, privileged=True),
                          service=net.pds, plc=net.plc)
    assert s2.dm_access and not s2.main_password and s2.account.handle == brand.handle
    # the main password works, and says so
    s3 = sign_in_blocking(f"@{brand.handle.upper()}", brand.password, service=net.pds, plc=net.plc)
    assert s3.main_password and s3.dm_access
    with pytest.raises(BadCredentials):
        sign_in_blocking(brand.handle, "wrong-password", service=net.pds, plc=net.plc)


def test_mention_reply_and_quote_reach_a_page_with_context(bsky_network, brand, customer) -> None:
    net = bsky_network
    fan = create_account(net, "fan")
    follow(net, fan, customer)
    ours = post(net, brand, "Notre nouvel abonnement est là !")
    reply = post(net, customer, "Ça ne marche pas chez moi 😕", reply_to=ours)
    mention = post(net, customer, f"Help {brand.mention} café 🎉", mentions=[brand])
    quote = post(net, customer, "Pas convaincu", quote=ours)
    wait_until(net, lambda: {n["uri"] for n in notifications(net, brand, "reply", "mention", "quote")}
               >= {reply[0], mention[0], quote[0]})
    wait_until(net, lambda: xrpc(net, brand, "app.bsky.actor.getProfile",
                            params={"actor": customer.did}).json().get("followersCount") == 1)
    ch = _channel(net, _sign_in(net, brand))

    async def go() -> None:
        first = await ch.fetch_new("notifications", {})
        by_id = {m.external_id: m for m in first.messages}
        assert {reply[0], mention[0], quote[0], ours[0]} <= set(by_id)
        r = by_id[reply[0]]
        assert r.in_reply_to == ours[0] and r.thread_root == ours[0]
        assert r.author.external_id == customer.did and r.author.followers_count == 1
        assert by_id[ours[0]].from_brand and by_id[ours[0]].thread_root is None
        assert by_id[mention[0]].text == f"Help {brand.mention} café 🎉"
        assert brand.mention in (by_id[mention[0]].html or "")
        assert r.url.endswith("/post/" + reply[0].rsplit("/", 1)[1])
        assert all(m.kind is Kind.PUBLIC for m in first.messages)
        # a second pass fetches only what is new
        again, state, _ = await _drain(ch, "notifications", first.next_state)
        assert again == []
        newer = post(net, customer, f"Toujours rien {brand.mention}", mentions=[brand])
        wait_until(net, lambda: any(n["uri"] == newer[0] for n in notifications(net, brand)))
        fresh, state, _ = await _drain(ch, "notifications", state)
        assert [m.external_id for m in fresh] == [newer[0]]
        await ch.aclose()

    run(go())


def test_a_reply_threads_correctly_and_posts_once(bsky_network, brand, customer) -> None:
    net = bsky_network
    ours = post(net, brand, "Questions ? Répondez ici.")
    theirs = post(net, customer, "Où est ma commande ?", reply_to=ours)
    wait_until(net, lambda: any(n["uri"] == theirs[0] for n in notifications(net, brand, "reply")))
    ch = _channel(net, _sign_in(net, brand))
    text = f"Désolé 😕 👍🏽 @{customer.handle}, on regarde ça — café offert 🎉"
    reply = Reply(conversation_id=1, account_id=7, kind=Kind.PUBLIC, text=text,
                  idempotency_key="k1", in_reply_to=theirs[0],
                  created_at=datetime.now(UTC))

    async def go() -> None:
        reply_k = replace(reply, remote_ref=ch.prepare_ref(reply))
        assert await ch.find_sent(reply_k) is None
        sent = await ch.send(reply_k)
        again = await ch.send(reply_k)  # a retry after a crash right after createRecord
        assert again.remote_id == sent.remote_id
        assert (await ch.find_sent(reply_k)).remote_id == sent.remote_id
        await ch.aclose()
        return sent

    sent = run(go())
    rkey = sent.remote_id.rsplit("/", 1)[1]
    record = xrpc(net, None, "com.atproto.repo.getRecord", params={
        "repo": brand.did, "collection": "app.bsky.feed.post", "rkey": rkey}).json()["value"]
    assert record["reply"]["root"]["uri"] == ours[0] and record["reply"]["root"]["cid"] == ours[1]
    assert record["reply"]["parent"]["uri"] == theirs[0]
    assert record["text"] == text  # the customer was already mentioned
    assert record["langs"] == ["fr"]  # feeds filter posts by language
    [facet] = [f for f in record["facets"] if "mention" in f["features"][0]["$type"]]
    i = facet["index"]
    assert text.encode()[i["byteStart"]:i["byteEnd"]].decode() == f"@{customer.handle}"
    assert facet["features"][0]["did"] == customer.did
    # exactly one such post in the brand's repo
    recs = xrpc(net, None, "com.atproto.repo.listRecords", params={
        "repo": brand.did, "collection": "app.bsky.feed.post", "limit": 100}).json()["records"]
    assert sum(1 for r in recs if r["value"]["text"] == text) == 1
    # and the AppView threads it under the customer's post, under our root
    thread = wait_until(net, lambda: xrpc(net, brand, "app.bsky.feed.getPostThread", params={
        "uri": sent.remote_id}).json()["thread"])
    assert thread["parent"]["post"]["uri"] == theirs[0]
    assert thread["parent"]["parent"]["post"]["uri"] == ours[0]


def test_the_brand_reply_from_elsewhere_is_synced_as_from_brand(bsky_network, brand, customer) -> None:
    net = bsky_network
    theirs = post(net, customer, f"Allô {brand.mention} ?", mentions=[brand])
    ch = _channel(net, _sign_in(net, brand))

    async def go() -> None:
        first = await ch.fetch_new("replies", {})
        assert first.messages == () and first.done  # the first pass marks where "new" starts
        answer = post(net, brand, "On est là !", reply_to=theirs)
        wait_until(net, lambda: xrpc(net, brand, "app.bsky.feed.getAuthorFeed", params={
            "actor": brand.did}).json()["feed"])
        msgs, _, _ = await _drain(ch, "replies", first.next_state)
        [m] = msgs
        assert m.external_id == answer[0] and m.from_brand and m.in_reply_to == theirs[0]
        await ch.aclose()

    run(go())


def test_an_expired_access_token_is_refreshed_silently(bsky_network, brand, customer) -> None:
    net = bsky_network
    s = _sign_in(net, brand)
    data = read_secret(s.secret)
    as_app = Account(brand.did, brand.handle, data["app_password"], data["access"], data["refresh"])
    expired = mint_expired_access_token(net, as_app)
    r = xrpc(net, expired, "app.bsky.notification.listNotifications", check=False)
    assert r.status_code == 400 and r.json()["error"] == "ExpiredToken"  # the real PDS says so
    secret = make_secret(did=brand.did, pds=s.account.server, app_password=data["app_password"],
                         refresh=data["refresh"], access=expired)
    stored: list[str] = []
    ch = BlueskyChannel(7, s.account.server, secret, brand.did, handle=brand.handle,
                        on_secret=stored.append)

    async def go() -> None:
        await ch.fetch_new("notifications", {})
        assert ch.session.refreshes == 1
        await ch.aclose()

    run(go())
    [new] = stored
    assert read_secret(new)["refresh"] != data["refresh"]  # rotated, and handed to the keyring
    assert read_secret(new)["access"] != expired


def test_dms_listed_answered_and_incremental(bsky_network, bsky_chat, brand, customer) -> None:
    net = bsky_network
    send_dm(net, customer, brand, "Bonjour, ma commande 1234 ?")
    ch = _channel(net, _sign_in(net, brand, privileged=True))
    assert "chat" in ch.streams

    async def go() -> None:
        mark = await ch.fetch_new("chat", {})
        assert mark.messages == () and mark.done
        old, _, _ = await _drain(ch, "chat", {}, backfill=True)
        [m] = old
        assert m.kind is Kind.PRIVATE and m.text == "Bonjour, ma commande 1234 ?"
        assert m.author.external_id == customer.did and not m.from_brand and m.conversation_key
        answer = Reply(conversation_id=2, account_id=7, kind=Kind.PRIVATE, text="On regarde ! 🎉",
                       idempotency_key="k2", in_reply_to=m.external_id,
                       created_at=datetime.now(UTC))
        assert ch.prepare_ref(answer) is None
        assert await ch.find_sent(answer) is None
        sent = await ch.send(answer)
        assert (await ch.find_sent(answer)).remote_id == sent.remote_id
        send_dm(net, customer, brand, "Merci !")
        new, state, _ = await _drain(ch, "chat", mark.next_state)
        assert [(x.text, x.from_brand) for x in new] == [("On regarde ! 🎉", True), ("Merci !", False)]
        assert {x.conversation_key for x in new} == {m.conversation_key}
        again, _, _ = await _drain(ch, "chat", state)
        assert again == []
        await ch.aclose()

    run(go())
    assert [x.text for x in bsky_chat.messages()] == [
        "Bonjour, ma commande 1234 ?", "On regarde ! 🎉", "Merci !"]
    assert {c["lxm"] for c in bsky_chat.calls} >= {"chat.bsky.convo.getLog",
                                                   "chat.bsky.convo.sendMessage"}


def test_a_customer_who_refuses_dms_gets_a_distinct_error(bsky_network, bsky_chat, brand, customer) -> None:
    net = bsky_network
    bsky_chat.allow_incoming[customer.did] = "following"
    theirs = post(net, customer, f"{brand.mention} c'est nul", mentions=[brand])
    ch = _channel(net, _sign_in(net, brand, privileged=True))
    reply = Reply(conversation_id=3, account_id=7, kind=Kind.PRIVATE, text="Écrivez-nous en DM",
                  idempotency_key="k3", in_reply_to=theirs[0])

    async def go() -> None:
        with pytest.raises(DmNotAccepted) as err:
            await ch.send(reply)
        assert err.value.reason == "NotFollowedBySender"
        await ch.aclose()

    run(go())


def test_an_app_password_without_dm_access_skips_chat_only(bsky_network, bsky_chat, brand, customer) -> None:
    net = bsky_network
    problems: list[Exception] = []
    s = _sign_in(net, brand, privileged=False)
    ch = _channel(net, s, on_problem=problems.append)
    assert ch.streams == ("notifications", "replies")
    # even when the scope was not known in advance, the PDS's refusal is understood
    ch.session._s["access"] = ""

    async def go() -> None:
        page = await ch.fetch_new("chat", {})
        assert page.done and page.messages == ()
        await ch.fetch_new("notifications", {})  # the account itself keeps syncing
        with pytest.raises(DmAccessMissing):
            await ch.send(Reply(conversation_id=4, account_id=7, kind=Kind.PRIVATE, text="hi",
                                idempotency_key="k4", in_reply_to=f"at://{customer.did}/app.bsky.feed.post/x"))
        await ch.aclose()

    run(go())
    assert len(problems) == 1 and isinstance(problems[0], DmAccessMissing)
    assert json.dumps(bsky_chat.calls).count("getLog") == 0  # never reached the chat service


def test_the_unread_badge_is_left_alone_unless_asked(bsky_network, brand, customer) -> None:
    net = bsky_network
    first = post(net, customer, f"Coucou {brand.mention}", mentions=[brand])
    wait_until(net, lambda: any(n["uri"] == first[0] for n in notifications(net, brand)))

    def unread() -> int:
        return xrpc(net, brand, "app.bsky.notification.getUnreadCount").json()["count"]

    assert unread() >= 1
    s = _sign_in(net, brand)

    async def go(mark_seen: bool) -> None:
        ch = _channel(net, s, mark_seen=mark_seen)
        await _drain(ch, "notifications", {"hwm": {"at": None, "ids": []}})
        await ch.aclose()

    run(go(False))
    assert unread() >= 1  # a sync never clears the phone's badge by default
    run(go(True))
    wait_until(net, lambda: unread() == 0)


def test_dms_refused_by_the_pds_are_said_once_through_the_engine(bsky_network,
                                                                 monkeypatch) -> None:
    """A token whose scope looks fine but that the PDS refuses for chat: the engine reports it
    once (the UI explains how to get an app password with DM access); the rest syncs."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path
    from tempfile import TemporaryDirectory

    from relais.core.sync import SyncEngine
    from relais.storage.accounts import add_account
    from relais.storage.db import open_database
    from relais.storage.store import SqlStore

    net = bsky_network
    brand = create_account(net, "shopnodm2")
    s = _sign_in(net, brand, privileged=False)
    with TemporaryDirectory() as tmp, ThreadPoolExecutor(1) as ex:
        db = open_database(Path(tmp))
        acc = add_account(db.sessions, s.account, datetime.now(UTC))
        ch = BlueskyChannel(acc.id, s.account.server, s.secret, s.account.external_id,
                            handle=s.account.handle, chat_proxy=net.chat_proxy)
        # the scope would allow DMs; the PDS says "Bad token method" all the same
        monkeypatch.setattr(type(ch.session), "dm_access", property(lambda self: True))
        engine = SyncEngine(SqlStore(db.sessions), clock=lambda: datetime.now(UTC), db=ex)
        said: list[BaseException] = []
        run(engine.sync_all([ch], said.append))
        run(engine.sync_all([ch], said.append))
        run(ch.aclose())
        db.close()
    assert [type(e) for e in said] == [DmAccessMissing], [str(e) for e in said]  # said once
    assert "chat" not in ch.streams
