"""The reply queue window, driven as a person would: keys, clicks, and what is shown."""

from __future__ import annotations

from datetime import timedelta

import pytest

from helpers import wait_loaded, NEG, T0, msg, person
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStyleOptionViewItem

from relais.core.model import Account, Kind, Network, Status
from relais.storage.accounts import add_account
from relais.ui.delegates import OVERDUE, CountdownDelegate
from relais.ui.queue_model import Col, Role

M = timedelta(minutes=1)


def shown(model) -> list[str]:  # noqa: ANN001
    return [model.index(r, Col.EXCERPT).data() for r in range(model.rowCount())]


def start(qtbot, relais, rows):  # noqa: ANN001, ANN201
    wait_loaded(qtbot, relais.window.model, rows)
    return relais.window, relais.window.model, relais.window.queue


def countdown(view, row: int) -> tuple[str, QColor]:  # noqa: ANN001
    """What the countdown delegate paints in a row: its text and its text colour."""
    delegate = view.itemDelegateForColumn(Col.SLA)
    assert isinstance(delegate, CountdownDelegate)
    opt = QStyleOptionViewItem()
    delegate.initStyleOption(opt, view.model().index(row, Col.SLA))
    return opt.text, QColor(opt.palette.color(QPalette.ColorRole.Text))


def test_queue_shows_seeded_conversations_in_priority_order(qtbot, relais, seed) -> None:
    seed(msg("1", person("1", "anne"), T0, "question simple"),
         msg("2", person("2", "bob"), T0 + 2 * M, "autre question"),
         msg("3", person("3", "vip", followers=120_000), T0 + 20 * M, "je vais résilier !",
             sentiment=NEG, risk=("cancel",)),
         msg("4", person("4", "dm"), T0 + 10 * M, "en privé", kind=Kind.PRIVATE))
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 4)
    # the at-risk, negative, influential customer first; the DM (30 min target) before the
    # older public questions (60 min target)
    assert shown(model) == ["je vais résilier !", "🔒 en privé", "question simple", "autre question"]
    assert "⚠" in model.index(0, Col.CUSTOMER).data()
    account = model.index(0, Col.ACCOUNT).data()  # as the account filter names it
    assert account.startswith("Mastodon · @")
    qtbot.waitUntil(lambda: win.filters.account_box.findText(account) > 0)
    tip = model.index(0, Col.EXCERPT).data(Qt.ItemDataRole.ToolTipRole)
    assert "at risk: threatens to cancel or leave" in tip and "120k followers" in tip
    assert "left" in tip
    assert win.count_label.text() == "4 conversations"  # English plurals, not "(s)"
    assert view.currentIndex().row() == 0  # the first item is selected, its thread shown
    qtbot.waitUntil(lambda: "je vais résilier" in win.panel.thread_view.toPlainText())


def test_countdown_follows_the_clock_and_turns_red_when_overdue(qtbot, relais, seed,
                                                               clock) -> None:
    seed(msg("1", person("1"), T0, "colis perdu"))
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 1)
    text, colour = countdown(view, 0)
    assert text == "55 min" and colour != OVERDUE
    clock.advance(minutes=50)
    text, _ = countdown(view, 0)
    assert text == "▲ 5 min"  # due soon: a symbol, not colour alone
    clock.advance(minutes=7)
    text, colour = countdown(view, 0)
    assert text == "● 2 min late" and colour == OVERDUE


def test_keyboard_j_k_e_s_u(qtbot, relais, seed) -> None:
    seed(*[msg(str(i), person(str(i)), T0 + i * M, f"m{i}") for i in range(1, 5)])
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 4)
    view.setFocus()
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.current_item().excerpt == "m3"
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.current_item().excerpt == "m2"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_item().excerpt == "m3"
    qtbot.keyClick(view, Qt.Key.Key_Up)

    qtbot.keyClick(view, Qt.Key.Key_E)  # done: m2 leaves, the next one takes its place
    qtbot.waitUntil(lambda: shown(model) == ["m1", "m3", "m4"])
    assert view.current_item().excerpt == "m3"
    qtbot.keyClick(view, Qt.Key.Key_S)  # snooze m3
    qtbot.waitUntil(lambda: shown(model) == ["m1", "m4"])
    qtbot.keyClick(view, Qt.Key.Key_U)  # undo the snooze
    qtbot.waitUntil(lambda: shown(model) == ["m1", "m3", "m4"])
    qtbot.keyClick(view, Qt.Key.Key_U)  # undo the done
    qtbot.waitUntil(lambda: shown(model) == ["m1", "m2", "m3", "m4"])


