"""A sync under faults: it retries through transient ones, or raises a typed error having
saved every page it finished, and the next pass resumes where it stopped."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from relais.core.errors import NetworkError, RateLimited
from relais.core.sync import SyncEngine
from relais.storage.models import MessageRow

pytestmark = pytest.mark.own_brand

NOTIFS = "/api/v1/notifications"


def stored(db) -> set[str]:
    with db.sessions() as s:
        ids = list(s.scalars(select(MessageRow.external_id)))
        assert s.scalar(select(func.count()).select_from(MessageRow)) == len(set(ids))
    return set(ids)


def engine(store, executor) -> SyncEngine:
    return SyncEngine(store, clock=lambda: datetime.now(UTC), db=executor)


def test_sync_survives_transient_faults(mock, rec, db, store, brand, executor) -> None:
    first = mock.mentions(20, "first")
    mock.fault(NOTIFS, {"type": "ratelimit", "headers": {"Retry-After": "1"}})
    mock.fault(NOTIFS, {"type": "status", "status": 503}, count=2)
    mock.fault(NOTIFS, {"type": "malformed"})
    mock.fault("/api/v1/conversations", {"type": "latency", "delay_ms": 2500})  # > timeout
    mock.fault("/api/v1/conversations", {"type": "status", "status": 502})
    ch = mock.channel(rec, brand.id, http_kw={"timeout_s": 1.2, "max_attempts": 6})
    assert asyncio.run(mock.sync(engine(store, executor), ch)) == 20
    assert stored(db) == first
    assert 1.0 in rec.sleeps and len(rec.sleeps) >= 5  # it waited, then retried


def test_persistent_outage_raises_keeps_saved_pages_and_resumes(mock, rec, db, store, brand,
                                                               executor) -> None:
    e = engine(store, executor)
    first = mock.mentions(5, "seen")
    asyncio.run(mock.sync(e, mock.channel(rec, brand.id)))
    assert stored(db) == first
    new = mock.mentions(45, "new")  # two pages forward

    seen = Counter()

    async def outage_after_first_page(request) -> None:
        seen[request.url.path] += 1
        if request.url.path == NOTIFS and seen[NOTIFS] == 2:
            mock.fault(NOTIFS, {"type": "status", "status": 503}, count=None)

    ch = mock.channel(rec, brand.id, http_kw={"max_attempts": 3})
    ch.http._hooks["request"].append(outage_after_first_page)
    with pytest.raises(NetworkError):
        asyncio.run(mock.sync(e, ch))
    got = stored(db)
    assert len(got - first) == 40 and got - first <= new  # the first page was saved
    mock.clear_faults()
    assert asyncio.run(mock.sync(e, mock.channel(rec, brand.id))) == 5  # resumes after it
    assert stored(db) == first | new


def test_long_rate_limit_raises_the_typed_error_and_loses_nothing(mock, rec, db, store, brand,
                                                                  executor) -> None:
    e = engine(store, executor)
    first = mock.mentions(3, "a")
    asyncio.run(mock.sync(e, mock.channel(rec, brand.id)))
    more = mock.mentions(3, "b")
    mock.fault(NOTIFS, {"type": "ratelimit"})  # the mock's default: Retry-After 300 s
    with pytest.raises(RateLimited) as err:
        asyncio.run(mock.sync(e, mock.channel(rec, brand.id)))
    assert err.value.retry_after_s == 300 and stored(db) == first
    assert asyncio.run(mock.sync(e, mock.channel(rec, brand.id))) == 3
    assert stored(db) == first | more
