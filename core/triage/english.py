"""The English scorer: vaderSentiment, plus the corrections a customer-care queue needs.

VADER (MIT) scores general English well but misses what matters in a reply queue:
- customer-care phrases it scores 0 ("I want my money back", "still waiting", "on hold",
  "never received") — data/en_phrases.tsv adds their valence to VADER's raw sum;
- sarcasm: praise beside an eye-roll / angry emoji, "thanks for nothing", "great, another
  3h delay" — the praise is turned against the brand;
- emoji: VADER reads them as English descriptions ("pouting face" is 0); Relais' own emoji
  table (shared with French) is used instead, and emoji are removed from VADER's input.
"""

from __future__ import annotations

import math
import re
import string
import threading

from .french import (
    DECREASE_FLIP,
    DURATION_EN,
    DURATION_VALENCE,
    N_SCALAR,
    POLITE,
    Scored,
    emoji_items,
    is_sarcastic,
    normalise,
)
from .lexicon import load
from .text import _EMOJI_RE, _HASHTAG_RE, EMOTICONS, _hashtag, clean, tokens_cached

SARCASM_EN = (("thanks", "for", "nothing"), ("thank", "you", "for", "nothing"),
              ("thanks", "a", "lot", "for", "nothing"), ("yeah", "right"), ("just", "great"),
              ("just", "perfect"), ("oh", "great"), ("oh", "good"),
              ("way", "to", "go"), ("love", "how"), ("love", "it", "when"))
_STRIP_RE = re.compile(_EMOJI_RE + "|[\ufe0f\u200d]")
_EMOTICON_SEARCH = re.compile("|".join(re.escape(e) for e in EMOTICONS))
_SENTENCE_END = re.compile(r"(?<=\w)[.!?…]+(?=\s+\S)")
_FILLER = r"\g<0> zz zz zz"  # (not VADER words; upper case in an all-caps text, which VADER
_FILLER_UPPER = r"\g<0> ZZ ZZ ZZ"  # would otherwise read as shouting only in parts)
# A review's turn ("The staff were lovely. However, the room was filthy"): VADER weighs what
# follows "but" more (x1.5) and what precedes less (x0.5); these openers say the same
_TURN = re.compile(r"(?:(?<=[.!?…;]\s)|^)(?:however|that said|having said that|on the other hand),?",
                   re.I)
_TURN_KEEP = re.compile(r"(?:(?<=[.!?…;]\s)|^)(?=(?:sadly|unfortunately|shame about)\b)", re.I)
_CANT_BELIEVE = re.compile(r"\b(?:can'?t|cannot|can not|couldn'?t) believe\b", re.I)
_PUNCT = string.punctuation
_vader = None
_vader_lock = threading.Lock()


def _analyser():
    global _vader
    if _vader is None:
        with _vader_lock:
            if _vader is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                analyser = SentimentIntensityAnalyzer()
                analyser.lexicon.update(load("en_vader_overrides.tsv").words)
                _vader = analyser
    return _vader


def _vader_has_words(plain: str, lexicon: dict[str, float]) -> bool:
    """Whether VADER can score ``plain`` at all: its valence comes only from words (and
    emoticons) of its lexicon, so without one it answers 0 — skip its ~0.25 ms."""
    for w in plain.split():
        low = w.lower()
        if low in lexicon or low.strip(_PUNCT) in lexicon:
            return True
    return False


# "Crime dropped", "fewer delays", "poverty fell": a decrease of something bad is good news.
# Not "down" or "over" (the app is down, over an hour late), nor "drop" (dropped calls).
_DECREASE_AFTER = frozenset(
    "decreased decreases decreasing fell falling declined declining reduced ended".split())
_DECREASE_BEFORE = frozenset("fewer less lower reduced reducing decreasing".split())
_EN_NEGATORS = frozenset({"not", "no", "never", "without", "nothing"})
_EN_BOUNDARY = frozenset({".", ",", ";", ":", "!", "?", "...", "but"})


def _decrease_shift(toks: tuple[str, ...], lexicon: dict[str, float],
                    care: dict[str, float]) -> float:
    """What turning the decreased bad words positive adds to the raw sum (0 if none)."""
    shift = 0.0
    for i, t in enumerate(toks):
        v = lexicon.get(t, 0.0) or care.get(t, 0.0)
        if v >= -0.5:
            continue
        for j in [*range(i + 1, min(len(toks), i + 4)), *range(max(0, i - 2), i)]:
            d = toks[j]
            if not (d in _DECREASE_AFTER if j > i else d in _DECREASE_BEFORE):
                continue
            if d == "less" and j + 1 < len(toks) and toks[j + 1] == "than":
                continue  # "less than helpful"
            lo, hi = min(i, j), max(i, j)
            if any(x in _EN_BOUNDARY for x in toks[lo + 1:hi]):
                continue
            if any(x in _EN_NEGATORS for x in toks[max(0, j - 3):j]):
                continue  # "crime has not decreased"
            shift += (1 + DECREASE_FLIP) * -v
            break
    return shift


# "Less than helpful", "far from perfect": praise held short of itself is a complaint, and
# "far from bad" no complaint. Not after a negation: "nothing less than perfect", "not far from
# perfect" say the praise.
_HELD_SHORT = (("less", "than"), ("far", "from"))
_HELD_SHORT_ADVERBS = frozenset("very fully entirely totally completely particularly".split())


