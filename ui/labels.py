"""Translated names for core's machine values (core never translates)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.model import Kind, Network, SentimentLabel, Status



def status_name(s: Status) -> str:
    return {
        Status.WAITING: QCoreApplication.translate("Labels", "Waiting"),
        Status.ANSWERED: QCoreApplication.translate("Labels", "Answered"),
        Status.DONE: QCoreApplication.translate("Labels", "Done"),
        Status.SNOOZED: QCoreApplication.translate("Labels", "Snoozed"),
        Status.BACKLOG: QCoreApplication.translate("Labels", "Backlog"),
    }[s]


def sentiment_name(s: SentimentLabel) -> str:
    return {
        SentimentLabel.NEGATIVE: QCoreApplication.translate("Labels", "negative"),
        SentimentLabel.NEUTRAL: QCoreApplication.translate("Labels", "neutral"),
        SentimentLabel.POSITIVE: QCoreApplication.translate("Labels", "positive"),
    }[s]


def kind_name(k: Kind) -> str:
    return {Kind.PUBLIC: QCoreApplication.translate("Labels", "public"), Kind.PRIVATE: QCoreApplication.translate("Labels", "private")}[k]


def network_name(n: Network) -> str:
    return {Network.MASTODON: "Mastodon", Network.BLUESKY: "Bluesky"}[n]


def risk_reason(code: str) -> str:
    """The at-risk reason codes of core.triage, in words."""
    return {
        "cancel": QCoreApplication.translate("Labels", "threatens to cancel or leave"),
        "refund": QCoreApplication.translate("Labels", "demands a refund"),
        "legal": QCoreApplication.translate("Labels", "threatens legal or regulatory action"),
        "boycott_public": QCoreApplication.translate("Labels", "calls for a boycott or to go public"),
        "safety": QCoreApplication.translate("Labels", "reports a safety or health problem"),
        "repeat": QCoreApplication.translate("Labels", "repeats a complaint still waiting"),
    }.get(code, code)


def duration(minutes: float) -> str:
    """A short, translated duration: "45 min", "2 h 05", "3 d"."""
    m = int(round(abs(minutes)))
    if m < 60:
        return QCoreApplication.translate("Labels", "{m} min").format(m=m)
    if m < 48 * 60:
        return QCoreApplication.translate("Labels", "{h} h {m:02d}").format(h=m // 60, m=m % 60)
    return QCoreApplication.translate("Labels", "{d} d").format(d=m // (24 * 60))


def followers(n: int) -> str:
    if n >= 1_000_000:
        return QCoreApplication.translate("Labels", "{n}M followers").format(n=f"{n / 1_000_000:.1f}".rstrip("0").rstrip("."))
    if n >= 1000:
        return QCoreApplication.translate("Labels", "{n}k followers").format(n=f"{n / 1000:.1f}".rstrip("0").rstrip("."))
    # lupdate sees plural forms (%n) only in self.tr(): two plain strings instead
    if n == 1:
        return QCoreApplication.translate("Labels", "1 follower")
    return QCoreApplication.translate("Labels", "{n} followers").format(n=n)
