"""How long a reply is, counted as each network counts it (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .model import Kind, Network

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


@cache
def _grapheme():  # noqa: ANN202
    import regex  # (10 ms to import: not before the window's first paint)

    return regex.compile(r"\X")


def bluesky_length(text: str) -> int:
    """Bluesky counts extended grapheme clusters (UAX #29): "👨‍👩‍👧" is 1, "é" is 1 whether
    precomposed or not, "👍🏽" is 1."""
    return sum(1 for _ in _grapheme().finditer(text))


BLUESKY_DM_MAX_GRAPHEMES = 1000  # chat.bsky.convo.defs#messageInput


def as_sent(network: Network, kind: Kind, text: str, mention: str = "") -> str:
    """The text as the channel will post it: a public reply (and any Mastodon reply, a DM
    included) starts with "@customer " when the customer is not mentioned yet."""
    if not mention or (network is Network.BLUESKY and kind is Kind.PRIVATE):
        return text
    if re.search(rf"(?<![\w@])@{re.escape(mention)}(?![\w@-]|\.\w)", text, re.IGNORECASE):
        return text
    return f"@{mention} {text}"


def reply_length(network: Network, text: str, limit: Limit = Limit(), *,
                 kind: Kind = Kind.PUBLIC, mention: str = "") -> tuple[int, int]:
    """(length, maximum) for a reply on ``network``, counted on the text as it will be sent
    (``mention``: the customer's handle, added by the channel when missing)."""
    text = as_sent(network, kind, text, mention)
    if network is Network.MASTODON:
        return mastodon_length(text, limit), limit.max_characters
    if kind is Kind.PRIVATE:
        return bluesky_length(text), BLUESKY_DM_MAX_GRAPHEMES
    return bluesky_length(text), BLUESKY_MAX_GRAPHEMES
