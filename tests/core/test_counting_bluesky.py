"""Bluesky counts a reply in graphemes (user-perceived characters), 300 at most."""

from __future__ import annotations

import unicodedata

import pytest

from relais.core.counting import BLUESKY_MAX_GRAPHEMES, bluesky_length, reply_length
from relais.core.model import Network


@pytest.mark.parametrize(("text", "n"), [
    ("", 0),
    ("abc", 3),
    ("café", 4),
    (unicodedata.normalize("NFD", "café"), 4),  # e + combining acute: still one grapheme
    ("👨‍👩‍👧", 1),  # a ZWJ family: 5 code points, 1 grapheme
    ("👍🏽", 1),  # emoji + skin tone modifier
    ("🇫🇷", 1),  # a flag: two regional indicators
    ("café @x.test 🎉", 14),
    ("\r\n", 1),
])
def test_graphemes(text: str, n: int) -> None:
    assert bluesky_length(text) == n


def test_reply_length_for_bluesky_is_graphemes_out_of_300() -> None:
    assert reply_length(Network.BLUESKY, "👨‍👩‍👧" * 300) == (300, BLUESKY_MAX_GRAPHEMES)
    assert reply_length(Network.BLUESKY, "👨‍👩‍👧" * 301)[0] == 301
    assert BLUESKY_MAX_GRAPHEMES == 300
    # code points would say 1500, UTF-16 units 2400: neither is what Bluesky counts
    assert len("👨‍👩‍👧" * 300) == 1500


def test_mastodon_counting_unchanged() -> None:
    assert reply_length(Network.MASTODON, "👨‍👩‍👧") == (5, 500)