def test_keys_type_text_in_the_reply_box_and_do_nothing_else(qtbot, relais, seed) -> None:
    seed(*[msg(str(i), person(str(i)), T0 + i * M, f"m{i}") for i in range(1, 4)])
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 3)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter focuses the reply box
    box = win.panel.reply_box
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "jkesu")
    assert box.toPlainText() == "jkesu"
    assert view.current_item().excerpt == "m1" and shown(model) == ["m1", "m2", "m3"]
    qtbot.keyClick(box, Qt.Key.Key_Return)  # a new line, not an action
    assert box.toPlainText() == "jkesu\n"


def test_selected_row_stays_put_when_a_new_item_arrives_above(qtbot, relais, seed) -> None:
    seed(*[msg(str(i), person(str(i)), T0 + i * M, f"m{i}") for i in range(1, 5)])
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 4)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.current_item().excerpt == "m3" and view.currentIndex().row() == 2
    seed(msg("9", person("9"), T0 - 30 * M, "urgent", sentiment=NEG, risk=("legal",)))
    win.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 5)
    assert view.currentIndex().row() == 2 and view.current_item().excerpt == "m3"
    assert shown(model)[0] == "urgent"
    # once the user moves, the true order applies again
    qtbot.keyClick(view, Qt.Key.Key_K)
    win.refresh()
    qtbot.waitUntil(lambda: shown(model) == ["urgent", "m1", "m2", "m3", "m4"])


def test_filters_status_and_at_risk(qtbot, relais, seed) -> None:
    seed(msg("1", person("1"), T0, "calme"),
         msg("2", person("2"), T0, "avocat !", risk=("legal",)))
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 2)
    win.filters.risk_box.click()
    qtbot.waitUntil(lambda: shown(model) == ["avocat !"])
    win.filters.risk_box.click()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    win.filters.status_box.setFocus()
    qtbot.keyClicks(win.filters.status_box, "D")  # type-ahead in the "Show:" list picks "Done"
    assert win.filters.status_box.currentText() == "Done"
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, 0).data(Role.STATUS)
                    == Status.DONE)


def test_account_filter_shows_account_names_whole(qtbot, relais, seed) -> None:
    """The accounts arrive after the first paint: the list still grows to show their names."""
    add_account(seed.db.sessions, Account(Network.BLUESKY, "https://pds.example",
                                          "maboutique.bsky.social", "Ma Boutique",
                                          "did:plc:brand"), T0)
    win = relais.window
    win.reload_accounts()
    box = win.filters.account_box
    qtbot.waitUntil(lambda: box.count() == 3)  # all + the two accounts

    def room() -> int:  # the width the current text gets, arrow and frame left out
        opt = QStyleOptionComboBox()
        box.initStyleOption(opt)
        return box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                          QStyle.SubControl.SC_ComboBoxEditField, box).width()

    widest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert "maboutique.bsky.social" in box.itemText(2)
    qtbot.waitUntil(lambda: room() >= widest)


def test_reply_goes_to_the_outbox_and_drafts_survive(qtbot, relais, seed, data_dir) -> None:
    from relais.storage import replies

    seed(msg("1", person("1"), T0, "aidez-moi"))
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 1)
    box = win.panel.reply_box
    qtbot.waitUntil(lambda: box.isEnabled())
    qtbot.keyClicks(box, "Bonjour, on regarde")
    cid = view.current_item().conversation_id
    qtbot.waitUntil(lambda: (d := replies.draft(seed.db.sessions, cid)) is not None
                    and d.text == "Bonjour, on regarde", timeout=3000)
    qtbot.mouseClick(win.panel.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.panel.outbox_label.text().startswith("Reply queued"))
    [queued] = replies.replies_for(seed.db.sessions, cid)
    assert queued.text == "Bonjour, on regarde" and queued.in_reply_to == "1"
    assert queued.state.value == "queued" and box.toPlainText() == ""


