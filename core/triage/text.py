"""Text normalisation shared by language detection, sentiment and risk: pure Python, fast.

Matching is done on a *folded* form: lower case, accents removed, typographic apostrophes
and quotes unified, so "Remboursé", "rembourse" and "REMBOURSE" meet the same entry and
customers who type without accents are understood.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_EXTRA = {
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss",
    "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
    "“": '"', "”": '"', "«": '"', "»": '"',
    "…": "...", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " ",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        if stripped != ch and stripped.isascii():
            table[code] = stripped.lower()
    for ch, rep in _EXTRA.items():
        table[ord(ch)] = rep
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case, strip Latin accents, unify apostrophes. Emoji are kept as they are."""
    return text.lower().translate(_FOLD)


# Emoticons, written in folded (lower-case) form; longest first for the regex.
EMOTICONS = (
    ">:(", ":'(", ":-)", ":-(", ":-/", ":-d", ":-p", ":)", ":(", ":d", ":p", ";)", ";-)",
    ":/", "<3", "^^", "-_-", ":o", ":|", "=)", "=(", ":s", "xd",
)
_EMOTICON_RE = "|".join(re.escape(e) for e in sorted(EMOTICONS, key=len, reverse=True))

# Emoji and pictographs (plus variation selectors / ZWJ stripped elsewhere).
_EMOJI_RE = "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2190-\u21FF\u2300-\u23FF]"

_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_MENTION_RE = re.compile(r"(?<![\w@])@[\w.\-]+(@[\w.\-]+)?")
_TOKEN_RE = re.compile(
    rf"(?:(?<=\s)|^)(?:{_EMOTICON_RE})(?=\s|$|[.,!?])"  # emoticons stand alone
    rf"|{_EMOJI_RE}"
    r"|[a-z0-9]+"
    r"|[!?]+|\.\.\.|[.,;:]"
)

# Elided French articles and pronouns: "j'ai" -> "je ai", "n'est" -> "ne est".
_ELISIONS = {
    "j": "je", "n": "ne", "c": "ce", "l": "le", "d": "de", "qu": "que", "s": "se",
    "m": "me", "t": "te", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque",
}
_APOS_RE = re.compile(r"\b(j|n|c|l|d|qu|s|m|t|jusqu|lorsqu|puisqu)'(?=[a-z0-9])")
_NT_RE = re.compile(r"n't\b")
_CANT_RE = re.compile(r"\b(can|won|ain)'?t\b")
_HYPHEN_RE = re.compile(r"(?<=[a-z])-(?=[a-z])")
# "nuuuul" -> "nul", "trooop" -> "trop"; a word that is one letter three times is an acronym
# ("BBB", the Better Business Bureau; "AAA"), not a stretched word
_REPEAT_RE = re.compile(r"(?<![a-z])([a-z])\1\1(?![a-z])|([a-z])\2{2,}")

# SMS and chat spellings, in folded form.
SMS_FR = {
    "jsuis": "je suis", "jsui": "je suis", "chui": "je suis", "chuis": "je suis", "jss": "je suis",
    "tjrs": "toujours", "tjs": "toujours", "tjr": "toujours", "toujour": "toujours",
    "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi", "bcp": "beaucoup", "bcq": "beaucoup",
    "tt": "tout", "ts": "tous", "ya": "il y a", "jai": "je ai", "g": "je ai", "c": "ce est",
    "cest": "ce est", "jsp": "je sais pas", "jpp": "je en peux plus", "ms": "mais",
    "vrmt": "vraiment", "vrm": "vraiment", "tro": "trop", "bi1": "bien", "koi": "quoi",
    "jamai": "jamais", "jame": "jamais", "pa": "pas", "pr": "pour", "ds": "dans", "dc": "donc",
    "ke": "que", "k": "que", "qd": "quand", "qq": "quelque", "qqn": "quelqu un", "slt": "salut",
    "dsl": "desole", "stp": "s il te plait", "svp": "s il vous plait", "mm": "meme",
    "nimporte": "n importe", "jveux": "je veux", "jvais": "je vais", "jpeux": "je peux",
    "jcrois": "je crois", "jsais": "je sais", "jaime": "je aime", "jador": "je adore",
    "jadore": "je adore", "ct": "ce etait", "auj": "aujourd hui", "ajd": "aujourd hui",
    "jexige": "je exige", "jattends": "je attends", "jen": "je en", "jme": "je me",
    "jvous": "je vous", "jpense": "je pense", "jcomprends": "je comprends", "jarrive": "je arrive",
    "jaimerais": "je aimerais", "jvoudrais": "je voudrais", "dla": "de la",
    "bjr": "bonjour", "rdv": "rendez-vous", "mtn": "maintenant",
}

