"""At-risk customers: who threatens to leave, wants money back, goes legal or public...

Each flag carries a stable machine reason code (never translated in core) and the words
that triggered it, so the UI can show why. Patterns run on folded tokens (lower case, no
accents, elisions and SMS spellings expanded), so "résilier", "resilier" and "RÉSILIER" meet.

A question about *how* to cancel is not a threat; a merely disappointed customer is not
at risk: the patterns look for a demand, a threat or an announcement, not for bad words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .alternation import alternation, prefilter
from .risk_composed import EN_COMPOSED, FR_COMPOSED
from .risk_patterns import (  # noqa: F401 - the reason codes are re-exported
    BOYCOTT_PUBLIC,
    CANCEL,
    EN_NEGATIVE_ONLY,
    EN_PATTERNS,
    FR_NEGATIVE_ONLY,
    FR_PATTERNS,
    LEGAL,
    REASONS,
    REFUND,
    REPEAT,
    SAFETY,
)
from .text import tokens_cached

# Asking how to cancel is a service request, not a threat (unless intent is stated).
_HOWTO = re.compile(r"\b(?:comment|procedure|demarche|possible|puis je|peut on|ou|si|est ce que|how|"
                    r"can i|could i|do i|where|is it possible|steps|if|quel|quelle|quels|quelles|"
                    r"what|which|when|does|do you|will the|will it)\b")
# asking how, without a question mark: "je voudrais savoir comment on fait pour résilier."
_ASKING = re.compile(r"\b(?:(?:voudrais|voudrions|souhaiterais|aimerais) savoir|comment (?:on fait|faire|"
                     r"proceder)|(?:would|d) like to know|wondering how)\b")
_INTENT = re.compile(r"(?<!\bsi )\b(?:where s my|where is my|comptez vous|je (?:veux|vais|souhaite|compte|exige)|i (?:want|will|am going|m going|"
                     r"ll)|i am cancel|je resilie)\b")
_NEGATED = re.compile(r"\b(?:ne|pas|jamais|not|never|no|failli|almost|nearly)\b(?: [^\s.,;:!?]+){0,2} $")  # (not past a comma)
_SAYS_NO = re.compile(r"\b(?:jamais|pas|plus|not|never|won t|will not)\b")


def _compile(table: dict[str, list[str]]) -> dict[str, re.Pattern]:
    return {reason: alternation(pats) for reason, pats in table.items()}


_FR = _compile(FR_PATTERNS)
_EN = _compile(EN_PATTERNS)

def _with(table: dict[str, list[str]], more: dict[str, list[str]]) -> dict[str, list[str]]:
    return {r: table.get(r, []) + more.get(r, []) for r in REASONS if r in table or r in more}


# the composed rules (two word families close together) count only outside praise, too
_FR_NEG_TABLE = _with(FR_NEGATIVE_ONLY, FR_COMPOSED)
_EN_NEG_TABLE = _with(EN_NEGATIVE_ONLY, EN_COMPOSED)
_FR_NEG = _compile(_FR_NEG_TABLE)
_EN_NEG = _compile(_EN_NEG_TABLE)
# all of a language's patterns in one: most messages match none, and one scan tells
_ANY = {(lang, neg): prefilter([p for t in tables for pats in t.values() for p in pats])
        for lang, neg, tables in (("fr", True, (FR_PATTERNS, _FR_NEG_TABLE)),
                                  ("fr", False, (FR_PATTERNS,)),
                                  ("en", True, (EN_PATTERNS, _EN_NEG_TABLE)),
                                  ("en", False, (EN_PATTERNS,)))}


@dataclass(frozen=True, slots=True)
class Risk:
    reasons: tuple[str, ...]  # in REASONS order, no duplicates
    evidence: tuple[tuple[str, str], ...]  # (reason, the folded words that triggered it)

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)


def _bounds(folded: str, m: re.Match) -> tuple[int, int]:
    """The sentence around a match: where it starts, and the index of the ".", "!" or "?"
    that ends it (-1 when the text ends first)."""
    start = max(folded.rfind(c, 0, m.start()) for c in ".!?") + 1
    end = min((p for p in (folded.find(c, m.end()) for c in ".!?") if p >= 0), default=-1)
    return start, end


def _cancel_ok(folded: str, m: re.Match) -> bool:
    """False when a cancel / refund match is a how-to question ("Comment résilier ?", "Can I get
    a refund if...?") or is negated ("je ne vais pas résilier")."""
    start, end = _bounds(folded, m)
    sentence = folded[start:] if end < 0 else folded[start:end + 1]
    question = end >= 0 and folded[end] == "?"
    if ((question and _HOWTO.search(sentence)) or _ASKING.search(sentence)) \
            and not _INTENT.search(sentence):
        return False
    before = folded[max(start, m.start() - 30) : m.start()]
    # ("je ne le reconduis pas" says the threat in the negative itself)
    if _NEGATED.search(before) and not _SAYS_NO.search(m.group(0)):
        return False
    return True


# "Is this text really from you or a scam?": asking whether a message is genuine is no
# accusation (the customer reports phishing, which the brand wants to hear about).
_GENUINE = re.compile(r"\b(?:vrai|vraiment|authentique|legit|legitimate|real|genuine|fake|faux|"
                      r"phishing|hameconnage|sms|texto|text|mail|email|e mail|lien|link|appel|call)\b")
_SCAM = re.compile(r"arnaqu|scam|fraud|escro")


# Leaving another brand for this one is good news: "switched to @Brand", "résilié mon ancienne
# salle pour venir chez vous", "cancelled my old gym and joined".
_TO_US = re.compile(r"\b(?:switch\w*|mov\w*|pass\w*|came|come|venu\w*)\s+(?:over\s+)?(?:to|chez|a)\s+@", re.I)
_THE_OLD = re.compile(r"\s*(?:\S+ ){0,2}(?:mon ancien|mon ancienne|ma ancienne|mes anciens?|my old|my previous|"
                      r"my former|our old)\b")


def _leaving_us(text: str, folded: str, m: re.Match) -> bool:
    """False when the cancel words are about another brand the customer left for this one."""
    if _THE_OLD.match(folded, m.end()) or _THE_OLD.match(folded[max(0, m.start() - 20):m.end()]):
        return False
    return not (m.group(0).startswith("switch") and _TO_US.search(text))


def _accusation(folded: str, m: re.Match) -> bool:
    """False when a scam word sits in a question about whether something is genuine."""
    if not _SCAM.match(m.group(0).strip()):
        return True
    start, end = _bounds(folded, m)
    if end < 0 or folded[end] != "?":
        return True
    return not _GENUINE.search(folded[start:end])


# In a review that praises as a whole, the words that count only outside praise are judged in
# their own sentence for these reasons: going public, legal action and a repeated complaint
# are threats or reports in themselves. Money, leaving and danger words often sit in the
# neutral sentences of a happy review ("worth my money", "switched to this one from my old
# one", "dangerously good").
_THREATS_IN_THEMSELVES = frozenset({BOYCOTT_PUBLIC, LEGAL, REPEAT})


def _sentence_of(folded: str, m: re.Match) -> str:
    start, end = _bounds(folded, m)
    return folded[start:] if end < 0 else folded[start:end + 1]


def assess(text: str, language: str, waiting_complaints: int = 0, *,
           negative_context: bool = True,
           praise: Callable[[str, str], bool] | None = None) -> Risk:
    """Reasons this message's author is at risk; `waiting_complaints` counts the same
    customer's earlier complaints still waiting for an answer (from the cache);
    `negative_context` is False when the message reads as praise (see NEGATIVE_ONLY). Then
    `praise(sentence, language)`, when given, judges the sentence of each such match: a long
    review that praises before it threatens ("Lovely staff… I'll be telling the neighbourhood
    group") reads as praise as a whole, not in the sentence that threatens."""
    langs = (language,) if language in ("fr", "en") else ("fr", "en")
    found: dict[str, str] = {}
    local = not negative_context and praise is not None
    for lang in langs:
        base = _FR if lang == "fr" else _EN
        tables = [base]
        if negative_context or local:
            tables.append(_FR_NEG if lang == "fr" else _EN_NEG)
        folded = " ".join(tokens_cached(text, lang)) + " "
        if not _ANY[lang, negative_context or local].search(folded):
            continue
        for table in tables:
            for reason, rx in table.items():
                if reason in found:
                    continue
                for m in rx.finditer(folded):
                    if reason in (CANCEL, REFUND) and not _cancel_ok(folded, m):
                        continue
                    if reason == BOYCOTT_PUBLIC and not _accusation(folded, m):
                        continue
                    if reason == CANCEL and not _leaving_us(text, folded, m):
                        continue
                    if table is not base and local and (
                            reason not in _THREATS_IN_THEMSELVES
                            or praise(_sentence_of(folded, m), lang)):  # type: ignore[misc]
                        continue
                    found[reason] = m.group(0).strip()
                    break
    if waiting_complaints > 0 and REPEAT not in found:
        found[REPEAT] = f"waiting_complaints={waiting_complaints}"
    reasons = tuple(r for r in REASONS if r in found)
    return Risk(reasons, tuple((r, found[r]) for r in reasons))
