"""Contract tests of the Bluesky harness: what the real PDS/AppView (dev-env 0.6.7) and our chat
server do, so that Relais's client is written against observed behaviour, not guesses."""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest
from bsky_helpers import (
    Account,
    XrpcError,
    chat,
    create_account,
    create_app_password,
    follow,
    login,
    mint_expired_access_token,
    notifications,
    post,
    refresh_session,
    send_dm,
    wait_until,
    xrpc,
)
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


@pytest.fixture
def brand(bsky_network) -> Account:
    return create_account(bsky_network, "brand")


@pytest.fixture
def customer(bsky_network) -> Account:
    return create_account(bsky_network, "cust")


def _notification(net, account: Account, reason: str, uri: str) -> dict:
    return wait_until(net, lambda: next(
        (n for n in notifications(net, account, reason) if n["uri"] == uri), None))


def test_network_is_up(bsky_network):
    net = bsky_network
    assert xrpc(net, None, "com.atproto.server.describeServer").json()["availableUserDomains"]
    assert httpx.get(f"{net.appview}/xrpc/_health").is_success
    doc = httpx.get(f"{net.plc}/{net.chat_did}").json()
    services = {s["id"]: s for s in doc["service"]}
    assert services["#bsky_chat"]["type"] == "BskyChatService"
    assert services["#bsky_chat"]["serviceEndpoint"] == net.chat.url
    assert net.chat_proxy == f"{net.chat_did}#bsky_chat"


def test_mention_facet_uses_utf8_byte_offsets(bsky_network, brand, customer):
    net = bsky_network
    text = f"Café é 🎉 — {brand.mention} où est ma commande ?"
    uri, _ = post(net, customer, text, mentions=[brand])

    notif = _notification(net, brand, "mention", uri)
    assert notif["author"]["did"] == customer.did
    assert notif["author"]["handle"] == customer.handle
    record = notif["record"]
    assert record["text"] == text
    index = record["facets"][0]["index"]
    assert record["facets"][0]["features"][0]["did"] == brand.did
    assert text.encode()[index["byteStart"]:index["byteEnd"]].decode() == brand.mention
    assert index["byteStart"] != text.index("@")  # bytes, not code points


def test_reply_and_quote_notifications(bsky_network, brand, customer):
    net = bsky_network
    root = post(net, brand, "Nouvelle collection en ligne !")
    reply_uri, reply_cid = post(net, customer, "Super, merci !", reply_to=root)
    quote_uri, _ = post(net, customer, "Regardez ça", quote=root)
    nested_uri, _ = post(net, customer, "Et la livraison ?", reply_to=(reply_uri, reply_cid))

    reply = _notification(net, brand, "reply", reply_uri)
    assert reply["record"]["reply"]["parent"]["uri"] == root[0]
    assert reply["reasonSubject"] == root[0]
    quote = _notification(net, brand, "quote", quote_uri)
    assert quote["record"]["embed"]["record"]["uri"] == root[0]
    # A reply to the customer's reply still notifies the brand, as the thread's root author.
    nested = _notification(net, brand, "reply", nested_uri)
    assert nested["record"]["reply"]["root"]["uri"] == root[0]
    assert nested["record"]["reply"]["parent"]["uri"] == reply_uri


def test_dm_through_the_pds_proxy_is_signed_and_verified(bsky_network, bsky_chat, brand,
                                                         customer):
    net = bsky_network
    sent = send_dm(net, customer, brand, "Bonjour 👋 ma commande n'est pas arrivée")
    assert sent["sender"] == {"did": customer.did}

    [msg] = bsky_chat.messages()
    assert (msg.sender, msg.text) == (customer.did, "Bonjour 👋 ma commande n'est pas arrivée")
    # What the PDS's service-auth JWT carried: bare DIDs for iss and aud, lxm = the method.
    assert {"lxm": "chat.bsky.convo.sendMessage", "iss": customer.did,
            "aud": net.chat_did} in bsky_chat.calls
    assert not bsky_chat.rejected

    # The brand reads it through its own PDS.
    [convo] = chat(net, brand, "chat.bsky.convo.listConvos").json()["convos"]
    assert {m["handle"] for m in convo["members"]} == {brand.handle, customer.handle}
    assert convo["unreadCount"] == 1
    assert convo["lastMessage"]["text"] == msg.text
    reply = send_dm(net, brand, customer, "Nous regardons, merci !")
    page = chat(net, brand, "chat.bsky.convo.getMessages",
                params={"convoId": convo["id"], "limit": 1}).json()
    assert [m["id"] for m in page["messages"]] == [reply["id"]]  # newest first
    older = chat(net, brand, "chat.bsky.convo.getMessages",
                 params={"convoId": convo["id"], "cursor": page["cursor"]}).json()
    assert [m["id"] for m in older["messages"]] == [sent["id"]]
    logs = chat(net, brand, "chat.bsky.convo.getLog").json()
    created = [entry["message"]["id"] for entry in logs["logs"]
               if entry["$type"] == "chat.bsky.convo.defs#logCreateMessage"]
    assert created == [sent["id"], reply["id"]]
    assert chat(net, brand, "chat.bsky.convo.getLog",
                params={"cursor": logs["cursor"]}).json()["logs"] == []

    other = create_account(net, "cust")
    send_dm(net, other, brand, "Et moi ?")
    convos = chat(net, brand, "chat.bsky.convo.listConvos").json()["convos"]
    assert len({c["id"] for c in convos}) == 2
    assert convos[0]["lastMessage"]["text"] == "Et moi ?"  # most recent first


