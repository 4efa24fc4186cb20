"""SqlStore: pages, conversations' state, the queue's order, the outbox and search."""

from __future__ import annotations

from datetime import timedelta

from helpers import BRAND, NEG, T0, msg, person

from relais.core.channel import Page
from relais.core.model import Kind, QueueFilter, ReplyState, SentRef, Status
from relais.storage import conversations as convs
from relais.storage import replies
from relais.storage.store import SqlStore

M = timedelta(minutes=1)


def page(*messages, state=None, backfill=False, deleted=()):  # noqa: ANN001, ANN002
    return Page("notifications", tuple(messages), state or {"min_id": "x"}, True,
                deleted=tuple(deleted), backfill=backfill)


def waiting(db, now=T0 + 5 * M, **kw):  # noqa: ANN001, ANN003
    return convs.queue_page(db.sessions, QueueFilter(**kw), now)


def test_page_and_state_saved_together_without_duplicates(db, store, brand) -> None:
    alice = person("1", "alice")
    p = page(msg("10", alice, T0, "où est ma commande ?"), state={"min_id": "10"})
    r1 = store.save_page(brand.id, p, T0)
    r2 = store.save_page(brand.id, p, T0)  # the same page again (a retry after a crash)
    assert (r1.new_messages, r2.new_messages, r2.updated_messages) == (1, 0, 1)
    assert store.load_state(brand.id, "notifications") == {"min_id": "10"}
    assert store.load_state(brand.id, "notifications", backfill=True) is None
    [item] = waiting(db)
    assert item.customer.handle == "alice" and item.excerpt == "où est ma commande ?"
    assert item.status is Status.WAITING and item.clock_start == T0
    assert item.due_at == T0 + timedelta(hours=1)


def test_thread_reply_joins_conversation_and_brand_reply_answers(db, store, brand) -> None:
    alice = person("1", "alice")
    store.save_page(brand.id, page(msg("10", alice, T0, "colis pas reçu")), T0)
    store.save_page(brand.id, page(msg("11", alice, T0 + M, "toujours rien", reply_to="10",
                                       root="10")), T0)
    [item] = waiting(db)
    assert item.message_count == 2 and item.clock_start == T0  # the first unanswered starts it
    store.save_page(brand.id, page(msg("12", BRAND, T0 + 3 * M, "Nous regardons", reply_to="11",
                                       root="10", brand=True)), T0)
    assert waiting(db) == []
    [done] = convs.queue_page(db.sessions, QueueFilter(statuses=(Status.ANSWERED,)), T0)
    assert done.answered_at == T0 + 3 * M and done.due_at is None
    # a new customer message reopens it, with a new clock
    store.save_page(brand.id, page(msg("13", alice, T0 + 9 * M, "merci mais...", reply_to="12",
                                       root="10")), T0)
    [again] = waiting(db)
    assert again.clock_start == T0 + 9 * M and again.conversation_id == done.conversation_id


def test_done_conversation_reopens_on_new_customer_message(db, store, brand) -> None:
    bob = person("2", "bob")
    store.save_page(brand.id, page(msg("20", bob, T0)), T0)
    [item] = waiting(db)
    change = convs.set_status(db.sessions, item.conversation_id, Status.DONE)
    assert waiting(db) == []
    convs.undo(db.sessions, change)
    assert [i.conversation_id for i in waiting(db)] == [item.conversation_id]
    convs.set_status(db.sessions, item.conversation_id, Status.DONE)
    store.save_page(brand.id, page(msg("21", bob, T0 + 2 * M, "allo ?", reply_to="20")), T0)
    assert [i.status for i in waiting(db)] == [Status.WAITING]


def test_snooze_hides_until_its_time(db, store, brand) -> None:
    store.save_page(brand.id, page(msg("30", person("3"), T0)), T0)
    [item] = waiting(db)
    convs.set_status(db.sessions, item.conversation_id, Status.SNOOZED,
                     snoozed_until=T0 + 30 * M)
    assert waiting(db, now=T0 + 29 * M) == []
    assert len(waiting(db, now=T0 + 31 * M)) == 1


def test_old_conversations_of_a_first_sync_go_to_backlog(db, store, brand) -> None:
    now = T0 + timedelta(days=3)
    store.save_page(brand.id, page(msg("40", person("4"), T0, "vieux"),
                                   msg("41", person("5"), now - 10 * M, "récent"),
                                   backfill=True), now)
    assert [i.excerpt for i in waiting(db, now=now)] == ["récent"]
    [old] = convs.queue_page(db.sessions, QueueFilter(statuses=(Status.BACKLOG,)), now)
    assert old.excerpt == "vieux"


