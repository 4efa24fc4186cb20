"""ORM rows → core objects. Nothing outside storage/ ever holds a row."""

from __future__ import annotations

from ..core.model import (
    Account,
    Kind,
    Message,
    Network,
    Person,
    QueueItem,
    Reply,
    ReplyState,
    Sentiment,
    SentimentLabel,
    Status,
)
from .models import AccountRow, ConversationRow, MessageRow, PersonRow, ReplyRow


def account(r: AccountRow) -> Account:
    return Account(
        network=Network(r.network),
        server=r.server,
        handle=r.handle,
        display_name=r.display_name,
        external_id=r.external_id,
        time_zone=r.time_zone,
        needs_reconnect=r.needs_reconnect,
        id=r.id,
        max_characters=r.max_characters or 0,
        characters_per_url=r.characters_per_url or 0,
    )


def person(r: PersonRow) -> Person:
    return Person(
        network=Network(r.network),
        external_id=r.external_id,
        handle=r.handle,
        display_name=r.display_name,
        followers_count=r.followers_count,
        first_seen=r.first_seen,
        id=r.id,
    )


def sentiment(label: str | None, score: float | None) -> Sentiment | None:
    if label is None:
        return None
    return Sentiment(SentimentLabel(label), score or 0.0)


def message(r: MessageRow, author: PersonRow, account_ids: tuple[int, ...] = ()) -> Message:
    return Message(
        network=Network(r.network),
        external_id=r.external_id,
        author=person(author),
        kind=Kind(r.kind),
        text=r.text,
        created_at=r.created_at,
        account_ids=account_ids,
        html=r.html,
        content_warning=r.content_warning,
        media_descriptions=tuple(r.media_descriptions or ()),
        url=r.url,
        in_reply_to=r.in_reply_to,
        thread_root=r.thread_root,
        edited_at=r.edited_at,
        deleted=r.deleted,
        language=r.language,
        sentiment=sentiment(r.sentiment_label, r.sentiment_score),
        at_risk_reasons=tuple(r.at_risk_reasons or ()),
        from_brand=r.from_brand,
        id=r.id,
    )


def queue_item(c: ConversationRow, customer: PersonRow, account_handle: str) -> QueueItem:
    return QueueItem(
        conversation_id=c.id,
        account_id=c.account_id,
        account_handle=account_handle,
        network=Network(c.network),
        kind=Kind(c.kind),
        status=Status(c.status),
        customer=person(customer),
        excerpt=c.excerpt,
        last_message_at=c.last_message_at,
        clock_start=c.clock_start,
        due_at=c.due_at,
        sentiment=sentiment(c.sentiment_label, c.sentiment_score),
        at_risk_reasons=tuple(c.at_risk_reasons or ()),
        rank_key=c.rank_key,
        snoozed_until=c.snoozed_until,
        answered_at=c.answered_at,
        message_count=c.message_count,
    )


def reply(r: ReplyRow) -> Reply:
    return Reply(
        conversation_id=r.conversation_id,
        account_id=r.account_id,
        kind=Kind(r.kind),
        text=r.text,
        idempotency_key=r.idempotency_key,
        state=ReplyState(r.state),
        in_reply_to=r.in_reply_to,
        created_at=r.created_at,
        claimed_by=r.claimed_by,
        claimed_at=r.claimed_at,
        attempts=r.attempts,
        last_error=r.last_error,
        remote_id=r.remote_id,
        remote_ref=r.remote_ref,
        sent_at=r.sent_at,
        id=r.id,
    )
