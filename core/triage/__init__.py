"""Triage of a customer message: language, sentiment, at-risk reasons, influence.

    from relais.core.triage import analyse
    a = analyse("Toujours pas remboursé, je vais voir un avocat 😡")
    a.language            # "fr"
    a.sentiment           # Sentiment(label=NEGATIVE, score=-0.8, confidence=0.9)
    a.at_risk_reasons     # ("refund", "legal")

Pure Python and cheap to import: lexicons, VADER and the language model load on first use.
The lexicon path answers at once; the optional embedding model (`relais.core.triage.model`)
can refine the messages it is unsure of (`Analysis.unsure`) in the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from relais.core.model import Message, Sentiment

from .influence import influence

__all__ = ["Analysis", "REASONS", "analyse", "influence", "triage_messages", "warm_up"]


def __getattr__(name: str) -> object:
    """REASONS without compiling the risk patterns at import (the window imports this early)."""
    if name == "REASONS":
        from .risk import REASONS

        return REASONS
    raise AttributeError(name)


@dataclass(frozen=True, slots=True)
class Analysis:
    language: str  # "fr", "en" or "other"
    sentiment: Sentiment
    at_risk_reasons: tuple[str, ...] = ()  # reason codes, see risk.REASONS
    risk_evidence: tuple[tuple[str, str], ...] = ()  # (reason, words that triggered it)
    cues: tuple[str, ...] = ()  # the sentiment words/emoji/phrases that matched (folded)
    language_confidence: float = 1.0
    sarcasm: bool = False
    influence: float = 0.0  # 0..1 from the followers count, when the caller gave it

    @property
    def at_risk(self) -> bool:
        return bool(self.at_risk_reasons)

    @property
    def unsure(self) -> bool:
        """The lexicon path is unsure: a candidate for the model's second opinion."""
        from .sentiment import UNSURE

        return self.language in ("fr", "en") and self.sentiment.confidence < UNSURE


def _by_vocabulary(text: str, language: str, confidence: float) -> tuple[str, float]:
    """Short, unclear text ("Génial", "Inadmissible"): the language whose sentiment lexicon
    knows its words; French first on a tie (Relais' users are French-speaking first)."""
    from .english import _analyser
    from .french import FR_LEXICONS
    from .lexicon import load_merged
    from .text import tokens_cached

    fr_lex = load_merged(*FR_LEXICONS)
    en_lex = _analyser().lexicon
    words = [t for t in tokens_cached(text, "fr") if t.isalpha()]
    fr = sum(1 for w in words if fr_lex.word(w) is not None)
    en = sum(1 for w in words if w in en_lex)
    if fr == 0 and en == 0:
        return language, confidence
    return ("fr", 0.4) if fr >= en else ("en", 0.4)


def _reads_as_praise(scored, text: str) -> bool:  # noqa: ANN001 - a sentiment.Scored or None
    """Praise: positive enough, or with a sincere warm emoji ("vous êtes dangereux 😍"). The
    words that only threaten in a complaint do not threaten in praise."""
    from . import sentiment
    from .french import SINCERE

    return scored is not None and (scored.compound >= sentiment.POSITIVE_AT
                                   or any(e in text for e in SINCERE))


def _sentence_praise(sentence: str, language: str) -> bool:
    """Whether one sentence reads as praise (the at-risk check asks it of a sentence that
    matched a threat in a message that reads as praise as a whole)."""
    from . import sentiment

    return _reads_as_praise(sentiment.scored(sentence, language), sentence)


def analyse(text: str, lang_hint: str | None = None, *, waiting_complaints: int = 0,
            followers: int | None = None) -> Analysis:
    """Triage one message. `lang_hint` ("fr", "en", "fr-FR", "de"...), when given, is trusted
    over detection; `waiting_complaints` counts the customer's earlier complaints still
    waiting (from the cache) and raises the "repeat" reason when above zero; `followers`
    (the author's followers count) gives `Analysis.influence`."""
    from . import language as lang_mod
    from . import risk, sentiment

    text = text or ""
    hint = lang_mod.normalise_hint(lang_hint)
    if hint is not None:
        language, lang_conf = hint, 1.0
    elif text.strip():
        det = lang_mod.detect(text)
        language, lang_conf = det.language, det.confidence
        if language == lang_mod.OTHER and lang_conf < 0.5:
            language, lang_conf = _by_vocabulary(text, language, lang_conf)
    else:
        language, lang_conf = lang_mod.OTHER, 0.0

    scored = sentiment.scored(text, language) if text.strip() else None
    if scored is None and text.strip() and not any(c.isalpha() for c in text):
        scored = sentiment.scored(text, "fr")  # emoji / emoticons only: no language needed
    r = risk.assess(text, language, waiting_complaints,
                    negative_context=not _reads_as_praise(scored, text),
                    praise=_sentence_praise)
    if scored is None:
        sent = sentiment.to_sentiment(None)
        cues: tuple[str, ...] = ()
        sarcasm = False
    else:
        textual = sum(1 for reason, ev in r.evidence if not ev.startswith("waiting_complaints="))
        sent = sentiment.to_sentiment(sentiment.with_risk(scored, textual))
        cues, sarcasm = scored.cues, scored.sarcasm
    return Analysis(language, sent, r.reasons, r.evidence, cues, round(lang_conf, 3), sarcasm,
                    influence(followers))


def warm_up() -> None:
    """Load the lexicons, VADER and the language model now (~0.7 s), e.g. in a background
    thread at start-up, so that the first message is triaged at full speed."""
    from . import language

    analyse("Bonjour, merci", "fr")
    analyse("Hello, thanks", "en")
    language._identifier()


def triage_messages(messages: Sequence[Message]) -> list[Message]:
    """Language, sentiment and at-risk reasons for each customer message of a sync page.

    The sync engine runs this off the event loop and off the GUI thread (CPU work); the
    brand's own messages pass through untouched.
    """
    out: list[Message] = []
    for m in messages:
        if m.from_brand:
            out.append(m)
            continue
        text = " ".join(p for p in (m.content_warning, m.text) if p)
        a = analyse(text, m.language, followers=m.author.followers_count)
        out.append(replace(m, language=a.language, sentiment=a.sentiment,
                           at_risk_reasons=a.at_risk_reasons))
    return out
