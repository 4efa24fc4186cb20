"""Test data builders shared by the storage and UI tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relais.core.model import Kind, Message, Network, Person, Sentiment, SentimentLabel

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def person(ext: str, handle: str | None = None, followers: int = 10) -> Person:
    return Person(Network.MASTODON, ext, handle or f"user{ext}", f"User {ext}", followers)


BRAND = Person(Network.MASTODON, "900", "brand", "Brand")


def msg(
    ext: str,
    author: Person,
    at: datetime,
    text: str = "bonjour",
    *,
    account_id: int = 1,
    reply_to: str | None = None,
    root: str | None = None,
    kind: Kind = Kind.PUBLIC,
    brand: bool = False,
    sentiment: Sentiment | None = None,
    risk: tuple[str, ...] = (),
) -> Message:
    return Message(
        network=Network.MASTODON,
        external_id=ext,
        author=author,
        kind=kind,
        text=text,
        created_at=at,
        account_ids=(account_id,),
        in_reply_to=reply_to,
        thread_root=root,
        from_brand=brand,
        sentiment=sentiment,
        at_risk_reasons=risk,
    )


NEG = Sentiment(SentimentLabel.NEGATIVE, -0.8)
T = timedelta


def wait_loaded(qtbot, model, rows: int | None = None) -> None:  # noqa: ANN001
    """Wait until a queue model has finished loading (and holds ``rows`` rows)."""
    qtbot.waitUntil(lambda: not model._loading and (rows is None or model.rowCount() == rows),
                    timeout=5000)


def database_from_a_newer_relais(path, revision: str = "9999") -> bytes:  # noqa: ANN001
    """A migrated database stamped with a revision this Relais does not know; its bytes."""
    import sqlite3

    from relais.storage.migrate import upgrade

    upgrade(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file, nothing in a WAL
    con.close()
    return path.read_bytes()
