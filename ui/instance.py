"""One Relais window per data folder (SQLite does not say "another Relais has this open")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "relais-gui.lock"


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # held for the app's life; a dead owner's PID frees it

    def acquire(self) -> bool:
        """False when another live Relais window holds this data folder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock.tryLock(0)

    def owner_pid(self) -> int | None:
        info = self._lock.getLockInfo()  # PySide returns (pid, hostname, appname)
        pid = info[0] if isinstance(info, tuple) and info else 0
        return pid if isinstance(pid, int) and pid > 0 else None

    def release(self) -> None:
        self._lock.unlock()
