"""Background work for the GUI (Anki's QueryOp): run a function in an executor, get the result
back on the GUI thread through a queued signal. Never block a slot on a future."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; emitting from a worker thread queues the call."""

    done = Signal(object, object)  # (callback, argument)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._call)

    @staticmethod
    def _call(callback: Callable[[Any], None], arg: Any) -> None:
        callback(arg)


class Tasks:
    """Two executors, as in Anki: one reader pool for queries, one single writer for the cache."""

    def __init__(self, reader: Executor | None = None, writer: Executor | None = None) -> None:
        self.reader = reader or ThreadPoolExecutor(max_workers=2, thread_name_prefix="relais-read")
        self.writer = writer or ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-db")
        self._relay = _Relay()
        self.on_error: Callable[[BaseException], None] = lambda exc: log.error(
            "background task failed", exc_info=exc
        )
        self.pending = 0
        self.closed = False

    def _run(
        self,
        executor: Executor,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> Future[Any] | None:
        if self.closed:  # quitting: nothing new starts (what was queued still completes)
            log.debug("task dropped after shutdown")
            return None
        self.pending += 1
        fut = executor.submit(fn)

        def finished(f: Future[Any]) -> None:
            exc = f.exception()
            if exc is not None:
                self._relay.done.emit(self._fail(on_failure), exc)
            else:
                self._relay.done.emit(self._succeed(on_success), f.result())

        fut.add_done_callback(finished)
        return fut

    def _succeed(self, cb: Callable[[Any], None] | None) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            self.pending -= 1
            if cb is not None:
                cb(value)

        return call

    def _fail(self, cb: Callable[[BaseException], None] | None) -> Callable[[Any], None]:
        def call(exc: BaseException) -> None:
            self.pending -= 1
            (cb or self.on_error)(exc)

        return call

    def query(self, fn, on_success=None, on_failure=None) -> Future[Any] | None:  # noqa: ANN001
        """A read: runs in the reader pool (SQLite WAL lets readers run beside the writer)."""
        return self._run(self.reader, fn, on_success, on_failure)

    def write(self, fn, on_success=None, on_failure=None) -> Future[Any] | None:  # noqa: ANN001
        """A write: runs on the single writer thread, one at a time, in order."""
        return self._run(self.writer, fn, on_success, on_failure)

    def shutdown(self) -> None:
        self.closed = True
        self.reader.shutdown(wait=False, cancel_futures=True)
        self.writer.shutdown(wait=True)
