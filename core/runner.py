"""The relais-sync thread: one asyncio loop that syncs and sends, for the GUI and the CLI alike.

The GUI wraps it in ui.sync_bridge (callbacks re-emitted as queued Qt signals); ``relais sync``
calls ``run_once``. Database work goes to one writer thread (``relais-db``).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from .channel import Channel
from .errors import NetworkError
from .outbox import Outbox
from .store import Store
from .refiner import Refiner, model_scorer
from .sync import SyncEngine, SyncEvent, Triage, no_triage

log = logging.getLogger(__name__)


class SyncRunner:
    def __init__(
        self,
        store: Store,
        channels: Callable[[], Sequence[Channel]],
        *,
        clock: Callable[[], datetime],
        worker: str,
        interval_s: float = 120.0,
        triage: Triage = no_triage,
        second_opinion: bool = False,
    ) -> None:
        self._channels = channels
        self._clock = clock
        self.interval_s = interval_s
        self.db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-db")
        self.engine = SyncEngine(store, clock=clock, db=self.db, triage=triage,
                                 on_changes=self._changed)
        self.outbox = Outbox(store, worker=worker, clock=clock, db=self.db,
                             on_changes=lambda r: self.on_changes(None))
        self.refiner: Refiner | None = None
        scorer = model_scorer() if second_opinion else None
        if scorer is not None:  # the optional model is installed: unsure messages get it
            self.refiner = Refiner(store, self.db, scorer, clock=clock,
                                   on_changes=lambda: self.on_changes(None))
            self.engine.after_save = self.refiner.submit
        # plain callbacks, called on the sync thread; the GUI re-emits them as signals
        self.on_changes: Callable[[SyncEvent | None], None] = lambda e: None
        self.on_error: Callable[[BaseException], None] = lambda e: None
        self.on_running: Callable[[bool], None] = lambda r: None
        self.on_synced: Callable[[datetime], None] = lambda t: None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = False
        self._ready = threading.Event()
        self.streaming = True  # Mastodon's streaming API rings for a pass at once
        self._watchers: dict[int, asyncio.Future[None]] = {}
        self.rings = 0
        self.streaming_connected = threading.Event()  # a doorbell is up (tests, diagnostics)

    def _changed(self, event: SyncEvent) -> None:
        self.on_changes(event)

    async def run_once(self) -> int:
        """One full pass: send what waits in the outbox, sync every account, send again."""
        self.on_running(True)
        failures: list[BaseException] = []

        def failed(exc: BaseException) -> None:
            failures.append(exc)
            self.on_error(exc)

        try:
            loop = asyncio.get_running_loop()  # accounts and tokens: read off the event loop
            channels = await loop.run_in_executor(self.db, lambda: list(self._channels()))
            by_account = {c.account_id: c for c in channels}
            self._watch(channels)
            await self._send(by_account, failed)
            new = await self.engine.sync_all(channels, failed)
            await self._send(by_account, failed)
            await self._close_retired()
            if not failures:  # "last sync" means every account came through
                self.on_synced(self._clock())
            return new
        finally:
            self.on_running(False)

    def _watch(self, channels: Sequence[Channel]) -> None:
        """One doorbell per channel that has one (Mastodon's streaming API): a mention rings
        for a pass now instead of at the next interval. Polling goes on regardless."""
        live = {id(c) for c in channels}
        for key in [k for k in self._watchers if k not in live]:
            self._watchers.pop(key).cancel()  # an account removed or its channel replaced
        for c in channels:
            watch = getattr(c, "watch", None)
            if watch is None or id(c) in self._watchers or not self.streaming:
                continue
            self._watchers[id(c)] = asyncio.ensure_future(self._ring(watch))

    async def _ring(self, watch: Callable[..., Coroutine[Any, Any, None]]) -> None:
        def ring() -> None:
            self.rings += 1
            if self._wake is not None:
                self._wake.set()
        try:
            await watch(ring, on_connected=self.streaming_connected.set)
        except asyncio.CancelledError:
            raise
        except Exception:  # a doorbell failing never stops the sync: polling goes on
            log.info("streaming stopped; polling only", exc_info=True)

    async def _close_retired(self) -> None:
        """Close the connections of channels the source replaced (an account removed, a token
        renewed): the source lists them in ``retired``."""
        retired = getattr(self._channels, "retired", None)
        while retired:
            channel = retired.pop()
            try:
                await channel.aclose()
            except Exception:  # closing is best effort
                log.debug("closing a retired channel failed", exc_info=True)

    async def _send(self, by_account: dict[int, Channel],
                    failed: Callable[[BaseException], None]) -> None:
        try:
            await self.outbox.send_pending(by_account)
        except NetworkError as exc:
            failed(exc)
        except Exception as exc:
            log.exception("sending replies failed")
            failed(exc)

    async def _main(self) -> None:
        self._wake = asyncio.Event()
        self._ready.set()
        while not self._stopping:
            try:
                await self.run_once()
            except Exception as exc:  # never let the loop die silently
                log.exception("sync pass failed")
                self.on_error(exc)
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval_s)
            except TimeoutError:
                pass
            self._wake.clear()
        for task in self._watchers.values():
            task.cancel()
        await asyncio.gather(*self._watchers.values(), return_exceptions=True)

    def start(self) -> None:
        """Start the relais-sync thread (periodic sync until request_stop)."""
        if self._thread is not None:
            return
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._thread_main, name="relais-sync", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=5)

    def _thread_main(self) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        finally:
            self._loop.close()

    def sync_now(self) -> None:
        """Wake the loop for a pass now (thread-safe)."""
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    def submit(self, coro: Coroutine[Any, Any, Any]) -> Future[Any]:
        assert self._loop is not None, "runner not started"
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def request_stop(self) -> None:
        """Ask the loop to end after the current step; never blocks."""
        self._stopping = True
        if self.refiner is not None:
            self.refiner.close()
        self.sync_now()

    def join(self, timeout: float) -> bool:
        """Wait a bounded time for in-flight writes to commit (at quit, window already hidden)."""
        if self._thread is not None:
            self._thread.join(timeout)
        self.db.shutdown(wait=True, cancel_futures=False)
        return self._thread is None or not self._thread.is_alive()
