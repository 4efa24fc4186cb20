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