def test_private_messages_group_by_customer(db, store, brand) -> None:
    carol = person("6", "carol")
    store.save_page(brand.id, page(
        msg("50", carol, T0, "mon numéro client est 123", kind=Kind.PRIVATE),
        msg("51", carol, T0 + M, "vous êtes là ?", kind=Kind.PRIVATE)), T0)
    [item] = waiting(db)
    assert item.kind is Kind.PRIVATE and item.message_count == 2
    assert item.due_at == T0 + timedelta(minutes=30)


def test_queue_order_urgency_first_and_keyset_paging(db, store, brand) -> None:
    msgs = [msg(str(100 + i), person(str(100 + i)), T0 + i * M, f"m{i}") for i in range(30)]
    # a later but negative, at-risk message from an influential customer ranks first
    vip = person("999", "vip", followers=250_000)
    msgs.append(msg("999", vip, T0 + 40 * M, "je vais résilier", sentiment=NEG, risk=("cancel",)))
    store.save_page(brand.id, page(*msgs), T0)
    first = waiting(db)
    assert first[0].customer.handle == "vip" and first[0].at_risk_reasons == ("cancel",)
    assert [i.excerpt for i in first[1:4]] == ["m0", "m1", "m2"]
    p1 = convs.queue_page(db.sessions, QueueFilter(), T0, limit=10)
    p2 = convs.queue_page(db.sessions, QueueFilter(), T0, limit=10,
                          after=(p1[-1].rank_key, p1[-1].conversation_id))
    assert [i.conversation_id for i in p1 + p2] == [i.conversation_id for i in first[:20]]
    assert [i.customer.handle for i in waiting(db, at_risk_only=True)] == ["vip"]
    assert convs.queue_count(db.sessions, QueueFilter(), T0) == 31


def test_edit_and_delete_reflected(db, store, brand) -> None:
    from dataclasses import replace

    m = msg("60", person("7"), T0, "texte initial")
    store.save_page(brand.id, page(m), T0)
    store.save_page(brand.id, page(replace(m, text="texte corrigé", edited_at=T0 + M)), T0)
    store.save_page(brand.id, page(deleted=["60"]), T0)
    [item] = waiting(db)
    [shown] = convs.thread(db.sessions, item.conversation_id).messages
    assert shown.text == "texte corrigé" and shown.edited_at == T0 + M and shown.deleted


def test_thread_and_customer_history(db, store, brand) -> None:
    dan = person("8", "dan")
    store.save_page(brand.id, page(msg("70", dan, T0, "première plainte"),
                                   msg("80", dan, T0 + M, "autre sujet")), T0)
    items = {i.excerpt: i for i in waiting(db)}
    view = convs.thread(db.sessions, items["autre sujet"].conversation_id)
    assert [m.text for m in view.messages] == ["autre sujet"]
    assert [m.text for m in view.customer_history] == ["première plainte"]


def test_search_ignores_accents(db, store, brand) -> None:
    store.save_page(brand.id, page(msg("90", person("9"), T0, "Je veux être remboursé !"),
                                   msg("91", person("9"), T0, "Super service")), T0)
    assert [m.text for m in convs.search(db.sessions, "rembourse")] == ["Je veux être remboursé !"]
    assert [m.text for m in convs.search(db.sessions, "ÊTRE")] == ["Je veux être remboursé !"]
    assert convs.search(db.sessions, '"') == []


def test_outbox_claim_is_atomic_and_marks_answered(db, store, brand) -> None:
    store.save_page(brand.id, page(msg("95", person("10"), T0, "aide svp")), T0)
    [item] = waiting(db)
    replies.save_draft(db.sessions, item.conversation_id, "Bonjour,", Kind.PUBLIC, T0)
    assert replies.draft(db.sessions, item.conversation_id).text == "Bonjour,"
    r = replies.enqueue(db.sessions, item.conversation_id, "Bonjour, nous regardons.",
                        Kind.PUBLIC, T0, in_reply_to="95")
    assert replies.draft(db.sessions, item.conversation_id) is None
    other = SqlStore(db.sessions)  # e.g. a CLI sync beside the GUI
    claimed = store.claim_reply("gui", T0)
    assert claimed.id == r.id and claimed.state is ReplyState.SENDING and claimed.attempts == 1
    assert other.claim_reply("cli", T0 + M) is None  # never claimed twice
    # a sender that died mid-send: its claim goes stale and is taken again (then reconciled)
    again = other.claim_reply("cli", T0 + 10 * M)
    assert again.id == r.id and again.attempts == 2 and again.claimed_by == "cli"
    store.mark_sent(r.id, SentRef("remote-1"), T0 + 11 * M)
    assert waiting(db) == []
    [sent] = replies.replies_for(db.sessions, item.conversation_id)
    assert sent.state is ReplyState.SENT and sent.remote_id == "remote-1"


