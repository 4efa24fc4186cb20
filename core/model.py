"""The domain: plain, immutable dataclasses shared by sync, triage, SLA, storage and the UI.

Nothing here knows about Qt, SQL or HTTP. Times are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Network(StrEnum):
    MASTODON = "mastodon"
    BLUESKY = "bluesky"


class Kind(StrEnum):
    """Whether a message (and so its conversation) is public or private (a DM)."""

    PUBLIC = "public"
    PRIVATE = "private"


class Status(StrEnum):
    """A conversation's place in the workflow."""

    WAITING = "waiting"  # a customer message waits for an answer: the SLA clock runs
    ANSWERED = "answered"  # the brand replied after the last customer message
    DONE = "done"  # closed by the community manager with no (further) reply
    SNOOZED = "snoozed"  # hidden until snoozed_until, then waiting again
    BACKLOG = "backlog"  # older than the backlog threshold at an account's first sync


class SentimentLabel(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class ReplyState(StrEnum):
    """The outbox: a reply is committed as QUEUED before any network call."""

    DRAFT = "draft"
    QUEUED = "queued"
    SENDING = "sending"  # claimed by one sender; a crash here is reconciled before any resend
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: SentimentLabel
    score: float  # -1 (very negative) .. +1 (very positive)
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Account:
    """A brand account the community manager answers for. Never holds a secret."""

    network: Network
    server: str  # Mastodon instance URL, or the Bluesky PDS URL
    handle: str
    display_name: str = ""
    external_id: str = ""  # Mastodon account id or Bluesky DID
    time_zone: str | None = None  # IANA name; None = the system's
    needs_reconnect: bool = False
    id: int | None = None
    # The server's limits for a post, as its API says (0: the network's usual ones).
    max_characters: int = 0
    characters_per_url: int = 0

    @property
    def label(self) -> str:
        return f"@{self.handle}"


@dataclass(frozen=True, slots=True)
class Person:
    """A customer, keyed on the network's stable id (account id or DID), never on the handle."""

    network: Network
    external_id: str
    handle: str
    display_name: str = ""
    followers_count: int = 0
    first_seen: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """One post or direct message, from a customer or from the brand."""

    network: Network
    external_id: str
    author: Person
    kind: Kind
    text: str  # plain text, for triage and search
    created_at: datetime
    account_ids: tuple[int, ...] = ()  # the brand account(s) it concerns
    html: str | None = None  # sanitised HTML, where the network sends HTML
    content_warning: str = ""
    media_descriptions: tuple[str, ...] = ()
    url: str = ""
    in_reply_to: str | None = None  # external id of the parent
    thread_root: str | None = None  # external id of the thread's first post
    edited_at: datetime | None = None
    deleted: bool = False
    language: str | None = None
    sentiment: Sentiment | None = None
    at_risk_reasons: tuple[str, ...] = ()
    from_brand: bool = False  # written by one of the brand's own accounts
    # For DMs: the network's conversation id. Channels must set it on the brand's own DMs,
    # which have no customer author to group them by.
    conversation_key: str | None = None
    id: int | None = None

    @property
    def at_risk(self) -> bool:
        return bool(self.at_risk_reasons)


@dataclass(frozen=True, slots=True)
class PriorityPart:
    """One reason an item ranks where it does, in minutes of urgency it adds."""

    name: str  # "sla", "sentiment", "at_risk", "influence", ...
    minutes: float
    detail: str = ""  # a machine-readable detail the UI can translate (a reason code, a count)


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One row of the reply queue: a conversation with what the queue shows of it."""

    conversation_id: int
    account_id: int
    account_handle: str
    network: Network
    kind: Kind
    status: Status
    customer: Person
    excerpt: str
    last_message_at: datetime
    clock_start: datetime | None  # the first unanswered customer message
    due_at: datetime | None
    sentiment: Sentiment | None = None
    at_risk_reasons: tuple[str, ...] = ()
    rank_key: float = 0.0
    snoozed_until: datetime | None = None
    answered_at: datetime | None = None
    message_count: int = 1


@dataclass(frozen=True, slots=True)
class Conversation:
    """The queue's unit: a public thread, or a private conversation with one customer."""

    id: int
    account_id: int
    network: Network
    kind: Kind
    status: Status
    customer: Person
    root_external_id: str
    clock_start: datetime | None
    due_at: datetime | None
    answered_at: datetime | None
    snoozed_until: datetime | None
    last_message_at: datetime


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply in the outbox."""

    conversation_id: int
    account_id: int
    kind: Kind
    text: str
    idempotency_key: str
    state: ReplyState = ReplyState.QUEUED
    in_reply_to: str | None = None  # external id of the message answered
    created_at: datetime | None = None
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    attempts: int = 0
    last_error: str = ""
    remote_id: str | None = None  # the network's id for the sent post or DM
    remote_ref: str | None = None  # network-specific pre-call reference (e.g. a Bluesky TID)
    sent_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SentRef:
    """What a network returns for a sent reply."""

    remote_id: str
    url: str = ""
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Note:
    person_id: int
    text: str
    created_at: datetime
    id: int | None = None


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows."""

    account_id: int | None = None
    statuses: tuple[Status, ...] = (Status.WAITING,)
    at_risk_only: bool = False


@dataclass(frozen=True, slots=True)
class ThreadView:
    """A conversation's messages from the cache, and the customer's earlier messages elsewhere."""

    conversation_id: int
    messages: tuple[Message, ...]
    customer_history: tuple[Message, ...] = field(default_factory=tuple)
