"""Sentiment of one message: the lexicon path (French rules, English VADER + fixes).

`score(text, language)` returns the domain's `Sentiment(label, score, confidence)`.
Confidence says how sure the lexicon path is: low when nothing matched, when praise and
complaint cancel out, or when the language is neither French nor English. The optional
embedding model (`relais.core.triage.model`) is meant for the messages below `UNSURE`.
"""

from __future__ import annotations

import re

from relais.core.model import Sentiment, SentimentLabel

from . import english, french
from dataclasses import replace

from .english import raw
from .french import Scored, normalise
from .text import tokens_cached

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
        return asked(text, "fr", french.score(text))
    if language == "en":
        return asked(text, "en", english.score(text))
    return None


# A plain question asks: the mild words in it are not an opinion ("vous livrez en Belgique ?
# c'est pour un cadeau", "is a small backpack ok?", "what's the refund process if I lost my
# receipt?"). It still is one with a strong word ("Vous êtes géniaux, vous livrez en
# Belgique ?"), an emoji, insistence ("??", "?!", "!"), shouting, sarcasm, or, for a
# complaint, a "why" rather than a request for information ("Why is my order still not
# here?") or a complaint phrase ("toujours pas arrivé").
QUESTION_DAMPING = 0.3  # what is left of a plain question's raw valence
STRONG = 2.5  # a single valence at or above this is an opinion, question or not
_INSISTS = re.compile(r"\?\s*[?!]|!")
_SHOUTED = re.compile(r"\b[A-ZÀ-Ý]{3,}\b.*\b[A-ZÀ-Ý]{3,}\b")  # (two: "TGV" is no shout)
_INFO = re.compile(
    r"\b(?:comment|procedure|demarche|quel|quelle|quels|quelles|quoi|est ce que|possible|puis je|"
    r"peut on|peux je|pouvez vous|y a t il|il y a|ou|quand|combien|si|"
    r"how|what|what s|which|where|when|can i|could i|do i|do you|does|is there|are there|"
    r"is it possible|if|any way)\b")


def _ends_asking(text: str) -> bool:
    """The text ends with a question mark, maybe followed by mentions, hashtags, links and
    emoji. (Token by token: a regex with overlapping branches backtracked exponentially on
    "?" and a long run of "#" or "@".)"""
    _head, mark, tail = text.rpartition("?")
    return bool(mark) and all(t[0] in "@#" or t.startswith(("http://", "https://"))
                              or not any(c.isalnum() for c in t) for t in tail.split())


def asked(text: str, language: str, r: Scored) -> Scored:
    """``r``, its valence damped when ``text`` is a plain question (see above)."""
    if (r.hits == 0 or r.sarcasm or r.emoji or r.strongest >= STRONG
            or not _ends_asking(text) or _INSISTS.search(text)
            or _SHOUTED.search(text)):
        return r
    if r.compound < 0:
        folded = " ".join(tokens_cached(text, language))
        if not _INFO.search(folded) or any(" " in c for c in r.cues if c != "duration"):
            return r
    damped = raw(r.compound) * QUESTION_DAMPING
    return replace(r, compound=normalise(damped), positive=r.positive * QUESTION_DAMPING,
                   negative=r.negative * QUESTION_DAMPING)


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
