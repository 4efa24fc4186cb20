"""One regex for hundreds of risk patterns, built so that Python's `re` scans it fast.

`re` tries an alternation's branches one by one at every position of the text; with ~300
branches that scan was most of the risk check's time. Two shapes help it, both keeping the
same language as the branches themselves.
"""

from __future__ import annotations

import re


def alternation(patterns: list[str]) -> re.Pattern:
    """One regex for all ``patterns``, trying them in their order (which match is found at a
    position can matter to the caller); the word boundary most begin with is tested once,
    before the branches (each branch testing its own at every position was 3 times slower)."""
    at_word = [p[2:] for p in patterns if p.startswith(r"\b")]
    other = [p for p in patterns if not p.startswith(r"\b")]
    parts = ([r"\b(?:" + "|".join(f"(?:{p})" for p in at_word) + ")"] if at_word else [])
    return re.compile("|".join(parts + [f"(?:{p})" for p in other]))


def prefilter(patterns: list[str]) -> re.Pattern:
    """A regex that matches a text exactly when one of ``patterns`` does (only *whether*: the
    branches are regrouped). Branches starting at a word boundary with a plain character are
    grouped under it ("r(?:esili…|embours…)"), so at each position `re` compares one character
    per group instead of trying every branch; a branch that opens with a group of alternatives
    ("(?:ne |n )?(?:achetez|commandez) pas") is first spelt out as one branch per alternative,
    so that it can be grouped too. The branches left over (a lookbehind first, a class) are
    tried everywhere: they were 95 % of the scan's time before the spelling out."""
    at_word = [q[2:] for p in patterns if p.startswith(r"\b") for q in _spelt_out(p[2:], r"\b")]
    other = [p for p in patterns if not p.startswith(r"\b")]
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for p in at_word:
        first = _plain_first(p)
        if first is None:
            rest.append(p)
        else:
            groups.setdefault(first, []).append(p[1:])
    branches = [re.escape(c) + "(?:" + "|".join(f"(?:{q})" for q in qs) + ")"
                for c, qs in sorted(groups.items())] + [f"(?:{p})" for p in rest]
    parts = [r"\b(?:" + "|".join(branches) + ")"] if branches else []
    return re.compile("|".join(parts + [f"(?:{p})" for p in other]))


_MAX_SPELT = 48  # branches one pattern may be spelt out into


def _spelt_out(p: str, prefix: str = "") -> list[str]:
    """``prefix + p`` as branches whose union matches the same texts: a leading "(?:a|b)" (or
    "(?:a|b)?") becomes "a…", "b…" (and "…"), recursively; anything else is kept whole."""
    out = [prefix + p]
    if not p.startswith("(?:"):
        return out
    close = _closing(p)
    if close is None:
        return out
    inner, after = p[3:close], p[close + 1:]
    optional = after[:1] == "?" and after[1:2] not in ("?", "+")
    if after[:1] in ("*", "+", "{") or (after[:1] == "?" and not optional):
        return out
    tail = after[1:] if optional else after
    alternatives = _top_level_split(inner)
    spelt: list[str] = []
    for alt in alternatives + ([""] if optional else []):
        spelt += _spelt_out(alt + tail, prefix)
        if len(spelt) > _MAX_SPELT:
            return out
    return spelt


def _closing(p: str) -> int | None:
    """Index of the parenthesis closing the group that opens ``p``."""
    depth, i, in_class = 0, 0, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _top_level_split(p: str) -> list[str]:
    parts, depth, i, start, in_class = [], 0, 0, 0, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
        i += 1
    parts.append(p[start:])
    return parts


def _plain_first(p: str) -> str | None:
    """The branch's first character when it is a plain one that every match begins with: a
    letter, digit or space, not made optional or repeated, and no top-level "|"."""
    if not p or not (p[0].isalnum() or p[0] == " ") or (len(p) > 1 and p[1] in "?*+{"):
        return None
    return None if _top_level_bar(p) else p[0]


def _top_level_bar(p: str) -> bool:
    return len(_top_level_split(p)) > 1
