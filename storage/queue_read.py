"""The queue's read path in plain SQL over the standard library's sqlite3.

This is the one query the window runs on every reload (and the first thing it paints), so it is
written by hand: each status branch walks the (status, rank_key, id) index in order and stops at
the page size, and only the page's rows are joined — no sort of the whole waiting set, and no
SQLAlchemy import before the first paint. ``conversations.queue_page`` runs the same functions on a
session's connection, so there is one implementation.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from ..core.model import (
    Kind,
    Network,
    Person,
    QueueFilter,
    QueueItem,
    Sentiment,
    SentimentLabel,
    Status,
)

_COLUMNS = """c.id, c.account_id, a.handle, c.network, c.kind, c.status, p.id, p.network,
    p.external_id, p.handle, p.display_name, p.followers_count, p.first_seen, c.excerpt,
    c.last_message_at, c.clock_start, c.due_at, c.sentiment_label, c.sentiment_score,
    c.at_risk_reasons, c.rank_key, c.snoozed_until, c.answered_at, c.message_count"""


def _db_time(value: datetime) -> str:
    """How SQLAlchemy's DateTime stores an instant in SQLite (naive UTC text, sortable)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def _branches(flt: QueueFilter, now: datetime) -> list[tuple[str, list[object]]]:
    """One (condition, parameters) per index range the filter covers."""
    out: list[tuple[str, list[object]]] = []
    t = _db_time(now)
    for status in dict.fromkeys(flt.statuses):
        if status is Status.WAITING:
            out.append(("c.status = 'waiting'", []))
            # a snooze that has run out is waiting again, with no job needed to wake it
            out.append(("c.status = 'snoozed' AND c.snoozed_until <= ?", [t]))
        elif status is Status.SNOOZED:
            out.append(("c.status = 'snoozed' AND c.snoozed_until > ?", [t]))
        else:
            out.append(("c.status = ?", [status.value]))
    return out


def _extra(flt: QueueFilter) -> tuple[str, list[object]]:
    sql, params = "", []
    if flt.account_id is not None:
        sql += " AND c.account_id = ?"
        params.append(flt.account_id)
    if flt.at_risk_only:
        sql += " AND c.at_risk_reasons != '[]'"
    return sql, params


def queue_page(con: sqlite3.Connection, flt: QueueFilter, now: datetime, *,
               after: tuple[float, int] | None = None, limit: int = 100) -> list[QueueItem]:
    """One page of the queue in priority order, by keyset (never OFFSET, never all rows)."""
    extra, extra_params = _extra(flt)
    keyset, keyset_params = ("", []) if after is None else (
        " AND (c.rank_key, c.id) > (?, ?)", [after[0], after[1]])
    parts, params = [], []
    for cond, cond_params in _branches(flt, now):
        parts.append(f"SELECT * FROM (SELECT c.id, c.rank_key FROM conversation c WHERE {cond}"
                     f"{extra}{keyset} ORDER BY c.rank_key, c.id LIMIT ?)")
        params += [*cond_params, *extra_params, *keyset_params, limit]
    if not parts:
        return []
    sql = (f"WITH page AS (SELECT id, rank_key FROM ({' UNION ALL '.join(parts)}) "
           f"ORDER BY rank_key, id LIMIT ?) "
           f"SELECT {_COLUMNS} FROM page JOIN conversation c ON c.id = page.id "
           f"JOIN person p ON p.id = c.customer_id JOIN account a ON a.id = c.account_id "
           f"ORDER BY page.rank_key, page.id")
    return [_item(r) for r in con.execute(sql, [*params, limit])]


def queue_count(con: sqlite3.Connection, flt: QueueFilter, now: datetime) -> int:
    extra, extra_params = _extra(flt)
    total = 0
    for cond, cond_params in _branches(flt, now):
        row = con.execute(f"SELECT count(*) FROM conversation c WHERE {cond}{extra}",
                          [*cond_params, *extra_params]).fetchone()
        total += row[0]
    return total


def _item(r: tuple) -> QueueItem:  # noqa: ANN401 - a row of _COLUMNS
    label, score = r[17], r[18]
    return QueueItem(
        conversation_id=r[0], account_id=r[1], account_handle=r[2], network=Network(r[3]),
        kind=Kind(r[4]), status=Status(r[5]),
        customer=Person(network=Network(r[7]), external_id=r[8], handle=r[9],
                        display_name=r[10], followers_count=r[11], first_seen=_time(r[12]),
                        id=r[6]),
        excerpt=r[13], last_message_at=_time(r[14]), clock_start=_time(r[15]),
        due_at=_time(r[16]),
        sentiment=None if label is None else Sentiment(SentimentLabel(label), score or 0.0),
        at_risk_reasons=tuple(json.loads(r[19] or "[]")), rank_key=r[20],
        snoozed_until=_time(r[21]), answered_at=_time(r[22]), message_count=r[23],
    )


class QueueReader:
    """Queue pages for the GUI's reader threads: one sqlite3 connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, check_same_thread=False)
            con.execute("PRAGMA busy_timeout=5000")
            con.execute("PRAGMA query_only=1")
            self._local.con = con
            with self._lock:
                self._all.append(con)
        return con

    def page(self, flt: QueueFilter, now: datetime, *, after: tuple[float, int] | None = None,
             limit: int = 100) -> list[QueueItem]:
        return queue_page(self._con(), flt, now, after=after, limit=limit)

    def count(self, flt: QueueFilter, now: datetime) -> int:
        return queue_count(self._con(), flt, now)

    def close(self) -> None:
        with self._lock:
            for con in self._all:
                con.close()
            self._all.clear()
