"""Loading of the lexicon data files (core/triage/data/*.tsv), once, lazily."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib import resources

from .text import tokens

_lock = threading.Lock()
_cache: dict[str, "Lexicon"] = {}


_VERB_ENDINGS = (("ez", "e"), ("ent", "e"), ("ons", "e"), ("aient", "e"), ("ait", "e"),
                 ("er", "e"), ("ee", "e"), ("ees", "e"), ("es", "e"),
                 # future and conditional: "aimeront", "aimerait" -> "aimer"; "detruiront" -> "detruire"
                 ("eront", "er"), ("erait", "er"), ("eraient", "er"), ("eront", "e"),
                 ("ront", "re"), ("rait", "re"), ("raient", "re"))


@dataclass(slots=True)
class Lexicon:
    words: dict[str, float] = field(default_factory=dict)
    prefixes: dict[str, float] = field(default_factory=dict)  # "recommand" for "recommand*"
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)
    max_phrase: int = 1
    starts: dict[str, int] = field(default_factory=dict)  # first word → its longest phrase
    neg_cues: frozenset[str] = frozenset()  # emoji that signal sarcasm beside praise

    memo: dict[str, float | None] = field(default_factory=dict)  # word() answers, per form

    def word(self, w: str) -> float | None:
        """Valence of a folded word: exact form, then light inflection stripping, then stems
        (memoised: a message's words are mostly words already seen)."""
        try:
            return self.memo[w]
        except KeyError:
            pass
        v = self._word(w)
        if len(self.memo) < 200_000:  # bounded: a long-running app meets many odd tokens
            self.memo[w] = v
        return v

    def _word(self, w: str) -> float | None:
        v = self.words.get(w)
        if v is not None:
            return v
        if len(w) > 3:
            for cut in ("s", "x", "e", "es"):
                if w.endswith(cut):
                    v = self.words.get(w[: -len(cut)])
                    if v is not None:
                        return v
        if len(w) > 5:  # verb endings: "respectez", "fonctionnent", "aimons" -> "...e"
            for cut, rep in _VERB_ENDINGS:
                if w.endswith(cut):
                    v = self.words.get(w[: -len(cut)] + rep)
                    if v is not None:
                        return v
        if self.prefixes and len(w) >= 4:
            for n in range(min(len(w), 12), 3, -1):
                v = self.prefixes.get(w[:n])
                if v is not None:
                    return v
        return None


def _read(name: str) -> list[list[str]]:
    text = resources.files("relais.core.triage").joinpath("data").joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def _build(name: str) -> Lexicon:
    lex = Lexicon()
    neg_cues = set()
    for row in _read(name):
        term, value = row[0].strip(), float(row[1])
        if len(row) > 2 and row[2].strip() == "neg_cue":
            neg_cues.add(term)
        if " " in term:
            # phrases are keyed as the tokenizer will see them ("j attends" -> "je attends")
            key = tuple(tokens(term, "en" if name.startswith("en_") else "fr", folded=True))
            lex.phrases[key] = value
            lex.max_phrase = max(lex.max_phrase, len(key))
            lex.starts[key[0]] = max(lex.starts.get(key[0], 1), len(key))
        elif term.endswith("*"):
            lex.prefixes[term[:-1]] = value
        else:
            lex.words[term] = value
    lex.neg_cues = frozenset(neg_cues)
    return lex


def load_merged(*names: str) -> Lexicon:
    """Several lexicon files as one: later files override earlier ones (cached by the tuple)."""
    key = "+".join(names)
    lex = _cache.get(key)
    if lex is None:
        parts = [load(n) for n in names]
        merged = Lexicon()
        for p in parts:
            if p.prefixes:  # a later file's "stem*" speaks for the whole family of words
                merged.words = {w: v for w, v in merged.words.items()
                                if not any(w[:n] in p.prefixes for n in range(4, min(len(w), 12) + 1))}
            merged.words.update(p.words)
            merged.prefixes.update(p.prefixes)
            merged.phrases.update(p.phrases)
            merged.max_phrase = max(merged.max_phrase, p.max_phrase)
            for w, k in p.starts.items():
                merged.starts[w] = max(merged.starts.get(w, 1), k)
            merged.neg_cues = merged.neg_cues | p.neg_cues
        with _lock:
            lex = _cache.setdefault(key, merged)
    return lex


def load(name: str) -> Lexicon:
    """The lexicon of data/<name> (e.g. "fr_lexicon.tsv"), built once per process."""
    lex = _cache.get(name)
    if lex is None:
        with _lock:
            lex = _cache.get(name)
            if lex is None:
                lex = _build(name)
                _cache[name] = lex
    return lex
