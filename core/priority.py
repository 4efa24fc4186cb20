"""The queue's order: every factor is expressed in minutes of urgency.

An item's *effective deadline* is its SLA due time brought forward by the minutes its sentiment,
at-risk flags, influence and repeats are worth. The queue is sorted by that deadline, so the order
does not depend on the current time (it can be indexed and paged in SQL), while the score shown to
the user — minutes past the effective deadline — grows as the clock runs.

All weights live in ``Weights``; ``explain`` returns each part so the UI can say why an item ranks
where it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .model import PriorityPart, Sentiment, SentimentLabel
from .triage.influence import influence


@dataclass(frozen=True, slots=True)
class Weights:
    negative_minutes: float = 20.0  # a fully negative message (score -1) gains this much
    at_risk_minutes: float = 45.0  # any at-risk reason
    at_risk_extra_minutes: float = 10.0  # each further reason
    influence_minutes: float = 30.0  # at influence 1.0 (a million followers)
    repeat_minutes: float = 10.0  # each earlier complaint of this customer still waiting
    max_repeats: int = 3


WEIGHTS = Weights()


def priority_parts(
    sentiment: Sentiment | None,
    at_risk_reasons: Sequence[str],
    followers: int,
    *,
    repeats: int = 0,
    weights: Weights = WEIGHTS,
) -> tuple[PriorityPart, ...]:
    """The static parts of an item's priority (everything but the SLA clock)."""
    parts: list[PriorityPart] = []
    if sentiment is not None and sentiment.label is SentimentLabel.NEGATIVE:
        minutes = weights.negative_minutes * min(1.0, abs(sentiment.score))
        parts.append(PriorityPart("sentiment", minutes, f"{sentiment.score:+.2f}"))
    if at_risk_reasons:
        extra = weights.at_risk_extra_minutes * (len(at_risk_reasons) - 1)
        parts.append(
            PriorityPart("at_risk", weights.at_risk_minutes + extra, ",".join(at_risk_reasons))
        )
    inf = influence(followers)
    if inf > 0:
        parts.append(PriorityPart("influence", weights.influence_minutes * inf, str(followers)))
    if repeats > 0:
        n = min(repeats, weights.max_repeats)
        parts.append(PriorityPart("repeat", weights.repeat_minutes * n, str(repeats)))
    return tuple(parts)


def _epoch_minutes(t: datetime) -> float:
    return t.timestamp() / 60.0


def rank_key(due_at: datetime, parts: Sequence[PriorityPart]) -> float:
    """Ascending sort key: the effective deadline in epoch minutes (smaller = more urgent)."""
    return _epoch_minutes(due_at) - sum(p.minutes for p in parts)


def recency_key(last_message_at: datetime) -> float:
    """Sort key for items with no running clock (answered, done): most recent first."""
    return -_epoch_minutes(last_message_at)


@dataclass(frozen=True, slots=True)
class Priority:
    score: float  # minutes past the effective deadline: higher = more urgent
    minutes_left: float  # on the SLA clock (negative when overdue)
    parts: tuple[PriorityPart, ...]


def explain(due_at: datetime, parts: Sequence[PriorityPart], now: datetime) -> Priority:
    left = (due_at - now).total_seconds() / 60.0
    return Priority(score=-left + sum(p.minutes for p in parts), minutes_left=left, parts=tuple(parts))
