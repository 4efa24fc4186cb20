"""Typed errors raised by core. core never translates: the UI maps each to a message."""

from __future__ import annotations


class RelaisError(Exception):
    """Base of every error Relais expects and explains to the user."""


class NetworkError(RelaisError):
    """A transient network problem (offline, timeout, 5xx): sync retries by itself."""

    def __init__(self, network: str, detail: str = "") -> None:
        super().__init__(f"{network}: {detail}" if detail else network)
        self.network = network
        self.detail = detail


class Offline(NetworkError):
    """The server could not be reached at all."""


class RateLimited(NetworkError):
    def __init__(self, network: str, retry_after_s: float) -> None:
        super().__init__(network, f"rate limited, retry after {retry_after_s:.0f} s")
        self.retry_after_s = retry_after_s


class AuthExpired(RelaisError):
    """The server rejected the account's credentials: reconnect it. Nothing is deleted."""

    def __init__(self, network: str, handle: str) -> None:
        super().__init__(f"{network} login for {handle} expired")
        self.network = network
        self.handle = handle


class RequestRefused(RelaisError):
    """The server refused the request (4xx other than 401/429): retrying will not help."""

    def __init__(self, network: str, status: int, detail: str = "") -> None:
        super().__init__(f"{network}: HTTP {status}" + (f": {detail}" if detail else ""))
        self.network = network
        self.status = status
        self.detail = detail


class NotFound(RequestRefused):
    """404: the resource does not exist (deleted, or the endpoint is unknown to this server)."""


class DmAccessMissing(RequestRefused):
    """Bluesky: the app password was created without "Allow access to your direct messages":
    DMs are skipped (the rest of the account syncs). The UI explains how to get one."""

    def __init__(self, handle: str = "") -> None:
        super().__init__("bluesky", 400, "the app password has no access to direct messages")
        self.handle = handle


class DmNotAccepted(RequestRefused):
    """The customer does not accept DMs from the brand (Bluesky ``reason``: NotFollowedBySender,
    MessagesDisabled, BlockedActor, BlockedSubject). Offer a public reply instead."""

    def __init__(self, reason: str, detail: str = "", network: str = "bluesky") -> None:
        super().__init__(network, 400, detail or reason)
        self.reason = reason
