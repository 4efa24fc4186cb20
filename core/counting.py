"""How long a reply is, counted as each network counts it (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Network

# Mastodon: every http(s) link counts as characters_reserved_per_url (23); a mention counts as
# its local part only ("@alice@example.social" → "@alice").
_URL = re.compile(r"https?://[^\s<>\"]+", re.I)
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


def reply_length(network: Network, text: str, limit: Limit = Limit()) -> tuple[int, int]:
    """(length, maximum) for a reply on ``network``."""
    if network is Network.MASTODON:
        return mastodon_length(text, limit), limit.max_characters
    return len(text), limit.max_characters  # Bluesky (graphemes, 300) arrives with its issue