SMS_EN = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks", "ty": "thank you",
    "im": "i am", "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
    "wont": "will not", "isnt": "is not", "wasnt": "was not", "havent": "have not",
    "hasnt": "has not", "couldnt": "could not", "wouldnt": "would not", "ive": "i have",
}


_SMS = {"fr": {k: tuple(v.split()) for k, v in SMS_FR.items()},
        "en": {k: tuple(v.split()) for k, v in SMS_EN.items()}}


_HASHTAG_RE = re.compile(r"#(\w+)")
_CAMEL_RE = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
_TAG_PREFIXES = ("bad", "good", "great", "worst", "best", "epic", "never", "no", "so", "not",
                 "mal", "bon", "super", "tres", "nul", "pas", "plus", "jamais", "vive", "stop")
_NUM_UNIT_RE = re.compile(r"\b(\d+)(h|hrs?|hours?|mins?|min|jours?|j|days?|weeks?|semaines?|mois|months?)\b")


def _hashtag(m: re.Match) -> str:
    """"#BadService" / "#badservice" -> "bad service"; other tags keep their word."""
    tag = m.group(1)
    spaced = _CAMEL_RE.sub(" ", tag)
    if spaced != tag:
        return " " + spaced + " "
    low = tag.lower()
    for p in _TAG_PREFIXES:
        if low.startswith(p) and len(low) - len(p) >= 3:
            return f" {low[:len(p)]} {low[len(p):]} "
    return " " + tag + " "


@lru_cache(maxsize=16)  # a message is cleaned for its language, tokens and sentiment
def clean(text: str) -> str:
    """Folded text without URLs and @mentions (handles say nothing about sentiment);
    hashtags split into words; "3hrs" -> "3 hrs"."""
    text = _URL_RE.sub(" ", text)
    text = _MENTION_RE.sub(" ", text)
    if "#" in text:
        text = _HASHTAG_RE.sub(_hashtag, text)
    text = fold(text)
    text = _NUM_UNIT_RE.sub(r"\1 \2", text)
    return text


@lru_cache(maxsize=16)  # per-message reuse only (risk + sentiment)
def _tokens(text: str, lang: str) -> tuple[str, ...]:
    return tuple(tokens(text, lang))


def tokens_cached(text: str, lang: str = "fr") -> tuple[str, ...]:
    """`tokens` of a raw message, memoised: sentiment and risk both tokenise each message."""
    return _tokens(text, lang)


def tokens(text: str, lang: str = "fr", *, folded: bool = False) -> list[str]:
    """Folded tokens: words (elisions and SMS spellings expanded), emoji, emoticons, punctuation."""
    t = text if folded else clean(text)
    t = _CANT_RE.sub(lambda m: {"can": "can not", "won": "will not", "ain": "is not"}[m.group(1)], t)
    t = _NT_RE.sub(" not", t)
    t = _APOS_RE.sub(lambda m: _ELISIONS[m.group(1)] + " ", t)
    t = t.replace("'", " ")
    t = _HYPHEN_RE.sub(" ", t)  # "rendez-moi", "est-ce", "peut-être"
    t = _REPEAT_RE.sub(lambda m: m.group(0) if m.group(1) else m.group(2), t)
    sms = _SMS.get(lang, {})
    out: list[str] = []
    for tok in _TOKEN_RE.findall(t):
        rep = sms.get(tok)
        if rep:
            out.extend(rep)
        else:
            out.append(tok)
    return out


# A capitalised word inside a sentence ("la France", "Etats-Unis", "Radio-Canada Mobile",
# "chez Bouygues") is most often a name: its lexicon sense ("franc", "uni", "mobile") is not meant.
_NAME_RE = re.compile(r"(?<=[\w,;\-'’] )[A-ZÀ-Þ][a-zà-ÿ]{2,}\b|(?<=\w-)[A-ZÀ-Þ][a-zà-ÿ]{2,}\b")


@lru_cache(maxsize=16)
def name_words(text: str) -> frozenset[str]:
    """Folded forms of capitalised words inside a sentence (names), not after . ! ? or a
    line break; URLs, @mentions and #hashtags are ignored."""
    if not any(c.isupper() for c in text):
        return frozenset()
    t = _MENTION_RE.sub(" ", _URL_RE.sub(" ", text))
    if "#" in t:
        t = _HASHTAG_RE.sub(" ", t)
    return frozenset(fold(w) for w in _NAME_RE.findall(t))


def caps_words(text: str) -> set[str]:
    """Folded forms of words written in capitals (shouting), if the text is not all capitals."""
    words = re.findall(r"[^\W\d_]{3,}", text)
    caps = [w for w in words if w.isupper()]
    if not caps or len(caps) == len(words):
        return set()
    return {fold(w) for w in caps}
