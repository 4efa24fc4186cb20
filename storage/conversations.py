"""Reading the queue and threads, and the community manager's actions on a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from ..core.model import Message, QueueFilter, QueueItem, Status, ThreadView
from . import convert, queue_read
from .ranking import Deadline, rerank
from .models import ConversationRow, MessageAccountRow, MessageRow, PersonRow

HISTORY_LIMIT = 20


def _raw(s: Session):  # noqa: ANN202 - the session's sqlite3 connection
    return s.connection().connection.driver_connection


def queue_page(
    sessions: sessionmaker[Session],
    flt: QueueFilter,
    now: datetime,
    *,
    after: tuple[float, int] | None = None,
    limit: int = 100,
) -> list[QueueItem]:
    """One page of the queue in priority order, by keyset (see storage.queue_read)."""
    with sessions() as s:
        return queue_read.queue_page(_raw(s), flt, now, after=after, limit=limit)


def queue_count(sessions: sessionmaker[Session], flt: QueueFilter, now: datetime) -> int:
    with sessions() as s:
        return queue_read.queue_count(_raw(s), flt, now)


def _messages(s: Session, where: ColumnElement[bool], limit: int | None = None) -> list[Message]:
    stmt = (
        select(MessageRow, PersonRow)
        .join(PersonRow, PersonRow.id == MessageRow.author_id)
        .where(where)
        .order_by(MessageRow.created_at.desc() if limit else MessageRow.created_at)
    )
    if limit:
        stmt = stmt.limit(limit)
    rows = list(s.execute(stmt))
    ids = [m.id for m, _ in rows]
    links: dict[int, list[int]] = {}
    if ids:
        for mid, acc in s.execute(
            select(MessageAccountRow.message_id, MessageAccountRow.account_id).where(
                MessageAccountRow.message_id.in_(ids)
            )
        ):
            links.setdefault(mid, []).append(acc)
    return [convert.message(m, p, tuple(links.get(m.id, ()))) for m, p in rows]


def thread(sessions: sessionmaker[Session], conversation_id: int) -> ThreadView:
    """The conversation's messages, oldest first, and the customer's other recent messages."""
    with sessions() as s:
        conv = s.get(ConversationRow, conversation_id)
        if conv is None:
            return ThreadView(conversation_id, ())
        msgs = _messages(s, MessageRow.conversation_id == conversation_id)
        history = _messages(
            s,
            and_(
                MessageRow.author_id == conv.customer_id,
                MessageRow.conversation_id != conversation_id,
            ),
            limit=HISTORY_LIMIT,
        )
        return ThreadView(conversation_id, tuple(msgs), tuple(history))


@dataclass(frozen=True, slots=True)
class StatusChange:
    """What an action changed, so it can be undone."""

    conversation_id: int
    previous_status: Status
    previous_snoozed_until: datetime | None


def set_status(
    sessions: sessionmaker[Session],
    conversation_id: int,
    status: Status,
    *,
    snoozed_until: datetime | None = None,
) -> StatusChange | None:
    """Mark done, snooze or reopen a conversation; returns what to restore for undo."""
    with sessions.begin() as s:
        conv = s.get(ConversationRow, conversation_id)
        if conv is None:
            return None
        change = StatusChange(conv.id, Status(conv.status), conv.snoozed_until)
        conv.status = status.value
        conv.snoozed_until = snoozed_until if status is Status.SNOOZED else None
        return change


def undo(sessions: sessionmaker[Session], change: StatusChange) -> None:
    with sessions.begin() as s:
        s.execute(
            update(ConversationRow)
            .where(ConversationRow.id == change.conversation_id)
            .values(status=change.previous_status.value, snoozed_until=change.previous_snoozed_until)
        )


def rerank_all(sessions: sessionmaker[Session], deadline: Deadline) -> int:
    """Recompute due times and rank keys (after the SLA policy or the weights change)."""
    n = 0
    with sessions.begin() as s:
        stmt = select(ConversationRow, PersonRow.followers_count).join(
            PersonRow, PersonRow.id == ConversationRow.customer_id
        )
        for conv, followers in s.execute(stmt):
            rerank(conv, followers, deadline)
            n += 1
    return n


def search(sessions: sessionmaker[Session], query: str, *, limit: int = 100) -> list[Message]:
    """Full-text search over message text, ignoring accents; newest first."""
    terms = [t for t in query.replace('"', " ").split() if t]
    if not terms:
        return []
    match = " ".join(f'"{t}"*' for t in terms)
    with sessions() as s:
        ids = [
            r[0]
            for r in s.execute(
                text("SELECT rowid FROM message_fts WHERE message_fts MATCH :q LIMIT :n"),
                {"q": match, "n": limit},
            )
        ]
        if not ids:
            return []
        return _messages(s, MessageRow.id.in_(ids), limit=limit)
