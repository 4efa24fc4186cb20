"""HttpClient's network discipline, over real HTTP against the mock with injected faults.

The sleep is injected (``rec.sleep`` records and returns at once) and the jitter fixed, so
waits are asserted, never slept.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from relais.core.clients.http import (
    HttpClient,
    NotFound,
    RequestRefused,
    parse_reset,
    parse_retry_after,
)
from relais.core.errors import AuthExpired, NetworkError, Offline, RateLimited

pytestmark = pytest.mark.own_brand

NOTIFS = "/api/v1/notifications"


async def get(http: HttpClient, path: str = NOTIFS, params=None):
    try:
        return await http.get(path, params)
    finally:
        await http.aclose()


def test_parse_reset_and_retry_after() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC).timestamp()
    assert parse_reset("2026-11-23T12:05:00.000Z", now) == 300  # Mastodon: ISO-8601
    assert parse_reset("2026-11-23T12:05:00+00:00", now) == 300
    assert parse_reset(str(int(now) + 300), now) == 300  # epoch (the mock, Bluesky's PDS)
    assert parse_reset("30", now) == 30  # a delta (IETF RateLimit draft)
    assert parse_reset("garbage", now) is None and parse_reset(None, now) is None
    assert parse_retry_after("120", now) == 120
    date = format_datetime(datetime(2026, 11, 23, 12, 1, tzinfo=UTC), usegmt=True)
    assert parse_retry_after(date, now) == 60  # an HTTP date
    assert parse_retry_after("nonsense", now) is None


def test_429_with_retry_after_waits_then_retries(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "ratelimit", "headers": {"Retry-After": "2"}})
    assert isinstance(asyncio.run(get(mock.client(rec))), list)
    assert rec.sleeps == [2.0]
    assert rec.requests == [f"GET {NOTIFS}"] * 2


def test_429_with_http_date_retry_after(mock, rec) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=10), usegmt=True)
    mock.fault(NOTIFS, {"type": "status", "status": 429, "headers": {"Retry-After": when}})
    assert isinstance(asyncio.run(get(mock.client(rec))), list)
    assert len(rec.sleeps) == 1 and 8 <= rec.sleeps[0] <= 10


def test_429_longer_than_the_cap_raises_rate_limited(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "ratelimit", "headers": {"Retry-After": "3600"}})
    with pytest.raises(RateLimited) as err:
        asyncio.run(get(mock.client(rec, max_wait_s=60)))
    assert err.value.retry_after_s == 3600 and rec.sleeps == []


def test_spent_budget_waits_for_the_reset_before_the_next_request(mock, rec) -> None:
    reset = (datetime.now(UTC) + timedelta(seconds=20)).isoformat().replace("+00:00", "Z")
    mock.fault(NOTIFS, {"type": "status", "status": 200, "body": [],
                        "headers": {"X-RateLimit-Remaining": "1", "X-RateLimit-Reset": reset}})
    http = mock.client(rec)

    async def twice() -> None:
        await http.get(NOTIFS)
        assert rec.sleeps == []
        await http.get(NOTIFS)
        await http.aclose()

    asyncio.run(twice())
    assert len(rec.sleeps) == 1 and 17 <= rec.sleeps[0] <= 20  # waited BEFORE a 429


def test_bluesky_rate_limit_headers_too(mock, rec) -> None:
    reset = str(int(datetime.now(UTC).timestamp()) + 3600)
    mock.fault(NOTIFS, {"type": "status", "status": 200, "body": [],
                        "headers": {"RateLimit-Remaining": "0", "RateLimit-Reset": reset}})
    http = mock.client(rec)

    async def twice() -> None:
        await http.get(NOTIFS)
        try:
            await http.get(NOTIFS)  # an hour away: typed error, no request sent
        finally:
            await http.aclose()

    with pytest.raises(RateLimited):
        asyncio.run(twice())
    assert len(rec.requests) == 1


def test_5xx_backs_off_with_jitter_then_succeeds(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "status", "status": 503}, count=2)
    assert isinstance(asyncio.run(get(mock.client(rec, backoff_base_s=1.0))), list)
    assert rec.sleeps == [0.75, 1.5]  # half fixed + half jitter (rand=0.5), doubling


def test_persistent_5xx_raises_network_error_after_bounded_attempts(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "status", "status": 502}, count=None)
    with pytest.raises(NetworkError) as err:
        asyncio.run(get(mock.client(rec, max_attempts=3)))
    assert not isinstance(err.value, Offline) and "502" in str(err.value)
    assert len(rec.requests) == 3 and len(rec.sleeps) == 2


def test_latency_beyond_the_timeout_is_retried(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "latency", "delay_ms": 1200})
    assert isinstance(asyncio.run(get(mock.client(rec, timeout_s=0.4))), list)
    assert len(rec.requests) == 2 and len(rec.sleeps) == 1


def test_malformed_json_is_retried(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "malformed"})
    assert isinstance(asyncio.run(get(mock.client(rec))), list)
    assert len(rec.requests) == 2


def test_always_malformed_raises_network_error(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "malformed", "truncate": False}, count=None)
    with pytest.raises(NetworkError, match="malformed"):
        asyncio.run(get(mock.client(rec, max_attempts=2)))


def test_unreachable_server_raises_offline(rec) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    http = HttpClient("mastodon", f"http://127.0.0.1:{port}", token="t", sleep=rec.sleep,
                      rand=lambda: 0.5, max_attempts=3)
    with pytest.raises(Offline):
        asyncio.run(get(http))
    assert len(rec.sleeps) == 2


def test_invalid_token_raises_auth_expired(mock, rec) -> None:
    with pytest.raises(AuthExpired) as err:
        asyncio.run(get(mock.client(rec, token="revoked")))
    assert err.value.handle == mock.brand and len(rec.requests) == 1


def test_403_about_scopes_is_auth_expired_other_403_refused(mock, rec) -> None:
    mock.fault(NOTIFS, {"type": "status", "status": 403,
                        "body": {"error": "This action is outside the authorized scopes"}})
    with pytest.raises(AuthExpired):
        asyncio.run(get(mock.client(rec)))
    mock.fault(NOTIFS, {"type": "status", "status": 403,
                        "body": {"error": "This action is not allowed"}})
    with pytest.raises(RequestRefused) as err:
        asyncio.run(get(mock.client(rec)))
    assert err.value.status == 403


def test_404_is_not_found(mock, rec) -> None:
    with pytest.raises(NotFound):
        asyncio.run(get(mock.client(rec), "/api/v1/statuses/12345/context"))


def test_post_without_idempotency_key_is_not_retried_after_a_timeout(mock, rec) -> None:
    mock.fault("/api/v1/statuses", {"type": "latency", "delay_ms": 1200}, methods=("POST",))
    http = mock.client(rec, timeout_s=0.4)

    async def post():
        try:
            return await http.post("/api/v1/statuses", data={"status": "hi"})
        finally:
            await http.aclose()

    with pytest.raises(NetworkError, match="timed out"):
        asyncio.run(post())
    assert len(rec.requests) == 1


def test_post_with_idempotency_key_is_retried_on_5xx(mock, rec) -> None:
    mock.fault("/api/v1/statuses", {"type": "status", "status": 500}, methods=("POST",))
    http = mock.client(rec)

    async def post():
        try:
            return await http.post("/api/v1/statuses", data={"status": "hi"},
                                   headers={"Idempotency-Key": "k1"})
        finally:
            await http.aclose()

    assert asyncio.run(post())["content"]
    assert len(rec.requests) == 2


def test_logs_never_show_tokens_headers_or_query_strings(mock, rec, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    mock.fault(NOTIFS, {"type": "status", "status": 503}, count=2)
    mock.fault(NOTIFS, {"type": "malformed"})
    asyncio.run(get(mock.client(rec), NOTIFS, [("access_token", "s3cret"), ("limit", "5")]))
    text = caplog.text
    assert "503" in text and "malformed" in text  # it did log the retries
    assert "s3cret" not in text and "alice_token" not in text and "Bearer" not in text
    assert "limit=" not in text


def test_a_success_body_is_decoded_once(mock, rec, monkeypatch) -> None:
    """A page of notifications is the largest thing parsed per request: once is enough."""
    import httpx

    mock.post("cust1", f"@{mock.brand} bonjour")
    decoded = []
    real = httpx.Response.json
    monkeypatch.setattr(httpx.Response, "json",
                        lambda self, **kw: decoded.append(1) or real(self, **kw))
    assert asyncio.run(get(mock.client(rec))) is not None
    assert len(decoded) == 1
