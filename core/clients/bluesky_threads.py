"""The people and thread context of a Bluesky sync page (a part of BlueskyChannel).

Followers counts come from ``getProfiles`` (25 a call, cached an hour; during a backfill, new
authors are gathered until a call is full or the walk ends, and a full call goes out in the
background, the walk not waiting for it). The parents of replies
are read a level at a time with ``getPosts`` (25 a call), and during a backfill, which walks
backwards and so meets replies before their parents, only those that never came by the end of
the walk are looked up. A parent ``getPosts`` leaves out is reported deleted.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from ..model import Message, Person
from .bluesky_parse import person, view_message

_KNOWN_KEPT = 50_000
_PROFILE_TTL_S = 3600.0
_MAX_ANCESTORS = 40  # levels of a thread read back for context (getPostThread: 80)


class PeopleAndThreads:
    """Mixed into BlueskyChannel, whose ``xrpc``, ``did`` and ``account_id`` it uses."""

    account_id: int
    did: str
    _concurrency: int
    xrpc: Callable[..., Awaitable[Any]]

    def _init_threads(self) -> None:
        self._known: dict[str, str | None] = {}  # post URI → its thread root (None: itself)
        self._profiles: dict[str, tuple[float, Person]] = {}
        self._profiles_pending: set[str] = set()  # a backfill's authors waiting for a call
        self._profile_calls: list[asyncio.Future[dict[str, Person]]] = []  # out, not awaited
        self._profiles_out: set[str] = set()  # the authors those calls ask for

    async def profiles(self, dids: Iterable[str], *, lazy: bool = False,
                       finish: bool = False) -> dict[str, Person]:
        """Followers counts for ``dids`` (``getProfiles``, 25 at a time, cached an hour).

        ``lazy`` (a first sync's pages): authors not known yet wait until a call is full (25),
        or until ``finish``. A full call goes out in the background: the walk does not wait
        for it, and the people it brings come with the next page that asks (the store
        re-ranks the conversations of people whose count changes). ``finish`` waits for the
        calls still out and returns everyone they brought. A call that goes out anyway takes
        waiting authors along to fill its last batch. A background call that failed fails
        the next page that asks, its authors waiting again."""
        now = time.monotonic()
        want = sorted({d for d in dids if d})
        out = {d: self._profiles[d][1] for d in want
               if d in self._profiles and now - self._profiles[d][0] < _PROFILE_TTL_S}
        missing = [d for d in want if d not in out and d not in self._profiles_out]
        pending = self._profiles_pending
        if lazy:
            pending.update(missing)
            full = len(pending) // 25 * 25
            missing = sorted(pending) if finish else sorted(pending)[:full]
        elif missing and pending:
            room = -len(missing) % 25
            missing += sorted(pending - set(missing))[:room]
        pending.difference_update(missing)
        if lazy and not finish:
            if missing:
                self._profiles_out.update(missing)
                self._profile_calls.append(asyncio.ensure_future(self._profile_call(missing)))
        elif missing:
            out.update(await self._profile_call(missing))
        if lazy and finish and self._profile_calls:
            await asyncio.wait(self._profile_calls)
        return {**out, **self._profiles_brought()}

    async def _profile_call(self, dids: list[str]) -> dict[str, Person]:
        """``getProfiles`` for ``dids``, 25 a call, a few at once; failed: they wait again."""
        sem = asyncio.Semaphore(self._concurrency)

        async def batch(chunk: list[str]) -> list[dict[str, Any]]:
            async with sem:
                data = await self.xrpc("GET", "app.bsky.actor.getProfiles",
                                       params=[("actors", d) for d in chunk])
                return list(data.get("profiles") or ())

        chunks = [dids[i:i + 25] for i in range(0, len(dids), 25)]
        try:
            got = await asyncio.gather(*(batch(c) for c in chunks))
        except BaseException:
            self._profiles_pending.update(dids)  # asked again by a later call
            raise
        finally:
            self._profiles_out.difference_update(dids)
        now = time.monotonic()
        out: dict[str, Person] = {}
        for profiles in got:
            for prof in profiles:
                p = person(prof)
                self._profiles[p.external_id] = (now, p)
                out[p.external_id] = p
        return out

    def _profiles_brought(self) -> dict[str, Person]:
        """The people of the background calls that are over; a failed one is raised (the
        calls over with it stay for the next page that asks)."""
        over = [t for t in self._profile_calls if t.done()]
        failed = next((t for t in over if t.cancelled() or t.exception() is not None), None)
        if failed is not None:
            self._profile_calls.remove(failed)
            failed.result()  # raises
        self._profile_calls = [t for t in self._profile_calls if not t.done()]
        out: dict[str, Person] = {}
        for task in over:
            out.update(task.result())
        return out

    def _forget_failed_profile_calls(self) -> None:
        """A new pass starts: a background call that failed in an earlier one is not raised
        again (that pass has ended; its authors are waiting for the next call already)."""
        for task in [t for t in self._profile_calls if t.done()]:
            if task.cancelled() or task.exception() is not None:
                self._profile_calls.remove(task)

    def _cancel_profile_calls(self) -> None:
        calls, self._profile_calls = self._profile_calls, []
        for task in calls:
            if not task.done():
                task.cancel()
            elif not task.cancelled():
                task.exception()  # retrieved: no "exception was never retrieved" warning

    async def _posts(self, uris: list[str]) -> dict[str, dict[str, Any]]:
        """Post views by URI (``getPosts``, 25 a call, a few calls at once); absent = gone."""
        sem = asyncio.Semaphore(self._concurrency)

        async def batch(chunk: list[str]) -> list[dict[str, Any]]:
            async with sem:
                data = await self.xrpc("GET", "app.bsky.feed.getPosts",
                                       params=[("uris", u) for u in chunk])
                return list((data or {}).get("posts") or ())

        chunks = [uris[i:i + 25] for i in range(0, len(uris), 25)]
        return {str(p["uri"]): p for views in await asyncio.gather(*(batch(c) for c in chunks))
                for p in views if p.get("uri")}

    async def with_threads(self, posts: list[Message], *, defer: dict[str, int] | None = None,
                           finish: bool = False) -> tuple[tuple[Message, ...], tuple[str, ...]]:
        """``posts`` and the ancestors of those whose parent is unknown; deleted parents.

        Ancestors are read a level at a time with ``getPosts`` (25 a call), not a thread per
        reply. ``defer`` (a backfill's missing parents) postpones that: a parent met later in
        the walk costs nothing; ``finish`` looks up those still missing and empties it."""
        in_page = {m.external_id for m in posts}
        need = {m.in_reply_to for m in posts if m.in_reply_to
                and m.in_reply_to not in in_page and m.in_reply_to not in self._known}
        if defer is not None:
            defer.update(dict.fromkeys(need, 1))
            for uri in list(defer):
                if uri in in_page or uri in self._known:
                    del defer[uri]  # it came: its thread root was known all along
            need = set(defer) if finish else set()
            if finish:
                defer.clear()
        extra: dict[str, Message] = {}
        deleted: list[str] = []
        for _level in range(_MAX_ANCESTORS):
            want = sorted(u for u in need if u not in extra and u not in in_page)
            if not want:
                break
            views = await self._posts(want)
            need = set()
            for uri in want:
                view = views.get(uri)
                if view is None:  # deleted (or hidden from the brand): the chain stops here
                    deleted.append(uri)
                    continue
                m = view_message(view, account_id=self.account_id, brand_did=self.did)
                extra[m.external_id] = m
                if m.in_reply_to and m.in_reply_to not in self._known:
                    need.add(m.in_reply_to)
        everything = {**extra, **{m.external_id: m for m in posts}}
        for m in everything.values():
            self._remember(m.external_id, m.thread_root)
        ordered = sorted(everything.values(), key=lambda m: m.created_at)  # parents first
        return tuple(ordered), tuple(dict.fromkeys(d for d in deleted if d and d not in everything))

    def _remember(self, uri: str, root: str | None) -> None:
        if len(self._known) >= _KNOWN_KEPT:
            for key in list(self._known)[: _KNOWN_KEPT // 2]:
                del self._known[key]
        self._known[uri] = root

