"""Writing one sync page in a handful of statements, whatever its size.

One SELECT each for the page's people, known messages, parents and conversations; new people
flushed together; new conversations and messages each inserted as one multi-row INSERT …
RETURNING. Statement and parameter overhead, not SQLite, was the cost of a write.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..core.channel import Page
from ..core.model import Kind, Message, Person, Status
from . import threads
from .models import ConversationRow, MessageAccountRow, MessageRow, PersonRow
from .ranking import CLOCKED, Deadline, rerank

EXCERPT_CHARS = 280
# a Core statement on the table: the ORM-enabled insert on the class cost a bulk-persistence
# pass per page
_LINK = sqlite_insert(MessageAccountRow.__table__).on_conflict_do_nothing()
CHUNK = 500  # SQLite's bound-parameter limit is far above; this keeps statements small


def _chunks(items: list, n: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def root_key(m: Message) -> str:
    if m.kind is Kind.PRIVATE:
        return m.conversation_key or f"dm:{m.author.external_id}"
    return m.thread_root or m.in_reply_to or m.external_id


def message_values(m: Message) -> dict[str, object]:
    """The columns a network may change (edits, deletions) or triage fills."""
    return {
        "text": m.text,
        "html": m.html,
        "content_warning": m.content_warning,
        "media_descriptions": list(m.media_descriptions),
        "url": m.url,
        "edited_at": m.edited_at,
        "deleted": m.deleted,
        "in_reply_to": m.in_reply_to,
        "thread_root": m.thread_root,
        "language": m.language,
        "sentiment_label": m.sentiment.label.value if m.sentiment else None,
        "sentiment_score": m.sentiment.score if m.sentiment else None,
        "at_risk": m.at_risk,
        "at_risk_reasons": list(m.at_risk_reasons),
    }


class PageWriter:
    def __init__(self, s: Session, account_id: int, now: datetime, *, deadline: Deadline,
                 backlog_after: timedelta, first_sync: bool) -> None:
        self.s, self.account_id, self.now = s, account_id, now
        self.deadline, self.backlog_after, self.first_sync = deadline, backlog_after, first_sync
        self.touched: set[int] = set()
        self.replay: set[int] = set()  # conversations whose message was edited
        self.influence_changed: set[int] = set()  # people whose followers count changed

    def people(self, persons: Iterable[Person]) -> dict[tuple[str, str], Author]:
        """The page's people, inserted or updated (only what changed), as (id, followers)."""
        latest: dict[tuple[str, str], Person] = {}
        for p in persons:
            latest[(p.network.value, p.external_id)] = p
        t = PersonRow.__table__
        known: dict[tuple[str, str], tuple] = {}
        for chunk in _chunks(list(latest)):
            for r in self.s.execute(select(
                    t.c.network, t.c.external_id, t.c.id, t.c.handle, t.c.display_name,
                    t.c.followers_count).where(tuple_(t.c.network, t.c.external_id).in_(chunk))):
                known[(r[0], r[1])] = tuple(r[2:])
        out: dict[tuple[str, str], Author] = {}
        new: list[dict[str, object]] = []
        changes: list[dict[str, object]] = []
        for key, p in latest.items():
            row = known.get(key)
            if row is None:
                new.append({"network": key[0], "external_id": key[1], "handle": p.handle,
                            "display_name": p.display_name,
                            "followers_count": p.followers_count,
                            "first_seen": p.first_seen or self.now})
                continue
            pid, handle, name, followers = row
            now = (p.handle or handle, p.display_name or name, p.followers_count or followers)
            if now != (handle, name, followers):
                changes.append({"pid": pid, "h": now[0], "d": now[1], "f": now[2]})
            if now[2] != followers:
                self.influence_changed.add(pid)
            out[key] = Author(pid, now[2])
        if new:
            ids = self._insert_returning(t, new, (t.c.network, t.c.external_id))
            for v in new:
                key = (str(v["network"]), str(v["external_id"]))
                out[key] = Author(ids[key], int(v["followers_count"] or 0))  # type: ignore[call-overload]
        if changes:
            self.s.execute(update(t).where(t.c.id == bindparam("pid")).values(
                handle=bindparam("h"), display_name=bindparam("d"),
                followers_count=bindparam("f")), changes)
        return out

    def write(self, page: Page) -> tuple[int, int]:
        msgs = sorted(page.messages, key=lambda m: m.created_at)
        people = self.people([*page.people, *(m.author for m in msgs)])
        known: dict[tuple[str, str], MessageRow] = {}
        for chunk in _chunks([(m.network.value, m.external_id) for m in msgs]):
            for r in self.s.scalars(select(MessageRow).where(
                    tuple_(MessageRow.network, MessageRow.external_id).in_(chunk))):
                known[(r.network, r.external_id)] = r
        new_msgs: list[Message] = []
        for m in msgs:
            row = known.get((m.network.value, m.external_id))
            if row is None:
                new_msgs.append(m)
                continue
            if (m.edited_at and m.edited_at != row.edited_at) or m.deleted != row.deleted:
                for key, value in message_values(m).items():
                    setattr(row, key, value)
                if not m.from_brand:
                    self.replay.add(row.conversation_id)  # its excerpt, sentiment, reasons
            self._link(row.id, m.account_ids)
            self.touched.add(row.conversation_id)
        if new_msgs:
            self._insert(new_msgs, people)
        if self.replay:
            self.s.flush()
            for conv in self.s.scalars(select(ConversationRow).where(
                    ConversationRow.id.in_(sorted(self.replay)))):
                threads.replay(self.s, conv, now=self.now, backlog_after=self.backlog_after,
                               advance=advance)
                customer = self.s.get(PersonRow, conv.customer_id)
                rerank(conv, customer.followers_count if customer else 0, self.deadline)
        if self.influence_changed:
            self._rerank_people(people)
        return len(new_msgs), len(msgs) - len(new_msgs)

    def _rerank_people(self, people: dict[tuple[str, str], Author]) -> None:
        """Influence is part of the rank: the waiting conversations of people whose followers
        count changed (e.g. learnt after their messages, late in a backfill) are re-ranked."""
        followers = {p.id: p.followers_count for p in people.values()}
        for chunk in _chunks(sorted(self.influence_changed)):
            for conv in self.s.scalars(select(ConversationRow).where(
                    ConversationRow.customer_id.in_(chunk),
                    ConversationRow.status.in_(CLOCKED))):
                rerank(conv, followers.get(conv.customer_id, 0), self.deadline)
                self.touched.add(conv.id)

    def _conversations(self, msgs: list[Message]) -> tuple[dict, dict]:
        parents = {m.in_reply_to for m in msgs if m.in_reply_to}
        by_parent: dict[str, int] = {}
        for chunk in _chunks(sorted(parents)):
            for ext, cid in self.s.execute(select(MessageRow.external_id,
                                                  MessageRow.conversation_id)
                                           .where(MessageRow.external_id.in_(chunk))):
                by_parent[ext] = cid
        roots = sorted({root_key(m) for m in msgs})
        convs: dict[tuple[int, str, str], ConversationRow] = {}
        ids = set(by_parent.values())
        for chunk in _chunks(roots):
            for c in self.s.scalars(select(ConversationRow).where(
                    ConversationRow.root_external_id.in_(chunk))):
                convs[(c.account_id, c.kind, c.root_external_id)] = c
        by_id = {c.id: c for c in convs.values()}
        for chunk in _chunks(sorted(ids - set(by_id))):
            for c in self.s.scalars(select(ConversationRow).where(ConversationRow.id.in_(chunk))):
                by_id[c.id] = c
        return {ext: by_id[cid] for ext, cid in by_parent.items() if cid in by_id}, convs

    def _insert(self, msgs: list[Message], people: dict[tuple[str, str], Author]) -> None:
        by_parent, convs = self._conversations(msgs)
        plan: list[tuple[Message, ConversationRow, Author]] = []
        for m in msgs:
            author = people[(m.network.value, m.author.external_id)]
            account = (m.account_ids or (self.account_id,))[0]
            conv = by_parent.get(m.in_reply_to) if m.in_reply_to else None
            if conv is not None and conv.kind != m.kind.value:
                conv = None  # a public reply to a DM (or the reverse) is another conversation
            key = (account, m.kind.value, root_key(m))
            conv = conv or convs.get(key)
            if conv is None:
                conv = NewConversation(
                    account_id=account, network=m.network.value, kind=m.kind.value,
                    root_external_id=key[2], customer_id=author.id,
                    status=Status.ANSWERED.value if m.from_brand else Status.WAITING.value,
                    last_message_at=m.created_at)
                if (self.first_sync and not m.from_brand
                        and m.created_at < self.now - self.backlog_after):
                    conv.status = Status.BACKLOG.value
                convs[key] = conv
            by_parent[m.external_id] = conv  # a reply later in this page joins it
            plan.append((m, conv, author))
        customers = {p.id: p for p in people.values()}
        fresh = self._create(plan, customers)
        rows = [{"network": m.network.value, "external_id": m.external_id,
                 "conversation_id": conv.id, "author_id": author.id, "kind": m.kind.value,
                 "created_at": m.created_at, "from_brand": m.from_brand, **message_values(m)}
                for m, conv, author in plan]
        table = MessageRow.__table__  # a Core insert: the ORM's bulk path costs more
        by_key = self._insert_returning(table, rows, (table.c.network, table.c.external_id))
        ids = [by_key[(m.network.value, m.external_id)] for m, _c, _a in plan]
        links = [{"message_id": i, "account_id": a}
                 for i, (m, _c, _p) in zip(ids, plan, strict=True)
                 for a in (m.account_ids or (self.account_id,))]
        for chunk in _chunks(links):
            self.s.connection().execute(_LINK, chunk)
        starts = [{"cid": c.id, "mid": ids[-1 - c.clock_start_message_id]}
                  for c in fresh if c.clock_start_message_id is not None]
        if starts:  # the placeholders become the ids the messages just got
            table = ConversationRow.__table__
            self.s.execute(update(table).where(table.c.id == bindparam("cid"))
                           .values(clock_start_message_id=bindparam("mid")), starts)
        for row_id, (m, conv, author) in zip(ids, plan, strict=True):
            if not isinstance(conv, NewConversation):
                advance(conv, row_id, author, m, self.now, self.backlog_after)
            self.touched.add(conv.id)
        targets = {id(c): c for _m, c, _a in plan if not isinstance(c, NewConversation)}
        # a reply met before its parent started a conversation of its own: join the thread
        for orphan, target in threads.orphans(self.s, ((m.external_id, c) for m, c, _a in plan)):
            if isinstance(target, NewConversation):  # inserted above: now as an ORM row
                target = self.s.get(ConversationRow, target.id)
            self.touched.discard(orphan.id)
            threads.merge(self.s, orphan, target, now=self.now,
                          backlog_after=self.backlog_after, advance=advance)
            targets[id(target)] = target
        followers = {pid: a.followers_count for pid, a in customers.items()}
        others = sorted({c.customer_id for c in targets.values()} - followers.keys())
        if others:  # a thread's customer not on this page (someone else wrote in it)
            t = PersonRow.__table__
            for chunk in _chunks(others):
                followers.update(self.s.execute(select(t.c.id, t.c.followers_count)
                                                .where(t.c.id.in_(chunk))).all())
        for conv in targets.values():
            rerank(conv, followers.get(conv.customer_id, 0), self.deadline)

    def _create(self, plan: list[tuple[Message, ConversationRow | NewConversation, Author]],
                customers: dict[int, Author]) -> list[NewConversation]:
        """Insert the page's new conversations in one statement, their state already computed
        (advance + rank), so none is inserted and then updated. The message that starts a
        clock is a placeholder (-1 - its place in the page) until the messages have ids."""
        fresh = list({id(c): c for _m, c, _a in plan if isinstance(c, NewConversation)}.values())
        if not fresh:
            return []
        for k, (m, conv, author) in enumerate(plan):
            if isinstance(conv, NewConversation):
                advance(conv, -1 - k, author, m, self.now, self.backlog_after)  # type: ignore[arg-type]
        for conv in fresh:
            customer = customers.get(conv.customer_id)
            rerank(conv, customer.followers_count if customer else 0, self.deadline)  # type: ignore[arg-type]
        table = ConversationRow.__table__
        rows = [conv.values() for conv in fresh]
        by_key = self._insert_returning(
            table, rows, (table.c.account_id, table.c.kind, table.c.root_external_id))
        for conv in fresh:
            conv.id = by_key[(conv.account_id, conv.kind, conv.root_external_id)]
        return fresh

    def _insert_returning(self, table, rows: list[dict], key: tuple) -> dict[tuple, int]:  # noqa: ANN001
        """Insert ``rows``; their new ids by their unique ``key`` columns.

        One multi-row INSERT … RETURNING a chunk, its values converted by the columns' own
        SQLAlchemy types (dates, JSON): SQLAlchemy's per-row parameter handling was most of a
        page's write. RETURNING rows come in no promised order on SQLite, so the unique key
        maps them back."""
        if not rows:
            return {}
        conn = self.s.connection()
        dialect = conn.dialect
        names = list(rows[0])
        procs = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
        cols = ", ".join(f'"{n}"' for n in names)
        ret = ", ".join(f'"{c.name}"' for c in (table.c.id, *key))
        one = "(" + ", ".join("?" * len(names)) + ")"
        out: dict[tuple, int] = {}
        for chunk in _chunks(rows, max(1, 30_000 // len(names))):  # under SQLite's 32,766
            params: list[object] = []
            for row in chunk:
                for n, proc in zip(names, procs, strict=True):
                    v = row[n]
                    params.append(proc(v) if proc is not None and v is not None else v)
            sql = (f'INSERT INTO "{table.name}" ({cols}) VALUES '
                   f"{', '.join([one] * len(chunk))} RETURNING {ret}")
            for row in conn.exec_driver_sql(sql, tuple(params)):
                out[tuple(row[1:])] = row[0]
        return out

    def _link(self, message_id: int, accounts: tuple[int, ...]) -> None:
        self.s.connection().execute(_LINK, [{"message_id": message_id, "account_id": a}
                                            for a in (accounts or (self.account_id,))])


@dataclass(frozen=True, slots=True)
class Author:
    """A person of the page as the writer needs it: the row id and the followers count."""

    id: int
    followers_count: int


@dataclass(slots=True)
class NewConversation:
    """A conversation a page creates, as plain state (``advance`` and ``rerank`` read and set
    the same attributes as on a ConversationRow), inserted in one Core statement."""

    account_id: int
    network: str
    kind: str
    root_external_id: str
    customer_id: int
    status: str
    last_message_at: datetime
    id: int | None = None
    clock_start_message_id: int | None = None
    clock_start: datetime | None = None
    due_at: datetime | None = None
    answered_at: datetime | None = None
    snoozed_until: datetime | None = None
    message_count: int = 0
    excerpt: str = ""
    sentiment_label: str | None = None
    sentiment_score: float | None = None
    at_risk_reasons: list[str] = field(default_factory=list)
    rank_key: float = 0.0

    def values(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__ if f != "id"}


def advance(conv: ConversationRow, row_id: int, author: Author | PersonRow, m: Message,
            now: datetime, backlog_after: timedelta) -> None:
    """Move a conversation's state forward for one new message."""
    conv.message_count = (conv.message_count or 0) + 1
    latest = conv.message_count == 1 or m.created_at >= conv.last_message_at
    conv.last_message_at = max(conv.last_message_at, m.created_at)
    status = Status(conv.status)
    if m.from_brand:
        if conv.clock_start is not None and m.created_at >= conv.clock_start:
            conv.status = Status.ANSWERED.value
            conv.answered_at = m.created_at
            conv.clock_start = conv.due_at = None
            conv.clock_start_message_id = None
        return
    # a complaint repeated while the first still waits: the customer is at risk ("repeat")
    repeat = (status is Status.WAITING and conv.clock_start is not None
              and m.created_at > conv.clock_start and conv.customer_id == author.id
              and (conv.sentiment_label == "negative" or bool(conv.at_risk_reasons)
                   or (m.sentiment is not None and m.sentiment.label.value == "negative")))
    if conv.answered_at is not None and m.created_at <= conv.answered_at:
        pass  # an old message, answered already (arrived late through backfill)
    elif status is Status.WAITING and conv.clock_start and m.created_at < conv.clock_start:
        conv.clock_start = m.created_at  # an earlier unanswered message, met late: it counts
        conv.clock_start_message_id = row_id
    elif status in (Status.ANSWERED, Status.DONE, Status.SNOOZED) or conv.clock_start is None:
        if status is not Status.BACKLOG or m.created_at >= now - backlog_after:
            conv.status = Status.WAITING.value
            conv.snoozed_until = None
        if conv.clock_start is None or status is not Status.WAITING:
            conv.clock_start = m.created_at
            conv.clock_start_message_id = row_id
    if (latest and conv.customer_id == author.id) or not conv.excerpt:
        conv.excerpt = m.text[:EXCERPT_CHARS]
        conv.sentiment_label = m.sentiment.label.value if m.sentiment else None
        conv.sentiment_score = m.sentiment.score if m.sentiment else None
    if conv.customer_id == author.id:
        # reasons add up over an unanswered stretch; an answer (or a close) starts a new one
        ongoing = status in (Status.WAITING, Status.BACKLOG) and conv.clock_start is not None
        reasons = set(conv.at_risk_reasons or ()) if ongoing else set()
        conv.at_risk_reasons = sorted(reasons | set(m.at_risk_reasons)
                                      | ({"repeat"} if repeat else set()))
