"""Pure parts of the Bluesky adapter: facets on UTF-8 bytes, TIDs, records → messages."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest

from relais.core.clients.bluesky_auth import (
    SCOPE_APP,
    SCOPE_APP_PRIVILEGED,
    SCOPE_MAIN,
    DmAccessMissing,
    has_dm_access,
    make_secret,
    normalize_identifier,
    pds_of,
    read_secret,
    scope_of,
)
from relais.core.clients.bluesky_parse import (
    AtUri,
    TidClock,
    byte_span,
    chat_message,
    facets_html,
    is_tid,
    iso,
    jwt_claims,
    link_facets,
    mention_facets,
    new_tid,
    parse_time,
    post_message,
    post_url,
    tid_from,
    tid_micros,
)
from relais.core.errors import RequestRefused
from relais.core.model import Kind, Network, Person

DID = "did:plc:abc"


def _slice(text: str, facet: dict) -> str:
    i = facet["index"]
    return text.encode("utf-8")[i["byteStart"]:i["byteEnd"]].decode("utf-8")


@pytest.mark.parametrize(("text", "start"), [
    ("@x.test", 0),
    ("é @x.test", 3),  # é is 2 bytes, then a space
    ("👍🏽 @x.test", 9),  # 👍 4 bytes + 🏽 4 bytes + space
    ("café @x.test 🎉", 6),
    ("👨‍👩‍👧 merci @x.test!", 25),
])
def test_mention_facet_byte_offsets(text: str, start: int) -> None:
    [facet] = mention_facets(text, {"x.test": DID})
    assert facet["index"] == {"byteStart": start, "byteEnd": start + len("@x.test")}
    assert _slice(text, facet) == "@x.test"
    assert facet["features"] == [{"$type": "app.bsky.richtext.facet#mention", "did": DID}]


def test_mention_facet_not_on_a_longer_handle_or_an_email() -> None:
    assert mention_facets("@x.testing and a@x.test", {"x.test": DID}) == []
    assert len(mention_facets("@X.Test, @x.test.", {"x.test": DID})) == 2


def test_code_point_offsets_would_be_wrong() -> None:
    text = "café @x.test 🎉"
    assert text.index("@") == 5  # code points: one less than the byte offset
    assert byte_span(text, 5, 12) == (6, 13)


def test_link_facets_on_bytes() -> None:
    text = "Voilà: https://exemple.fr/aide?q=é. 🎉"
    [facet] = link_facets(text)
    assert _slice(text, facet) == "https://exemple.fr/aide?q=é"
    assert facet["features"][0]["uri"] == "https://exemple.fr/aide?q=é"


def test_facets_html_keeps_links_and_escapes() -> None:
    text = "<b>café</b> @x.test 🎉"
    facets = mention_facets(text, {"x.test": DID})
    html = facets_html(text, facets)
    assert html == ('&lt;b&gt;café&lt;/b&gt; <a href="https://bsky.app/profile/did:plc:abc">'
                    '@x.test</a> 🎉')
    # broken facets (out of range, mid-character) are ignored, never crash
    assert facets_html("é", [{"index": {"byteStart": 0, "byteEnd": 1},
                              "features": [{"$type": "app.bsky.richtext.facet#link",
                                            "uri": "https://a.b"}]}]) is None
    assert facets_html("ab", [{"index": {"byteStart": 0, "byteEnd": 9}, "features": []}]) is None


def test_tid_shape_and_order() -> None:
    clock = TidClock(now_us=lambda: 1_700_000_000_000_000, clock_id=7)
    a, b, c = clock.next(), clock.next(), clock.next()  # the clock stalls: still increasing
    assert all(is_tid(t) and len(t) == 13 for t in (a, b, c))
    assert a < b < c
    assert tid_micros(a) == 1_700_000_000_000_000
    assert tid_micros(b) == tid_micros(a) + 1
    fresh = [new_tid() for _ in range(200)]
    assert fresh == sorted(fresh) and len(set(fresh)) == 200
    assert all(is_tid(t) for t in fresh)
    # the spec's example shape: first char limited (top bit 0)
    assert tid_from(0, 0) == "2222222222222"
    assert not is_tid("z222222222222") and not is_tid("3jzfcijpj2z2")


def test_at_uri_and_post_url() -> None:
    uri = "at://did:plc:abc/app.bsky.feed.post/3kxyz"
    at = AtUri.parse(uri)
    assert (at.repo, at.collection, at.rkey) == ("did:plc:abc", "app.bsky.feed.post", "3kxyz")
    assert str(at) == uri
    assert post_url(uri, "alice.test") == "https://bsky.app/profile/alice.test/post/3kxyz"
    with pytest.raises(ValueError):
        AtUri.parse("https://bsky.app")


def test_times() -> None:
    assert parse_time("2024-05-01T12:00:00.123Z") == datetime(2024, 5, 1, 12, 0, 0, 123000, UTC)
    assert parse_time("2024-05-01T12:00:00.123456789+02:00") == datetime(
        2024, 5, 1, 10, 0, 0, 123456, UTC)
    assert parse_time("nope") is None and parse_time(None) is None
    assert iso(datetime(2024, 5, 1, 12, 0, 0, 123456, UTC)) == "2024-05-01T12:00:00.123Z"


def test_post_message() -> None:
    author = Person(Network.BLUESKY, "did:plc:cust", "cust.test", "Cust", 42)
    record = {"text": "Bonjour 🎉", "createdAt": "2024-05-01T12:00:00Z", "langs": ["fr"],
              "reply": {"root": {"uri": "at://r/app.bsky.feed.post/1", "cid": "c1"},
                        "parent": {"uri": "at://p/app.bsky.feed.post/2", "cid": "c2"}},
              "embed": {"$type": "app.bsky.embed.images",
                        "images": [{"alt": "a cat", "image": {}}]}}
    m = post_message("at://did:plc:cust/app.bsky.feed.post/3", record, author,
                     account_id=5, brand_did="did:plc:brand")
    assert m.external_id == "at://did:plc:cust/app.bsky.feed.post/3"
    assert m.kind is Kind.PUBLIC and m.text == "Bonjour 🎉" and m.language == "fr"
    assert m.in_reply_to == "at://p/app.bsky.feed.post/2"
    assert m.thread_root == "at://r/app.bsky.feed.post/1"
    assert m.url == "https://bsky.app/profile/cust.test/post/3"
    assert m.author.followers_count == 42 and not m.from_brand
    assert m.media_descriptions == ("a cat",) and m.account_ids == (5,)
    top = post_message("at://x/app.bsky.feed.post/9", {"text": "hi"}, author, account_id=5,
                       brand_did="did:plc:cust", indexed_at="2024-01-01T00:00:00Z")
    assert top.thread_root is None and top.in_reply_to is None and top.from_brand
    assert top.created_at == datetime(2024, 1, 1, tzinfo=UTC)


def test_chat_message() -> None:
    brand = Person(Network.BLUESKY, "did:plc:brand", "brand.test")
    m = chat_message({"id": "m1", "rev": "r", "text": "salut", "sender": {"did": brand.external_id},
                      "sentAt": "2024-05-01T12:00:00Z"}, "convo1", brand, account_id=1,
                     brand_did="did:plc:brand")
    assert m.kind is Kind.PRIVATE and m.conversation_key == "convo1" and m.from_brand
    assert m.external_id == "m1"


def _jwt(claims: dict) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
    return f"{enc({'alg': 'HS256'})}.{enc(claims)}.sig"


def test_scope_from_the_access_token() -> None:
    assert jwt_claims("garbage") == {}
    assert scope_of(_jwt({"scope": SCOPE_APP})) == "com.atproto.appPass"
    assert not has_dm_access(SCOPE_APP)
    assert has_dm_access(SCOPE_APP_PRIVILEGED) and has_dm_access(SCOPE_MAIN)
    assert SCOPE_MAIN == "com.atproto.access"


def test_secret_round_trip_and_identifiers() -> None:
    s = make_secret(did=DID, pds="https://pds", app_password="aaaa-bbbb", refresh="r", access="a")
    data = read_secret(s)
    assert data["refresh"] == "r" and data["app_password"] == "aaaa-bbbb" and data["did"] == DID
    with pytest.raises(ValueError):
        read_secret("a bare token")
    assert normalize_identifier(" @Alice.Bsky.Social ") == "alice.bsky.social"
    assert normalize_identifier("did:plc:AbC") == "did:plc:AbC"
    doc = {"service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                        "serviceEndpoint": "https://pds.example/"}]}
    assert pds_of(doc) == "https://pds.example"
    assert pds_of({"service": [{"id": f"{DID}#atproto_pds", "serviceEndpoint": "https://x"}]}) \
        == "https://x"
    assert pds_of({}) is None
    assert isinstance(DmAccessMissing(), RequestRefused)