def _b64url_raw(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64(obj: dict) -> str:
    return _b64url_raw(json.dumps(obj).encode())


def test_chat_server_rejects_forged_tokens(bsky_network, bsky_chat, customer):
    net = bsky_network
    url = f"{bsky_chat.url}/xrpc/chat.bsky.convo.listConvos"
    now = int(time.time())
    claims = {"iss": customer.did, "aud": net.chat_did, "lxm": "chat.bsky.convo.listConvos",
              "iat": now, "exp": now + 60}
    key = ec.generate_private_key(ec.SECP256K1())  # not the customer's key
    signing_input = f"{_b64({'typ': 'JWT', 'alg': 'ES256K'})}.{_b64(claims)}"
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    forged = f"{signing_input}.{_b64url_raw(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"
    unsigned = f"{_b64({'typ': 'JWT', 'alg': 'none'})}.{_b64(claims)}."
    for token, error in [(None, "AuthMissing"), (unsigned, "BadJwtSignature"),
                         (forged, "BadJwtSignature")]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        resp = httpx.get(url, headers=headers)
        assert resp.status_code == 401, resp.text
        assert resp.json()["error"] == error

    # A real token from the customer's PDS works, but only for the method it names.
    real = xrpc(net, customer, "com.atproto.server.getServiceAuth",
                params={"aud": net.chat_did, "lxm": "chat.bsky.convo.listConvos"}).json()
    auth = {"Authorization": f"Bearer {real['token']}"}
    assert httpx.get(url, headers=auth).json() == {"convos": []}
    other = httpx.get(f"{bsky_chat.url}/xrpc/chat.bsky.convo.getLog", headers=auth)
    assert (other.status_code, other.json()["error"]) == (401, "BadJwtLexiconMethod")
    assert not bsky_chat.messages()


def test_dm_refused_until_the_recipient_follows_the_sender(bsky_network, bsky_chat, brand,
                                                           customer):
    net = bsky_network
    bsky_chat.allow_incoming[customer.did] = "following"  # the customer's chat setting
    with pytest.raises(XrpcError) as refused:
        send_dm(net, brand, customer, "Pouvez-vous nous envoyer votre numéro de commande ?")
    # The chat service's error passes through the PDS unchanged.
    assert refused.value.status == 400
    assert refused.value.error == "NotFollowedBySender"
    assert refused.value.message == ("recipient requires incoming messages to come from "
                                     "someone they follow")
    assert not bsky_chat.messages()

    # A customer who wrote first can be answered whatever their setting.
    other = create_account(net, "cust")
    bsky_chat.allow_incoming[other.did] = "following"
    send_dm(net, other, brand, "Bonjour")
    send_dm(net, brand, other, "Bonjour, que pouvons-nous faire pour vous ?")

    follow(net, customer, brand)
    wait_until(net, lambda: xrpc(net, customer, "app.bsky.graph.getRelationships", params={
        "actor": customer.did, "others": [brand.did]}).json()["relationships"][0]
        .get("following"))
    send_dm(net, brand, customer, "Pouvez-vous nous envoyer votre numéro de commande ?")
    assert [m.sender for m in bsky_chat.messages()] == [other.did, brand.did, brand.did]


def test_app_password_without_dm_access_is_refused_by_the_pds(bsky_network, bsky_chat,
                                                              brand, customer):
    net = bsky_network
    plain = login(net, brand.handle, create_app_password(net, brand, privileged=False))
    with pytest.raises(XrpcError) as refused:
        send_dm(net, plain["accessJwt"], customer, "Bonjour")
    assert (refused.value.status, refused.value.error, refused.value.message) == (
        400, "InvalidToken", "Bad token method")
    assert not bsky_chat.calls  # refused by the PDS, never forwarded
    # The same app password still reads notifications.
    assert notifications(net, brand, token=plain["accessJwt"]) == []

    privileged = login(net, brand.handle, create_app_password(net, brand, privileged=True))
    send_dm(net, privileged["accessJwt"], customer, "Bonjour")
    assert [m.sender for m in bsky_chat.messages()] == [brand.did]


def test_expired_access_token_is_refused_with_expired_token(bsky_network, brand):
    net = bsky_network
    expired = mint_expired_access_token(net, brand)
    for call in (lambda: notifications(net, brand, token=expired),
                 lambda: chat(net, expired, "chat.bsky.convo.listConvos")):
        with pytest.raises(XrpcError) as refused:
            call()
        assert (refused.value.status, refused.value.error) == (400, "ExpiredToken")
        assert refused.value.message == "Token has expired"
    # The refresh token still gives a working session.
    fresh = refresh_session(net, brand.refresh_jwt)
    assert notifications(net, brand, token=fresh["accessJwt"]) == []
