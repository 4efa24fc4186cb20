"""Mastodon JSON → domain objects: statuses, accounts, HTML → sanitised HTML and plain text."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import nh3

from ..model import Kind, Message, Network, Person

_TAGS = {"p", "br", "a", "span", "b", "strong", "i", "em", "u", "s", "del", "code", "pre",
         "blockquote", "ul", "ol", "li"}
_ATTRIBUTES = {"a": {"href", "class", "title"}, "span": {"class"}, "ol": {"start", "reversed"},
               "li": {"value"}}
_BLOCKS = {"p", "blockquote", "pre", "ul", "ol"}


def sanitize_html(html: str) -> str:
    """Keep Mastodon's formatting (paragraphs, links, mentions), drop anything else."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel="nofollow noopener noreferrer",
                     url_schemes={"http", "https", "mailto"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0  # inside <script>/<style>: never text

    def _newlines(self, n: int) -> None:
        if not self.parts:
            return
        tail = "".join(self.parts[-2:])
        have = len(tail) - len(tail.rstrip("\n"))
        if have < n:
            self.parts.append("\n" * (n - have))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._newlines(2)
        elif tag == "li":
            self._newlines(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._newlines(2)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text: paragraphs → blank lines, ``<br>`` → newlines, links → their text
    (a mention's link text is ``@user``), entities decoded."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def parse_time(value: str | None) -> datetime | None:
    """Mastodon timestamps (``…Z`` or ``…+00:00``, with or without fraction) → aware UTC."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def person(account: dict[str, Any]) -> Person:
    return Person(
        network=Network.MASTODON,
        external_id=str(account["id"]),
        handle=str(account.get("acct") or account.get("username") or ""),
        display_name=str(account.get("display_name") or ""),
        followers_count=int(account.get("followers_count") or 0),
    )


def status_message(
    status: dict[str, Any],
    *,
    account_id: int,
    brand_id: str,
    thread_root: str | None = None,
    conversation_key: str | None = None,
) -> Message:
    """One status → a Message. ``thread_root``: the thread's first status id, when known."""
    sid = str(status["id"])
    raw = str(status.get("content") or "")
    direct = status.get("visibility") == "direct"
    parent = status.get("in_reply_to_id")
    author = person(status["account"])
    media = tuple(str(m["description"]) for m in status.get("media_attachments") or ()
                  if m.get("description"))
    root = thread_root if thread_root and thread_root != sid else None
    if direct and conversation_key is None:
        conversation_key = root or sid
    created = parse_time(status.get("created_at")) or datetime.fromtimestamp(0, UTC)
    return Message(
        network=Network.MASTODON,
        external_id=sid,
        author=author,
        kind=Kind.PRIVATE if direct else Kind.PUBLIC,
        text=html_to_text(raw),
        created_at=created,
        account_ids=(account_id,),
        html=sanitize_html(raw) if raw else None,
        content_warning=str(status.get("spoiler_text") or ""),
        media_descriptions=media,
        url=str(status.get("url") or status.get("uri") or ""),
        in_reply_to=str(parent) if parent is not None else None,
        thread_root=root,
        edited_at=parse_time(status.get("edited_at")),
        language=status.get("language") or None,
        from_brand=author.external_id == brand_id,
        conversation_key=conversation_key if direct else None,
    )


def id_key(value: str | int) -> tuple[int, str]:
    """Sort key for Mastodon ids: numeric strings of varying length compare as numbers."""
    text = str(value)
    return (int(text), text) if text.isdigit() else (0, text)


_MENTION = re.compile(r"^(?:@[\w.\-]+(?:@[\w.\-]+)?\s+)+")


def comparable(text: str) -> str:
    """A reply's text without its leading mentions and extra whitespace, for ``find_sent``."""
    return " ".join(_MENTION.sub("", text.strip()).split())
