"""The French scorer: a VADER-like rule engine over a French lexicon written for Relais.

What it handles that off-the-shelf French lexicons get wrong:
- negation in both registers: "ne ... pas/plus/jamais/rien/aucun", "pas du tout", and the
  spoken "j'aime pas", "c'est pas top"; "ne ... que" (restriction) is not negation;
- fixed phrases that carry their own sense: "plus jamais", "pas mal", "pas de souci",
  "toujours pas reçu", "en panne", "à fuir" (the phrase, not its words, is scored);
- intensifiers ("très", "trop", "vraiment", "hyper", ...) and softeners ("un peu", "assez");
- words in capitals and exclamation marks as emphasis; "mais" shifting weight to what follows;
- emoji and emoticons; sarcasm: praise beside an eye-roll / angry emoji, "merci pour rien",
  or praise + "encore ..." + a complaint ("génial, encore un retard de 3h");
- elisions, SMS spellings and missing accents (see text.py: matching is on folded forms).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .lexicon import Lexicon, load, load_merged
from .text import caps_words, name_words, tokens_cached

# Later files override earlier ones (see lexicon.load_merged).
FR_LEXICONS = ("fr_pattern_adjectives.tsv", "fr_general.tsv", "fr_everyday.tsv", "fr_lexicon.tsv")
BOOST = 0.293  # VADER's booster increment
N_SCALAR = -0.74  # VADER's negation factor
ALPHA = 15.0  # VADER's normalisation constant

FR_BOOSTERS = {
    "tres": 1.0, "trop": 1.0, "vraiment": 1.0, "hyper": 1.0, "super": 1.0, "tellement": 1.0,
    "si": 0.6, "extremement": 1.2, "vachement": 1.0, "grave": 0.8, "totalement": 1.0,
    "completement": 1.0, "absolument": 1.0, "particulierement": 0.8, "franchement": 0.8,
    "carrement": 1.0, "vraiement": 1.0, "ultra": 1.0, "mega": 1.0, "archi": 1.0,
    "incroyablement": 1.2, "terriblement": 1.2, "profondement": 1.0, "fortement": 0.8,
    "entierement": 0.8, "tout": 0.4, "plus": 0.5, "encore": 0.4, "autant": 0.4,
    "peu": -1.0, "assez": -0.5, "plutot": -0.5, "presque": -0.5, "moyennement": -1.0,
    "legerement": -0.8, "relativement": -0.5, "quelque": -0.5,
}
# Intensifiers placed after the word they strengthen, in speech ("je kiffe grave").
POST_BOOSTERS = frozenset({"grave", "trop", "beaucoup", "vraiment", "grandement"})
FR_NEGATORS = frozenset({"ne", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni",
                         "guere", "nullement", "non"})
FR_POST_NEGATORS = frozenset({"pas", "jamais", "rien", "point"})
FR_CONTRAST = frozenset({"mais", "cependant", "pourtant", "neanmoins", "toutefois"})
# a review's turn in two words ("Le personnel est adorable. En revanche, …"), and the adverbs
# that open one ("Malheureusement, …"): what follows weighs more, as after "mais"
FR_TURNS = frozenset({("en", "revanche"), ("par", "contre"), ("sauf", "que")})
FR_TURN_WORDS = frozenset({"malheureusement", "helas"})
REPETITION = frozenset({"encore", "again", "another", "toujours", "still", "yet",
                        "comme d habitude", "as usual", "once again", "de nouveau", "re"})
SARCASM_FR = (("merci", "pour", "rien"), ("merci", "de", "rien", "du", "tout"),
              ("merci", "du", "cadeau"), ("encore", "bravo"), ("bravo", "pour", "rien"),
              ("c", "est", "du", "propre"), ("ce", "est", "du", "propre"))
# Courtesy, not sentiment, when the message asks something ("Can I change my seat? Thanks!").
POLITE = frozenset({"merci", "thanks", "thank", "please", "svp", "stp", "bonjour", "hello", "hi",
                    "cordialement", "remercie", "hope", "hoping", "espere"})
# Waiting times told as a complaint: "ça fait 3 semaines que…", "depuis 5 jours".
_UNITS = (r"(?:min|mins|minutes?|heures?|h|jours?|semaines?|mois|ans|hours?|hrs|days?|weeks?|months?|"
          r"years?)")
_COUNT_FR = r"(?:\d+|deux|trois|quatre|cinq|six|plusieurs|des)"
DURATION_FR = re.compile(
    rf"\b(?:ca|cela) fait (?:\S+ ){{0,2}}{_UNITS} que\b"
    rf"|\bdepuis (?:plus de )?{_COUNT_FR} {_UNITS}\b"
    rf"|\b(?:attendre|attente de|attends|patienter|patiente) (?:plus de )?{_COUNT_FR} {_UNITS}\b"
    rf"|\b(?:{_COUNT_FR}|une|un) {_UNITS} (?:au tel|au telephone|d attente|de queue|a attendre|"
    rf"en ligne|de retard)\b")
DURATION_EN = re.compile(rf"\b(?:for|over|after|since|waiting|waited|wait) (?:for )?(?:over |more than "
                         rf"|almost )?(?:\d+|two|three|four|five|six|several|many) {_UNITS}\b"
                         rf"|\b(?:\d+|two|three|four|five|six) {_UNITS} (?:on hold|on the phone|in (?:a |the )?"
                         rf"(?:queue|line)|late|of delay)\b")
DURATION_VALENCE = -1.4
NAME_MAX = 1.5  # a capitalised word inside a sentence with a weaker sense is read as a name
_BOUNDARY = frozenset({".", ",", ";", ":", "!", "?", "...", "!!", "??", "?!", "!?"})
_RESTRICT = frozenset({"que", "qu"})
SHORT = 40  # tokens: the irony rules below are for short, tweet-like messages
# Openers that, before a clear complaint, are ironic ("Bravo pour…", "Great job losing my bag").
IRONIC_OPENERS = frozenset({"bravo", "felicitations", "chapeau", "genial", "super", "great",
                            "awesome", "wonderful", "perfect", "parfait", "brilliant", "nice"})
# Emoji of warmth: the praise next to them is meant (a clap or a thumbs-up can be ironic).
SINCERE = frozenset("❤ 😍 🥰 😊 🤗 💕 💖 💗 💙 💚 💛 🧡 💜 ☺ 🙏 💪 😘".split())
TAIL_WORDS = 4  # a cheer after a complaint, this short, is ironic ("Bravo les champions")
_COMPARATIVE = frozenset({"aussi", "autant", "mieux", "si"})
# Praise as the last word after a complaint: "Trois jours sans téléphone, bravo".
PRAISE_TAIL = frozenset({"bravo", "merci", "super", "genial", "parfait", "top", "chapeau", "great",
                         "thanks", "perfect", "awesome", "nice", "wonderful", "excellent", "brilliant",
                         "felicitations", "cool", "lovely", "fantastic"})


@dataclass(frozen=True, slots=True)
class Scored:
    """The raw result of a rule scorer, before labelling."""

    compound: float  # -1..1
    positive: float  # sum of positive contributions (after rules)
    negative: float  # sum of negative contributions (magnitude)
    hits: int  # how many lexicon items matched
    cues: tuple[str, ...]  # what matched (folded), for the explanation
    sarcasm: bool = False
    strongest: float = 0.0  # the largest single valence matched (magnitude), emoji included
    emoji: bool = False  # an emoji or emoticon matched


def normalise(s: float) -> float:
    return max(-1.0, min(1.0, s / math.sqrt(s * s + ALPHA)))


def emoji_items(toks: list[str], emoji: Lexicon) -> list[tuple[int, float, str]]:
    return [(i, emoji.words[t], t) for i, t in enumerate(toks) if t in emoji.words]


def has_phrase(toks, phrases) -> bool:
    firsts = {p[0] for p in phrases}
    for i, t in enumerate(toks):
        if t in firsts:
            for p in phrases:
                if p[0] == t and tuple(toks[i : i + len(p)]) == p:
                    return True
    return False


def is_sarcastic(toks: list[str], positive_idx: list[int], negative_any: bool,
                 emoji: Lexicon, explicit, strong_negative: bool = False) -> bool:
    """Praise used against the brand: explicit formulas, praise + eye-roll, praise + "again"."""
    if has_phrase(toks, explicit):
        return True
    if not positive_idx:
        return False
    if any(t in emoji.neg_cues for t in toks):
        return True
    words = [(i, t) for i, t in enumerate(toks) if t.isalnum()]
    if any(t in SINCERE for t in toks):
        return False  # "merci ❤️" after a hard time is thanks, not irony
    if negative_any and len(words) > 2 and words[-1][1] in PRAISE_TAIL:
        j = words[-1][0]
        if toks[j - 1] in _BOUNDARY and all(i >= j for i in positive_idx):
            return True  # the complaint comes first, the "praise" alone at the end
    if negative_any and len(words) > 2:  # "30 min au tel pour rien. Bravo les champions 👏"
        b = max((k for k, t in enumerate(toks) if t in _BOUNDARY), default=-1)
        tail = [t for t in toks[b + 1:] if t.isalnum()]
        if (b > 0 and 0 < len(tail) <= TAIL_WORDS and tail[0] in IRONIC_OPENERS
                and all(i > b for i in positive_idx)):
            return True  # the complaint first, then a short cheer alone in its own sentence
    if len(toks) > SHORT:
        return False  # in a long review, praise then complaint is a mixed opinion, not irony
    praise = [i for i in positive_idx if toks[i] in PRAISE_TAIL]
    if negative_any and praise and any(t in REPETITION for t in toks):
        return True  # "encore 45 min de retard, merci la SNCF"
    if strong_negative and positive_idx[0] <= 1 and toks[positive_idx[0]] in IRONIC_OPENERS:
        return True  # "Bravo pour le suivi de commande inexistant"
    if negative_any and any(t in REPETITION for t in toks):
        first = positive_idx[0]
        # praise opens the message ("Génial, encore ...", "Great, another ...")
        if first <= 2 and first + 1 < len(toks) and toks[first + 1] in _BOUNDARY:
            return True
    return False


def _negated(toks: list[str], i: int) -> bool:
    start = max(0, i - 3)
    window = toks[start:i]
    for j in range(len(window) - 1, -1, -1):
        t = window[j]
        if t in _BOUNDARY or t in FR_CONTRAST:
            window = window[j + 1 :]
            break
    # "loin d'être parfait" (far from it): a negation, but "pas loin d'être parfait" is praise
    for at in (i - 3, i - 4):
        if at >= 0 and tuple(toks[at:at + 3]) == ("loin", "de", "etre"):
            if not any(t in _BOUNDARY for t in toks[at + 3:i]):
                return not (at and toks[at - 1] in FR_NEGATORS)
    found = [t for t in window if t in FR_NEGATORS]
    if "jamais" in found and any(t in _COMPARATIVE for t in window[window.index("jamais"):]):
        return False  # "jamais (été) aussi bien servi": never so good
    if found:
        if found == ["ne"] and any(t in _RESTRICT for t in window[window.index("ne") :]):
            return False  # "je n'ai que des éloges": restriction, not negation
        return True
    if "plus" in window and "ne" in toks[max(0, i - 6) : i]:
        return True
    if i + 1 < len(toks) and toks[i + 1] in FR_POST_NEGATORS:
        return True  # spoken French: "j'aime pas", "je recommande pas"
    return False


def _boost(toks: list[str], i: int, v: float) -> float:
    for dist in (1, 2, 3):
        j = i - dist
        if j < 0 or toks[j] in _BOUNDARY:
            break
        b = FR_BOOSTERS.get(toks[j])
        if b is not None:
            scale = BOOST * b * (1.0, 0.95, 0.9)[dist - 1]
            v += scale if v > 0 else -scale
    return v


# "Le chômage baisse", "recul de la violence", "moins de pannes": a decrease of something bad
# is good news. The bad word's valence turns positive and the decrease word (itself negative
# in the lexicons: "baisse", "recul", "chute") stops counting.
DECREASE = frozenset(
    "baisse baisses baisser baissent baissera baisserait diminue diminuent diminuer diminution "
    "diminutions recul recule reculent reculer chute chutent chuter reduction reductions reduit "
    "reduite reduits reduire regresse regressent regression fin".split())
DECREASE_FLIP = 0.8
_NOT_DECREASE_BEFORE = frozenset({"au", "du", "pas", "plus", "non", "sans"})  # "au moins", "sans fin"


def _decreases(toks: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the decrease words: (said, negated)."""
    said, negated = [], []
    for j, t in enumerate(toks):
        if j and toks[j - 1] in _NOT_DECREASE_BEFORE:
            continue
        if t in DECREASE or (t == "moins" and j + 1 < len(toks) and toks[j + 1] in ("de", "d")):
            (negated if _negated(toks, j) else said).append(j)
    return said, negated