def test_failed_reply_keeps_error_and_can_be_retried(db, store, brand) -> None:
    store.save_page(brand.id, page(msg("96", person("11"), T0)), T0)
    [item] = waiting(db)
    r = replies.enqueue(db.sessions, item.conversation_id, "ok", Kind.PRIVATE, T0)
    store.claim_reply("gui", T0)
    store.mark_failed(r.id, "HTTP 422: too long", T0, retry=False)
    [failed] = replies.replies_for(db.sessions, item.conversation_id)
    assert failed.state is ReplyState.FAILED and "too long" in failed.last_error
    assert store.claim_reply("gui", T0) is None
    replies.retry(db.sessions, r.id, T0)
    assert store.claim_reply("gui", T0).idempotency_key == r.idempotency_key


def test_notes_and_tags_on_a_customer(db, store, brand) -> None:
    from relais.storage import people

    store.save_page(brand.id, page(msg("97", person("12", "eve"), T0)), T0)
    [item] = waiting(db)
    pid = item.customer.id
    people.add_note(db.sessions, pid, "Client fidèle depuis 2019", T0)
    people.add_note(db.sessions, pid, "A déjà eu un remboursement", T0 + M)
    people.set_tags(db.sessions, pid, {"VIP", " lyon ", ""})
    assert [n.text for n in people.notes_for(db.sessions, pid)] == [
        "Client fidèle depuis 2019", "A déjà eu un remboursement"]
    assert people.tags_for(db.sessions, pid) == ["lyon", "vip"]
    people.set_tags(db.sessions, pid, {"vip"})
    assert people.tags_for(db.sessions, pid) == ["vip"]


def test_a_reply_claimed_by_a_dead_process_is_taken_over_at_once(db, store, brand) -> None:
    import subprocess
    import sys

    store.save_page(brand.id, page(msg("98", person("13"), T0)), T0)
    [item] = waiting(db)
    replies.enqueue(db.sessions, item.conversation_id, "ok", Kind.PUBLIC, T0)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert store.claim_reply(f"cli-{dead}", T0) is not None  # then that process died
    again = store.claim_reply("gui-1", T0 + M)  # a minute later, not five
    assert again is not None and again.attempts == 2
    assert store.claim_reply(f"cli-{dead}", T0 + M) is None  # the live claim holds


def test_a_thread_saved_newest_first_is_merged_with_its_draft_and_state(db, store, brand) -> None:
    """A backward walk saves a reply before its parent; the parent is itself a reply: the
    conversation started by the reply joins the thread's, draft and SLA clock included."""
    alice = person("1", "alice")
    # "12" answers "11", unknown yet: a conversation rooted at "11"
    store.save_page(brand.id, page(msg("12", alice, T0 + 2 * M, "allo ??", reply_to="11",
                                       root="11", risk=("cancel",)), backfill=True), T0)
    [early] = waiting(db)
    replies.save_draft(db.sessions, early.conversation_id, "Bonjour Alice,", Kind.PUBLIC, T0,
                       in_reply_to="12")
    # "11" answers "10", unknown too: it goes to a conversation rooted at "10" and takes "12"'s
    store.save_page(brand.id, page(msg("11", alice, T0 + M, "toujours rien", reply_to="10",
                                       root="10"), backfill=True), T0)
    store.save_page(brand.id, page(msg("10", alice, T0, "colis pas reçu"), backfill=True), T0)
    [item] = waiting(db)
    assert item.message_count == 3 and item.excerpt == "allo ??"
    assert item.clock_start == T0 and item.at_risk_reasons == ("cancel",)
    assert item.conversation_id != early.conversation_id
    assert replies.draft(db.sessions, item.conversation_id).text == "Bonjour Alice,"
    assert [m.external_id for m in convs.thread(db.sessions, item.conversation_id).messages] \
        == ["10", "11", "12"]