def test_reply_counter_counts_as_mastodon_and_blocks_a_reply_too_long(qtbot, relais,
                                                                     seed) -> None:
    seed(msg("1", person("1"), T0, "aidez-moi"))
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 1)
    panel = win.panel
    qtbot.waitUntil(lambda: panel.reply_box.isEnabled())
    panel.reply_box.setFocus()
    qtbot.keyClicks(panel.reply_box, "Voir https://exemple.fr/" + "a" * 200)
    # a link counts as 23, and "@user1 " is added in front of the reply when sent
    assert panel.counter.text().startswith("35 characters / 500")
    assert panel.send_button.isEnabled()
    qtbot.keyClicks(panel.reply_box, " " + "x" * 480)
    assert "too long" in panel.counter.text()
    assert not panel.send_button.isEnabled()


def test_reply_counter_uses_the_servers_own_limit(qtbot, relais, seed) -> None:
    from relais.storage.accounts import set_post_limits

    seed(msg("1", person("1"), T0, "aidez-moi"))
    set_post_limits(seed.db.sessions, 1, 5000, 23)  # read from /api/v2/instance by a sync
    relais.window.reload_accounts()
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 1)
    panel = win.panel
    qtbot.waitUntil(lambda: panel.reply_box.isEnabled())
    panel.reply_box.setFocus()
    qtbot.keyClicks(panel.reply_box, "@user1 " + "x" * 593)
    qtbot.waitUntil(lambda: panel.counter.text().startswith("600 characters / 5000"))
    assert panel.send_button.isEnabled() and "too long" not in panel.counter.text()


def _refused(qtbot, relais, seed, text: str, kind, error):  # noqa: ANN001, ANN202
    """A conversation whose last reply the server refused with ``error``; its panel shown."""
    from relais.core.outbox import failure_text
    from relais.storage import replies
    from relais.storage.store import SqlStore

    seed(msg("1", person("1"), T0, "aidez-moi"))
    relais.window.refresh()
    win, model, view = start(qtbot, relais, 1)
    cid = view.current_item().conversation_id
    r = replies.enqueue(seed.db.sessions, cid, text, kind, T0, in_reply_to="1")
    store = SqlStore(seed.db.sessions)
    store.claim_reply("test", T0)
    store.mark_failed(r.id, failure_text(error), T0, retry=False)
    panel = win.panel
    panel.show_item(None)
    panel.show_item(view.current_item())
    return panel


def test_a_refused_private_reply_offers_a_public_invitation(qtbot, relais, seed) -> None:
    """Bluesky: the customer only accepts DMs from accounts they follow. The panel says so in
    words and offers a public reply inviting them to write first."""
    from relais.core.errors import DmNotAccepted

    panel = _refused(qtbot, relais, seed, "Votre numéro de commande ?", Kind.PRIVATE,
                     DmNotAccepted("NotFollowedBySender"))
    qtbot.waitUntil(lambda: panel.invite_button.isVisible(), timeout=5000)
    assert "does not accept private messages" in panel.outbox_label.text()
    assert not panel.retry_button.isVisible()
    assert panel.reply_box.toPlainText() == ""  # the refused DM is not given back
    qtbot.mouseClick(panel.invite_button, Qt.MouseButton.LeftButton)
    assert panel.kind_box.currentIndex() == 0  # public, in the thread
    assert "direct message" in panel.reply_box.toPlainText()


@pytest.mark.parametrize(("error", "said"), [
    ("NotFound", "the message you answered no longer exists"),
    ("RequestRefused", "the network refused this reply"),
])
def test_a_refused_reply_says_why_in_words(qtbot, relais, seed, error, said) -> None:
    from relais.core import errors

    panel = _refused(qtbot, relais, seed, "Bonjour !", Kind.PUBLIC,
                     getattr(errors, error)("mastodon", 404, "Record not found"))
    qtbot.waitUntil(lambda: said in panel.outbox_label.text(), timeout=5000)
    assert "Record not found" in panel.outbox_label.toolTip()  # the server's own words
    assert panel.retry_button.isVisible()
    assert panel.reply_box.toPlainText() == "Bonjour !"  # back in the box, to be edited
    panel.reply_box.clear()  # the user does not want it: the next refresh leaves it out
    panel._render()
    assert panel.reply_box.toPlainText() == ""
