"""In-memory channels that page the way the real networks do, for the engine's own tests.

The network adapters themselves are tested over real HTTP against real servers (Mastodon and
Bluesky issues); these only check that the engine drives any paging style correctly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relais.core.channel import Page, SyncState
from relais.core.errors import Offline
from relais.core.model import Message, Network, Reply, SentRef


@dataclass
class ForwardChannel:
    """Mastodon-like: ids grow; new items paged forward with ``min_id``; backfill by ``max_id``."""

    account_id: int
    items: list[Message]  # oldest first; external ids are increasing integers as strings
    limit: int = 5
    floor: int = 12  # the backfill takes at most this many items
    fail_after: int | None = None  # raise Offline after this many calls
    network: Network = Network.MASTODON
    streams: tuple[str, ...] = ("notifications",)
    calls: int = 0
    sent: list[Reply] = field(default_factory=list)

    def _tick(self) -> None:
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise Offline("mastodon", "unreachable")

    async def fetch_new(self, stream: str, state: SyncState) -> Page:
        self._tick()
        if "min_id" not in state:  # first ever pass: the newest page, and remember where it ends
            page = self.items[-self.limit:]
        else:
            newer = [m for m in self.items if int(m.external_id) > int(state["min_id"])]
            page = newer[: self.limit]
        top = page[-1].external_id if page else state.get("min_id", "0")
        return Page(stream, tuple(page), {"min_id": top}, done=len(page) < self.limit or
                    "min_id" not in state)

    async def backfill(self, stream: str, state: SyncState) -> Page:
        self._tick()
        taken = state.get("taken", 0)
        older = [m for m in self.items if "max_id" not in state or
                 int(m.external_id) < int(state["max_id"])]
        page = older[-self.limit:][-(self.floor - taken):] if taken < self.floor else []
        nxt = {"max_id": page[0].external_id if page else state.get("max_id"),
               "taken": taken + len(page)}
        return Page(stream, tuple(page), nxt, done=not page or nxt["taken"] >= self.floor,
                    backfill=True)

    async def send(self, reply: Reply) -> SentRef:
        self._tick()
        self.sent.append(reply)
        return SentRef(f"r{len(self.sent)}")

    async def find_sent(self, reply: Reply) -> SentRef | None:
        for i, r in enumerate(self.sent):
            if r.idempotency_key == reply.idempotency_key:
                return SentRef(f"r{i + 1}")
        return None

    async def aclose(self) -> None:
        pass


@dataclass
class BackwardChannel(ForwardChannel):
    """Bluesky-like: a cursor that only walks backwards from the newest; "new" stops at a mark."""

    network: Network = Network.BLUESKY

    async def fetch_new(self, stream: str, state: SyncState) -> Page:
        self._tick()
        hwm = int(state.get("hwm", 0))
        cursor = state.get("cursor")
        newest_first = sorted(self.items, key=lambda m: -int(m.external_id))
        if cursor is not None:
            newest_first = [m for m in newest_first if int(m.external_id) < int(cursor)]
        page = newest_first[: self.limit]
        fresh = [m for m in page if int(m.external_id) > hwm]
        top = state.get("pass_top") or (page[0].external_id if page else str(hwm))
        if "hwm" not in state:  # first ever pass: the newest page; the backfill does the rest
            return Page(stream, tuple(page), {"hwm": top}, done=True)
        if len(fresh) < len(page) or len(page) < self.limit:  # met the mark, or the end
            return Page(stream, tuple(fresh), {"hwm": top}, done=True)
        return Page(stream, tuple(fresh), {"hwm": str(hwm), "cursor": page[-1].external_id,
                                           "pass_top": top}, done=False)
