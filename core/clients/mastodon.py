"""The Mastodon adapter: one brand account on one server, as core.channel.Channel.

Streams (each with its own opaque state, saved by the store with each page):

- ``notifications``: ``mention`` (and ``quote``, where the server has it) notifications, paged
  FORWARD with ``min_id`` (the page just after the cursor); the next page is built from the ids
  we saw, never from the Link header. The first ever pass takes the newest page only; the
  backfill (``max_id``, backwards to a date and a count) covers what is older.
- ``requests``: Mastodon ≥ 4.3 files some notifications (a stranger's DM, by default) under
  notification requests, out of the normal feed. Each request's notifications are fetched
  (``account_id`` + ``include_filtered``) so a customer's DM is never lost; a server without the
  endpoint (404) is fine.
- ``conversations``: DMs (``/api/v1/conversations``, the last status of each, paged by that
  status's id as Mastodon's own Link header does).
- ``replies``: the brand's own replies (``/api/v1/accounts/:id/statuses``), so a reply posted from
  another app marks its conversation answered.

Threads: a reply whose parent we have not seen gets ``/statuses/:id/context``; its ancestors
(the brand's with ``from_brand``) and the brand's replies below it join the page, so a thread
reads complete offline. A status whose context is 404 was deleted: reported in ``Page.deleted``.
DMs are keyed on their thread's first status id (conversation ids are not a stable key
everywhere).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..channel import Page, SyncState
from ..errors import NetworkError
from ..model import Account, Kind, Message, Network, Reply, SentRef
from ..triage.language import reply_language
from .http import HttpClient, NotFound, RequestRefused
from .mastodon_parse import comparable, html_to_text, id_key, parse_time, status_message
from .mastodon_server import InstanceLimits, ServerFeatures  # noqa: F401 (InstanceLimits: API)

log = logging.getLogger(__name__)

PAGE = 40  # Mastodon's notifications and statuses pages go to 40
MENTION_TYPES = ("mention", "quote")  # "quote" exists from Mastodon 4.5; ignored before
_ROOTS_KEPT = 50_000


@dataclass(frozen=True, slots=True)
class _Source:
    path: str
    params: tuple[tuple[str, str], ...]
    cursor: Callable[[dict[str, Any]], str | None]  # an item's paging id
    status: Callable[[dict[str, Any]], dict[str, Any] | None]  # an item's status, if any


class MastodonChannel(ServerFeatures):
    network = Network.MASTODON
    streams: tuple[str, ...] = ("notifications", "requests", "conversations", "replies")

    def __init__(
        self,
        account_id: int,
        server: str,
        token: str,
        brand_account_id: str,
        *,
        http: HttpClient | None = None,
        backfill_days: int = 7,
        backfill_max: int = 500,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        handle: str = "",
        context_concurrency: int = 4,
    ) -> None:
        self.account_id = account_id
        self.brand_id = str(brand_account_id)
        self.http = http or HttpClient("mastodon", server, token=token, handle=handle)
        self.backfill_days, self.backfill_max = backfill_days, backfill_max
        self._clock = clock
        self._concurrency = max(1, context_concurrency)
        self._roots: dict[str, str] = {}  # status id → its thread's first status id
        self._first_bottom: dict[str, str] = {}  # stream → the oldest id of its first page
        self._recheck_ok = True
        self._token = token
        self._streaming: str | None = None  # the streaming API's URL, from /api/v2/instance
        self._types = MENTION_TYPES

    # --- the streams ----------------------------------------------------------------------
    def _source(self, stream: str) -> _Source:
        if stream == "notifications":
            return _Source("/api/v1/notifications",
                           tuple(("types[]", t) for t in self._types),
                           lambda n: str(n["id"]), lambda n: n.get("status"))
        if stream == "conversations":
            return _Source("/api/v1/conversations", (),
                           lambda c: str(c["last_status"]["id"]) if c.get("last_status") else None,
                           lambda c: c.get("last_status"))
        if stream == "replies":
            return _Source(f"/api/v1/accounts/{self.brand_id}/statuses",
                           (("exclude_reblogs", "true"),),
                           lambda s: str(s["id"]), lambda s: s if s.get("in_reply_to_id") else None)
        raise ValueError(f"unknown Mastodon stream {stream!r}")

    async def fetch_new(self, stream: str, state: SyncState) -> Page:
        if stream == "requests":
            return await self._requests(state)
        first = "min_id" not in state
        # the brand's own replies: the first pass only marks where "new" starts; the older ones
        # come with the backfill, which runs after the notifications' (their parents first)
        limit = 1 if first and stream == "replies" else PAGE
        src = self._source(stream)
        params = [("limit", str(limit))]
        if not first:
            params.append(("min_id", str(state["min_id"])))
        items = await self._get(stream, params)
        ids = [c for c in (src.cursor(i) for i in items) if c]
        top = max(ids, key=id_key) if ids else str(state.get("min_id", "0"))
        if first and stream == "replies":
            items = []
        elif first and ids:
            self._first_bottom[stream] = min(ids, key=id_key)
        messages, deleted = await self._messages((s for i in items if (s := src.status(i))),
                                                 context=stream != "replies")
        # first pass: only the newest page (the backfill covers the rest)
        done = first or len(items) < PAGE
        return Page(stream, messages, {"min_id": top}, done=done, deleted=deleted)

    async def backfill(self, stream: str, state: SyncState) -> Page:
        if stream == "requests":  # the first pass already takes each request's newest page
            return Page(stream, (), dict(state), done=True, backfill=True)
        src = self._source(stream)
        floor_s = state.get("floor") or (self._clock()
                                         - timedelta(days=self.backfill_days)).isoformat()
        floor = parse_time(floor_s)
        taken = int(state.get("taken", 0))
        want = min(PAGE, self.backfill_max - taken)
        if want <= 0:
            return Page(stream, (), dict(state), done=True, backfill=True,
                        progress=(taken, self.backfill_max))
        params = [("limit", str(want))]
        below = state.get("max_id") or self._first_bottom.get(stream)
        if below:  # (the first pass took the newest page: start below it)
            params.append(("max_id", str(below)))
        items = await self._get(stream, params)
        kept: list[dict[str, Any]] = []
        reached = False
        for item in items:
            status = src.status(item)
            at = parse_time((status or item).get("created_at"))
            if at is not None and floor is not None and at < floor:
                reached = True
                continue
            if status is not None:
                kept.append(status)
        ids = [c for c in (src.cursor(i) for i in items) if c]
        taken += len(items) if not reached else len(kept)
        done = reached or len(items) < want or taken >= self.backfill_max
        # Walking backwards, a reply comes before its parent: its thread is looked up only if
        # the parent has not come by the end of the walk (not one request per reply).
        pending: dict[str, str] = dict(state.get("pending") or {})
        messages, deleted = await self._messages(
            kept, context=stream != "replies", defer=pending, finish=done)
        nxt: SyncState = {"floor": floor_s, "taken": taken,
                          "max_id": min(ids, key=id_key) if ids else below}
        if pending and not done:
            nxt["pending"] = pending
        return Page(stream, messages, nxt, done=done, deleted=deleted, backfill=True,
                    progress=(taken, self.backfill_max))

    async def _get(self, stream: str, params: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """One page of a stream; a server that refuses the ``quote`` type is asked without it."""
        src = self._source(stream)
        try:
            return await self.http.get(src.path, list(src.params) + params) or []
        except RequestRefused as exc:
            if stream != "notifications" or exc.status not in (400, 422) \
                    or "quote" not in self._types:
                raise
            log.info("mastodon: the server refused the quote notification type; without it")
            self._types = tuple(t for t in self._types if t != "quote")
            src = self._source(stream)
            return await self.http.get(src.path, list(src.params) + params) or []

    async def _requests(self, state: SyncState) -> Page:
        """Filtered notifications: each request's notifications, forward from its own mark."""
        marks: dict[str, str] = dict(state.get("marks", {}))
        updated: dict[str, str] = dict(state.get("updated", {}))
        params = [("limit", str(PAGE))]
        if state.get("cursor"):
            params.append(("max_id", str(state["cursor"])))
        try:
            requests = await self.http.get("/api/v1/notifications/requests", params) or []
        except NotFound:  # before Mastodon 4.3: nothing is filtered, nothing to fetch
            return Page("requests", (), {"marks": marks, "updated": updated}, done=True)
        statuses: list[dict[str, Any]] = []
        for req in requests:
            who = str((req.get("account") or {}).get("id") or "")
            if not who or (who in marks and updated.get(who) == req.get("updated_at")):
                continue  # nothing new from that account since we last looked
            q = [("account_id", who), ("include_filtered", "true"), ("limit", str(PAGE))]
            q += [("types[]", t) for t in self._types]
            if who in marks:
                q.append(("min_id", marks[who]))
            notes = await self.http.get("/api/v1/notifications", q) or []
            if notes:
                marks[who] = max((str(n["id"]) for n in notes), key=id_key)
            if len(notes) < PAGE:  # all caught up with that account (else: more next pass)
                updated[who] = str(req.get("updated_at") or "")
            statuses += [n["status"] for n in notes if n.get("status")]
        messages, deleted = await self._messages(statuses)
        done = len(requests) < PAGE
        nxt: SyncState = {"marks": marks, "updated": updated}
        if not done:
            nxt["cursor"] = str(requests[-1]["id"])
        return Page("requests", messages, nxt, done=done, deleted=deleted)

    # --- statuses → messages, with their threads ------------------------------------------
    async def _context(self, sid: str, sem: asyncio.Semaphore) -> dict[str, Any] | None:
        async with sem:
            try:
                return await self.http.get(f"/api/v1/statuses/{sid}/context")
            except NotFound:
                return None

    async def _messages(
        self, statuses: Iterable[dict[str, Any]], *, context: bool = True,
        defer: dict[str, str] | None = None, finish: bool = False,
    ) -> tuple[tuple[Message, ...], tuple[str, ...]]:
        """The page's statuses as messages, with the thread context of replies whose parent is
        not known. ``defer`` (a backfill's pending replies → parents) postpones that: a parent
        met later in the walk needs no request; ``finish`` looks up those still pending (some
        saved with earlier pages) and empties ``defer``."""
        page: dict[str, dict[str, Any]] = {}
        for s in statuses:
            if s and not s.get("reblog"):
                page[str(s["id"])] = s
        need = [sid for sid, s in page.items()
                if context and s.get("in_reply_to_id") and str(s["in_reply_to_id"]) not in page
                and str(s["in_reply_to_id"]) not in self._roots]
        if defer is not None:
            for sid in need:
                defer[sid] = str(page[sid]["in_reply_to_id"])
            for sid, parent in list(defer.items()):
                if parent in page or parent in self._roots:
                    del defer[sid]  # the parent came: the store joins the thread
            # one request per missing parent: its siblings join the same thread
            need = list({p: sid for sid, p in defer.items()}.values()) if finish else []
            if finish:
                defer.clear()
        sem = asyncio.Semaphore(self._concurrency)
        contexts = await asyncio.gather(*(self._context(sid, sem) for sid in need))
        deleted: list[str] = []
        extra: dict[str, dict[str, Any]] = {}
        root_hint: dict[str, str] = {}
        for sid, ctx in zip(need, contexts, strict=True):
            if ctx is None:
                deleted.append(sid)
                continue
            ancestors = [a for a in ctx.get("ancestors") or () if a]
            root = str(ancestors[0]["id"]) if ancestors else sid
            root_hint[sid] = root
            for a in ancestors:
                extra.setdefault(str(a["id"]), a)
                root_hint[str(a["id"])] = root
            for d in ctx.get("descendants") or ():
                if str(d["account"]["id"]) == self.brand_id:
                    extra.setdefault(str(d["id"]), d)
                    root_hint[str(d["id"])] = root
        for sid in deleted:
            page.pop(sid, None)
        everything = {**extra, **page}
        out: list[Message] = []
        for sid in sorted(everything, key=id_key):  # parents before replies
            s = everything[sid]
            parent = str(s["in_reply_to_id"]) if s.get("in_reply_to_id") else None
            if sid in root_hint:
                root = root_hint[sid]
            elif parent is None:
                root = sid
            else:
                root = self._roots.get(parent) or root_hint.get(parent) or parent
            self._remember(sid, root)
            out.append(status_message(s, account_id=self.account_id, brand_id=self.brand_id,
                                      thread_root=root))
        return tuple(out), tuple(deleted)

    def _remember(self, sid: str, root: str) -> None:
        if len(self._roots) >= _ROOTS_KEPT:
            for key in list(self._roots)[: _ROOTS_KEPT // 2]:
                del self._roots[key]
        self._roots[sid] = root

    # --- replies --------------------------------------------------------------------------
    async def send(self, reply: Reply) -> SentRef:
        """Post ``reply`` in its thread: never more visible than the message it answers."""
        if not reply.in_reply_to:  # never a stray public post (or a DM to nobody)
            raise RequestRefused("mastodon", 400, "a reply needs the message it answers")
        original = await self.http.get(f"/api/v1/statuses/{reply.in_reply_to}")
        text, acct = reply.text, str(original["account"].get("acct") or "")
        if str(original["account"]["id"]) != self.brand_id and acct and not re.search(
                rf"(?<![\w@])@{re.escape(acct)}(?![\w@-]|\.\w)", text, re.IGNORECASE):
            text = f"@{acct} {text}"  # the customer is mentioned, or a DM reaches nobody
        seen = original.get("visibility") or "public"
        if reply.kind is not Kind.PRIVATE and seen in ("public", "unlisted"):
            visibility = seen
        else:
            visibility = "direct"  # a DM, followers-only, or a private answer: a DM
        data: dict[str, Any] = {"status": text, "visibility": visibility,
                                "in_reply_to_id": reply.in_reply_to}
        language = reply_language(reply.text, original.get("language"))
        if language:  # else the server tags it with the brand's default posting language
            data["language"] = language
        status = await self.http.post("/api/v1/statuses", data=data,
                                      headers={"Idempotency-Key": reply.idempotency_key})
        if not isinstance(status, dict) or "id" not in status:
            raise NetworkError("mastodon", "unexpected reply to a post")
        return SentRef(str(status["id"]), str(status.get("url") or status.get("uri") or ""),
                       parse_time(status.get("created_at")))

    async def find_sent(self, reply: Reply) -> SentRef | None:
        """A reply sent before a crash: the brand's status in the thread with the same text.
        (Mastodon forgets Idempotency-Keys after about an hour: never rely on the key alone.)"""
        if not reply.in_reply_to:
            return None
        try:
            ctx = await self.http.get(f"/api/v1/statuses/{reply.in_reply_to}/context")
        except NotFound:
            return None
        want = comparable(reply.text)
        for d in ctx.get("descendants") or ():
            if str(d["account"]["id"]) != self.brand_id:
                continue
            if str(d.get("in_reply_to_id")) != str(reply.in_reply_to):
                continue
            if comparable(html_to_text(str(d.get("content") or ""))) == want:
                return SentRef(str(d["id"]), str(d.get("url") or d.get("uri") or ""),
                               parse_time(d.get("created_at")))
        return None

    # --- account helpers ------------------------------------------------------------------
    async def verify_credentials(self) -> Account:
        """The signed-in account (raises AuthExpired when the token is refused)."""
        me = await self.http.get("/api/v1/accounts/verify_credentials")
        return Account(Network.MASTODON, self.http.base_url, str(me.get("acct") or ""),
                       str(me.get("display_name") or ""), str(me["id"]))

    async def recheck(self, ids: list[str]) -> Page | None:
        """The current state of these statuses (``GET /api/v1/statuses?id[]=``, Mastodon ≥ 4.3,
        40 at a time): edits come back as messages, statuses gone as deletions. A server
        without the endpoint is not asked again."""
        if not self._recheck_ok:
            return None
        found: list[dict[str, Any]] = []
        try:
            for i in range(0, len(ids), PAGE):
                chunk = ids[i:i + PAGE]
                found += await self.http.get("/api/v1/statuses",
                                             [("id[]", sid) for sid in chunk]) or []
        except RequestRefused:  # NotFound / 422: an older server
            log.info("mastodon: this server cannot fetch statuses by id; edits seen on refetch")
            self._recheck_ok = False
            return None
        seen = {str(s["id"]) for s in found if s}
        messages, _deleted = await self._messages(found, context=False)
        gone = tuple(sid for sid in ids if sid not in seen)
        return Page("recheck", messages, {}, done=True, deleted=gone)

    async def aclose(self) -> None:
        await self.http.aclose()
