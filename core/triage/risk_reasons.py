"""The at-risk reason codes: stable machine strings, never translated in core (the UI words
them, ui/labels.py)."""

from __future__ import annotations

CANCEL, REFUND, LEGAL, BOYCOTT_PUBLIC, SAFETY, REPEAT = (
    "cancel", "refund", "legal", "boycott_public", "safety", "repeat")
REASONS = (CANCEL, REFUND, LEGAL, BOYCOTT_PUBLIC, SAFETY, REPEAT)
