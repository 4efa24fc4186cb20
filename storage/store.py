"""SqlStore: core's Store Protocol over the SQLite cache.

``save_page`` is one unit of work: people, messages, their conversations' state and the stream's
next sync state commit together or not at all, so a crash neither loses nor duplicates.
"""

from __future__ import annotations

import os

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from ..core.channel import Page, SyncState
from ..core.model import Reply, ReplyState, SentRef, Sentiment, Status
from ..core.priority import recency_key
from ..core.store import SaveResult
from . import accounts, convert
from .page_writer import PageWriter, advance
from .ranking import Deadline, default_deadline, rerank
from .threads import replay
from .models import (
    ConversationRow,
    MessageRow,
    PersonRow,
    ReplyRow,
    SyncStateRow,
)

EXCERPT_CHARS = 280
_STATE = sqlite_insert(SyncStateRow.__table__)


class SqlStore:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        deadline: Deadline = default_deadline,
        backlog_after: timedelta = timedelta(hours=24),
    ) -> None:
        self._sessions = sessions
        self._deadline = deadline
        self._backlog_after = backlog_after

    # --- sync state -------------------------------------------------------------------------
    def load_state(self, account_id: int, stream: str, *, backfill: bool = False) -> SyncState | None:
        with self._sessions() as s:
            row = s.get(SyncStateRow, (account_id, stream, backfill))
            return dict(row.state) if row is not None else None

    def save_page(self, account_id: int, page: Page, now: datetime) -> SaveResult:
        with self._sessions.begin() as s:
            # Flushes happen where an id is needed; autoflush before every SELECT made a page
            # of 500 messages cost seconds.
            s.autoflush = False
            writer = PageWriter(s, account_id, now, deadline=self._deadline,
                                backlog_after=self._backlog_after,
                                first_sync=page.backfill or page.first_sync)
            new, updated = writer.write(page)
            touched = writer.touched
            for ext in page.deleted:
                n = s.execute(
                    update(MessageRow)
                    .where(MessageRow.external_id == ext)
                    .values(deleted=True)
                    .returning(MessageRow.conversation_id)
                ).scalars().all()
                touched.update(n)
            # one Core upsert: a merge() read the row, then flushed it through the ORM
            s.connection().execute(
                _STATE.on_conflict_do_update(
                    index_elements=["account_id", "stream", "backfill"],
                    set_={"state": _STATE.excluded.state, "updated_at": _STATE.excluded.updated_at}),
                {"account_id": account_id, "stream": page.stream, "backfill": page.backfill,
                 "state": page.next_state, "updated_at": now})
        return SaveResult(new, updated, tuple(sorted(touched)))

    # --- outbox -----------------------------------------------------------------------------
    def claim_reply(self, worker: str, now: datetime, *, stale_after_s: float = 300) -> Reply | None:
        """Atomically claim the oldest queued reply, or one whose sender died mid-send.

        Each claim is one UPDATE … WHERE state/claimant still match … RETURNING, so two
        processes (the GUI and a CLI sync) never claim the same reply. A ``sending`` reply is
        taken over when its claim is older than ``stale_after_s``, or at once when the
        claiming process (workers are named ``<kind>-<pid>``) is no longer alive.
        """
        stale = now - timedelta(seconds=stale_after_s)
        with self._sessions.begin() as s:
            candidates = s.execute(
                select(ReplyRow.id, ReplyRow.state, ReplyRow.claimed_by, ReplyRow.claimed_at)
                .where(ReplyRow.state.in_((ReplyState.QUEUED.value, ReplyState.SENDING.value)))
                .order_by(ReplyRow.id)
            ).all()
            for rid, state, claimant, claimed_at in candidates:
                if state == ReplyState.SENDING.value and not (
                    (claimed_at is not None and claimed_at < stale) or _dead(claimant)
                ):
                    continue
                row = s.scalar(
                    update(ReplyRow)
                    .where(ReplyRow.id == rid, ReplyRow.state == state,
                           ReplyRow.claimed_by.is_(None) if claimant is None
                           else ReplyRow.claimed_by == claimant)
                    .values(state=ReplyState.SENDING.value, claimed_by=worker, claimed_at=now,
                            attempts=ReplyRow.attempts + 1, updated_at=now)
                    .returning(ReplyRow)
                )
                if row is not None:
                    return convert.reply(row)
            return None

    def mark_needs_reconnect(self, account_id: int) -> None:
        from .accounts import mark_needs_reconnect

        mark_needs_reconnect(self._sessions, account_id)

    def watch_list(self, account_id: int, since: datetime, limit: int = 200) -> list[str]:
        with self._sessions() as s:
            return list(s.scalars(
                select(MessageRow.external_id)
                .join(ConversationRow, ConversationRow.id == MessageRow.conversation_id)
                .where(ConversationRow.account_id == account_id,
                       ConversationRow.status == Status.WAITING.value,
                       MessageRow.from_brand.is_(False), MessageRow.deleted.is_(False),
                       MessageRow.created_at >= since)
                .order_by(MessageRow.created_at.desc()).limit(limit)))

    def set_sentiments(self, updates: Sequence[tuple[str, str, Sentiment]], now: datetime
                       ) -> tuple[int, ...]:
        convs: set[int] = set()
        with self._sessions.begin() as s:
            for network, ext, sent in updates:
                convs.update(s.scalars(
                    update(MessageRow)
                    .where(MessageRow.network == network, MessageRow.external_id == ext)
                    .values(sentiment_label=sent.label.value, sentiment_score=sent.score)
                    .returning(MessageRow.conversation_id)))
            for conv in s.scalars(select(ConversationRow).where(
                    ConversationRow.id.in_(sorted(convs)))):
                replay(s, conv, now=now, backlog_after=self._backlog_after, advance=advance)
                customer = s.get(PersonRow, conv.customer_id)
                rerank(conv, customer.followers_count if customer else 0, self._deadline)
        return tuple(sorted(convs))

    def set_post_limits(self, account_id: int, max_characters: int,
                        characters_per_url: int) -> None:
        accounts.set_post_limits(self._sessions, account_id, max_characters, characters_per_url)

    def set_remote_ref(self, reply_id: int, ref: str) -> None:
        with self._sessions.begin() as s:
            s.execute(update(ReplyRow).where(ReplyRow.id == reply_id).values(remote_ref=ref))

    def mark_sent(self, reply_id: int, ref: SentRef, now: datetime) -> None:
        with self._sessions.begin() as s:
            row = s.get(ReplyRow, reply_id)
            if row is None:
                return
            row.state = ReplyState.SENT.value
            row.remote_id = ref.remote_id
            row.sent_at = ref.sent_at or now
            row.updated_at = now
            row.last_error = ""
            conv = s.get(ConversationRow, row.conversation_id)
            if conv is not None:
                conv.status = Status.ANSWERED.value
                conv.answered_at = row.sent_at
                conv.clock_start = conv.due_at = None
                conv.clock_start_message_id = None
                conv.rank_key = recency_key(conv.last_message_at)

    def mark_failed(self, reply_id: int, error: str, now: datetime, *, retry: bool) -> None:
        with self._sessions.begin() as s:
            s.execute(
                update(ReplyRow)
                .where(ReplyRow.id == reply_id)
                .values(
                    state=(ReplyState.QUEUED if retry else ReplyState.FAILED).value,
                    last_error=error[:2000],
                    claimed_by=None,
                    claimed_at=None,
                    updated_at=now,
                )
            )


def _dead(worker: str | None) -> bool:
    """Whether the process named in a claim (``gui-1234``) has died, on this machine."""
    if not worker or "-" not in worker:
        return False
    try:
        pid = int(worker.rsplit("-", 1)[1])
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False
