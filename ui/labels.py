"""Translated names for core's machine values (core never translates)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.model import Kind, Network, SentimentLabel, Status


def _t(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("Labels", text, disambiguation, n)


def status_name(s: Status) -> str:
    return {
        Status.WAITING: _t("Waiting"),
        Status.ANSWERED: _t("Answered"),
        Status.DONE: _t("Done"),
        Status.SNOOZED: _t("Snoozed"),
        Status.BACKLOG: _t("Backlog"),
    }[s]


def sentiment_name(s: SentimentLabel) -> str:
    return {
        SentimentLabel.NEGATIVE: _t("negative"),
        SentimentLabel.NEUTRAL: _t("neutral"),
        SentimentLabel.POSITIVE: _t("positive"),
    }[s]


def kind_name(k: Kind) -> str:
    return {Kind.PUBLIC: _t("public"), Kind.PRIVATE: _t("private")}[k]


def network_name(n: Network) -> str:
    return {Network.MASTODON: "Mastodon", Network.BLUESKY: "Bluesky"}[n]


def risk_reason(code: str) -> str:
    """The at-risk reason codes of core.triage, in words."""
    return {
        "cancel": _t("threatens to cancel or leave"),
        "refund": _t("demands a refund"),
        "legal": _t("threatens legal or regulatory action"),
        "boycott_public": _t("calls for a boycott or to go public"),
        "safety": _t("reports a safety or health problem"),
        "repeat": _t("repeats a complaint still waiting"),
    }.get(code, code)


def duration(minutes: float) -> str:
    """A short, translated duration: "45 min", "2 h 05", "3 d"."""
    m = int(round(abs(minutes)))
    if m < 60:
        return _t("{m} min").format(m=m)
    if m < 48 * 60:
        return _t("{h} h {m:02d}").format(h=m // 60, m=m % 60)
    return _t("{d} d").format(d=m // (24 * 60))


def followers(n: int) -> str:
    if n >= 1_000_000:
        return _t("{n}M followers").format(n=f"{n / 1_000_000:.1f}".rstrip("0").rstrip("."))
    if n >= 1000:
        return _t("{n}k followers").format(n=f"{n / 1000:.1f}".rstrip("0").rstrip("."))
    return _t("%n follower(s)", "", n)
