"""Bluesky DMs: ``chat.bsky.convo.*`` through the user's PDS, which forwards each call (with a
service-auth token it signs) to the chat service named by the ``atproto-proxy`` header
(``did:web:api.bsky.chat#bsky_chat`` in production, configurable).

- Backfill: ``listConvos`` (most recently active first), then ``getMessages`` of each, back to
  the floor (a date and a count), in its own state ``{"floor", "taken", "cursor"}``.
- New: ``getLog`` from its cursor (``{"cursor": rev}``); the first pass only takes the cursor
  (the newest conversation's ``rev``) — what came before is the backfill's.
- A message is keyed on its id, grouped by its conversation id (``Message.conversation_key``);
  the brand's own messages come back with ``from_brand`` so a DM answered from the phone counts.
- An app password without DM access: the PDS says ``Bad token method`` → :class:`DmAccessMissing`,
  reported once through ``on_problem``; the stream is then skipped, the account keeps syncing.
- Sending: ``getConvoForMembers`` then ``sendMessage``. A customer who only accepts DMs from
  accounts they follow (or none) → :class:`DmNotAccepted`, so the UI can offer a public reply
  inviting them to write first. Before any resend, ``find_sent`` reads the conversation.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..channel import Page, SyncState
from ..errors import DmAccessMissing, DmNotAccepted, NotFound, RequestRefused
from ..model import Message, Network, Person, Reply, SentRef
from .bluesky_parse import AtUri, chat_message, comparable, parse_time
from .http import error_message, error_name

if TYPE_CHECKING:
    from .bluesky import BlueskyChannel

log = logging.getLogger(__name__)

_REFUSED = ("NotFollowedBySender", "MessagesDisabled", "BlockedActor", "BlockedSubject")
_CONVOS_SCANNED = 50


class BlueskyChat:
    def __init__(self, channel: BlueskyChannel, proxy: str) -> None:
        self.ch = channel
        self.proxy = proxy
        self.problem: DmAccessMissing | None = None
        self._convo_of: dict[str, str] = {}  # message id → conversation id

    async def call(self, method: str, nsid: str, *, params: Any = None, body: Any = None) -> Any:
        try:
            return await self.ch.xrpc(method, nsid, params=params, body=body,
                                      headers={"atproto-proxy": self.proxy})
        except RequestRefused as exc:
            if "bad token method" in error_message(exc).lower():
                raise DmAccessMissing(self.ch.handle) from None
            if error_name(exc) in _REFUSED:
                raise DmNotAccepted(error_name(exc), error_message(exc)) from None
            raise

    def _skip(self, exc: DmAccessMissing, state: SyncState, *, backfill: bool) -> Page:
        if self.problem is None:
            log.warning("bluesky: the app password has no DM access; DMs are not synced")
            self.problem = exc
            self.ch.on_problem(exc)
        return Page("chat", (), dict(state), done=True, backfill=backfill)

    # --- sync -----------------------------------------------------------------------------
    async def fetch_new(self, state: SyncState) -> Page:
        try:
            return await self._fetch_new(state)
        except DmAccessMissing as exc:
            return self._skip(exc, state, backfill=False)

    async def _fetch_new(self, state: SyncState) -> Page:
        if "cursor" not in state:
            data = await self.call("GET", "chat.bsky.convo.listConvos", params={"limit": "1"})
            convos = list(data.get("convos") or ())
            return Page("chat", (), {"cursor": str(convos[0]["rev"]) if convos else ""}, done=True)
        before = str(state.get("cursor") or "")
        data = await self.call("GET", "chat.bsky.convo.getLog",
                               params={"cursor": before} if before else None)
        logs = list(data.get("logs") or ())
        cursor = str(data.get("cursor") or before)
        views: list[tuple[str, dict[str, Any]]] = []
        deleted: list[str] = []
        for entry in logs:
            kind = str(entry.get("$type") or "")
            msg = entry.get("message") or {}
            if kind.endswith("#logCreateMessage") and msg.get("id"):
                if str(msg.get("$type") or "").endswith("#deletedMessageView"):
                    deleted.append(str(msg["id"]))
                else:
                    views.append((str(entry["convoId"]), msg))
            elif kind.endswith("#logDeleteMessage") and msg.get("id"):
                deleted.append(str(msg["id"]))
        messages, people = await self._messages(views)
        done = not logs or cursor == before
        return Page("chat", messages, {"cursor": cursor}, done=done, deleted=tuple(deleted),
                    people=people)

    async def backfill(self, state: SyncState) -> Page:
        try:
            return await self._backfill(state)
        except DmAccessMissing as exc:
            return self._skip(exc, state, backfill=True)

    async def _backfill(self, state: SyncState) -> Page:
        ch = self.ch
        floor_s = state.get("floor") or (ch._clock() - timedelta(days=ch.backfill_days)).isoformat()
        floor = parse_time(floor_s) or ch._clock()
        taken = int(state.get("taken", 0))
        params: dict[str, str] = {"limit": "20"}
        if state.get("cursor"):
            params["cursor"] = str(state["cursor"])
        data = await self.call("GET", "chat.bsky.convo.listConvos", params=params)
        convos = list(data.get("convos") or ())
        views: list[tuple[str, dict[str, Any]]] = []
        reached = False
        for convo in convos:
            last = parse_time((convo.get("lastMessage") or {}).get("sentAt"))
            if last is not None and last < floor:
                reached = True  # the rest were last active even earlier
                break
            views += await self._recent(str(convo["id"]), floor, ch.backfill_max - taken - len(views))
            if taken + len(views) >= ch.backfill_max:
                break
        messages, people = await self._messages(views)
        taken += len(views)
        cursor = data.get("cursor")
        done = reached or not cursor or not convos or taken >= ch.backfill_max
        nxt = {"floor": floor_s, "taken": taken, "cursor": cursor or state.get("cursor")}
        return replace(Page("chat", messages, nxt, done=done, people=people),
                       backfill=True, progress=(taken, ch.backfill_max))

    async def _recent(self, convo_id: str, floor: Any, budget: int) -> list[tuple[str, dict[str, Any]]]:
        """A conversation's messages back to ``floor`` (newest first), at most ``budget``."""
        out: list[tuple[str, dict[str, Any]]] = []
        cursor = None
        while budget - len(out) > 0:
            params = {"convoId": convo_id, "limit": str(min(100, budget - len(out)))}
            if cursor:
                params["cursor"] = cursor
            data = await self.call("GET", "chat.bsky.convo.getMessages", params=params)
            msgs = list(data.get("messages") or ())
            for m in msgs:
                when = parse_time(m.get("sentAt"))
                if when is not None and when < floor:
                    return out
                if str(m.get("$type") or "").endswith("#messageView") or "text" in m:
                    out.append((convo_id, m))
            cursor = data.get("cursor")
            if not cursor or not msgs:
                break
        return out

    async def _messages(self, views: list[tuple[str, dict[str, Any]]]
                        ) -> tuple[tuple[Message, ...], tuple[Person, ...]]:
        senders = {str((m.get("sender") or {}).get("did") or "") for _, m in views}
        people = await self.ch.profiles(senders)
        out = []
        for convo_id, m in views:
            did = str((m.get("sender") or {}).get("did") or "")
            who = people.get(did) or Person(Network.BLUESKY, did, "")
            self._convo_of[str(m["id"])] = convo_id
            out.append(chat_message(m, convo_id, who, account_id=self.ch.account_id,
                                    brand_did=self.ch.did))
        out.sort(key=lambda x: x.created_at)
        return tuple(out), tuple(people.values())

    # --- sending --------------------------------------------------------------------------
    async def _convo_with(self, did: str) -> str:
        data = await self.call("GET", "chat.bsky.convo.getConvoForMembers",
                               params=[("members", did)])
        return str(data["convo"]["id"])

    async def convo_for(self, reply: Reply) -> str:
        """The conversation a private reply goes to: with the author of the post answered, or
        the one holding the message answered."""
        target = reply.in_reply_to or ""
        if target.startswith("at://"):
            return await self._convo_with(AtUri.parse(target).repo)
        if target in self._convo_of:
            return self._convo_of[target]
        # not seen since start: look through the most recent conversations
        cursor, scanned = None, 0
        while scanned < _CONVOS_SCANNED:
            params = {"limit": "25", **({"cursor": cursor} if cursor else {})}
            data = await self.call("GET", "chat.bsky.convo.listConvos", params=params)
            for convo in data.get("convos") or ():
                scanned += 1
                if (convo.get("lastMessage") or {}).get("id") == target:
                    return str(convo["id"])
                msgs = await self.call("GET", "chat.bsky.convo.getMessages",
                                       params={"convoId": str(convo["id"]), "limit": "100"})
                if any(m.get("id") == target for m in msgs.get("messages") or ()):
                    return str(convo["id"])
            cursor = data.get("cursor")
            if not cursor:
                break
        raise NotFound("bluesky", 404, "the conversation of the message answered was not found")

    async def send(self, reply: Reply) -> SentRef:
        convo_id = await self.convo_for(reply)
        msg = await self.call("POST", "chat.bsky.convo.sendMessage",
                              body={"convoId": convo_id, "message": {"text": reply.text}})
        self._convo_of[str(msg["id"])] = convo_id
        return SentRef(str(msg["id"]), "", parse_time(msg.get("sentAt")))

    async def find_sent(self, reply: Reply) -> SentRef | None:
        """The brand's message with the same text in that conversation, sent after the reply
        was written (a minute of clock skew allowed)."""
        try:
            convo_id = await self.convo_for(reply)
        except (DmNotAccepted, NotFound):
            return None
        since = reply.created_at - timedelta(minutes=1) if reply.created_at else None
        want = comparable(reply.text)
        data = await self.call("GET", "chat.bsky.convo.getMessages",
                               params={"convoId": convo_id, "limit": "100"})
        for m in data.get("messages") or ():
            when = parse_time(m.get("sentAt"))
            if (m.get("sender") or {}).get("did") != self.ch.did:
                continue
            if since is not None and when is not None and when < since:
                continue
            if comparable(str(m.get("text") or "")) == want:
                return SentRef(str(m["id"]), "", when)
        return None
