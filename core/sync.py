"""The sync engine: pages from every channel → triage → one store transaction per page.

It never knows which network it talks to (see core.channel) and never touches SQLite on the event
loop: store calls run in ``db`` (a single-thread executor, the only writer) and triage, which is
CPU work, runs there too, so the loop stays free for the network.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .channel import Channel, Page, SyncState, merge_pages
from .errors import AuthExpired, NetworkError, RelaisError
from .model import Message
from .store import SaveResult, Store

log = logging.getLogger(__name__)

Triage = Callable[[Sequence[Message]], Sequence[Message]]


@dataclass(frozen=True, slots=True)
class SyncEvent:
    """What the UI hears: a page saved, or a stream's pass over."""

    account_id: int
    stream: str
    result: SaveResult
    backfill: bool
    progress: tuple[int, int] | None = None


class _Saves:
    """The saves of one channel's sync, in order, one in flight at a time.

    Pages fetched while a save runs wait (``WAITING`` at most: a pass that would add one more
    waits too) and go together in the next save, each stream's pages merged into one
    (``merge_pages``). A backfill's page also waits for the next one until ``BATCH`` messages
    are there, ``HOLD_S`` at most: a page's fixed cost is a third of a 50-message save, and a
    backfill is bulk work (the new items' pages still go at once, the live queue fills fast).
    A failed save stops the saving; it is raised to the passes at their next page and by
    ``wait``."""

    WAITING = 4
    BATCH = 100  # messages
    HOLD_S = 0.25

    def __init__(self, save: Callable[[Page], Awaitable[SaveResult]]) -> None:
        self.new = 0
        self._save = save
        self._waiting: list[Page] = []
        self._task: asyncio.Future[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._due = False  # the oldest waiting page has waited HOLD_S
        self._flush = False  # the passes are over: everything goes
        self._room = asyncio.Condition()

    def _failure(self) -> BaseException | None:
        task = self._task
        if task is None or not task.done() or task.cancelled():
            return None
        return task.exception()

    def _ready(self) -> bool:
        w = self._waiting
        return bool(w) and (self._due or self._flush or len(w) >= self.WAITING
                            or any(not p.backfill or p.done for p in w)
                            or sum(len(p.messages) for p in w) >= self.BATCH)

    async def add(self, page: Page) -> None:
        async with self._room:
            await self._room.wait_for(lambda: len(self._waiting) < self.WAITING
                                      or self._failure() is not None)
        failure = self._failure()
        if failure is not None:
            raise failure
        self._waiting.append(page)
        self._kick()

    def _kick(self) -> None:
        """Start saving if the waiting pages are ready, else be back in HOLD_S at most."""
        if self._task is not None and not self._task.done():
            return  # (the save in flight looks again when it is over)
        if self._failure() is not None:
            return  # never a page after one that failed
        if self._ready():
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._task = asyncio.ensure_future(self._run())
        elif self._waiting and self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.HOLD_S, self._expire)

    def _expire(self) -> None:
        self._timer, self._due = None, True
        self._kick()

    async def _run(self) -> None:
        try:
            while self._ready():
                self._due = False
                batch, self._waiting = self._waiting, []
                async with self._room:
                    self._room.notify_all()
                streams: dict[tuple[str, bool, bool], list[Page]] = {}
                for page in batch:  # (streams share nothing: each keeps its own order)
                    streams.setdefault((page.stream, page.backfill, page.first_sync),
                                       []).append(page)
                for pages in streams.values():
                    self.new += (await self._save(merge_pages(pages))).new_messages
            if self._waiting and self._timer is None:  # a page too few to go yet
                self._timer = asyncio.get_running_loop().call_later(self.HOLD_S, self._expire)
        finally:
            async with self._room:  # (a pass waiting for room hears of a failure)
                self._room.notify_all()

    async def wait(self) -> None:
        """Until every page added is saved; a failed save is raised here."""
        self._flush = True
        self._kick()
        while self._task is not None:
            task = self._task
            await task
            if task is self._task and not self._waiting:
                break
            self._kick()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def reopen(self) -> None:
        """After ``wait``: later pages batch again."""
        self._flush = False


async def _together(runs: Sequence[Awaitable[None]]) -> None:
    """Run ``runs`` at once. One failing does not stop the others (a chat service down must not
    hold back the mentions): once all are over, the first failure is raised as it is."""
    tasks = [asyncio.ensure_future(r) for r in runs]
    try:
        results = await asyncio.gather(*tasks, return_exceptions=True)
    except BaseException:  # cancelled from outside: stop them all
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    for result in results:
        if isinstance(result, BaseException):
            raise result


def no_triage(messages: Sequence[Message]) -> Sequence[Message]:
    return messages


