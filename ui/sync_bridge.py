"""The Qt face of core.runner.SyncRunner: its plain callbacks re-emitted as queued signals."""

from __future__ import annotations

from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..core.runner import SyncRunner


class SyncBridge(QObject):
    # Created on the GUI thread, so emits from the relais-sync thread are queued to it.
    changed = Signal(object)  # a SyncEvent, or None after an outbox change
    failed = Signal(object)  # an exception (typed: see core.errors)
    running = Signal(bool)
    synced = Signal(object)  # datetime of the last completed pass

    def __init__(self, runner: SyncRunner) -> None:
        super().__init__()
        self._runner = runner
        runner.on_changes = self.changed.emit
        runner.on_error = self.failed.emit
        runner.on_running = self.running.emit
        runner.on_synced = self.synced.emit

    def start(self) -> None:
        self._runner.start()

    def sync_now(self) -> None:
        self._runner.sync_now()

    def submit(self, coro: Coroutine[Any, Any, Any]) -> Future[Any]:
        return self._runner.submit(coro)

    def stop(self, timeout_s: float = 5.0) -> bool:
        """At quit, with the window hidden: let in-flight writes commit, for a bounded time."""
        self._runner.request_stop()
        return self._runner.join(timeout_s)
