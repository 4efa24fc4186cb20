"""Language: "fr", "en" or "other".

Two stages, both offline:
1. a stop-word vote among eight common European languages (microseconds; decides most messages);
2. when the vote is unclear, py3langid (BSD-3, a character n-gram naive Bayes model of ~4 MB,
   loaded lazily on first use) restricted to the same languages. Without py3langid installed,
   the vote's best guess is kept, with a lower confidence.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from .text import clean

FR, EN, OTHER = "fr", "en", "other"
LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "nl", "da", "sv", "pl")

# Function words: frequent, short, and mostly specific to one language (folded, no accents).
_STOP = {
    "fr": "le la les un une des du de je tu il elle nous vous ils elles est sont suis etait "
    "avec pour pas ne que qui dans sur au aux ce cette ces mon ma mes ton ta vos votre nos notre "
    "mais ou donc car tres plus tout tous toujours rien jamais aussi bien chez merci bonjour "
    "depuis avoir ete fait faire leur sans encore deja alors quand comme moi toi lui meme peu",
    "en": "the a an and or but is are was were be been have has had do does did not no i you he "
    "she it we they my your our their this that these those with for of to in on at from by "
    "what why how when where who will would can could should just very still again thanks "
    "please me him them than then there here about after before because get got",
    "de": "der die das und ist nicht ich du er sie wir ihr ein eine mit fur auf zu von den dem "
    "des sich auch noch nur wie aber wenn oder bei mein dein sehr schon kein keine haben",
    "es": "el la los las y es son no yo tu el ella nosotros un una con por para que del al muy "
    "pero como mas esta estoy este esto mi su sus gracias hola tambien siempre nunca nada hay",
    "it": "il lo la gli le e non io tu lui lei noi voi un una con per che del della di al "
    "molto ma come piu sono questo questa mio suo grazie ciao anche sempre mai niente ho hai",
    "pt": "o a os as e nao eu tu ele ela nos um uma com por para que do da dos das ao muito "
    "mas como mais estou este isso meu seu obrigado obrigada ola tambem sempre nunca nada tenho",
    "nl": "de het een en is niet ik jij hij zij wij met voor op te van den dat die ook nog "
    "maar als of bij mijn zeer al geen hebben heb dank",
    "da": "og er ikke jeg du han hun vi det en et med for pa til af den som har var meget men "
    "eller min din tak ogsa",
    "sv": "och ar inte jag du han hon vi det en ett med for pa till av den som har var mycket "
    "men eller min din tack ocksa",
    "pl": "i jest nie ja ty on ona my to z na do od sie ale czy jak bardzo juz jeszcze moj "
    "dziekuje",
}
_WORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORD_SETS.items():
    for _w in _words:
        _INDEX[_w] = _INDEX.get(_w, ()) + (_lang,)
_WORD_RE = re.compile(r"[a-z]+")
_CHAR_HINTS = (("ç", "fr", 1.0), ("œ", "fr", 1.5), ("ñ", "es", 2.0), ("ã", "pt", 2.0),
               ("õ", "pt", 2.0), ("ß", "de", 2.0), ("ø", "da", 2.0), ("å", "sv", 1.0),
               ("ł", "pl", 2.0), ("ą", "pl", 2.0), ("ę", "pl", 2.0))


@dataclass(frozen=True, slots=True)
class Detection:
    language: str  # "fr", "en" or "other"
    confidence: float  # 0..1
    detail: str = ""  # the detected ISO code when "other" (e.g. "de")


def _vote(text: str, folded: str) -> dict[str, float]:
    scores = dict.fromkeys(_WORD_SETS, 0.0)
    index = _INDEX
    for w in _WORD_RE.findall(folded):
        langs = index.get(w)
        if langs:
            for lang in langs:
                scores[lang] += 1.0
    low = text.lower()
    for ch, lang, weight in _CHAR_HINTS:
        if ch in low:
            scores[lang] += weight
    if "'" in folded and re.search(r"\b(j|n|c|l|d|qu|s|m)'[a-z]", folded):
        scores["fr"] += 1.5
    return scores


_ident = None
_ident_lock = threading.Lock()
_ident_failed = False


def _identifier():
    """py3langid restricted to LANGUAGES, or None when it is not installed."""
    global _ident, _ident_failed
    if _ident is None and not _ident_failed:
        with _ident_lock:
            if _ident is None and not _ident_failed:
                try:
                    from py3langid.langid import MODEL_FILE, LanguageIdentifier
                except ImportError:
                    _ident_failed = True
                    return None
                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages(list(LANGUAGES))
                _ident = ident
    return _ident


def _as_detection(code: str, confidence: float) -> Detection:
    if code in (FR, EN):
        return Detection(code, confidence)
    return Detection(OTHER, confidence, code)


def detect(text: str) -> Detection:
    """Detect the language of a message (fast path by stop words, lazy model otherwise)."""
    folded = clean(text)
    scores = _vote(text, folded)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, s1), (_, s2) = ranked[0], ranked[1]
    if s1 >= 2 and s1 >= 2 * s2 + 1:
        return _as_detection(best, min(0.99, 0.7 + 0.05 * (s1 - s2)))
    ident = _identifier()
    if ident is not None and folded.strip():
        code, prob = ident.classify(folded)
        prob = float(prob)
        if code not in (FR, EN) and prob < 0.6:
            # Short, unclear text: a French or English function word outweighs a weak guess.
            if best in (FR, EN) and s1 >= 1 and s1 > s2:
                return Detection(best, 0.5)
            ranks = dict(ident.rank(folded))
            alt = max((FR, EN), key=lambda c: ranks.get(c, 0.0))
            if ranks.get(alt, 0.0) >= 0.15:
                return Detection(alt, float(ranks[alt]))
        return _as_detection(code, prob)
    if s1 == 0:
        return Detection(OTHER, 0.0, "")
    return _as_detection(best, 0.4 if s1 > s2 else 0.2)


def normalise_hint(hint: str | None) -> str | None:
    """Map a caller's language hint ("fr", "fr-FR", "French", "EN") to fr/en/other, or None."""
    if not hint:
        return None
    h = hint.strip().lower().replace("_", "-")
    if not h:
        return None
    if h.startswith("fr"):
        return FR
    if h.startswith("en"):
        return EN
    return OTHER


def reply_language(text: str, answered: str | None = None) -> str | None:
    """The ISO 639-1 code to tag a reply with (networks filter feeds by it), or None.

    The reply's own text decides when it is clear; an unclear one takes the language of the
    message it answers (``answered``: "fr", "en-GB"…), else a weak French/English guess;
    otherwise untagged, as the networks allow."""
    det = detect(text) if text.strip() else Detection(OTHER, 0.0)
    code = det.language if det.language in (FR, EN) else det.detail
    if code and det.confidence >= 0.5:
        return code
    if answered:
        given = answered.strip().lower().replace("_", "-").split("-")[0]
        if re.fullmatch(r"[a-z]{2,3}", given):
            return given
    if det.language in (FR, EN) and det.confidence >= 0.3:
        return det.language
    return None
