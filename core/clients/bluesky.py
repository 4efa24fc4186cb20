"""The Bluesky adapter: one brand account (a DID on its PDS), as core.channel.Channel.

Every call goes to the user's PDS (which proxies ``app.bsky.*`` to the AppView and
``chat.bsky.*`` to the chat service named by ``atproto-proxy``) through a
:class:`~core.clients.bluesky_auth.BlueskySession`, which renews the access token by itself.

Streams (each with its own opaque state, saved by the store with each page):

- ``notifications``: ``listNotifications``, reasons mention, reply and quote. Its cursor only walks
  BACKWARDS, so a pass pages from the newest down to the high-water mark saved by the previous
  pass: the state is ``{"hwm": mark, "cursor": where this pass stopped, "pass_top": newest mark
  seen by this pass}``; a crash mid-pass resumes at ``cursor``; meeting ``hwm`` ends the pass
  with ``{"hwm": pass_top}``. A mark is ``{"at": sortAt, "ids": [URIs at that instant]}``.
  The first pass takes the newest page; the backfill walks back to a date and a count.
- ``replies``: the brand's own replies (``getAuthorFeed``, ``posts_with_replies``), paged the same
  way, so a reply posted from another app marks its conversation answered.
- ``chat``: DMs (see core.clients.bluesky_chat); absent when the app password has no DM access.

Threads and people (core.clients.bluesky_threads): parents are read a level at a time with
``getPosts`` so a thread reads complete offline (in a backfill, only those never met by the end of
the walk); a parent gone is in ``Page.deleted``; followers counts come from ``getProfiles``.
Notifications are never marked seen (the phone keeps its unread badge) unless ``mark_seen``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from ..channel import Page, SyncState
from ..counting import bluesky_length
from ..errors import NetworkError, NotFound, RelaisError, RequestRefused
from ..model import Account, Kind, Network, Reply, SentRef
from ..triage.language import reply_language
from .bluesky_auth import DEFAULT_CHAT_PROXY, BlueskySession
from .bluesky_chat import BlueskyChat
from .bluesky_parse import (
    POST,
    AtUri,
    feed_key,
    iso,
    link_facets,
    mark_of,
    mention_facets,
    new_tid,
    note_key,
    parse_time,
    person,
    post_message,
    post_url,
    seen_by,
    view_message,
)
from .bluesky_threads import PeopleAndThreads
from .http import error_message, error_name
from .prefetch import Prefetch

log = logging.getLogger(__name__)

REASONS = ("mention", "reply", "quote")
PAGE = 50  # the newest items (a first pass, a poll): the live queue fills fast
BACKFILL_PAGE = 100  # a backfill is bulk work: the largest page the two lists give
MAX_GRAPHEMES = 300

Fetch = Callable[[str | None, int], Awaitable[tuple[list[dict[str, Any]], str | None]]]


class BlueskyChannel(PeopleAndThreads):
    network = Network.BLUESKY
    independent_streams = True  # notifications, own replies and DMs page side by side

    def __init__(
        self,
        account_id: int,
        pds: str,
        secret: str,
        did: str,
        *,
        handle: str = "",
        on_secret: Callable[[str], None] | None = None,
        chat_proxy: str = DEFAULT_CHAT_PROXY,
        backfill_days: int = 7,
        backfill_max: int = 500,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        mark_seen: bool = False,
        context_concurrency: int = 4,
        page_size: int = PAGE,
        backfill_page_size: int = BACKFILL_PAGE,
        transport: httpx.AsyncBaseTransport | None = None,
        session: BlueskySession | None = None,
        on_problem: Callable[[RelaisError], None] | None = None,
    ) -> None:
        self.account_id = account_id
        self.did = did
        self.handle = handle
        self.session = session or BlueskySession(pds, secret, handle=handle, on_secret=on_secret,
                                                 transport=transport)
        self.backfill_days, self.backfill_max = backfill_days, backfill_max
        self._clock = clock
        self.mark_seen = mark_seen
        self._concurrency = max(1, context_concurrency)
        self.page_size = max(1, min(100, page_size))
        self.backfill_page_size = max(1, min(100, backfill_page_size))
        self._init_threads()
        self._first_cursor: dict[str, str] = {}  # stream → the cursor below its first page
        self._first_pending: dict[str, dict[str, int]] = {}  # its replies' missing parents
        self._nothing_below: set[str] = set()  # streams whose first page was all there is
        # the next page is asked for while this one's people and parents are read
        self._ahead: Prefetch[tuple[list[dict[str, Any]], str | None]] = Prefetch()
        self.problems: list[RelaisError] = []  # said to the user by the engine, once each
        self.on_problem = on_problem or self.problems.append
        self.chat = BlueskyChat(self, chat_proxy)

    @property
    def dm_access(self) -> bool | None:
        """Whether DMs sync and send (None: not known before the first call)."""
        if self.chat.problem is not None:
            return False
        return self.session.dm_access

    @property
    def streams(self) -> tuple[str, ...]:
        if self.session.dm_access is False or self.chat.problem is not None:
            return ("notifications", "replies")
        return ("notifications", "replies", "chat")

    async def xrpc(self, method: str, nsid: str, *, params: Any = None, body: Any = None,
                   headers: dict[str, str] | None = None, expect_json: bool = True) -> Any:
        return await self.session.call(method, nsid, params=params, body=body, headers=headers,
                                       expect_json=expect_json)

    # --- the two backwards streams ----------------------------------------------------------
    async def _notes(self, cursor: str | None, limit: int) -> tuple[list[dict[str, Any]], str | None]:
        # every reason, filtered here: a page's dates (likes and follows included) tell where
        # the mark and the backfill's floor are, even when no mention is near them
        params: list[tuple[str, str]] = [("limit", str(limit))]
        if cursor:
            params.append(("cursor", cursor))
        else:  # a pass starts: a background call that failed in the last one is not raised
            self._forget_failed_profile_calls()
        data = await self.xrpc("GET", "app.bsky.notification.listNotifications", params=params)
        return list(data.get("notifications") or ()), data.get("cursor") or None

    async def _feed(self, cursor: str | None, limit: int) -> tuple[list[dict[str, Any]], str | None]:
        params = [("actor", self.did), ("limit", str(limit)), ("filter", "posts_with_replies")]
        if cursor:
            params.append(("cursor", cursor))
        try:
            data = await self.xrpc("GET", "app.bsky.feed.getAuthorFeed", params=params)
        except RequestRefused as exc:
            if "profile not found" not in error_message(exc).lower():
                raise
            # the AppView has not indexed this (new) account yet: no posts of its own to see
            log.info("bluesky: the AppView does not know the brand's profile yet")
            return [], None
        return list(data.get("feed") or ()), data.get("cursor") or None

    def _source(self, stream: str) -> tuple[Fetch, Callable[[dict[str, Any]], tuple[datetime, str]]]:
        if stream == "notifications":
            return self._notes, note_key
        if stream == "replies":
            return self._feed, feed_key
        raise ValueError(f"unknown Bluesky stream {stream!r}")

    async def fetch_new(self, stream: str, state: SyncState) -> Page:
        if stream == "chat":
            return await self.chat.fetch_new(state)
        fetch, key = self._source(stream)
        if "hwm" not in state:  # the first pass: the newest page marks where "new" starts
            items, below = await fetch(None,
                                       self.page_size if stream == "notifications" else 1)
            if below and stream == "notifications":
                self._first_cursor[stream] = below  # the backfill starts below this page
                self._read_ahead(stream, fetch, below,
                                 min(self.backfill_page_size, self.backfill_max))
            mark = mark_of(items, key) or {"at": None, "ids": []}
            if not below and (items if stream == "notifications" else not items):
                self._nothing_below.add(stream)  # this page was all there is: no backfill
            if stream == "replies":
                items = []
            if not (below and stream == "notifications"):
                return await self._page(stream, items, {"hwm": mark}, done=True)
            # the backfill walks on below at once: the parents of this page's replies are
            # looked up only if they have not come by its end, like its own, and its authors
            # go with the backfill's first full getProfiles call
            deferred: dict[str, int] = {}
            page = await self._page(stream, items, {"hwm": mark}, done=True, defer=deferred,
                                    finish=False, lazy_people=True)
            self._first_pending[stream] = deferred
            return page
        hwm = state["hwm"]
        items, cursor = await self._next(stream, fetch, state.get("cursor"), self.page_size)
        pass_top = state.get("pass_top") or mark_of(items, key) or hwm
        fresh: list[dict[str, Any]] = []
        reached = False
        for item in items:
            if seen_by(*key(item), hwm):
                reached = True
                break
            fresh.append(item)
        done = reached or not cursor or not items
        nxt: SyncState = {"hwm": pass_top} if done else {"hwm": hwm, "cursor": cursor,
                                                         "pass_top": pass_top}
        if not done:
            self._read_ahead(stream, fetch, cursor, self.page_size)
        page = await self._page(stream, fresh, nxt, done=done)
        if done and stream == "notifications" and self.mark_seen:
            await self.xrpc("POST", "app.bsky.notification.updateSeen",
                            body={"seenAt": iso(self._clock())}, expect_json=False)
        return page

    async def backfill(self, stream: str, state: SyncState) -> Page:
        if stream == "chat":
            return await self.chat.backfill(state)
        fetch, key = self._source(stream)
        floor_s = state.get("floor") or (self._clock() - timedelta(days=self.backfill_days)).isoformat()
        floor = parse_time(floor_s) or self._clock()
        taken = int(state.get("taken", 0))
        want = min(self.backfill_page_size, self.backfill_max - taken)
        if not state.get("cursor") and stream in self._nothing_below:
            want = 0  # (not asked again for the page the first pass has read)
        if want <= 0:
            return Page(stream, (), dict(state), done=True, backfill=True,
                        progress=(taken, self.backfill_max))
        items, cursor = await self._next(
            stream, fetch, state.get("cursor") or self._first_cursor.get(stream), want)
        kept = [i for i in items if key(i)[0] >= floor]
        reached = len(kept) < len(items)
        taken += len(kept)
        done = reached or not cursor or not items or taken >= self.backfill_max
        nxt: SyncState = {"floor": floor_s, "taken": taken,
                          "cursor": cursor or state.get("cursor")}
        if not done:
            self._read_ahead(stream, fetch, cursor,
                             min(self.backfill_page_size, self.backfill_max - taken))
        # Walking backwards, a reply comes before its parent: the parents are looked up only
        # if they have not come by the end of the walk (not one lookup per reply)
        pending: dict[str, int] = dict.fromkeys(state.get("pending") or (), 1)
        first = not state.get("cursor")
        if first:  # its first page: the first pass's parents still missing
            pending.update(self._first_pending.get(stream, {}))
        page = await self._page(stream, kept, nxt, done=done, defer=pending, lazy_people=True)
        if first:  # (now in the page's state, saved with it)
            self._first_pending.pop(stream, None)
        if pending and not done:
            nxt["pending"] = sorted(pending)
        return replace(page, backfill=True, progress=(taken, self.backfill_max))

    async def _next(self, stream: str, fetch: Fetch, cursor: str | None,
                    limit: int) -> tuple[list[dict[str, Any]], str | None]:
        return await self._ahead.take((stream, cursor, limit), lambda: fetch(cursor, limit))

    def _read_ahead(self, stream: str, fetch: Fetch, cursor: str | None, limit: int) -> None:
        """Ask for the page below now: the engine will want it next (see core.clients.prefetch)."""
        self._ahead.start((stream, cursor, limit), lambda: fetch(cursor, limit))

    async def _page(self, stream: str, items: list[dict[str, Any]], nxt: SyncState, *,
                    done: bool, defer: dict[str, int] | None = None,
                    finish: bool | None = None, lazy_people: bool = False) -> Page:
        if stream == "notifications":
            notes = [n for n in items if n.get("reason") in REASONS and n.get("record")]
            posts = [post_message(str(n["uri"]), n["record"], person(n["author"]),
                                  account_id=self.account_id, brand_did=self.did,
                                  indexed_at=n.get("indexedAt")) for n in notes]
            # the followers counts and the missing parents, at the same time
            finish = done if finish is None else finish
            people, (messages, deleted) = await asyncio.gather(
                self.profiles((str(n["author"]["did"]) for n in notes), lazy=lazy_people,
                              finish=finish),
                self.with_threads(posts, defer=defer, finish=finish))
            messages = tuple(replace(m, author=people[m.author.external_id])
                             if m.author.external_id in people else m for m in messages)
            return Page(stream, messages, nxt, done=done, deleted=deleted,
                        people=tuple(people.values()))
        own = [i["post"] for i in items if not i.get("reason") and i.get("post")
               and str(i["post"]["author"]["did"]) == self.did
               and (i["post"].get("record") or {}).get("reply")]
        messages = tuple(view_message(p, account_id=self.account_id, brand_did=self.did)
                         for p in own)
        for m in messages:
            self._remember(m.external_id, m.thread_root)
        return Page(stream, messages, nxt, done=done)

    # --- replies --------------------------------------------------------------------------
    def prepare_ref(self, reply: Reply) -> str | None:
        """The record key of a public reply, chosen (and committed by the outbox) before the
        call, so a retry after a crash reuses it and never posts twice. DMs have none."""
        return None if reply.kind is Kind.PRIVATE else new_tid()

    async def post_view(self, uri: str) -> dict[str, Any] | None:
        data = await self.xrpc("GET", "app.bsky.feed.getPosts", params=[("uris", uri)])
        posts = list((data or {}).get("posts") or ())
        return posts[0] if posts else None

    async def send(self, reply: Reply) -> SentRef:
        if reply.kind is Kind.PRIVATE:
            return await self.chat.send(reply)
        if not reply.in_reply_to or not reply.in_reply_to.startswith("at://"):
            raise RequestRefused("bluesky", 400, "a reply needs the post it answers")
        rkey = reply.remote_ref or new_tid()
        parent = await self.post_view(reply.in_reply_to)
        if parent is None:
            raise NotFound("bluesky", 404, "the post answered was deleted")
        record = self.reply_record(reply.text, parent)
        if bluesky_length(record["text"]) > MAX_GRAPHEMES:
            raise RequestRefused("bluesky", 400, f"longer than {MAX_GRAPHEMES} graphemes")
        try:
            made = await self.xrpc("POST", "com.atproto.repo.createRecord",
                                   body={"repo": self.did, "collection": POST, "rkey": rkey,
                                         "record": record})
        except (NetworkError, RequestRefused) as exc:
            # a retry whose first try did land ("There is already a value at key", a 500 on
            # the PDS), or a timeout after the write: the record at our key says it was sent
            found = await self._own_record(rkey)
            if found is not None:
                log.info("bluesky: reply already posted (%s); confirmed", type(exc).__name__)
                return found
            raise
        uri = str(made["uri"])
        return SentRef(uri, post_url(uri, self.handle), self._clock())

    def reply_record(self, text: str, parent: Mapping[str, Any]) -> dict[str, Any]:
        """An ``app.bsky.feed.post`` replying to ``parent`` (a postView): root from the parent's
        own reply reference, the customer @mentioned with a facet on the right bytes."""
        prec = parent.get("record") or {}
        langs = prec.get("langs")
        lang = reply_language(text, str(langs[0]) if isinstance(langs, list) and langs else None)
        parent_ref = {"uri": str(parent["uri"]), "cid": str(parent["cid"])}
        root = (prec.get("reply") or {}).get("root") or parent_ref
        author = parent.get("author") or {}
        handle, did = str(author.get("handle") or ""), str(author.get("did") or "")
        mentions = {}
        if did and did != self.did and handle and handle != "handle.invalid":
            if not mention_facets(text, {handle: did}):
                text = f"@{handle} {text}"
            mentions[handle] = did
        record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": iso(self._clock()),
                                  "reply": {"root": {"uri": str(root["uri"]),
                                                     "cid": str(root["cid"])},
                                            "parent": parent_ref}}
        if lang:  # feeds and clients filter posts by their languages
            record["langs"] = [lang]
        facets = sorted(mention_facets(text, mentions) + link_facets(text),
                        key=lambda f: f["index"]["byteStart"])
        if facets:
            record["facets"] = facets
        return record

    async def _own_record(self, rkey: str) -> SentRef | None:
        try:
            data = await self.xrpc("GET", "com.atproto.repo.getRecord",
                                   params={"repo": self.did, "collection": POST, "rkey": rkey})
        except RequestRefused as exc:
            if isinstance(exc, NotFound) or error_name(exc) == "RecordNotFound":
                return None
            raise
        uri = str(data["uri"])
        when = parse_time((data.get("value") or {}).get("createdAt"))
        return SentRef(uri, post_url(uri, self.handle), when)

    async def find_sent(self, reply: Reply) -> SentRef | None:
        if reply.kind is Kind.PRIVATE:
            return await self.chat.find_sent(reply)
        if not reply.remote_ref:  # no key was ever chosen: it was never sent
            return None
        return await self._own_record(reply.remote_ref)

    # --- account helpers ------------------------------------------------------------------
    async def recheck(self, ids: list[str]) -> Page | None:
        """Posts still waiting that their author deleted (``getPosts`` omits them; 25 a call).
        Bluesky posts cannot be edited; DMs (not at:// ids) are left to the chat log."""
        uris = [i for i in ids if i.startswith("at://")]
        found: set[str] = set()
        for i in range(0, len(uris), 25):
            chunk = uris[i:i + 25]
            data = await self.xrpc("GET", "app.bsky.feed.getPosts",
                                   params=[("uris", u) for u in chunk])
            found |= {str(p.get("uri")) for p in (data or {}).get("posts") or ()}
        gone = tuple(u for u in uris if u not in found)
        return Page("recheck", (), {}, done=True, deleted=gone) if gone else None

    async def verify_credentials(self) -> Account:
        prof = await self.xrpc("GET", "app.bsky.actor.getProfile", params={"actor": self.did})
        return Account(Network.BLUESKY, self.session.http.base_url,
                       str(prof.get("handle") or self.handle),
                       str(prof.get("displayName") or ""), self.did)

    async def aclose(self) -> None:
        self._ahead.cancel()
        self._cancel_profile_calls()
        await self.session.aclose()


__all__ = ["AtUri", "BlueskyChannel"]