def _shift_decreases(toks: list[str], items: list[list], emoji_words: dict) -> None:
    """Negative items near an unnegated decrease word (same clause, 4 tokens; 6 before "en
    baisse") turn positive."""
    dec, negated = _decreases(toks)
    for j in negated:  # "aucune baisse des retards": no decrease is not good news either
        for it in items:
            if it[0] == j and it[3]:
                it[1] = 0.0
            elif it[3] and j < it[0] <= j + 4 and _negated(toks, it[0]):
                it[1] /= N_SCALAR  # the negation was the decrease's, not the bad word's
    if not dec:
        return
    used: set[int] = set()
    for it in items:
        i, v = it[0], it[1]
        if v >= 0 or i in dec or it[2] in emoji_words:
            continue
        if not it[3] and any(t in DECREASE for t in it[2].split()):
            continue  # a phrase that says the decrease itself ("la qualité a baissé")
        for j in dec:
            lo, hi = min(i, j), max(i, j)
            # "X de la route en recul": "en baisse", "en recul" close a whole noun phrase
            reach = 6 if j > i and toks[j - 1] == "en" else 4
            if hi - lo <= reach and not any(t in _BOUNDARY for t in toks[lo + 1:hi]):
                it[1] = -v * DECREASE_FLIP
                used.add(j)
                break
    for it in items:
        if it[0] in used:
            it[1] = 0.0


