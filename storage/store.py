"""SqlStore: core's Store Protocol over the SQLite cache.

``save_page`` is one unit of work: people, messages, their conversations' state and the stream's
next sync state commit together or not at all, so a crash neither loses nor duplicates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from ..core.channel import Page, SyncState
from ..core.model import Kind, Message, Person, Reply, ReplyState, SentRef, Status
from ..core.priority import recency_key
from ..core.store import SaveResult
from . import convert
from .ranking import Deadline, default_deadline, rerank
from .models import (
    ConversationRow,
    MessageAccountRow,
    MessageRow,
    PersonRow,
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
        new = updated = 0
        touched: set[int] = set()
        with self._sessions.begin() as s:
            for person in page.people:
                _upsert_person(s, person, now)
            for m in sorted(page.messages, key=lambda m: m.created_at):
                conv_id, was_new = self._save_message(
                    s, account_id, m, page.backfill or page.first_sync, now
                )
                touched.add(conv_id)
                new += was_new
                updated += not was_new
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

    def _save_message(
        self, s: Session, account_id: int, m: Message, first_sync: bool, now: datetime
    ) -> tuple[int, bool]:
        author = _upsert_person(s, m.author, now)
        accounts = m.account_ids or (account_id,)
        row = s.scalar(
            select(MessageRow).where(
                MessageRow.network == m.network.value, MessageRow.external_id == m.external_id
            )
        )
        if row is not None:  # seen before: reflect edits and deletions, link new accounts
            if m.edited_at and m.edited_at != row.edited_at or m.deleted != row.deleted:
                _fill_message(row, m)
            _link_accounts(s, row.id, accounts)
            return row.conversation_id, False

        conv = self._find_conversation(s, accounts[0], m)
        if conv is None:
            conv = ConversationRow(
                account_id=accounts[0],
                network=m.network.value,
                kind=m.kind.value,
                root_external_id=_root_key(m),
                customer_id=author.id,
                status=Status.ANSWERED.value if m.from_brand else Status.WAITING.value,
                last_message_at=m.created_at,
                message_count=0,
                at_risk_reasons=[],
            )
            if first_sync and not m.from_brand and m.created_at < now - self._backlog_after:
                conv.status = Status.BACKLOG.value
            s.add(conv)
            s.flush()
        row = MessageRow(
            network=m.network.value,
            external_id=m.external_id,
            conversation_id=conv.id,
            author_id=author.id,
            kind=m.kind.value,
            created_at=m.created_at,
            from_brand=m.from_brand,
        )
        _fill_message(row, m)
        s.add(row)
        s.flush()
        _link_accounts(s, row.id, accounts)
        self._advance(s, conv, row, author, m, now)
        return conv.id, True

    def _find_conversation(self, s: Session, account_id: int, m: Message) -> ConversationRow | None:
        if m.kind is Kind.PUBLIC and m.in_reply_to:
            parent = s.scalar(
                select(MessageRow.conversation_id).where(
                    MessageRow.network == m.network.value, MessageRow.external_id == m.in_reply_to
                )
            )
            if parent is not None:
                return s.get(ConversationRow, parent)
        return s.scalar(
            select(ConversationRow).where(
                ConversationRow.account_id == account_id,
                ConversationRow.kind == m.kind.value,
                ConversationRow.root_external_id == _root_key(m),
            )
        )

    def _advance(
        self,
        s: Session,
        conv: ConversationRow,
        row: MessageRow,
        author: PersonRow,
        m: Message,
        now: datetime,
    ) -> None:
        """Move the conversation's state forward for one new message."""
        conv.message_count += 1
        conv.last_message_at = max(conv.last_message_at, m.created_at)
        status = Status(conv.status)
        if m.from_brand:
            if conv.clock_start is not None and m.created_at >= conv.clock_start:
                conv.status = Status.ANSWERED.value
                conv.answered_at = m.created_at
                conv.clock_start = conv.due_at = None
                conv.clock_start_message_id = None
            elif conv.answered_at is None or m.created_at > conv.answered_at:
                conv.answered_at = m.created_at if status is Status.ANSWERED else conv.answered_at
        else:
            if conv.answered_at is not None and m.created_at <= conv.answered_at:
                pass  # an old message, answered already (arrived late through backfill)
            elif status in (Status.ANSWERED, Status.DONE, Status.SNOOZED) or conv.clock_start is None:
                if status is not Status.BACKLOG or m.created_at >= now - self._backlog_after:
                    conv.status = Status.WAITING.value
                    conv.snoozed_until = None
                if conv.clock_start is None or status is not Status.WAITING:
                    conv.clock_start = m.created_at
                    conv.clock_start_message_id = row.id
            if conv.customer_id == author.id or conv.excerpt == "":
                conv.excerpt = m.text[:EXCERPT_CHARS]
                conv.sentiment_label = m.sentiment.label.value if m.sentiment else None
                conv.sentiment_score = m.sentiment.score if m.sentiment else None
                reasons = set(conv.at_risk_reasons or ()) if conv.status == "waiting" else set()
                conv.at_risk_reasons = sorted(reasons | set(m.at_risk_reasons))
        rerank(conv, s.get(PersonRow, conv.customer_id).followers_count, self._deadline)

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


def _root_key(m: Message) -> str:
    if m.kind is Kind.PRIVATE:
        return m.conversation_key or f"dm:{m.author.external_id}"
    return m.thread_root or m.in_reply_to or m.external_id


def _upsert_person(s: Session, p: Person, now: datetime) -> PersonRow:
    row = s.scalar(
        select(PersonRow).where(
            PersonRow.network == p.network.value, PersonRow.external_id == p.external_id
        )
    )
    if row is None:
        row = PersonRow(
            network=p.network.value,
            external_id=p.external_id,
            handle=p.handle,
            display_name=p.display_name,
            followers_count=p.followers_count,
            first_seen=p.first_seen or now,
        )
        s.add(row)
        s.flush()
        return row
    row.handle = p.handle or row.handle
    row.display_name = p.display_name or row.display_name
    if p.followers_count:
        row.followers_count = p.followers_count
    return row


def _fill_message(row: MessageRow, m: Message) -> None:
    row.text = m.text
    row.html = m.html
    row.content_warning = m.content_warning
    row.media_descriptions = list(m.media_descriptions)
    row.url = m.url
    row.edited_at = m.edited_at
    row.deleted = m.deleted
    row.in_reply_to = m.in_reply_to
    row.thread_root = m.thread_root
    row.language = m.language
    row.sentiment_label = m.sentiment.label.value if m.sentiment else None
    row.sentiment_score = m.sentiment.score if m.sentiment else None
    row.at_risk = m.at_risk
    row.at_risk_reasons = list(m.at_risk_reasons)


def _link_accounts(s: Session, message_id: int, accounts: tuple[int, ...]) -> None:
    for acc in accounts:
        s.merge(MessageAccountRow(message_id=message_id, account_id=acc))