class SyncEngine:
    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime],
        db: Executor,
        triage: Triage = no_triage,
        on_changes: Callable[[SyncEvent], None] = lambda e: None,
        max_pages: int = 10_000,
        after_save: Callable[[Sequence[Message]], object] = lambda messages: None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._db = db
        self._triage = triage
        self.on_changes = on_changes
        self._max_pages = max_pages
        self.after_save = after_save  # on the db thread: e.g. the model's second opinion
        self._limits_read: weakref.WeakSet[Channel] = weakref.WeakSet()
        self.recheck_window = timedelta(days=2)  # waiting messages younger than this
        self._first_passes: set[int] = set()  # channels (ids) in their first pass, now

    async def _run_db(self, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, lambda: fn(*args, **kw))

    async def _save(self, channel: Channel, page: Page) -> SaveResult:
        def work() -> SaveResult:
            customer = [m for m in page.messages if not m.from_brand]
            brand = [m for m in page.messages if m.from_brand]
            triaged = tuple(self._triage(customer)) + tuple(brand) if customer else page.messages
            result = self._store.save_page(channel.account_id, replace(page, messages=triaged),
                                           self._clock())
            if customer:
                self.after_save(triaged)
            return result

        result = await self._run_db(work)
        self.on_changes(SyncEvent(channel.account_id, page.stream, result, page.backfill,
                                  page.progress))
        return result

    async def _pass(self, channel: Channel, stream: str, state: SyncState | None, saves: _Saves,
                    *, backfill: bool) -> None:
        """Page one stream until the channel says done, each page handed to ``saves``."""
        first = state is None
        if first:
            self._first_passes.add(id(channel))
        if backfill and state and state.get("done"):
            return
        fetch = channel.backfill if backfill else channel.fetch_new
        for _ in range(self._max_pages):
            page = await fetch(stream, state or {})
            if page.done and backfill:
                page = replace(page, next_state={**page.next_state, "done": True})
            page = replace(page, backfill=backfill, first_sync=first or backfill)
            await saves.add(page)
            state = page.next_state
            if page.done:
                break

    async def _post_limits(self, channel: Channel) -> None:
        """Once per channel (so once per session and account): the server's post limits, for
        the reply counter. Optional for a channel; a failure here never fails the sync."""
        read = getattr(channel, "post_limits", None)
        if read is None or channel in self._limits_read:
            return
        try:
            limits = await read()
        except (NetworkError, RelaisError) as exc:
            log.info("account %s: post limits not read (%s)", channel.account_id,
                     type(exc).__name__)
            return
        self._limits_read.add(channel)
        await self._run_db(self._store.set_post_limits, channel.account_id, *limits)

    async def _recheck(self, channel: Channel) -> None:
        """Edits and deletions of the messages still waiting: networks do not always say (a
        customer's edited mention raises no notification). Optional for a channel."""
        recheck = getattr(channel, "recheck", None)
        if recheck is None:
            return
        since = self._clock() - self.recheck_window
        ids = await self._run_db(self._store.watch_list, channel.account_id, since)
        if ids:
            page = await recheck(ids)
            if page is not None and (page.messages or page.deleted):
                await self._save(channel, page)

    async def sync_channel(self, channel: Channel) -> int:
        """New items first (the live queue fills fast), then the first backfill if unfinished.

        One save is in flight while the next pages are fetched, across streams and passes too:
        triage and the write overlap the network (pages fetched meanwhile are saved together,
        see _Saves). Saves stay in order, and a failed fetch still waits for the saves before
        it, so what was fetched is never lost."""
        await self._post_limits(channel)
        self._first_passes.discard(id(channel))
        streams = tuple(channel.streams)
        # every pass's state now: a pass never waits for the previous pass's last save to read it
        states = await self._run_db(lambda: {
            (stream, backfill): self._store.load_state(channel.account_id, stream,
                                                       backfill=backfill)
            for stream in streams for backfill in (False, True)})
        saves = _Saves(lambda page: self._save(channel, page))
        # a channel whose streams share nothing lets them page side by side
        side_by_side = getattr(channel, "independent_streams", False)

        async def passes(backfill: bool) -> None:
            def run(stream: str) -> Awaitable[None]:
                return self._pass(channel, stream, states[stream, backfill], saves,
                                  backfill=backfill)

            if side_by_side:
                await _together([run(s) for s in streams if s in channel.streams])
                return
            for stream in streams:
                if stream in channel.streams:  # (one may drop out: e.g. DMs refused)
                    await run(stream)

        try:
            await passes(backfill=False)
            if id(channel) not in self._first_passes:  # (a first pass has just read everything)
                await saves.wait()  # (what it rechecks is read from the store)
                saves.reopen()
                await self._recheck(channel)
            await passes(backfill=True)
        finally:
            await saves.wait()
        return saves.new

    async def sync_all(
        self, channels: Sequence[Channel], on_error: Callable[[BaseException], None]
    ) -> int:
        """Sync every channel; one failing account never stops the others."""
        new = 0
        for ch in channels:
            try:
                new += await self.sync_channel(ch)
                problems = getattr(ch, "problems", None)
                while problems:  # part of the account could not sync (e.g. Bluesky DMs)
                    on_error(problems.pop(0))
            except AuthExpired as exc:  # marked, nothing deleted: the user reconnects it
                log.warning("account %s: login expired", ch.account_id)
                await self._run_db(self._store.mark_needs_reconnect, ch.account_id)
                on_error(exc)
            except (NetworkError, RelaisError) as exc:
                log.warning("sync of account %s failed: %s", ch.account_id, type(exc).__name__)
                on_error(exc)
            except Exception as exc:  # a bug: report it, keep the other accounts going
                log.exception("unexpected error syncing account %s", ch.account_id)
                on_error(exc)
        return new
