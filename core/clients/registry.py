"""Which channel talks for which brand account: one adapter per network, built per sync pass
(so an account added, removed or reconnected is picked up without a restart)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ..channel import Channel
from ..model import Account, Network

log = logging.getLogger(__name__)

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


def _make_channel(acc: Account, secret: str) -> Channel | None:
    if acc.network is Network.MASTODON:
        from .mastodon import MastodonChannel

        return MastodonChannel(acc.id, acc.server, secret, acc.external_id, handle=acc.handle)
    return None  # Bluesky arrives with its issue


class AccountChannels:
    """The runner's channel source: each pass, the brand accounts (read from the cache) and
    their tokens (from the keyring), through a pool that keeps channels across passes. Both
    callables run on the runner's database thread, off the event loop."""

    def __init__(self, accounts: Callable[[], Sequence[Account]],
                 token: Callable[[Account], str | None]) -> None:
        self._accounts, self._token = accounts, token
        self._pool = ChannelPool()
        self.retired = self._pool.retired  # the runner closes these

    def __call__(self) -> list[Channel]:
        return self._pool.channels(self._accounts(), self._token)
