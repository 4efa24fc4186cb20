"""A reply's length as Mastodon counts it: links as 23, mentions as their local part."""

from __future__ import annotations

import pytest

from relais.core.counting import Limit, mastodon_length, reply_length
from relais.core.model import Network


@pytest.mark.parametrize(("text", "expected"), [
    ("Bonjour !", 9),
    ("Voir https://exemple.fr/une/page/tres/longue?x=1", 5 + 23),
    ("@camille@mastodon.social merci", len("@camille merci")),
    ("@camille merci", 14),
    ("écrivez à support@boutique.fr", len("écrivez à support@boutique.fr")),  # an e-mail
    ("http://a.fr et https://b.fr", 4 + 2 * 23),
])
def test_mastodon_counts_links_and_mentions_as_mastodon_does(text: str, expected: int) -> None:
    assert mastodon_length(text) == expected


def test_the_servers_limits_apply() -> None:
    limit = Limit(max_characters=1000, characters_reserved_per_url=30)
    assert reply_length(Network.MASTODON, "lien https://x.fr", limit) == (5 + 30, 1000)


def test_the_count_includes_the_mention_the_channel_adds() -> None:
    from relais.core.counting import as_sent, reply_length
    from relais.core.model import Kind

    assert as_sent(Network.MASTODON, Kind.PUBLIC, "Merci !", "anne") == "@anne Merci !"
    assert as_sent(Network.MASTODON, Kind.PUBLIC, "@Anne merci", "anne") == "@Anne merci"
    assert as_sent(Network.MASTODON, Kind.PRIVATE, "Votre numéro ?", "bob@other.social") \
        == "@bob@other.social Votre numéro ?"  # a Mastodon DM is a status: it mentions
    assert as_sent(Network.BLUESKY, Kind.PRIVATE, "Votre numéro ?", "bob.bsky.social") \
        == "Votre numéro ?"  # a Bluesky DM is a chat message: no mention
    # Mastodon counts a remote mention as its local part: "@bob " + 14
    assert reply_length(Network.MASTODON, "Votre numéro ?", kind=Kind.PRIVATE,
                        mention="bob@other.social") == (5 + 14, 500)
    assert reply_length(Network.BLUESKY, "x" * 290, mention="cust.bsky.social") \
        == (290 + 18, 300)  # over: the customer's handle is added in front
    assert reply_length(Network.BLUESKY, "x" * 900, kind=Kind.PRIVATE) == (900, 1000)
