"""What core needs from the local cache. ``relais.storage.SqlStore`` implements it.

core depends on this Protocol only, so it never imports storage (or SQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .channel import Page, SyncState
from .model import Reply, SentRef, Sentiment


@dataclass(frozen=True, slots=True)
class SaveResult:
    new_messages: int
    updated_messages: int
    conversations_touched: tuple[int, ...] = ()


class Store(Protocol):
    def load_state(self, account_id: int, stream: str, *, backfill: bool = False) -> SyncState | None:
        """The state saved with the last page of that stream; None if never synced."""

    def save_page(self, account_id: int, page: Page, now: datetime) -> SaveResult:
        """Messages, people, deletions and the page's next state, in one transaction."""

    def claim_reply(self, worker: str, now: datetime, *, stale_after_s: float = 300) -> Reply | None:
        """Atomically move the oldest queued reply (or a stale ``sending`` one) to ``sending``."""

    def mark_sent(self, reply_id: int, ref: SentRef, now: datetime) -> None:
        """The reply is sent: its conversation is answered at ``now``."""

    def mark_failed(self, reply_id: int, error: str, now: datetime, *, retry: bool) -> None:
        """Back to ``queued`` (``retry``) or ``failed`` with the error kept."""

    def mark_needs_reconnect(self, account_id: int) -> None:
        """The server refused the account's login: stop syncing it until it is signed in again."""

    def watch_list(self, account_id: int, since: datetime, limit: int = 200) -> list[str]:
        """External ids of the customer messages still waiting for an answer, newest first:
        the ones whose edits and deletions the sync looks for."""

    def set_sentiments(self, updates: Sequence[tuple[str, str, Sentiment]], now: datetime
                       ) -> tuple[int, ...]:
        """A better verdict for some messages ((network, external id, sentiment)): their
        conversations show and rank by it. Returns the conversations changed."""

    def set_post_limits(self, account_id: int, max_characters: int,
                        characters_per_url: int) -> None:
        """The server's limits for a post (its reply counter)."""

    def set_remote_ref(self, reply_id: int, ref: str) -> None:
        """Record a network reference chosen before the call (a Bluesky TID), committed first."""
