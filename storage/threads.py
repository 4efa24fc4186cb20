"""Joining a thread that arrived in the wrong order.

A sync that walks backwards (a backfill, or Bluesky's cursor) meets a reply before the message
it answers. The reply starts a conversation rooted at its parent's id; when the parent arrives
and turns out to be itself a reply, it belongs to a thread rooted further up. That earlier
conversation is then merged into the parent's: messages and outbox rows move, and the merged
conversation's state is replayed from its messages in time order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..core.model import Status
from . import convert
from .models import ConversationRow, MessageRow, PersonRow, ReplyRow

# (conversation, message row id, author, message) → None: page_writer.advance
Advance = Callable[..., None]

_KEPT = (Status.DONE.value, Status.SNOOZED.value)


def orphans(s: Session, placed: Iterable[tuple[str, ConversationRow]]
            ) -> list[tuple[ConversationRow, ConversationRow]]:
    """(orphan, target) pairs: conversations rooted at a message now placed in another one."""
    by_root: dict[tuple[int, str, str], ConversationRow] = {}
    for ext, conv in placed:
        by_root[(conv.account_id, conv.kind, ext)] = conv
    if not by_root:
        return []
    accounts = sorted({k[0] for k in by_root})
    kinds = sorted({k[1] for k in by_root})
    exts = sorted({k[2] for k in by_root})
    # Most of a page's messages root the very conversation they were placed in: ids first,
    # and only the few real orphans loaded as rows
    pairs: list[tuple[int, ConversationRow]] = []
    t = ConversationRow.__table__
    for i in range(0, len(exts), 500):
        for cid, account, kind, root in s.execute(
                select(t.c.id, t.c.account_id, t.c.kind, t.c.root_external_id).where(
                    t.c.account_id.in_(accounts), t.c.kind.in_(kinds),
                    t.c.root_external_id.in_(exts[i:i + 500]))):
            target = by_root.get((account, kind, root))
            if target is not None and target.id != cid:
                pairs.append((cid, target))
    return [(s.get_one(ConversationRow, cid), target) for cid, target in pairs]


def merge(s: Session, orphan: ConversationRow, target: ConversationRow, *, now: datetime,
          backlog_after: timedelta, advance: Advance) -> None:
    """Move ``orphan``'s messages and replies into ``target`` and replay ``target``'s state."""
    s.execute(update(MessageRow).where(MessageRow.conversation_id == orphan.id)
              .values(conversation_id=target.id))
    s.execute(update(ReplyRow).where(ReplyRow.conversation_id == orphan.id)
              .values(conversation_id=target.id))
    backlog = Status.BACKLOG.value in (target.status, orphan.status)
    s.delete(orphan)
    s.flush()
    replay(s, target, now=now, backlog_after=backlog_after, advance=advance, backlog=backlog)


def replay(s: Session, target: ConversationRow, *, now: datetime, backlog_after: timedelta,
           advance: Advance, backlog: bool | None = None) -> None:
    """Rebuild a conversation's state from its messages in time order (after a merge, or an
    edit that changes what the queue shows). A close or snooze by the user is kept."""
    kept = target.status if target.status in _KEPT else None
    if backlog is None:
        backlog = target.status == Status.BACKLOG.value
    rows = s.execute(select(MessageRow, PersonRow)
                     .join(PersonRow, PersonRow.id == MessageRow.author_id)
                     .where(MessageRow.conversation_id == target.id)
                     .order_by(MessageRow.created_at, MessageRow.id)).all()
    if not rows:
        return
    first = rows[0][0]
    target.status = (Status.ANSWERED.value if first.from_brand
                     else Status.BACKLOG.value if backlog else Status.WAITING.value)
    target.clock_start = target.due_at = target.answered_at = None
    target.clock_start_message_id = None
    target.message_count = 0
    target.last_message_at = first.created_at
    target.excerpt, target.at_risk_reasons = "", []
    target.sentiment_label = target.sentiment_score = None
    for row, author in rows:
        advance(target, row.id, author, convert.message(row, author), now, backlog_after)
    if kept is not None and target.status == Status.WAITING.value:
        target.status = kept  # closed or snoozed by the user: the merge does not reopen it
