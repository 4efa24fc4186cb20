"""Prefetch: the next page's request in flight while the current one is worked on."""

from __future__ import annotations

import asyncio
import gc

import pytest

from relais.core.clients.prefetch import Prefetch


class Server:
    def __init__(self) -> None:
        self.asked: list[str] = []
        self.fail: set[str] = set()
        self.answered: asyncio.Event | None = None

    async def get(self, what: str) -> str:
        self.asked.append(what)
        await asyncio.sleep(0)  # a network round trip: other tasks run meanwhile
        try:
            if what in self.fail:
                raise ConnectionError(what)
            return what.upper()
        finally:
            if self.answered is not None:
                self.answered.set()


def test_the_request_started_ahead_is_the_one_taken() -> None:
    srv = Server()

    async def run() -> None:
        ahead: Prefetch[str] = Prefetch()
        srv.answered = asyncio.Event()
        ahead.start("p2", lambda: srv.get("p2"))
        await srv.answered.wait()
        assert srv.asked == ["p2"]  # sent before anyone asked for it
        assert await ahead.take("p2", lambda: srv.get("p2")) == "P2"
        assert srv.asked == ["p2"]  # not asked twice
        assert await ahead.take("p2", lambda: srv.get("p2")) == "P2"  # used once: asked again
        assert srv.asked == ["p2", "p2"]

    asyncio.run(run())


def test_a_request_for_something_else_is_dropped_and_the_right_one_asked() -> None:
    srv = Server()

    async def run() -> None:
        ahead: Prefetch[str] = Prefetch()
        ahead.start("p2", lambda: srv.get("p2"))
        assert await ahead.take("p9", lambda: srv.get("p9")) == "P9"
        assert "p9" in srv.asked

    asyncio.run(run())


def test_a_failed_prefetch_fails_the_take_like_the_request_would() -> None:
    srv = Server()
    srv.fail.add("p2")

    async def run() -> None:
        ahead: Prefetch[str] = Prefetch()
        ahead.start("p2", lambda: srv.get("p2"))
        with pytest.raises(ConnectionError):
            await ahead.take("p2", lambda: srv.get("p2"))

    asyncio.run(run())


def test_unused_requests_are_cancelled_and_their_errors_never_reported() -> None:
    srv = Server()
    srv.fail.add("bad")
    seen: list[dict] = []

    async def run() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: seen.append(ctx))
        ahead: Prefetch[str] = Prefetch()
        srv.answered = asyncio.Event()
        ahead.start("bad", lambda: srv.get("bad"))
        await srv.answered.wait()  # it failed, nobody took it
        hang = asyncio.Event()
        ahead.start("slow", hang.wait)  # replaces it
        ahead.cancel()
        await asyncio.sleep(0)  # the cancellation is delivered

    asyncio.run(run())
    gc.collect()  # an unretrieved task error is reported when the task is collected
    assert seen == []