def _held_short_shift(toks: tuple[str, ...], lexicon: dict[str, float]) -> float:
    """What reading "less than <praise>" / "far from <word>" as negated adds to the raw sum."""
    shift = 0.0
    for i in range(len(toks) - 2):
        if (toks[i], toks[i + 1]) not in _HELD_SHORT:
            continue
        k = i + 3 if toks[i + 2] in _HELD_SHORT_ADVERBS and i + 3 < len(toks) else i + 2
        v = lexicon.get(toks[k], 0.0)
        if v <= 0.5 and not (toks[i] == "far" and v < -0.5):
            continue  # ("less than bad" is no idiom; "far from bad" is)
        if i and toks[i - 1] in _EN_NEGATORS:  # "nothing less than perfect": emphatic praise,
            if k == i + 2:  # which VADER reads as "nothing ... perfect" (3 words apart)
                shift += (1 - N_SCALAR) * v
            continue
        shift += (N_SCALAR - 1) * v
    return shift


_TURN_OPENERS = frozenset({"however", "unfortunately", "sadly"})
_TURN_PAIRS = frozenset({("that", "said"), ("shame", "about")})
_STOPS = frozenset({".", "!", "?", ";", "…", "..."})


def _turn_index(toks: tuple[str, ...]) -> int | None:
    """Where a review turns: the first "but", or a sentence opening with "however", "that
    said", "unfortunately"... (what _TURN and _TURN_KEEP make a "but" for VADER)."""
    for j, t in enumerate(toks):
        if t == "but":
            return j
        if j == 0 or toks[j - 1] in _STOPS:
            if t in _TURN_OPENERS or (j + 1 < len(toks) and (t, toks[j + 1]) in _TURN_PAIRS):
                return j
    return None


def raw(compound: float) -> float:
    """Invert VADER's normalisation compound = s / sqrt(s^2 + 15)."""
    c = max(-0.9999, min(0.9999, compound))
    return c * math.sqrt(15.0 / (1.0 - c * c))


def score(text: str) -> Scored:
    vader = _analyser()
    emoji = load("emoji.tsv")
    phrases = load("en_phrases.tsv")
    cleaned = clean(text)
    toks = tokens_cached(text, "en")
    plain = _STRIP_RE.sub(" ", text)
    plain = re.sub(r"https?://\S+|(?<![\w@])@[\w.\-]+", " ", plain)
    # VADER negates what follows "can't": "I can't believe how rude" would read as praise
    plain = _CANT_BELIEVE.sub("really", plain)
    if "#" in plain:
        plain = _HASHTAG_RE.sub(_hashtag, plain)
    plain = _TURN_KEEP.sub("but ", _TURN.sub("but", plain))
    # VADER looks three words back for a negation, across sentences too ("It was not bad.
    # Great!" read as -0.19): three neutral words after each sentence end stop it there
    plain = _SENTENCE_END.sub(_FILLER_UPPER if not any(c.islower() for c in plain) else _FILLER,
                              plain)
    if _EMOTICON_SEARCH.search(cleaned):
        plain = " ".join(w for w in plain.split() if w.lower() not in emoji.words)
    pol = (vader.polarity_scores(plain) if _vader_has_words(plain, vader.lexicon)
           else {"compound": 0.0, "neg": 0.0})
    s = raw(pol["compound"])
    cues: list[str] = []
    lexicon = vader.lexicon
    if "?" in text:  # courtesy in a question is not praise
        s -= 0.7 * sum(max(lexicon.get(t, 0.0), 0.0) for t in toks if t in POLITE)
    positive_idx = [i for i, t in enumerate(toks) if lexicon.get(t, 0.0) > 0.5]
    pos_mass = sum(lexicon.get(toks[i], 0.0) for i in positive_idx)
    neg_any = pol["neg"] > 0  # after VADER's own negation handling ("not bad" is not negative)
    cues.extend(toks[i] for i in positive_idx)
    cues.extend(t for t in toks if lexicon.get(t, 0.0) < -0.5)

    strongest = max((abs(lexicon.get(t, 0.0)) for t in toks), default=0.0)
    has_emoji = False
    i, n = 0, len(toks)
    turn = _turn_index(toks)
    while i < n:
        for k in range(min(phrases.starts.get(toks[i], 1), n - i), 0, -1):
            v = phrases.phrases.get(tuple(toks[i : i + k])) if k > 1 else phrases.words.get(toks[i])
            if v is not None:
                if turn is not None:  # as VADER weighs its own words around "but"
                    v *= 0.5 if i < turn else 1.5
                s += v
                strongest = max(strongest, abs(v))
                cues.append(" ".join(toks[i : i + k]))
                neg_any = neg_any or v < -0.5
                i += k - 1
                break
        i += 1
    if DURATION_EN.search(" ".join(toks)):
        s += DURATION_VALENCE
        cues.append("duration")
        neg_any = True
    for _, v, t in emoji_items(toks, emoji):
        s += v
        strongest, has_emoji = max(strongest, abs(v)), True
        cues.append(t)
        neg_any = neg_any or v < 0

    s += _decrease_shift(toks, lexicon, phrases.words)
    if "than" in toks or "from" in toks:
        held = _held_short_shift(toks, lexicon)
        if held:
            s += held
            cues.append("held short")
            neg_any = neg_any or held < 0
    strong_negative = pol["neg"] >= 0.3 or any(
        lexicon.get(t, 0.0) <= -1.5 for t in toks)
    sarcasm = is_sarcastic(toks, positive_idx, neg_any, emoji, SARCASM_EN, strong_negative and neg_any)
    if sarcasm:
        s -= 1.6 * pos_mass + 1.0
        cues.append("sarcasm")
    pos = max(s, 0.0)
    neg = max(-s, 0.0)
    return Scored(normalise(s), pos, neg, len(cues), tuple(cues), sarcasm, strongest,
                  has_emoji)
