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
from dataclasses import replace
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


def failure_text(exc: RelaisError) -> str:
    """What the outbox keeps of a refusal: the error's kind first (the UI explains it in the
    user's language), then its detail, e.g. ``[DmNotAccepted] bluesky: HTTP 400: ...``."""
    return f"[{type(exc).__name__}] {exc}"


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

    async def _run_db(self, fn, *args, **kw):
        return await asyncio.get_running_loop().run_in_executor(self._db, lambda: fn(*args, **kw))

    async def _prepare(self, channel: Channel, reply: Reply) -> Reply:
        """A network reference chosen before the call (a Bluesky record key), committed before
        the send so a retry after a crash reuses it: the server then refuses a second copy."""
        prepare = getattr(channel, "prepare_ref", None)
        if prepare is None or reply.remote_ref:
            return reply
        ref = prepare(reply)
        if not ref:
            return reply
        assert reply.id is not None
        await self._run_db(self._store.set_remote_ref, reply.id, ref)
        return replace(reply, remote_ref=ref)

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
                reply = await self._prepare(channel, reply)
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
                await self._run_db(self._store.mark_failed, reply.id, failure_text(exc),
                                   self._clock(), retry=False)
                self.on_changes(reply)
                raise
            await self._run_db(self._store.mark_sent, reply.id, ref, self._clock())
            self.on_changes(reply)
            sent += 1
