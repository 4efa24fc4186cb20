"""Which channel talks for which brand account: one adapter per network, built per sync pass
(so an account added, removed or reconnected is picked up without a restart)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..channel import Channel
from ..model import Account, Network

log = logging.getLogger(__name__)

# Bluesky's own chat service, which the user's PDS forwards chat.bsky.* calls to
BLUESKY_CHAT_PROXY = "did:web:api.bsky.chat#bsky_chat"


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    """What the user may set for every channel (Settings)."""

    backfill_days: int = 7
    backfill_max: int = 500
    chat_proxy: str = BLUESKY_CHAT_PROXY
    # Mark Bluesky notifications seen after a sync: off, or the phone's unread badge clears
    mark_seen: bool = False


def token_key(account: Account) -> str:
    """The keyring entry of an account's access token (never stored anywhere else)."""
    return f"{account.network.value}:{account.server}:{account.external_id}"


class ChannelPool:
    """Keeps each account's channel (its HTTP connections and rate-limit state) across passes;
    a channel whose account or token changed is replaced."""

    def __init__(self, make: Callable[[Account, str], Channel | None] | None = None) -> None:
        self._make = make or _make_channel
        self._live: dict[int, tuple[tuple[str, str], Channel]] = {}
        self.retired: list[Channel] = []  # to aclose() on the event loop
        self._rotated: dict[int, str] = {}  # account id → the secret its channel renewed to

    def rotated(self, account_id: int, secret: str) -> None:
        """The channel renewed its own session (Bluesky): the keyring's new secret is not a
        reason to rebuild it."""
        self._rotated[account_id] = secret

    def channels(self, accounts: Sequence[Account], token: Callable[[Account], str | None]
                 ) -> list[Channel]:
        out: list[Channel] = []
        seen: set[int] = set()
        for acc in accounts:
            if acc.needs_reconnect or acc.id is None:
                continue
            secret = token(acc)
            if not secret:
                log.warning("no token for account %s: it needs reconnecting", acc.id)
                continue
            ident = (acc.server, secret)
            current = self._live.get(acc.id)
            if (current is not None and current[0] != ident
                    and self._rotated.get(acc.id) == secret):
                current = (ident, current[1])  # its own renewal: keep the live channel
                self._live[acc.id] = current
            if current is None or current[0] != ident:
                if current is not None:
                    self.retired.append(current[1])
                made = self._make(acc, secret)
                if made is None:
                    continue
                current = (ident, made)
                self._live[acc.id] = current
            seen.add(acc.id)
            out.append(current[1])
        for gone in set(self._live) - seen:
            self.retired.append(self._live.pop(gone)[1])
        return out


def _make_channel(acc: Account, secret: str,
                  save_secret: Callable[[Account, str], None] | None = None,
                  settings: ChannelSettings | None = None) -> Channel | None:
    settings = settings or ChannelSettings()
    if acc.network is Network.MASTODON:
        from .mastodon import MastodonChannel

        return MastodonChannel(acc.id, acc.server, secret, acc.external_id, handle=acc.handle,
                               backfill_days=settings.backfill_days,
                               backfill_max=settings.backfill_max)
    if acc.network is Network.BLUESKY:
        from .bluesky import BlueskyChannel

        def on_secret(new: str) -> None:  # a rotated session: back to the keyring
            if save_secret is not None:
                save_secret(acc, new)

        return BlueskyChannel(acc.id, acc.server, secret, acc.external_id, handle=acc.handle,
                              on_secret=on_secret, chat_proxy=settings.chat_proxy,
                              mark_seen=settings.mark_seen,
                              backfill_days=settings.backfill_days,
                              backfill_max=settings.backfill_max)
    return None


class AccountChannels:
    """The runner's channel source: each pass, the brand accounts (read from the cache) and
    their tokens (from the keyring), through a pool that keeps channels across passes. Both
    callables run on the runner's database thread, off the event loop. ``save_token`` stores a
    session a channel renewed by itself (Bluesky rotates its refresh token)."""

    def __init__(self, accounts: Callable[[], Sequence[Account]],
                 token: Callable[[Account], str | None],
                 save_token: Callable[[Account, str], None] | None = None,
                 settings: ChannelSettings | None = None) -> None:
        self._accounts, self._token, self._save = accounts, token, save_token

        def make(acc: Account, secret: str) -> Channel | None:
            return _make_channel(acc, secret, self._saved, settings)

        self._pool = ChannelPool(make)
        self.retired = self._pool.retired  # the runner closes these

    def _saved(self, acc: Account, secret: str) -> None:
        assert acc.id is not None
        self._pool.rotated(acc.id, secret)
        if self._save is not None:
            self._save(acc, secret)

    def __call__(self) -> list[Channel]:
        return self._pool.channels(self._accounts(), self._token)
