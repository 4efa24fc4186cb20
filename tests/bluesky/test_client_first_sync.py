"""A Bluesky first sync asks for no more than it needs: parents and followers counts gathered
across the walk, no request for a page already read (fake PDS: fake_pds.py)."""

from __future__ import annotations

import asyncio

from fake_pds import (
    BRAND,
    FakePds,
    fail_first_profiles_call,
    first_sync,
    first_sync_profiles_held,
    make_channel,
)

from relais.core.channel import Page
from relais.core.errors import RelaisError


def test_the_first_pages_parents_wait_for_the_backfill_that_follows() -> None:
    """The first pass's newest page is followed at once by the backfill: its replies' parents
    cost a request only if the walk never meets them."""
    pds = FakePds()
    early = pds.add(1)  # notified, on the backfill's pages
    ours = f"at://{BRAND}/app.bsky.feed.post/ours"  # the brand's own post: never notified
    for n in range(2, 8):
        pds.add(n)
    pds.add(8, reason="reply", parent=early)
    pds.add(9, reason="reply", parent=ours)
    ch = make_channel(pds, page_size=3, backfill_days=36500)

    first, *pages = asyncio.run(first_sync(ch))
    assert {m.external_id[-1] for m in first.messages} == {"9", "8", "7"}
    lookups = [q for c, q in pds.calls if c == "app.bsky.feed.getPosts"]
    assert [q["uris"] for q in lookups] == [ours]  # once, at the end of the walk (none before)
    assert ours in {m.external_id for m in pages[-1].messages}


def test_the_backfill_gathers_new_authors_into_full_profile_calls() -> None:
    """Each page of a first sync used to cost a getProfiles call for its few new authors; they
    now wait for a full call (25) or the end of the walk, and come with the page that asks."""
    pds = FakePds()
    for n in range(1, 41):  # 40 authors, all different
        pds.add(n)
    ch = make_channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(first_sync(ch))
    calls = [c for c, _ in pds.calls if c == "app.bsky.actor.getProfiles"]
    assert len(calls) == 2  # 25 when a call is full; then the last 15 at the end
    counts = {p.external_id: p.followers_count for page in pages for p in page.people}
    assert len(counts) == 40 and all(c >= 100 for c in counts.values())  # everyone, in the end
    assert not pages[0].people and not pages[1].people  # the first pages' authors wait
    brought = [len(p.people) for p in pages if p.people]
    assert brought == [25, 15]  # each call's people come together, with one page


def test_the_walk_does_not_wait_for_a_full_profile_call() -> None:
    """A full getProfiles call goes out in the background: the pages below keep coming while
    it is out, and its people come with the next page that asks after it is answered."""
    pds = FakePds()
    for n in range(1, 41):  # 40 authors, all different
        pds.add(n)
    ch = make_channel(pds, page_size=5, backfill_days=36500)
    # answered two pages below the one that filled the call (page 5)
    pages = asyncio.run(first_sync_profiles_held(pds, ch, until_page=7))
    assert [len(p.people) for p in pages[:7]] == [0] * 7  # not held by the call out
    assert sum(len(p.people) for p in pages) == 40
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 2


def test_a_failed_background_profile_call_fails_a_later_page_and_is_asked_again() -> None:
    """The call out failing is not lost: the next page that asks fails like a failed request
    would, and its authors wait for the next call (none goes without a followers count)."""
    pds = FakePds()
    for n in range(1, 41):
        pds.add(n)
    ch = make_channel(pds, page_size=5, backfill_days=36500)
    fail_first_profiles_call(pds, ch)

    async def walk() -> tuple[list[Page], BaseException | None]:
        pages = [await ch.fetch_new("notifications", {})]
        state: dict = {}
        failure = None
        while len(pages) == 1 or not pages[-1].done:
            try:
                pages.append(await ch.backfill("notifications", state))
            except RelaisError as exc:  # as the engine: the pass stops; a later sync resumes
                failure = failure or exc
                continue
            state = pages[-1].next_state
        await ch.aclose()
        return pages, failure

    pages, failure = asyncio.run(walk())
    assert failure is not None
    counts = {p.external_id: p.followers_count for page in pages for p in page.people}
    assert len(counts) == 40 and all(c >= 100 for c in counts.values())


