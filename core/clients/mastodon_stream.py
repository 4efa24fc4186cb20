"""Mastodon's streaming API, used as a doorbell.

``GET /api/v1/streaming/user/notification`` (server-sent events) tells at once that a mention
arrived; the sync then fetches it the usual way (``min_id`` paging, the cursor saved with the
messages), so the stream never has to be trusted for completeness: an event missed while the
connection was down is picked up by the next pass, and polling stays the fallback. The stream
may live on another host (``configuration.urls.streaming`` in ``/api/v2/instance``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable

import httpx

log = logging.getLogger(__name__)

PATH = "/api/v1/streaming/user/notification"
WAKING = ("mention", "quote")  # notification types worth a sync pass


def streaming_base(server: str, advertised: str | None) -> str:
    """The HTTP(S) base of the streaming API (``wss://streaming.example`` → https://...)."""
    if not advertised:
        return server.rstrip("/")
    url = advertised.rstrip("/")
    for ws, http in (("wss://", "https://"), ("ws://", "http://")):
        if url.startswith(ws):
            return http + url[len(ws):]
    return url


def wakes(event: str, data: str) -> bool:
    if event != "notification":
        return False
    try:
        return str(json.loads(data).get("type")) in WAKING
    except (ValueError, AttributeError):
        return True  # unreadable: a sync pass costs little and settles it


async def watch(base: str, token: str, on_event: Callable[[], None], *,
                sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                rand: Callable[[], float] = random.random,
                transport: httpx.AsyncBaseTransport | None = None,
                on_connected: Callable[[], None] = lambda: None) -> None:
    """Ring ``on_event`` for each mention until cancelled. Reconnects with backoff and jitter;
    returns (polling alone) when the server has no streaming or refuses the token."""
    backoff = 1.0
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream",
               "User-Agent": "Relais"}
    while True:
        try:
            # Mastodon sends a ":thump" heartbeat every few seconds: a silent minute is a
            # dead connection
            timeout = httpx.Timeout(10.0, read=90.0)
            async with httpx.AsyncClient(base_url=base, headers=headers, timeout=timeout,
                                         transport=transport) as client, \
                    client.stream("GET", PATH) as resp:
                if resp.status_code in (401, 403):
                    log.info("mastodon streaming: token refused; polling only")
                    return
                if resp.status_code in (404, 405, 501):
                    log.info("mastodon streaming: not available on this server; polling only")
                    return
                resp.raise_for_status()
                on_connected()
                backoff = 1.0
                event = ""
                async for line in resp.aiter_lines():
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        if wakes(event, line[5:].strip()):
                            on_event()
                    elif not line:
                        event = ""
        except asyncio.CancelledError:
            raise
        except (httpx.HTTPError, OSError) as exc:
            log.debug("mastodon streaming: %s; reconnecting", type(exc).__name__)
        await sleep(min(60.0, backoff) * (0.5 + rand()))
        backoff *= 2
