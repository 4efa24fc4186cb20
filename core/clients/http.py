"""Network discipline shared by the network adapters: one ``httpx.AsyncClient`` with timeouts,
rate limits respected before they bite, bounded retries with jittered backoff, typed errors.

- Rate-limit headers: Mastodon's ``X-RateLimit-Remaining/Reset`` (Reset is ISO-8601 on real
  Mastodon, an epoch integer on some servers and the mock) and Bluesky's ``RateLimit-Remaining/
  Reset`` (epoch seconds, or a delta in seconds per the IETF draft). When the budget is nearly
  spent, the next request waits for the reset (or raises ``RateLimited`` if that is too long).
- 429: waits ``Retry-After`` (seconds or an HTTP date) then retries, or raises ``RateLimited``
  when the wait is longer than ``max_wait_s``.
- 5xx, timeouts, connection errors, malformed JSON: exponential backoff with jitter, at most
  ``max_attempts`` tries, then ``Offline`` (never connected) or ``NetworkError``.
- 401 (and a 403 about the token) → ``AuthExpired``; 404 → ``NotFound``; other 4xx →
  ``RequestRefused`` (the server said no: retrying will not help). Each carries the body's
  XRPC ``error_name`` / ``error_message`` (see :func:`error_name`), so an AT Protocol client can
  tell ``ExpiredToken`` from ``InvalidToken``.

Only non-idempotent requests without an ``Idempotency-Key`` are never retried after they may
have reached the server. Logs name the method and the path only: never headers, tokens or query
strings. The sleep, the random source and the wall clock are injected so tests are fast.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from ..errors import (
    AuthExpired,
    NetworkError,
    NotFound,
    Offline,
    RateLimited,
    RequestRefused,
)

log = logging.getLogger(__name__)


def quiet_http_loggers() -> None:
    """httpx logs every URL, query string included, at INFO (encode/httpx#2547): keep it and
    httpcore (which logs headers at DEBUG) at WARNING, whatever the root logger's level."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.WARNING or logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)

Sleep = Callable[[float], Awaitable[None]]

_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_AUTH_403 = ("token", "login", "scope", "disabled", "suspended", "confirm", "approv")


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: httpx.Headers
    data: Any  # parsed JSON (None when not asked for)


def parse_reset(value: str | None, now: float) -> float | None:
    """A rate-limit reset header → seconds from ``now`` (epoch), whatever its format."""
    if not value:
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, when.timestamp() - now)
    if number > 1e9:  # an epoch timestamp
        return max(0.0, number - now)
    return max(0.0, number)  # a delta in seconds (IETF RateLimit draft)


