"""AT Protocol JSON → domain objects, and the small formats a Bluesky client must get exactly right.

- Posts (``app.bsky.feed.post`` records inside ``app.bsky.feed.defs#postView`` or a notification)
  and chat messages (``chat.bsky.convo.defs#messageView``) → :class:`~core.model.Message`.
- Rich text facets (``app.bsky.richtext.facet``): their ``index`` counts UTF-8 BYTES of the text,
  not code points or graphemes: "café" is 5 bytes, "👍🏽" 8. Mentions we write get byte offsets;
  facets we read are kept as sanitised HTML (links keep their full URI, which the text often
  shortens).
- Record keys: TIDs (``com.atproto`` "tid" format): 64 bits = 0, 53 bits of microseconds since
  the epoch, 10 bits of clock id, written in base32-sortable (``234567a…z``), 13 characters.
- JWT payloads are decoded, never verified (only to read the session's ``scope``).
"""

from __future__ import annotations

import base64
import html
import json
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..model import Kind, Message, Network, Person

POST = "app.bsky.feed.post"
APP_URL = "https://bsky.app"
MENTION = "app.bsky.richtext.facet#mention"
LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"

# --- time ---------------------------------------------------------------------------------


def parse_time(value: object) -> datetime | None:
    """An AT Protocol datetime (``2024-05-01T12:00:00.000Z``, any precision or offset) → aware
    UTC; None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:  # Python 3.11 reads "Z", offsets and any number of fraction digits
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        text = value.strip()
        if not text.endswith(("z", "Z")):  # (a lower-case "z" is RFC 3339 too)
            return None
        try:
            when = datetime.fromisoformat(text[:-1] + "+00:00")
        except ValueError:
            return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def iso(when: datetime) -> str:
    """An aware datetime → the AT Protocol's preferred form (UTC, milliseconds, ``Z``)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


# --- high-water marks of the backwards-paged streams -------------------------------------


def mark_of(items: list[dict[str, Any]], key: Callable[[dict[str, Any]], tuple[datetime, str]]
          ) -> dict[str, Any] | None:
    if not items:
        return None
    top = max(key(i)[0] for i in items)
    return {"at": top.isoformat(), "ids": sorted(key(i)[1] for i in items if key(i)[0] == top)}


def seen_by(when: datetime, ident: str, mark: Mapping[str, Any] | None) -> bool:
    """At or below the high-water mark: already fetched by an earlier pass."""
    at = parse_time((mark or {}).get("at"))
    if at is None:
        return False
    return when < at or (when == at and ident in (mark or {}).get("ids", ()))


def note_key(n: dict[str, Any]) -> tuple[datetime, str]:
    return parse_time(n.get("indexedAt")) or datetime.fromtimestamp(0, UTC), str(n.get("uri"))


def feed_key(item: dict[str, Any]) -> tuple[datetime, str]:
    """The AppView's sortAt: a repost's time, else min(indexedAt, createdAt)."""
    post = item.get("post") or {}
    reason = item.get("reason") or {}
    if reason.get("indexedAt"):
        return parse_time(reason["indexedAt"]) or datetime.fromtimestamp(0, UTC), str(post.get("uri"))
    times = [t for t in (parse_time(post.get("indexedAt")),
                         parse_time((post.get("record") or {}).get("createdAt"))) if t]
    return (min(times) if times else datetime.fromtimestamp(0, UTC)), str(post.get("uri"))


# --- TIDs ---------------------------------------------------------------------------------

_S32 = "234567abcdefghijklmnopqrstuvwxyz"
_TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")


def tid_from(micros: int, clock_id: int) -> str:
    value = ((micros & ((1 << 53) - 1)) << 10) | (clock_id & 0x3FF)
    out = []
    for _ in range(13):
        out.append(_S32[value & 31])
        value >>= 5
    return "".join(reversed(out))


def tid_micros(tid: str) -> int:
    value = 0
    for ch in tid:
        value = value * 32 + _S32.index(ch)
    return value >> 10


def is_tid(text: str) -> bool:
    return bool(_TID.match(text or ""))


