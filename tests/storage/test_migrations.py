"""Migrations: empty file, twice, upgrade from an earlier revision, backups, and bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import database_from_a_newer_relais

from relais.storage.db import (
    DB_NAME,
    SCHEMA_HEAD,
    NewerSchema,
    NotADatabase,
    current_revision,
    open_database,
)
from relais.storage.migrate import head_revision, upgrade


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_schema_head_constant_matches_alembic() -> None:
    assert SCHEMA_HEAD == head_revision()


def test_builds_schema_on_empty_file_and_runs_twice(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.touch()  # an empty file is a new database
    assert upgrade(path) is None  # nothing to back up
    assert {"account", "person", "message", "conversation", "reply", "sync_state",
            "person_note", "person_tag", "message_fts"} <= tables(path)
    assert current_revision(path) == SCHEMA_HEAD
    assert upgrade(path) is None  # second run: nothing to do, no harm
    assert current_revision(path) == SCHEMA_HEAD


def test_upgrades_an_older_database_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    upgrade(path, revision="0001")
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(
        "INSERT INTO person(network, external_id, handle, display_name, followers_count, first_seen)"
        " VALUES ('mastodon', '1', 'a', 'A', 0, '2026-01-01 00:00:00')"
    )
    con.execute(
        "INSERT INTO account(network, server, handle, display_name, external_id, needs_reconnect,"
        " created_at) VALUES ('mastodon', 's', 'b', 'B', '2', 0, '2026-01-01 00:00:00')"
    )
    con.execute(
        "INSERT INTO conversation(account_id, network, kind, root_external_id, customer_id, status,"
        " last_message_at, message_count, excerpt, at_risk_reasons, rank_key)"
        " VALUES (1, 'mastodon', 'public', 'r', 1, 'waiting', '2026-01-01 00:00:00', 1, '', '[]', 0)"
    )
    con.execute(
        "INSERT INTO message(network, external_id, conversation_id, author_id, kind, text,"
        " content_warning, media_descriptions, url, created_at, deleted, at_risk, at_risk_reasons,"
        " from_brand) VALUES ('mastodon', 'm1', 1, 1, 'public', 'Je veux être remboursé', '', '[]',"
        " '', '2026-01-01 00:00:00', 0, 0, '[]', 0)"
    )
    con.commit()  # left in the WAL: a plain file copy would miss it
    saved = upgrade(path)
    con.close()
    assert saved is not None and saved.exists()
    assert current_revision(saved) == "0001"  # the backup is the database as it was
    bk = sqlite3.connect(saved)
    assert bk.execute("SELECT text FROM message").fetchone() == ("Je veux être remboursé",)
    bk.close()
    assert current_revision(path) == SCHEMA_HEAD
    con = sqlite3.connect(path)
    # the FTS index was built for existing messages too, and ignores accents
    hits = con.execute("SELECT rowid FROM message_fts WHERE message_fts MATCH 'rembourse'").fetchall()
    con.close()
    assert hits == [(1,)]


def test_refuses_a_file_that_is_not_sqlite_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    content = b"these are my notes, not a database\n" * 100
    path.write_bytes(content)
    with pytest.raises(NotADatabase):
        open_database(tmp_path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


def test_refuses_a_database_from_a_newer_relais_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    before = database_from_a_newer_relais(path, "9999")
    with pytest.raises(NewerSchema) as err:
        open_database(tmp_path)
    assert err.value.revision == "9999"
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.backup-*"))


def test_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.close()


def test_two_processes_opening_a_new_folder_together_both_succeed(tmp_path: Path) -> None:
    """The window and a cron `relais sync` starting at once on a new folder."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from relais.storage.db import open_database;"
            "open_database(Path(sys.argv[1])).close()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)],
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    assert current_revision(tmp_path / DB_NAME) == SCHEMA_HEAD
