"""How long a reply is, counted as each network counts it (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .model import Network

# Mastodon: every http(s) link counts as characters_reserved_per_url (23); a mention counts as
# its local part only ("@alice@example.social" → "@alice").
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w/])@(\w+)@[\w.-]+\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Limit:
    max_characters: int = 500
    characters_reserved_per_url: int = 23


def mastodon_length(text: str, limit: Limit = Limit()) -> int:
    text = _MENTION.sub(lambda m: "@" + m.group(1), text)
    urls = _URL.findall(text)
    rest = _URL.sub("", text)
    return len(rest) + len(urls) * limit.characters_reserved_per_url


BLUESKY_MAX_GRAPHEMES = 300
_GRAPHEME = regex.compile(r"\X")


def bluesky_length(text: str) -> int:
    """Bluesky counts extended grapheme clusters (UAX #29): "👨‍👩‍👧" is 1, "é" is 1 whether
    precomposed or not, "👍🏽" is 1."""
    return sum(1 for _ in _GRAPHEME.finditer(text))


def reply_length(network: Network, text: str, limit: Limit = Limit()) -> tuple[int, int]:
    """(length, maximum) for a reply on ``network``."""
    if network is Network.MASTODON:
        return mastodon_length(text, limit), limit.max_characters
    return bluesky_length(text), BLUESKY_MAX_GRAPHEMES
