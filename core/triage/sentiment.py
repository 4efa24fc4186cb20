"""Sentiment of one message: the lexicon path (French rules, English VADER + fixes).

`score(text, language)` returns the domain's `Sentiment(label, score, confidence)`.
Confidence says how sure the lexicon path is: low when nothing matched, when praise and
complaint cancel out, or when the language is neither French nor English. The optional
embedding model (`relais.core.triage.model`) is meant for the messages below `UNSURE`.
"""

from __future__ import annotations

from relais.core.model import Sentiment, SentimentLabel

from . import english, french
from dataclasses import replace

from .english import raw
from .french import Scored, normalise

POSITIVE_AT = 0.25  # compound at or above: positive
NEGATIVE_AT = -0.2  # compound at or below: negative (a reply queue errs towards negative)
UNSURE = 0.5  # confidence below which a second opinion (the model) is welcome
OTHER_CONFIDENCE = 0.1


def label_for(compound: float) -> SentimentLabel:
    if compound >= POSITIVE_AT:
        return SentimentLabel.POSITIVE
    if compound <= NEGATIVE_AT:
        return SentimentLabel.NEGATIVE
    return SentimentLabel.NEUTRAL


def _confidence(r: Scored, label: SentimentLabel) -> float:
    if r.hits == 0:
        return 0.3  # nothing to go on: neutral by default
    c = abs(r.compound)
    if label is SentimentLabel.NEUTRAL:
        mixed = min(r.positive, r.negative) > 0.5
        return 0.35 if mixed else max(0.3, 0.6 - c)
    mixed = min(r.positive, r.negative) / max(r.positive, r.negative, 1e-9)
    conf = 0.45 + 0.5 * min(1.0, c / 0.7) - 0.3 * mixed
    return round(max(0.2, min(0.97, conf)), 3)


def scored(text: str, language: str) -> Scored | None:
    """The raw rule score, or None for a language Relais does not score."""
    if language == "fr":
        return french.score(text)
    if language == "en":
        return english.score(text)
    return None


AT_RISK_CAP = -0.3  # an at-risk message is at most this positive
RISK_WEIGHT = 1.2  # raw valence each at-risk reason found in the text adds (negative)


def with_risk(r: Scored, n_reasons: int) -> Scored:
    """A threat to leave, a refund demand or a legal threat is a complaint even when worded
    neutrally ("Je vais résilier mon abonnement."): each reason adds negative valence."""
    if n_reasons <= 0:
        return r
    compound = normalise(raw(r.compound) - RISK_WEIGHT * n_reasons)
    # Praise around a refund demand or a legal threat does not make the message positive.
    compound = min(compound, AT_RISK_CAP)
    return replace(r, compound=compound, negative=r.negative + RISK_WEIGHT * n_reasons,
                   hits=r.hits + n_reasons)


def to_sentiment(r: Scored | None) -> Sentiment:
    if r is None:
        return Sentiment(SentimentLabel.NEUTRAL, 0.0, OTHER_CONFIDENCE)
    label = label_for(r.compound)
    return Sentiment(label, round(r.compound, 4), _confidence(r, label))


def score(text: str, language: str, risk_reasons: int = 0) -> Sentiment:
    """Sentiment of `text` in `language`; `risk_reasons` = textual at-risk reasons found."""
    r = scored(text, language)
    return to_sentiment(with_risk(r, risk_reasons) if r is not None else None)
