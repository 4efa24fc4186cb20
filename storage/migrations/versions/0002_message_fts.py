"""full-text search on messages, accent-insensitive

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

An external-content FTS5 index (content='message') over message text, content warning and media descriptions,
kept in step by triggers. ``remove_diacritics 2`` makes "remboursé" match "rembourse".
Alembic's autogenerate is told to leave the virtual table and its shadow tables alone (env.py).
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE message_fts USING fts5("
        "text, content_warning, media_descriptions, content='message', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER message_fts_ai AFTER INSERT ON message BEGIN "
        "INSERT INTO message_fts(rowid, text, content_warning, media_descriptions) "
        "VALUES (new.id, new.text, new.content_warning, new.media_descriptions); END"
    )
    op.execute(
        "CREATE TRIGGER message_fts_ad AFTER DELETE ON message BEGIN "
        "INSERT INTO message_fts(message_fts, rowid, text, content_warning, media_descriptions) "
        "VALUES ('delete', old.id, old.text, old.content_warning, old.media_descriptions); END"
    )
    op.execute(
        "CREATE TRIGGER message_fts_au AFTER UPDATE OF text, content_warning, media_descriptions "
        "ON message BEGIN "
        "INSERT INTO message_fts(message_fts, rowid, text, content_warning, media_descriptions) "
        "VALUES ('delete', old.id, old.text, old.content_warning, old.media_descriptions); "
        "INSERT INTO message_fts(rowid, text, content_warning, media_descriptions) "
        "VALUES (new.id, new.text, new.content_warning, new.media_descriptions); END"
    )
    op.execute("INSERT INTO message_fts(message_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for trig in ("message_fts_au", "message_fts_ad", "message_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trig}")
    op.execute("DROP TABLE IF EXISTS message_fts")
