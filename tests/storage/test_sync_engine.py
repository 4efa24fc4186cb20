"""The sync engine and outbox over a real SQLite store, with channels paging either way."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fake_channels import BackwardChannel, ForwardChannel
from helpers import T0, msg, person

from relais.core.errors import Offline
from relais.core.model import Kind, QueueFilter, Status
from relais.core.outbox import Outbox
from relais.core.sync import SyncEngine
from relais.storage import conversations as convs
from relais.storage import replies

M = timedelta(minutes=1)


def items(n: int, start: int = 1):  # noqa: ANN201
    return [msg(str(i), person(str(i)), T0 + i * M, f"message {i}") for i in range(start, start + n)]


@pytest.fixture
def executor():  # noqa: ANN201
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-db") as ex:
        yield ex


def engine(store, executor, now=T0 + 60 * M):  # noqa: ANN001, ANN201
    events = []
    e = SyncEngine(store, clock=lambda: now, db=executor, on_changes=events.append)
    return e, events


def stored_ids(db) -> list[str]:  # noqa: ANN001
    found = convs.queue_page(db.sessions, QueueFilter(statuses=tuple(Status)), T0 + 60 * M,
                             limit=1000)
    return sorted(int(i.excerpt.split()[-1]) for i in found)


@pytest.mark.parametrize("kind", [ForwardChannel, BackwardChannel])
def test_first_sync_then_incremental_without_duplicates(db, store, brand, executor, kind) -> None:
    ch = kind(brand.id, items(20), limit=5, floor=12)
    e, events = engine(store, executor)
    asyncio.run(e.sync_channel(ch))
    first = stored_ids(db)
    assert first == list(range(9, 21))  # the newest page, then a backfill floor of 12 items
    assert all(ev.result.new_messages >= 0 for ev in events)
    ch.items += items(13, start=21)  # 13 new: several pages
    calls = ch.calls
    new = asyncio.run(e.sync_channel(ch))
    assert new == 13 and stored_ids(db) == list(range(9, 34))
    assert ch.calls - calls <= 4  # only what is new was fetched (backfill is done)
    assert asyncio.run(e.sync_channel(ch)) == 0


@pytest.mark.parametrize("kind", [ForwardChannel, BackwardChannel])
def test_crash_mid_pass_loses_and_duplicates_nothing(db, store, brand, executor, kind) -> None:
    ch = kind(brand.id, items(5), limit=5, floor=0)
    e, _ = engine(store, executor)
    asyncio.run(e.sync_channel(ch))
    ch.items += items(17, start=6)
    ch.fail_after = ch.calls + 2  # the network drops after two pages
    with pytest.raises(Offline):
        asyncio.run(e.sync_channel(ch))
    ch.fail_after = None
    asyncio.run(e.sync_channel(ch))
    assert stored_ids(db) == list(range(1, 23))


def test_old_items_of_first_sync_go_to_backlog(db, store, brand, executor) -> None:
    ch = ForwardChannel(brand.id, items(10), limit=5, floor=10)
    e, _ = engine(store, executor, now=T0 + timedelta(days=2))
    asyncio.run(e.sync_channel(ch))
    backlog = convs.queue_count(db.sessions, QueueFilter(statuses=(Status.BACKLOG,)), T0)
    assert backlog == 10


def test_outbox_sends_once_even_after_a_crash_mid_send(db, store, brand, executor) -> None:
    ch = ForwardChannel(brand.id, items(1))
    e, _ = engine(store, executor)
    asyncio.run(e.sync_channel(ch))
    [item] = convs.queue_page(db.sessions, QueueFilter(), T0)
    r = replies.enqueue(db.sessions, item.conversation_id, "Bonjour !", Kind.PUBLIC, T0)
    # a sender claims it, posts it, then dies before recording it
    claimed = store.claim_reply("dead", T0)
    asyncio.run(ch.send(claimed))
    later = T0 + 10 * M
    out = Outbox(store, worker="gui", clock=lambda: later, db=executor)
    assert asyncio.run(out.send_pending({brand.id: ch})) == 1
    assert len(ch.sent) == 1  # found on the network, not sent again
    [sent] = replies.replies_for(db.sessions, item.conversation_id)
    assert sent.state.value == "sent" and sent.remote_id == "r1" and sent.id == r.id
    assert convs.queue_page(db.sessions, QueueFilter(), later) == []


def test_outbox_offline_keeps_reply_queued(db, store, brand, executor) -> None:
    ch = ForwardChannel(brand.id, items(1))
    e, _ = engine(store, executor)
    asyncio.run(e.sync_channel(ch))
    [item] = convs.queue_page(db.sessions, QueueFilter(), T0)
    replies.enqueue(db.sessions, item.conversation_id, "Bonjour !", Kind.PUBLIC, T0)
    ch.fail_after = ch.calls
    out = Outbox(store, worker="gui", clock=lambda: T0, db=executor)
    with pytest.raises(Offline):
        asyncio.run(out.send_pending({brand.id: ch}))
    [queued] = replies.replies_for(db.sessions, item.conversation_id)
    assert queued.state.value == "queued" and "unreachable" in queued.last_error
    ch.fail_after = None
    assert asyncio.run(out.send_pending({brand.id: ch})) == 1


def test_synced_messages_are_triaged_before_they_reach_the_queue(db, store, brand,
                                                                  executor) -> None:
    from relais.core.triage import triage_messages

    ch = ForwardChannel(brand.id, [
        msg("1", person("1", followers=5000), T0, "Toujours pas remboursé, je saisis la DGCCRF"),
        msg("2", person("2"), T0 + M, "Merci beaucoup, super accueil !"),
    ], limit=5, floor=0)
    e = SyncEngine(store, clock=lambda: T0 + 2 * M, db=executor, triage=triage_messages)
    asyncio.run(e.sync_channel(ch))
    first, second = convs.queue_page(db.sessions, QueueFilter(), T0)
    assert first.customer.external_id == "1"  # at risk and negative: first, though older
    assert first.at_risk_reasons == ("legal", "refund")
    assert first.sentiment.label.value == "negative"
    assert second.sentiment.label.value == "positive" and second.at_risk_reasons == ()
    [m] = convs.thread(db.sessions, first.conversation_id).messages
    assert m.language == "fr"


def test_an_expired_login_marks_the_account_and_deletes_nothing(db, store, brand,
                                                                  executor) -> None:
    from relais.core.errors import AuthExpired
    from relais.storage.accounts import list_accounts

    ch = ForwardChannel(brand.id, items(3), limit=5, floor=0)
    e, _ = engine(store, executor)
    asyncio.run(e.sync_channel(ch))

    class Expired(ForwardChannel):
        async def fetch_new(self, stream, state):  # noqa: ANN001, ANN202
            raise AuthExpired("mastodon", "brand")

    errors: list[BaseException] = []
    asyncio.run(e.sync_all([Expired(brand.id, [])], errors.append))
    assert isinstance(errors[0], AuthExpired)
    [acc] = list_accounts(db.sessions)
    assert acc.needs_reconnect
    assert stored_ids(db) == [1, 2, 3]


def test_the_backfill_is_fetched_while_the_first_pass_is_still_saving(db, store, brand,
                                                                      executor) -> None:
    """Passes overlap like pages do: one save in flight while the next page is fetched, and
    a fetch failing in a later pass still leaves every page fetched before it saved."""
    import threading

    ch = ForwardChannel(brand.id, items(20), limit=5, floor=15)
    backfill_asked = threading.Event()
    fetch_backfill = ch.backfill

    async def backfill(stream, state):  # noqa: ANN001, ANN202
        if not backfill_asked.is_set():
            backfill_asked.set()
            ch.fail_after = ch.calls + 2  # the network drops after two backfill pages
        return await fetch_backfill(stream, state)

    ch.backfill = backfill
    save_page = store.save_page
    overlapped: list[bool] = []

    def save(account_id, page, now):  # noqa: ANN001, ANN202
        if not page.backfill:  # the first pass's page: is the backfill asked for meanwhile?
            overlapped.append(backfill_asked.wait(timeout=10))
        return save_page(account_id, page, now)

    store.save_page = save
    e, _ = engine(store, executor)
    with pytest.raises(Offline):
        asyncio.run(e.sync_channel(ch))
    assert overlapped == [True]
    assert stored_ids(db) == list(range(11, 21))  # the second backfill page was saved


def test_independent_streams_page_side_by_side_and_fail_alone(db, store, brand,
                                                               executor) -> None:
    """A channel whose streams share nothing (Bluesky) pages them at once; a stream failing
    (a chat service down) lets the others finish, then surfaces as the error it is."""
    started: dict[str, asyncio.Event] = {}

    class TwoStreams(ForwardChannel):
        independent_streams = True

        async def fetch_new(self, stream, state):  # noqa: ANN001, ANN202
            started.setdefault(stream, asyncio.Event()).set()
            other = "b" if stream == "a" else "a"
            # each waits for the other to have started: only side by side can both go on
            await asyncio.wait_for(started.setdefault(other, asyncio.Event()).wait(), 10)
            if stream == "b" and self.fail_after is not None:
                raise Offline("bluesky", "unreachable")
            return await super().fetch_new(stream, state)

    ch = TwoStreams(brand.id, items(6), limit=3, floor=0, streams=("a", "b"))
    e, _ = engine(store, executor)
    asyncio.run(e.sync_channel(ch))
    assert store.load_state(brand.id, "a") and store.load_state(brand.id, "b")
    started.clear()
    ch.items += items(8, start=7)
    ch.fail_after = 10_000  # stream b fails at once; a goes on to its end (three pages)
    with pytest.raises(Offline):
        asyncio.run(e.sync_channel(ch))
    assert stored_ids(db) == list(range(4, 15))


def test_a_failing_stream_does_not_stop_the_others() -> None:
    """Side by side, a stream that fails (e.g. DMs, the chat service down) lets the others run
    to their end; its error comes after, as it is."""
    from relais.core.sync import _together

    finished: list[str] = []

    async def run() -> None:
        blocked, release = asyncio.Event(), asyncio.Event()

        async def mentions() -> None:
            blocked.set()
            await release.wait()  # still paging when the other one fails
            finished.append("mentions")

        async def chat() -> None:
            await blocked.wait()
            asyncio.get_running_loop().call_later(0.2, release.set)  # the mentions go on later
            raise Offline("bluesky", "chat service unreachable")

        with pytest.raises(Offline):
            await _together([mentions(), chat()])

    asyncio.run(run())
    assert finished == ["mentions"]


def test_pages_fetched_while_a_save_runs_are_saved_together(db, store, brand,
                                                           executor) -> None:
    """A busy disk or CPU: the pages that wait behind a save go in one transaction (fewer,
    larger saves), no more than a few wait, and nothing is lost or saved twice."""
    import threading

    from relais.core.sync import _Saves

    ch = ForwardChannel(brand.id, items(30), limit=3, floor=30)
    release = threading.Event()
    save_page = store.save_page
    saved: list[int] = []

    def save(account_id, page, now):  # noqa: ANN001, ANN202
        if not saved:  # the first save is slow until the backfill has run well ahead
            release.wait(timeout=10)
        saved.append(len(page.messages))
        return save_page(account_id, page, now)

    store.save_page = save
    fetch_backfill = ch.backfill
    fetched: list[int] = []

    async def backfill(stream, state):  # noqa: ANN001, ANN202
        fetched.append(len(saved))  # saves done when this page is asked for
        if len(fetched) == _Saves.WAITING + 2:
            release.set()  # (asked while the first save still runs: the pages waited)
        return await fetch_backfill(stream, state)

    ch.backfill = backfill
    e, _ = engine(store, executor)
    assert asyncio.run(e.sync_channel(ch)) == 30
    assert stored_ids(db) == list(range(1, 31))
    # 11 pages of 3 (the newest, then 10 by backfill, which starts again from the newest)
    assert sum(saved) == 33 and len(saved) < 11
    assert max(saved) == 3 * _Saves.WAITING  # the most that wait: in one save, not more
    assert fetched[: _Saves.WAITING + 2] == [0] * (_Saves.WAITING + 2)  # (while it ran)
    assert store.load_state(brand.id, "notifications", backfill=True)["taken"] == 30


def test_a_failed_save_stops_the_sync_and_loses_nothing(db, store, brand, executor) -> None:
    ch = ForwardChannel(brand.id, items(12), limit=3, floor=12)
    save_page = store.save_page
    calls = [0]

    def save(account_id, page, now):  # noqa: ANN001, ANN202
        calls[0] += 1
        if calls[0] == 2:
            raise OSError("disk full")
        return save_page(account_id, page, now)

    store.save_page = save
    e, _ = engine(store, executor)
    with pytest.raises(OSError):
        asyncio.run(e.sync_channel(ch))
    store.save_page = save_page
    asyncio.run(e.sync_channel(ch))  # resumes from the last state saved
    assert stored_ids(db) == list(range(1, 13))


def test_backfill_pages_go_in_pairs_and_a_lone_one_does_not_wait_for_a_slow_next(
        db, store, brand, executor) -> None:
    """A backfill's small pages wait for the next until a batch is there (bulk work: fewer
    transactions), the new items' page goes at once, and a backfill page never waits long
    for a next page that is slow to come."""
    from relais.core.sync import _Saves

    ch = ForwardChannel(brand.id, items(12), limit=3, floor=12)
    save_page = store.save_page
    saved: list[tuple[bool, int]] = []
    first_backfill_saved = asyncio.Event()

    async def run() -> None:
        loop = asyncio.get_running_loop()

        def save(account_id, page, now):  # noqa: ANN001, ANN202
            saved.append((page.backfill, len(page.messages)))
            if page.backfill:
                loop.call_soon_threadsafe(first_backfill_saved.set)
            return save_page(account_id, page, now)

        store.save_page = save
        fetch_backfill = ch.backfill

        async def backfill(stream, state):  # noqa: ANN001, ANN202
            if state.get("taken") == 3:  # the second backfill page comes only once the
                await asyncio.wait_for(first_backfill_saved.wait(), 10)  # first is saved
            return await fetch_backfill(stream, state)

        ch.backfill = backfill
        e, _ = engine(store, executor)
        await e.sync_channel(ch)

    old = _Saves.BATCH
    _Saves.BATCH = 6  # two pages of 3
    try:
        asyncio.run(run())
    finally:
        _Saves.BATCH = old
    assert saved[0] == (False, 3)  # the newest page, alone and first
    assert saved[1] == (True, 3)  # the first backfill page, alone: its next was slow
    assert saved[2][0] and saved[2][1] >= 6  # then pages together (the fake never waits)
    assert sum(n for _b, n in saved) == 15 and stored_ids(db) == list(range(1, 13))