class TidClock:
    """Fresh TIDs, strictly increasing within this process even if the wall clock stalls."""

    def __init__(self, now_us=lambda: time.time_ns() // 1000, clock_id: int | None = None) -> None:
        self._now = now_us
        self._clock_id = random.randrange(1024) if clock_id is None else clock_id
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            micros = max(int(self._now()), self._last + 1)
            self._last = micros
        return tid_from(micros, self._clock_id)


_CLOCK = TidClock()


def new_tid() -> str:
    return _CLOCK.next()


# --- AT URIs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AtUri:
    repo: str  # a DID (or a handle)
    collection: str
    rkey: str

    @classmethod
    def parse(cls, uri: str) -> AtUri:
        m = re.match(r"^at://([^/]+)/([^/]+)/([^/?#]+)$", uri or "")
        if not m:
            raise ValueError(f"not a record AT URI: {uri!r}")
        return cls(m.group(1), m.group(2), m.group(3))

    def __str__(self) -> str:
        return f"at://{self.repo}/{self.collection}/{self.rkey}"


def post_url(uri: str, handle: str = "") -> str:
    """``at://did/app.bsky.feed.post/rkey`` → ``https://bsky.app/profile/<handle>/post/<rkey>``."""
    try:
        at = AtUri.parse(uri)
    except ValueError:
        return ""
    return f"{APP_URL}/profile/{handle or at.repo}/post/{at.rkey}"


# --- JWT ----------------------------------------------------------------------------------


def jwt_claims(token: str) -> dict[str, Any]:
    """A JWT's payload, NOT verified (the server verifies it): {} when unreadable."""
    try:
        part = token.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (IndexError, ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


# --- facets -------------------------------------------------------------------------------


def byte_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A code-point slice ``text[start:end]`` → its UTF-8 byte offsets (what facets count)."""
    b = len(text[:start].encode("utf-8"))
    return b, b + len(text[start:end].encode("utf-8"))


_HANDLE_AT = r"(?<![\w@.])@({})(?![\w.-]*\w)"


def mention_facets(text: str, mentions: Mapping[str, str]) -> list[dict[str, Any]]:
    """A mention facet (UTF-8 byte offsets) for each ``@handle`` in ``text`` whose handle is
    in ``mentions`` (handle → DID), compared case-insensitively."""
    facets: list[dict[str, Any]] = []
    for handle, did in mentions.items():
        pattern = re.compile(_HANDLE_AT.format(re.escape(handle)), re.IGNORECASE)
        for m in pattern.finditer(text):
            start, end = byte_span(text, m.start(), m.end())
            facets.append({"$type": "app.bsky.richtext.facet",
                           "index": {"byteStart": start, "byteEnd": end},
                           "features": [{"$type": MENTION, "did": did}]})
    facets.sort(key=lambda f: f["index"]["byteStart"])
    return facets


_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]'’]", re.IGNORECASE)


def link_facets(text: str) -> list[dict[str, Any]]:
    """A link facet (UTF-8 byte offsets) for each http(s) URL in ``text``."""
    out = []
    for m in _URL.finditer(text):
        start, end = byte_span(text, m.start(), m.end())
        out.append({"$type": "app.bsky.richtext.facet",
                    "index": {"byteStart": start, "byteEnd": end},
                    "features": [{"$type": LINK, "uri": m.group(0)}]})
    return out


def mentioned_dids(facets: Iterable[Mapping[str, Any]] | None) -> list[str]:
    return [str(f.get("did")) for facet in facets or () for f in facet.get("features") or ()
            if f.get("$type") == MENTION and f.get("did")]


def _href(feature: Mapping[str, Any]) -> str | None:
    kind = feature.get("$type")
    if kind == MENTION and feature.get("did"):
        return f"{APP_URL}/profile/{feature['did']}"
    if kind == LINK and re.match(r"^https?://", str(feature.get("uri") or ""), re.IGNORECASE):
        return str(feature["uri"])
    if kind == TAG and feature.get("tag"):
        return f"{APP_URL}/hashtag/{feature['tag']}"
    return None


def facets_html(text: str, facets: Iterable[Mapping[str, Any]] | None) -> str | None:
    """Text + facets → escaped HTML with links; None without usable facets. Overlapping,
    out-of-range or mid-character facets are ignored (the text is kept as is)."""
    raw = text.encode("utf-8")
    spans: list[tuple[int, int, str]] = []
    for facet in facets or ():
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(raw):
            continue
        href = next((h for f in facet.get("features") or () if (h := _href(f))), None)
        if href:
            spans.append((start, end, href))
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, href in spans:
        if start < pos:
            continue
        try:
            label = raw[start:end].decode("utf-8")
            before = raw[pos:start].decode("utf-8")
        except UnicodeDecodeError:
            continue
        out.append(html.escape(before))
        out.append(f'<a href="{html.escape(href, quote=True)}">{html.escape(label)}</a>')
        pos = end
    if not out:
        return None
    out.append(html.escape(raw[pos:].decode("utf-8", errors="replace")))
    return "".join(out).replace("\n", "<br>")


# --- people and messages ------------------------------------------------------------------


def person(profile: Mapping[str, Any]) -> Person:
    """A profileView(Basic/Detailed) → Person keyed on the DID."""
    return Person(
        network=Network.BLUESKY,
        external_id=str(profile["did"]),
        handle=str(profile.get("handle") or ""),
        display_name=str(profile.get("displayName") or ""),
        followers_count=int(profile.get("followersCount") or 0),
    )


def _alts(embed: Mapping[str, Any] | None) -> tuple[str, ...]:
    if not embed:
        return ()
    media = embed.get("media") if isinstance(embed.get("media"), dict) else embed
    return tuple(str(i["alt"]) for i in media.get("images") or () if i.get("alt"))


def reply_refs(record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A post record's (parent URI, root URI), both None for a top-level post."""
    reply = record.get("reply") or {}
    parent = (reply.get("parent") or {}).get("uri")
    root = (reply.get("root") or {}).get("uri")
    return (str(parent) if parent else None), (str(root) if root else None)


def quoted_uri(record: Mapping[str, Any]) -> str | None:
    embed = record.get("embed") or {}
    inner = embed.get("record") or {}
    if isinstance(inner.get("record"), dict):  # recordWithMedia
        inner = inner["record"]
    uri = inner.get("uri")
    return str(uri) if uri else None


def post_message(
    uri: str,
    record: Mapping[str, Any],
    author: Person,
    *,
    account_id: int,
    brand_did: str,
    indexed_at: str | None = None,
) -> Message:
    """A post (its URI, its record, its author) → a public Message."""
    text = str(record.get("text") or "")
    parent, root = reply_refs(record)
    langs = record.get("langs") or ()
    created = (parse_time(record.get("createdAt")) or parse_time(indexed_at)
               or datetime.fromtimestamp(0, UTC))
    return Message(
        network=Network.BLUESKY,
        external_id=uri,
        author=author,
        kind=Kind.PUBLIC,
        text=text,
        created_at=created,
        account_ids=(account_id,),
        html=facets_html(text, record.get("facets")),
        media_descriptions=_alts(record.get("embed")),
        url=post_url(uri, author.handle),
        in_reply_to=parent,
        thread_root=root if root and root != uri else None,
        language=str(langs[0]) if langs else None,
        from_brand=author.external_id == brand_did,
    )


def view_message(post: Mapping[str, Any], *, account_id: int, brand_did: str,
                 people: Mapping[str, Person] | None = None) -> Message:
    """A ``postView`` → a Message (the author's followers count from ``people`` when known)."""
    did = str(post["author"]["did"])
    author = (people or {}).get(did) or person(post["author"])
    return post_message(str(post["uri"]), post.get("record") or {}, author,
                        account_id=account_id, brand_did=brand_did,
                        indexed_at=post.get("indexedAt"))


def chat_message(
    view: Mapping[str, Any],
    convo_id: str,
    sender: Person,
    *,
    account_id: int,
    brand_did: str,
) -> Message:
    """A chat ``messageView`` → a private Message keyed on its id, grouped by ``convo_id``."""
    text = str(view.get("text") or "")
    return Message(
        network=Network.BLUESKY,
        external_id=str(view["id"]),
        author=sender,
        kind=Kind.PRIVATE,
        text=text,
        created_at=parse_time(view.get("sentAt")) or datetime.fromtimestamp(0, UTC),
        account_ids=(account_id,),
        html=facets_html(text, view.get("facets")),
        from_brand=sender.external_id == brand_did,
        conversation_key=convo_id,
    )


def comparable(text: str) -> str:
    """Whitespace-normalised text, to recognise a message we sent (``find_sent``)."""
    return " ".join((text or "").split())
