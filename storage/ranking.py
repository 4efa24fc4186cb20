"""A conversation's due time and rank key, from the SLA deadline and core's priority parts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ..core.model import Kind, Network
from ..core.priority import priority_parts, rank_key, recency_key
from . import convert
from .models import ConversationRow

# (clock_start, network, kind, account_id) -> due time: built by the app from the SLA policy.
Deadline = Callable[[datetime, Network, Kind, int], datetime]

CLOCKED = ("waiting", "snoozed", "backlog")


def default_deadline(start: datetime, network: Network, kind: Kind, account_id: int) -> datetime:
    return start + (timedelta(minutes=30) if kind is Kind.PRIVATE else timedelta(hours=1))


def rerank(conv: ConversationRow, followers: int, deadline: Deadline) -> None:
    if conv.clock_start is not None and conv.status in CLOCKED:
        conv.due_at = deadline(
            conv.clock_start, Network(conv.network), Kind(conv.kind), conv.account_id
        )
        parts = priority_parts(
            convert.sentiment(conv.sentiment_label, conv.sentiment_score),
            conv.at_risk_reasons or (),
            followers,
        )
        conv.rank_key = rank_key(conv.due_at, parts)
    else:
        conv.rank_key = recency_key(conv.last_message_at)