def parse_retry_after(value: str | None, now: float) -> float | None:
    """``Retry-After``: delay-seconds or an HTTP date → seconds from ``now``."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


class HttpClient:
    """An ``httpx.AsyncClient`` with the discipline above, for one account on one server."""

    def __init__(
        self,
        network: str,
        base_url: str,
        *,
        token: str | None = None,
        handle: str = "",
        timeout_s: float = 15.0,
        max_attempts: int = 4,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 30.0,
        max_wait_s: float = 60.0,
        min_remaining: int = 1,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
        now: Callable[[], float] = time.time,
        transport: httpx.AsyncBaseTransport | None = None,
        event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
        user_agent: str = "Relais",
    ) -> None:
        self.network = network
        self.base_url = base_url.rstrip("/")
        self.handle = handle
        self._token = token
        self._timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0))
        self.max_attempts = max(1, max_attempts)
        self._base, self._cap, self.max_wait_s = backoff_base_s, backoff_cap_s, max_wait_s
        self._min_remaining = min_remaining
        self._sleep, self._rand, self._now = sleep, rand, now
        self._transport = transport
        self._hooks = {k: list(v) for k, v in (event_hooks or {}).items()}
        self._ua = user_agent
        quiet_http_loggers()
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._remaining: int | None = None
        self._reset_at: float | None = None  # epoch seconds

    # --- the client, bound to the running loop ------------------------------------------
    def _http(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            # an AsyncClient's pool belongs to one loop; a new loop (tests, a restarted
            # runner) gets a new client (the old loop is gone, its sockets with it)
            headers = {"User-Agent": self._ua, "Accept": "application/json"}
            if self._token:
                headers["Authorization"] = f"Bearer {self._token}"
            self._client = httpx.AsyncClient(
                base_url=self.base_url, headers=headers, timeout=self._timeout,
                transport=self._transport, event_hooks=self._hooks, follow_redirects=False)
            self._loop = loop
        return self._client

    def set_token(self, token: str | None) -> None:
        """Replace the bearer token (after a session refresh); the next request carries it."""
        self._token = token
        if self._client is not None:
            if token:
                self._client.headers["Authorization"] = f"Bearer {token}"
            else:
                self._client.headers.pop("Authorization", None)

    @property
    def token(self) -> str | None:
        return self._token

    async def aclose(self) -> None:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            await self._client.aclose()
        self._client = None
        self._loop = None

    # --- rate limits --------------------------------------------------------------------
    def _note_limits(self, headers: httpx.Headers) -> None:
        remaining = headers.get("x-ratelimit-remaining") or headers.get("ratelimit-remaining")
        reset = headers.get("x-ratelimit-reset") or headers.get("ratelimit-reset")
        if remaining is None:
            return
        try:
            self._remaining = int(float(remaining))
        except ValueError:
            return
        delta = parse_reset(reset, self._now())
        self._reset_at = self._now() + delta if delta is not None else None

    async def _respect_budget(self) -> None:
        """Before a request: wait for the window to reset when the budget is spent."""
        if self._remaining is None or self._remaining > self._min_remaining:
            return
        if self._reset_at is None:
            return
        wait = self._reset_at - self._now()
        if wait <= 0:
            self._remaining = None
            return
        if wait > self.max_wait_s:
            raise RateLimited(self.network, wait)
        log.info("%s: rate-limit budget spent, waiting %.1f s", self.network, wait)
        await self._sleep(wait)
        self._remaining = None

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with (equal) jitter: half fixed, half random."""
        ceiling = min(self._cap, self._base * (2 ** attempt))
        return ceiling / 2 + self._rand() * ceiling / 2

    # --- requests -----------------------------------------------------------------------
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        data: Mapping[str, Any] | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
        expect_json: bool = True,
    ) -> Response:
        method = method.upper()
        retry_safe = method in _IDEMPOTENT or any(
            k.lower() == "idempotency-key" for k in (headers or {}))
        last: NetworkError | None = None
        for attempt in range(self.max_attempts):
            await self._respect_budget()
            try:
                resp = await self._http().request(method, path, params=params, data=data,
                                                  json=json_body, headers=headers)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # never reached it: retry
                last = Offline(self.network, f"cannot reach the server ({type(exc).__name__})")
            except httpx.TimeoutException as exc:
                last = NetworkError(self.network, f"timed out ({type(exc).__name__})")
                if not retry_safe:
                    raise last from exc
            except httpx.TransportError as exc:
                last = NetworkError(self.network, f"connection failed ({type(exc).__name__})")
                if not retry_safe:
                    raise last from exc
            else:
                self._note_limits(resp.headers)
                outcome = self._judge(method, path, resp, expect_json)
                if isinstance(outcome, Response):
                    return outcome
                last, wait = outcome
                if wait is not None:  # 429: the server said how long
                    if attempt + 1 < self.max_attempts:
                        log.info("%s: %s %s rate limited, retrying in %.1f s", self.network,
                                 method, path, wait)
                        await self._sleep(wait)
                        self._remaining = None  # the server said when: that is the budget now
                        continue
                    raise last
                if not retry_safe and resp.status_code != 503:
                    raise last
            if attempt + 1 < self.max_attempts:
                delay = self._backoff(attempt)
                log.info("%s: %s %s failed (%s), retry %d in %.1f s", self.network, method, path,
                         last.detail, attempt + 1, delay)
                await self._sleep(delay)
        assert last is not None
        raise last

    def _judge(self, method: str, path: str, resp: httpx.Response,
               expect_json: bool) -> Response | tuple[NetworkError, float | None]:
        """A response → the result, or (the error to retry or raise, the wait a 429 asks)."""
        status = resp.status_code
        if status == 429:
            wait = parse_retry_after(resp.headers.get("retry-after"), self._now())
            if wait is None:
                wait = parse_reset(resp.headers.get("x-ratelimit-reset")
                                   or resp.headers.get("ratelimit-reset"), self._now())
            if wait is None:
                wait = self._backoff(2)
            if wait > self.max_wait_s:
                raise RateLimited(self.network, wait)
            return RateLimited(self.network, wait), wait
        if status >= 500:
            return NetworkError(self.network, f"HTTP {status}"), None
        if status == 401:
            raise _named(AuthExpired(self.network, self.handle), resp)
        if status >= 400:  # (a success's body is decoded once, below)
            detail = _error_text(resp)
            if status == 403 and any(w in detail.lower() for w in _AUTH_403):
                raise _named(AuthExpired(self.network, self.handle), resp)
            if status == 404:
                raise _named(NotFound(self.network, status, detail), resp)
            raise _named(RequestRefused(self.network, status, detail), resp)
        if not expect_json:
            return Response(status, resp.headers, None)
        try:
            data = resp.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            log.info("%s: %s %s returned malformed JSON", self.network, method, path)
            return NetworkError(self.network, "malformed JSON"), None
        return Response(status, resp.headers, data)

    async def get(self, path: str, params: Any = None) -> Any:
        return (await self.request("GET", path, params=params)).data

    async def post(self, path: str, *, data: Mapping[str, Any] | None = None,
                   headers: Mapping[str, str] | None = None) -> Any:
        return (await self.request("POST", path, data=data, headers=headers)).data


def _named(exc: Exception, resp: httpx.Response) -> Exception:
    """Attach an XRPC error body's names to ``exc``: ``error_name`` (e.g. ``ExpiredToken``) and
    ``error_message`` (e.g. ``Token has expired``), both ``""`` when absent."""
    try:
        body = resp.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        body = None
    body = body if isinstance(body, dict) else {}
    exc.error_name = str(body.get("error") or "")[:100]  # type: ignore[attr-defined]
    exc.error_message = str(body.get("message") or "")[:200]  # type: ignore[attr-defined]
    return exc


def error_name(exc: BaseException) -> str:
    """The XRPC error name carried by an error raised by :class:`HttpClient` (or ``""``)."""
    return str(getattr(exc, "error_name", "") or "")


def error_message(exc: BaseException) -> str:
    """The XRPC error message carried by an error raised by :class:`HttpClient` (or ``""``)."""
    return str(getattr(exc, "error_message", "") or "")


def _error_text(resp: httpx.Response) -> str:
    try:
        body = resp.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        return ""
    if isinstance(body, dict):
        text = body.get("error_description") or body.get("error") or body.get("message") or ""
        return str(text)[:200]
    return ""
