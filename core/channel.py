"""The contract between the sync engine, the outbox and each network adapter.

Every network pages its own way, so the sync state is opaque to the engine: a JSON-able dict the
channel reads and returns, saved by the store in the same transaction as the messages it covers.

- Mastodon pages forward: ``fetch_new`` asks for ``min_id=<newest seen>`` and returns the next
  state ``{"min_id": <newest in page>}``; ``done`` once a page comes back short.
- Bluesky's notification cursor only walks backwards: "new" means "from the newest down to the
  saved high-water mark". The state carries ``{"hwm": <saved mark>, "cursor": <where this pass
  stopped>, "pass_top": <newest seen by this pass>}``; a crash mid-pass resumes at ``cursor``; when
  the pass meets ``hwm`` the channel returns ``{"hwm": pass_top}`` and ``done``.

Backfill (the first sync of an account) walks backwards with its own floor (a date and a count),
in its own state, also saved per page; ``done`` when the floor is reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .model import Message, Network, Person, Reply, SentRef

SyncState = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a stream, and the state that resumes right after it."""

    stream: str  # e.g. "notifications", "conversations", "chat"
    messages: tuple[Message, ...]
    next_state: SyncState
    done: bool  # nothing more to fetch in this pass
    people: tuple[Person, ...] = ()  # profiles refreshed by this page (followers counts, ...)
    deleted: tuple[str, ...] = ()  # external ids the network reports as deleted
    backfill: bool = False
    first_sync: bool = False  # the account's first pass: old conversations go to the backlog
    progress: tuple[int, int] | None = field(default=None)  # (fetched, expected) during backfill


class Channel(Protocol):
    """One brand account on one network, as the engine and the outbox see it."""

    network: Network
    account_id: int
    streams: tuple[str, ...]

    async def fetch_new(self, stream: str, state: SyncState) -> Page:
        """The next page of what is new since ``state``."""

    async def backfill(self, stream: str, state: SyncState) -> Page:
        """The next page of the first sync, walking backwards to the floor in ``state``."""

    async def send(self, reply: Reply) -> SentRef:
        """Post ``reply``; idempotent on ``reply.idempotency_key`` / ``reply.remote_ref``."""

    async def find_sent(self, reply: Reply) -> SentRef | None:
        """Look for ``reply`` on the network (after a crash mid-send): never send twice."""

    async def aclose(self) -> None:
        """Release connections."""


def merge_pages(pages: Sequence[Page]) -> Page:
    """Consecutive pages of one stream's pass as one page that, saved, leaves what saving them
    one after the other would: the last page's state and progress; a message met twice as
    last met (its account ids joined); a deletion that a later page's message undoes, dropped;
    each person as last met, on their messages too (the store takes a page's people, then its
    messages' authors)."""
    if len(pages) == 1:
        return pages[0]
    messages: dict[tuple[Network, str], Message] = {}
    deleted: dict[str, None] = {}
    people: dict[tuple[Network, str], Person] = {}
    for page in pages:
        for m in page.messages:  # (within a page the store applies messages, then deletions)
            before = messages.pop((m.network, m.external_id), None)
            if before is not None and before.account_ids != m.account_ids:
                m = replace(m, account_ids=tuple(dict.fromkeys(before.account_ids + m.account_ids)))
            messages[(m.network, m.external_id)] = m
            deleted.pop(m.external_id, None)
        deleted.update(dict.fromkeys(page.deleted))
        for p in (*page.people, *(m.author for m in page.messages)):
            people[(p.network, p.external_id)] = p
    merged = tuple(m if m.author == (p := people[(m.author.network, m.author.external_id)])
                   else replace(m, author=p) for m in messages.values())
    return replace(pages[-1], messages=merged, deleted=tuple(deleted),
                   people=tuple(people.values()))