def score(text: str) -> Scored:
    """Score a French message (any length); pure and thread-safe."""
    lex = load_merged(*FR_LEXICONS)
    emoji = load("emoji.tsv")
    toks = tokens_cached(text, "fr")
    caps = caps_words(text)
    names = name_words(text)
    items: list[list] = []  # [index, valence, cue, is_word]
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        matched = False
        for k in range(min(lex.starts.get(t, 1), n - i), 1, -1):
            key = tuple(toks[i : i + k])
            v = lex.phrases.get(key)
            if v is not None:
                items.append([i, _boost(toks, i, v), " ".join(key), False])
                i += k
                matched = True
                break
        if matched:
            continue
        if t in emoji.words:
            items.append([i, emoji.words[t], t, False])
        elif (t in POST_BOOSTERS and items and items[-1][3] and items[-1][0] == i - 1
              and not (i + 1 < n and lex.word(toks[i + 1]) is not None)):
            prev = items[-1]  # spoken French: "je kiffe grave", "ça m'énerve trop"
            prev[1] += BOOST if prev[1] > 0 else -BOOST
        elif t.isalpha() and not (t in FR_BOOSTERS and i + 1 < n and lex.word(toks[i + 1]) is not None):
            v = lex.word(t)  # a booster before a sentiment word only boosts ("trop bien")
            if v and t in names and abs(v) < NAME_MAX:
                v = None  # "la France", "Etats-Unis": a name, not "franc", "uni"
            if v:  # 0 in a lexicon file marks a word as neutral ("souris")
                v = _boost(toks, i, v)
                if _negated(toks, i):
                    v *= N_SCALAR
                if t in caps:
                    v += 0.733 if v > 0 else -0.733
                items.append([i, v, t, True])
        i += 1

    _shift_decreases(toks, items, emoji.words)
    if DURATION_FR.search(" ".join(toks)):
        items.append([n, DURATION_VALENCE, "duration", False])

    # "mais": what follows weighs more than what precedes
    contrast = [j for j, t in enumerate(toks) if t in FR_CONTRAST or t in FR_TURN_WORDS
                or (j + 1 < n and (t, toks[j + 1]) in FR_TURNS)]
    if contrast:
        c = contrast[-1]
        for it in items:
            it[1] *= 0.5 if it[0] < c else 1.5

    if "?" in text:
        for it in items:
            if it[2] in POLITE and it[1] > 0:
                it[1] *= 0.3

    strongest = max((abs(it[1]) for it in items), default=0.0)
    has_emoji = any(it[2] in emoji.words for it in items)
    positive_idx = [it[0] for it in items if it[1] > 0 and it[2] not in emoji.words]
    negative_any = any(it[1] < 0 for it in items)
    strong_negative = any(it[1] <= -1.5 for it in items)
    sarcasm = is_sarcastic(toks, positive_idx, negative_any, emoji, SARCASM_FR, strong_negative)
    if sarcasm:
        for it in items:
            if it[1] > 0 and it[2] not in emoji.words:
                it[1] = -0.6 * it[1]
        items.append([n, -1.0, "sarcasm", False])

    s = sum(it[1] for it in items)
    bangs = min(sum(t.count("!") for t in toks if t[0] == "!"), 4)
    if s and bangs:
        s += (0.292 * bangs) * (1 if s > 0 else -1)
    pos = sum(it[1] for it in items if it[1] > 0)
    neg = -sum(it[1] for it in items if it[1] < 0)
    cues = tuple(it[2] for it in items)
    return Scored(normalise(s), pos, neg, len(items), cues, sarcasm, strongest, has_emoji)