def test_a_complaint_repeated_while_the_first_waits_flags_the_customer(db, store, brand) -> None:
    alice, bob = person("1", "alice"), person("2", "bob")
    store.save_page(brand.id, page(msg("10", alice, T0, "colis pas reçu", sentiment=NEG)), T0)
    store.save_page(brand.id, page(msg("20", bob, T0, "une question sur la taille")), T0)
    assert all(i.at_risk_reasons == () for i in waiting(db))
    store.save_page(brand.id, page(msg("11", alice, T0 + 30 * M, "toujours rien ?",
                                       reply_to="10", root="10")), T0)
    store.save_page(brand.id, page(msg("21", bob, T0 + 30 * M, "et en bleu ?",
                                       reply_to="20", root="20")), T0)  # not a complaint
    by_customer = {i.customer.handle: i for i in waiting(db, now=T0 + 31 * M)}
    assert by_customer["alice"].at_risk_reasons == ("repeat",)
    assert by_customer["bob"].at_risk_reasons == ()
    # once answered, the next message starts afresh
    store.save_page(brand.id, page(msg("12", BRAND, T0 + 40 * M, "On regarde", reply_to="11",
                                       root="10", brand=True)), T0)
    store.save_page(brand.id, page(msg("13", alice, T0 + 50 * M, "merci", reply_to="12",
                                       root="10")), T0)
    [again] = [i for i in waiting(db, now=T0 + 51 * M) if i.customer.handle == "alice"]
    assert again.at_risk_reasons == ()


def test_fast_inserts_store_exactly_what_the_orm_stores(db, store, brand) -> None:
    """Messages and conversations are inserted without the ORM: dates and lists must still be
    stored in SQLAlchemy's own formats, or text comparisons and sorting break (a whole second
    once came out as "12:00:00" beside "12:00:00.500000")."""
    from sqlalchemy import text

    from relais.storage.models import MessageRow

    store.save_page(brand.id, page(msg("1", person("1"), T0, "a", risk=("refund",)),
                                   msg("2", person("2"), T0 + timedelta(milliseconds=500), "b")),
                    T0 + M)
    with db.sessions.begin() as s:  # the ORM's own insert, for comparison
        s.add(MessageRow(network="mastodon", external_id="orm", conversation_id=1, author_id=1,
                         kind="public", created_at=T0, at_risk_reasons=["refund"]))
    with db.engine.connect() as c:
        rows = dict(c.execute(text(
            "SELECT external_id, created_at || '|' || at_risk_reasons FROM message")).all())
    assert rows["1"] == rows["orm"] == "2026-11-23 09:00:00.000000|[\"refund\"]"
    assert rows["2"].startswith("2026-11-23 09:00:00.500000|")
    with db.engine.connect() as c:
        clock = c.execute(text("SELECT clock_start FROM conversation ORDER BY id")).scalars().all()
    assert clock[0] == "2026-11-23 09:00:00.000000"


def test_a_followers_count_learnt_later_reranks_the_waiting_conversations(db, store,
                                                                         brand) -> None:
    """A backfill may learn an author's followers count pages after their message: the
    conversation then moves up as if the count had been known."""
    from dataclasses import replace

    star = person("7", "star", followers=0)  # the count is not known yet
    store.save_page(brand.id, page(msg("1", person("1"), T0, "m1"),
                                   msg("2", star, T0 + M, "m2")), T0)
    assert [i.excerpt for i in waiting(db)] == ["m1", "m2"]  # the older one first
    r = store.save_page(brand.id, Page("notifications", (), {"min_id": "y"}, True,
                                       people=(replace(star, followers_count=300_000),)), T0)
    assert [i.excerpt for i in waiting(db)] == ["m2", "m1"]  # 300k followers: first
    assert r.conversations_touched  # the queue is told to refresh
    tip = waiting(db)[0]
    assert tip.customer.followers_count == 300_000


def test_someone_else_writing_in_a_thread_keeps_its_customers_influence(db, store,
                                                                        brand) -> None:
    star = person("7", "star", followers=300_000)
    store.save_page(brand.id, page(msg("1", person("1"), T0, "m1"),
                                   msg("2", star, T0 + M, "m2")), T0)
    assert [i.excerpt for i in waiting(db)] == ["m2", "m1"]  # 300k followers: first
    # a third person answers in the star's thread; that page has only them
    store.save_page(brand.id, page(msg("3", person("3", "other"), T0 + 2 * M, "moi aussi",
                                       reply_to="2", root="2")), T0)
    first = waiting(db)[0]
    assert first.customer.handle == "star"  # still ranked by the star's influence
