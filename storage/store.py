"""SqlStore: core's Store Protocol over the SQLite cache.

``save_page`` is one unit of work: people, messages, their conversations' state and the stream's
next sync state commit together or not at all, so a crash neither loses nor duplicates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from ..core.channel import Page, SyncState
from ..core.model import Reply, ReplyState, SentRef, Status
from ..core.priority import recency_key
from ..core.store import SaveResult
from . import convert
from .page_writer import PageWriter
from .ranking import Deadline, default_deadline
from .models import (
    ConversationRow,
    MessageRow,
    ReplyRow,
    SyncStateRow,
)

EXCERPT_CHARS = 280


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
            s.merge(
                SyncStateRow(
                    account_id=account_id,
                    stream=page.stream,
                    backfill=page.backfill,
                    state=page.next_state,
                    updated_at=now,
                )
            )
        return SaveResult(new, updated, tuple(sorted(touched)))

    # --- outbox -----------------------------------------------------------------------------
    def claim_reply(self, worker: str, now: datetime, *, stale_after_s: float = 300) -> Reply | None:
        """Atomically claim the oldest queued reply, or one whose sender died mid-send.

        One UPDATE … RETURNING: two processes (the GUI and a CLI sync) never claim the same one.
        """
        stale = now - timedelta(seconds=stale_after_s)
        with self._sessions.begin() as s:
            pick = (
                select(ReplyRow.id)
                .where(
                    (ReplyRow.state == ReplyState.QUEUED.value)
                    | ((ReplyRow.state == ReplyState.SENDING.value) & (ReplyRow.claimed_at < stale))
                )
                .order_by(ReplyRow.id)
                .limit(1)
                .scalar_subquery()
            )
            row = s.scalar(
                update(ReplyRow)
                .where(ReplyRow.id == pick)
                .values(
                    state=ReplyState.SENDING.value,
                    claimed_by=worker,
                    claimed_at=now,
                    attempts=ReplyRow.attempts + 1,
                    updated_at=now,
                )
                .returning(ReplyRow)
            )
            return convert.reply(row) if row is not None else None

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
