"""Sending queued replies at most once.

A reply is committed as queued (with its idempotency key) before any network call; the sender
claims it atomically, so a CLI sync beside the GUI never sends it twice. A reply claimed before
(its sender died mid-send) is first looked for on the network, and only sent if not found.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from datetime import datetime

from .channel import Channel
from .errors import AuthExpired, NetworkError, RelaisError
from .model import Reply
from .store import Store

log = logging.getLogger(__name__)

# For crash tests only: RELAIS_FAILPOINT=before-send|after-send makes the process die right there
# (after the claim is committed and before the POST; after the POST and before it is recorded).
FAILPOINT = os.environ.get("RELAIS_FAILPOINT", "")


def _failpoint(name: str) -> None:
    if FAILPOINT == name:
        log.warning("fail-point %s: exiting now", name)
        os._exit(75)


class Outbox:
    def __init__(
        self,
        store: Store,
        *,
        worker: str,
        clock: Callable[[], datetime],
        db: Executor,
        on_changes: Callable[[Reply], None] = lambda r: None,
    ) -> None:
        self._store, self._worker, self._clock, self._db = store, worker, clock, db
        self.on_changes = on_changes

    async def _run_db(self, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        return await asyncio.get_running_loop().run_in_executor(self._db, lambda: fn(*args, **kw))

    async def send_pending(self, channels: Mapping[int, Channel]) -> int:
        """Send every queued reply whose account has a channel; returns how many were sent."""
        sent = 0
        while True:
            reply = await self._run_db(self._store.claim_reply, self._worker, self._clock())
            if reply is None:
                return sent
            assert reply.id is not None
            channel = channels.get(reply.account_id)
            if channel is None:
                await self._run_db(self._store.mark_failed, reply.id, "account unavailable",
                                   self._clock(), retry=True)
                return sent
            try:
                ref = await channel.find_sent(reply) if reply.attempts > 1 else None
                if ref is None:
                    _failpoint("before-send")
                    ref = await channel.send(reply)
                    _failpoint("after-send")
            except (NetworkError, AuthExpired) as exc:  # back to the queue: offline, or reconnect
                await self._run_db(self._store.mark_failed, reply.id, str(exc), self._clock(),
                                   retry=True)
                self.on_changes(reply)
                raise
            except RelaisError as exc:  # refused by the server: the user decides
                await self._run_db(self._store.mark_failed, reply.id, str(exc), self._clock(),
                                   retry=False)
                self.on_changes(reply)
                raise
            await self._run_db(self._store.mark_sent, reply.id, ref, self._clock())
            self.on_changes(reply)
            sent += 1
