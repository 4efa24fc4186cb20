"""Mastodon's streaming API as a doorbell: a mention rings for a sync pass at once; polling
stays the fallback (mastodon-mock's server-sent events over loopback)."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

import pytest

from relais.core.clients.mastodon_stream import streaming_base, wakes
from relais.core.runner import SyncRunner
from relais.storage.models import MessageRow

pytestmark = pytest.mark.own_brand


def test_the_streaming_host_and_what_rings() -> None:
    assert streaming_base("https://mastodon.social", "wss://streaming.mastodon.social") \
        == "https://streaming.mastodon.social"
    assert streaming_base("https://a.example/", None) == "https://a.example"
    assert wakes("notification", '{"type": "mention"}')
    assert not wakes("notification", '{"type": "favourite"}')
    assert not wakes("update", '{"id": "1"}')


def test_a_mention_rings_at_once(mock, rec, brand) -> None:
    ch = mock.channel(rec, brand.id)

    async def main() -> int:
        rang = asyncio.Event()
        connected = asyncio.Event()
        count = 0

        def ring() -> None:
            nonlocal count
            count += 1
            rang.set()

        from relais.core.clients.mastodon_stream import watch

        task = asyncio.ensure_future(watch(mock.url, mock.token(mock.brand), ring,
                                           on_connected=connected.set))
        await asyncio.wait_for(connected.wait(), 10)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, lambda: mock.post("cust1", "I like it, not a mention"))
        await loop.run_in_executor(None, lambda: mock.post("cust2", f"@{mock.brand} hello?"))
        await asyncio.wait_for(rang.wait(), 10)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await ch.aclose()
        return count

    assert asyncio.run(main()) == 1


def test_the_runner_syncs_a_new_mention_without_waiting_for_the_interval(
        mock, rec, db, store, brand) -> None:
    ch = mock.channel(rec, brand.id)
    runner = SyncRunner(store, lambda: [ch], clock=lambda: datetime.now(UTC), worker="test",
                        interval_s=3600)
    passes: list[datetime] = []
    synced = threading.Event()

    def on_synced(when: datetime) -> None:
        passes.append(when)
        synced.set()

    runner.on_synced = on_synced
    runner.start()
    try:
        assert synced.wait(30)  # the first pass
        assert runner.streaming_connected.wait(30)  # then the doorbell is up
        synced.clear()
        post = mock.post("cust3", f"@{mock.brand} my parcel is broken")
        assert synced.wait(20)  # a pass at once, not in an hour
        assert runner.rings >= 1
        with db.sessions() as s:
            assert s.query(MessageRow).filter_by(external_id=post["id"]).count() == 1
    finally:
        runner.request_stop()
        runner.join(10)
