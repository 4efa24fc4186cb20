"""Opening the local cache: engine, pragmas, sessions, and the safety checks before any write.

A data file that is not SQLite, or a database from a newer Relais, is refused with a typed error and
left untouched; an older database is migrated after a backup made with SQLite's backup API.

Checking the file needs only the standard library; SQLAlchemy (a third of a second to import) is
loaded when the first session is asked for, so the window can paint its queue before that.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import RelaisError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
DB_NAME = "relais.sqlite3"
# The newest migration; a test checks it matches Alembic's head.
SCHEMA_HEAD = "0003"


class DatabaseError(RelaisError):
    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}" if detail else str(path))
        self.path = path


class NotADatabase(DatabaseError):
    """The data file exists but is not an SQLite database."""


class NewerSchema(DatabaseError):
    """The database was written by a newer Relais: we do not touch it."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(path, f"schema revision {revision} is newer than this Relais")
        self.revision = revision


def check_file(path: Path) -> None:
    """Refuse a file that is not SQLite, without writing to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise NotADatabase(path, "not an SQLite database")


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


def backup(path: Path, dest: Path | None = None, *, now: datetime | None = None) -> Path:
    """Copy the database with SQLite's online backup API (a file copy would miss the WAL)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    dest = dest or path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    log.info("database backed up to %s", dest)
    return dest


class Database:
    """An open, migrated cache. ``sessions`` makes one Session per unit of work and per thread;
    the engine is made (and SQLAlchemy imported) on first use, from whichever thread needs it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._lock = threading.Lock()

    def _open(self) -> None:
        with self._lock:
            if self._engine is None:
                from sqlalchemy.orm import sessionmaker

                engine = make_engine(self.path)
                self._sessions = sessionmaker(engine, expire_on_commit=False)
                self._engine = engine

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._open()
        assert self._engine is not None
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            self._open()
        assert self._sessions is not None
        return self._sessions

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()


def current_revision(path: Path) -> str | None:
    """The database's schema revision, read without writing (None for a new, empty file)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone() if has else None
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise NotADatabase(path, str(exc)) from None
    finally:
        con.close()


def open_database(data_dir: Path, *, migrate: bool = True) -> Database:
    """Open (creating or migrating as needed) the cache in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_NAME
    check_file(path)
    if migrate and current_revision(path) != SCHEMA_HEAD:
        from .migrate import upgrade  # alembic is imported only when a migration is needed

        upgrade(path)
    return Database(path)
