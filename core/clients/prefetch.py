"""The next page of a walk, asked for while the current one is still being worked on.

A sync page costs more than its own request: the followers counts of its authors, the parents
of its replies. Awaited one after the other, those calls sit between two page requests. Once a
page's cursor is known, a channel can start the request for the next page at once
(:meth:`Prefetch.start`); the engine's next call with that same cursor then awaits the request
already in flight (:meth:`Prefetch.take`) instead of starting one. At most one request is ahead:
a walk that stops (its end, an error, a closed channel) leaves one request unused, never more.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Prefetch(Generic[T]):
    """One request ahead, keyed by what it asks for (stream, cursor, size…)."""

    def __init__(self) -> None:
        self._key: Hashable | None = None
        self._task: asyncio.Task[T] | None = None

    def start(self, key: Hashable, request: Callable[[], Awaitable[T]]) -> None:
        """Ask now for what a later :meth:`take` with ``key`` will want."""
        self.cancel()
        self._key = key
        self._task = asyncio.ensure_future(request())

    async def take(self, key: Hashable, request: Callable[[], Awaitable[T]]) -> T:
        """The answer to ``request``: the one in flight for ``key`` if any, else a new call.

        A request started for something else is dropped. A prefetch that failed fails here,
        as the request itself would have: it was the same request, only sent earlier."""
        task, self._task = self._task, None
        if task is not None and self._key == key and task.get_loop() is asyncio.get_running_loop():
            return await task
        if task is not None:
            _drop(task)
        return await request()

    def cancel(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            _drop(task)


def _drop(task: asyncio.Task) -> None:
    """Cancel an unused request; its outcome (even an error) is of no interest any more."""
    if task.done():
        with contextlib.suppress(BaseException):
            task.exception()  # retrieved: no "exception was never retrieved" warning
    elif not task.get_loop().is_closed():
        task.cancel()
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