def test_authors_trickling_in_cost_no_extra_profile_call() -> None:
    """A few new authors now and then among people already met (the common case): they
    still wait for a full call or the end of the walk, one call here, not one per lull."""
    pds = FakePds()
    for n in range(1, 31):  # 6 pages of 5: authors 1-4 again and again, a new one on 2 pages
        pds.add(n, author=n if n in (30, 10) else n % 4 + 1)
    ch = make_channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(first_sync(ch))
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 1
    counts = {p.external_id: p.followers_count for page in pages for p in page.people}
    assert len(counts) == 6 and all(c >= 100 for c in counts.values())


def test_a_page_that_asks_for_profiles_takes_waiting_authors_along() -> None:
    """An incremental page's own getProfiles call fills its batch with authors a first sync
    left waiting (say its walk failed before its end), so they are never left without."""
    pds = FakePds()
    for n in range(1, 4):
        pds.add(n)
    ch = make_channel(pds, page_size=5)
    ch._profiles_pending.update({"did:plc:waiting1", "did:plc:waiting2"})

    got = asyncio.run(ch.profiles(["did:plc:c1"]))
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 1
    assert set(got) == {"did:plc:c1", "did:plc:waiting1", "did:plc:waiting2"}
    assert not ch._profiles_pending


def test_a_first_page_that_is_all_there_is_needs_no_backfill_request() -> None:
    """Fewer notifications than a page: the backfill has nothing below, and does not ask
    the AppView for the same newest page again (nor the empty feed of a new brand)."""
    pds = FakePds()
    for n in range(1, 4):
        pds.add(n)
    ch = make_channel(pds, page_size=5, backfill_days=36500)

    pages = asyncio.run(first_sync(ch))
    assert [len(p.messages) for p in pages] == [3, 0] and pages[-1].done
    assert [c for c, _ in pds.calls].count("app.bsky.notification.listNotifications") == 1


def test_the_backfill_reads_the_largest_pages_the_newest_page_a_smaller_one() -> None:
    """A first sync shows the newest page quickly (50), then walks the rest in the largest
    pages listNotifications gives (100): half the requests of a 50-item walk."""
    pds = FakePds()
    for n in range(1, 181):
        pds.add(n, author=n % 7 + 1)
    ch = make_channel(pds, backfill_days=36500)

    pages = asyncio.run(first_sync(ch))
    assert [len(p.messages) for p in pages] == [50, 100, 30]
    limits = [q["limit"] for c, q in pds.calls if c == "app.bsky.notification.listNotifications"]
    assert limits == ["50", "100", "100"]


def test_authors_of_a_call_still_out_are_not_asked_for_again() -> None:
    """Pages that come while a background getProfiles call is out do not ask again for the
    authors it asks for: one call for 25 authors met again and again, one for the rest."""
    pds = FakePds()
    for n in range(1, 91):
        pds.add(n, author=n % 30 + 1)  # 30 authors, each met again every 6 pages of 5
    ch = make_channel(pds, page_size=5, backfill_days=36500)
    # the first 25 are met again while their call is out
    pages = asyncio.run(first_sync_profiles_held(pds, ch, until_page=13))
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 2
    assert len({p.external_id for page in pages for p in page.people}) == 30


def test_a_background_profile_failure_does_not_fail_the_next_sync() -> None:
    """A sync that stopped with a getProfiles call out that then failed: the next sync (the
    same channel, as the app keeps it) starts clean and asks for those authors again."""
    pds = FakePds()
    for n in range(1, 41):
        pds.add(n)
    ch = make_channel(pds, page_size=5, backfill_days=36500)
    fail_first_profiles_call(pds, ch)

    async def syncs() -> list[Page]:
        state: dict = {}
        first = await ch.fetch_new("notifications", {})
        for _ in range(4):  # the fifth page fills a call (25 authors); the pass stops there
            page = await ch.backfill("notifications", state)
            state = page.next_state
        await asyncio.wait(ch._profile_calls)  # the call out fails meanwhile
        again = await ch.fetch_new("notifications", first.next_state)  # the next sync
        pages = [again]
        while not pages[-1].done or len(pages) == 1:
            pages.append(await ch.backfill("notifications", state))
            state = pages[-1].next_state
        await ch.aclose()
        return pages

    pages = asyncio.run(syncs())
    counts = {p.external_id: p.followers_count for page in pages for p in page.people}
    assert len(counts) == 40 and all(c >= 100 for c in counts.values())  # none left without
    assert [c for c, _ in pds.calls].count("app.bsky.actor.getProfiles") == 2  # failed, then all
