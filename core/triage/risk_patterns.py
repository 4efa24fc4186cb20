"""The at-risk patterns, per language and reason: what customers say when they threaten to
leave, demand their money back, threaten legal action, go public, report a safety problem or
repeat a complaint that still waits. Regexes on folded tokens (see risk.py); written by the
Relais team from general knowledge of French and English (rounds of team-written messages
showed the phrasings missed: bench/data/README.md), never from evaluation rows.

*_NEGATIVE_ONLY patterns count only when the message does not read as praise ("I tell everyone
about it!" is no threat).
"""

from __future__ import annotations

from .risk_patterns_en import EN_NEGATIVE_ONLY, EN_PATTERNS
from .risk_patterns_fr import FR_NEGATIVE_ONLY, FR_PATTERNS
from .risk_reasons import BOYCOTT_PUBLIC, CANCEL, LEGAL, REASONS, REFUND, REPEAT, SAFETY

__all__ = ["BOYCOTT_PUBLIC", "CANCEL", "EN_NEGATIVE_ONLY", "EN_PATTERNS", "FR_NEGATIVE_ONLY",
           "FR_PATTERNS", "LEGAL", "REASONS", "REFUND", "REPEAT", "SAFETY"]
