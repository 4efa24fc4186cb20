"""SQLAlchemy 2 typed models of the local cache. Only storage/ sees these rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, naive UTC in SQLite (sortable text), aware UTC out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime}


class AccountRow(Base):
    """A brand account. Never a secret here: tokens live in the OS keyring."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("network", "server", "handle"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(16))
    server: Mapped[str] = mapped_column(String(255))
    handle: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(255), default="")
    external_id: Mapped[str] = mapped_column(String(255), default="")
    time_zone: Mapped[str | None] = mapped_column(String(64))
    needs_reconnect: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    # A post's limits on that server (Mastodon's /api/v2/instance); null until read.
    max_characters: Mapped[int | None] = mapped_column(Integer)
    characters_per_url: Mapped[int | None] = mapped_column(Integer)


class PersonRow(Base):
    """A customer, keyed on the network's stable id (account id or DID), not the handle."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("network", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(255))
    handle: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(255), default="")
    followers_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime]


class ConversationRow(Base):
    """The queue's unit: a public thread, or a private conversation with one customer."""

    __tablename__ = "conversation"
    __table_args__ = (
        UniqueConstraint("account_id", "kind", "root_external_id"),
        Index("ix_conversation_queue", "status", "rank_key", "id"),
        Index("ix_conversation_customer", "customer_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))
    root_external_id: Mapped[str] = mapped_column(String(255))
    customer_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(12), default="waiting")
    # The first customer message still unanswered: it starts the SLA clock.
    clock_start_message_id: Mapped[int | None] = mapped_column(Integer)
    clock_start: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    last_message_at: Mapped[datetime]
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    # Denormalised from the latest customer message, so a queue page is one indexed query.
    excerpt: Mapped[str] = mapped_column(Text, default="")
    sentiment_label: Mapped[str | None] = mapped_column(String(8))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    at_risk_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Ascending rank: the effective deadline in epoch minutes (see core.priority.rank_key).
    rank_key: Mapped[float] = mapped_column(Float, default=0.0)


class MessageRow(Base):
    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("network", "external_id"),
        Index("ix_message_conversation", "conversation_id", "created_at"),
        Index("ix_message_author", "author_id", "created_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(255))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    kind: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)
    content_warning: Mapped[str] = mapped_column(Text, default="")
    media_descriptions: Mapped[list[str]] = mapped_column(JSON, default=list)
    url: Mapped[str] = mapped_column(String(512), default="")
    created_at: Mapped[datetime]
    edited_at: Mapped[datetime | None]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    in_reply_to: Mapped[str | None] = mapped_column(String(255))
    thread_root: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(8))
    sentiment_label: Mapped[str | None] = mapped_column(String(8))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    at_risk_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    from_brand: Mapped[bool] = mapped_column(Boolean, default=False)


class MessageAccountRow(Base):
    """The brand account(s) a message concerns: one post can mention two of them."""

    __tablename__ = "message_account"
    message_id: Mapped[int] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )


class ReplyRow(Base):
    """The outbox. A reply is committed (queued, with its key) before any network call."""

    __tablename__ = "reply"
    __table_args__ = (Index("ix_reply_state", "state", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    in_reply_to: Mapped[str | None] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(8), default="queued")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    remote_id: Mapped[str | None] = mapped_column(String(255))
    remote_ref: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class SyncStateRow(Base):
    """Where each stream of each account resumes; saved with the messages it covers."""

    __tablename__ = "sync_state"
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    stream: Mapped[str] = mapped_column(String(32), primary_key=True)
    backfill: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]


class PersonNoteRow(Base):
    __tablename__ = "person_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class PersonTagRow(Base):
    __tablename__ = "person_tag"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
