"""Writing to the outbox: drafts and queued replies (the sender claims them in SqlStore)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from ..core.model import Kind, Reply, ReplyState
from . import convert
from .models import ConversationRow, ReplyRow


def _draft_row(s: Session, conversation_id: int) -> ReplyRow | None:
    return s.scalar(
        select(ReplyRow).where(
            ReplyRow.conversation_id == conversation_id, ReplyRow.state == ReplyState.DRAFT.value
        )
    )


def save_draft(
    sessions: sessionmaker[Session],
    conversation_id: int,
    text: str,
    kind: Kind,
    now: datetime,
    *,
    in_reply_to: str | None = None,
) -> None:
    """Keep what is typed, so a crash or a quit never loses a draft. Empty text drops it."""
    with sessions.begin() as s:
        row = _draft_row(s, conversation_id)
        if not text.strip():
            if row is not None:
                s.delete(row)
            return
        if row is None:
            conv = s.get(ConversationRow, conversation_id)
            if conv is None:
                return
            row = ReplyRow(
                conversation_id=conversation_id,
                account_id=conv.account_id,
                idempotency_key=uuid.uuid4().hex,
                state=ReplyState.DRAFT.value,
                created_at=now,
            )
            s.add(row)
        row.text, row.kind, row.in_reply_to, row.updated_at = text, kind.value, in_reply_to, now


def draft(sessions: sessionmaker[Session], conversation_id: int) -> Reply | None:
    with sessions() as s:
        row = _draft_row(s, conversation_id)
        return convert.reply(row) if row is not None else None


def enqueue(
    sessions: sessionmaker[Session],
    conversation_id: int,
    text: str,
    kind: Kind,
    now: datetime,
    *,
    in_reply_to: str | None = None,
) -> Reply:
    """Commit the reply as queued, with a fresh idempotency key, before any network call."""
    with sessions.begin() as s:
        conv = s.get(ConversationRow, conversation_id)
        if conv is None:
            raise LookupError(f"conversation {conversation_id} does not exist")
        s.execute(
            delete(ReplyRow).where(
                ReplyRow.conversation_id == conversation_id,
                ReplyRow.state == ReplyState.DRAFT.value,
            )
        )
        row = ReplyRow(
            conversation_id=conversation_id,
            account_id=conv.account_id,
            kind=kind.value,
            text=text,
            in_reply_to=in_reply_to,
            state=ReplyState.QUEUED.value,
            idempotency_key=uuid.uuid4().hex,
            created_at=now,
            updated_at=now,
        )
        s.add(row)
        s.flush()
        return convert.reply(row)


def replies_for(sessions: sessionmaker[Session], conversation_id: int) -> list[Reply]:
    with sessions() as s:
        rows = s.scalars(
            select(ReplyRow)
            .where(ReplyRow.conversation_id == conversation_id, ReplyRow.state != "draft")
            .order_by(ReplyRow.id)
        )
        return [convert.reply(r) for r in rows]


def retry(sessions: sessionmaker[Session], reply_id: int, now: datetime) -> None:
    """A failed reply goes back to the queue (the same key: never a second post)."""
    with sessions.begin() as s:
        row = s.get(ReplyRow, reply_id)
        if row is not None and row.state == ReplyState.FAILED.value:
            row.state, row.updated_at = ReplyState.QUEUED.value, now
