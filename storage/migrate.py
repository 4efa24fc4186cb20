"""Alembic, driven from code: the app migrates the user's database on start, after a backup."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from .db import NewerSchema, backup, check_file, current_revision

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(path: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return cfg


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or ""


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """One migration at a time across processes (the window and a cron `relais sync` may
    start together on a new folder)."""
    lock = path.with_name(path.name + ".migrate-lock")
    with lock.open("a") as f:
        try:
            import fcntl
        except ImportError:  # Windows: msvcrt locks a byte range instead
            import msvcrt

            msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)
            yield
            return
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def upgrade(path: Path, *, revision: str = "head") -> Path | None:
    """Bring ``path`` to ``revision``. Returns the backup made before migrating, if any.

    A database at a revision this Relais does not know (written by a newer one) raises
    NewerSchema and is left untouched.
    """
    check_file(path)
    with _exclusive(path):
        return _upgrade(path, revision)


def _upgrade(path: Path, revision: str) -> Path | None:
    script = ScriptDirectory(str(MIGRATIONS))
    current = current_revision(path)
    target = script.get_current_head() if revision == "head" else revision
    if current == target:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:  # alembic raises several kinds for an unknown id
            raise NewerSchema(path, current) from None
    saved = backup(path) if current is not None else None
    log.info("migrating %s from %s to %s", path.name, current, target)
    command.upgrade(alembic_config(path), revision)
    return saved
