"""The selected conversation: its thread from the cache, the customer's earlier messages, and the
reply box (drafts kept as you type; a sent reply goes to the outbox first)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.counting import Limit, reply_length
from ..core.model import (
    Account,
    Kind,
    Message,
    Network,
    QueueItem,
    Reply,
    ReplyState,
    ThreadView,
)
from ..storage.db import Database
from . import labels
from .errors import show_error
from .tasks import Tasks

DRAFT_DELAY_MS = 400


def _storage():  # noqa: ANN202
    """The storage functions, imported on a worker thread (SQLAlchemy is slow to import)."""
    from ..storage import conversations, replies

    return conversations, replies


def _hint(text: str) -> str:
    return f"<p style='color:#777'>{html.escape(text)}</p>"


class ConversationPanel(QWidget):
    reply_queued = Signal(object)  # the Reply just committed to the outbox

    def __init__(self, db: Database, tasks: Tasks, clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._tasks, self._clock = db, tasks, clock
        self._item: QueueItem | None = None
        self._view: ThreadView | None = None
        self._replies: list[Reply] = []
        self._loading_draft = False
        self._limits: dict[int, Limit] = {}  # account id → its server's post limits

        self.header = QLabel()
        self.header.setObjectName("conversation_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.thread_view = QTextBrowser()
        self.thread_view.setObjectName("thread")
        self.thread_view.setOpenExternalLinks(True)
        self.history_label = QLabel()
        self.history_view = QTextBrowser()
        self.history_view.setObjectName("history")
        self.reply_box = QPlainTextEdit()
        self.reply_box.setObjectName("reply")
        self.reply_box.setTabChangesFocus(True)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("reply_kind")
        self.kind_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.counter = QLabel()
        self.outbox_label = QLabel()
        self.outbox_label.setObjectName("outbox_state")
        self.outbox_label.setWordWrap(True)  # a refusal explained takes two lines, not the window
        self.send_button = QPushButton()
        self.send_button.setObjectName("send")
        self.send_button.setDefault(True)
        self.retry_button = QPushButton()
        self.retry_button.hide()
        self.invite_button = QPushButton()  # a private reply refused: answer publicly
        self.invite_button.setObjectName("invite_publicly")
        self.invite_button.hide()

        history = QWidget()
        hl = QVBoxLayout(history)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.history_label)
        hl.addWidget(self.history_view)
        composer = QWidget()
        cl = QVBoxLayout(composer)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.reply_box)
        state = QHBoxLayout()  # the last reply's fate, on its own line: it can take two
        state.addWidget(self.outbox_label, 1)
        state.addWidget(self.retry_button)
        state.addWidget(self.invite_button)
        cl.addLayout(state)
        row = QHBoxLayout()
        row.addWidget(self.kind_box)
        row.addWidget(self.counter)
        row.addStretch(1)
        row.addWidget(self.send_button)
        cl.addLayout(row)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("conversation_splitter")
        self.splitter.addWidget(self.thread_view)
        self.splitter.addWidget(history)
        self.splitter.addWidget(composer)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self._given_back: set[int | None] = set()  # refused replies put back in the box
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.reply_box.textChanged.connect(self._on_text_changed)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._update_counter())
        self.send_button.clicked.connect(self.send)
        self.retry_button.clicked.connect(self._retry)
        self.invite_button.clicked.connect(self.invite_publicly)
        self.retranslate_ui()
        self.show_item(None)

    # --- i18n --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.history_label.setText(self.tr("Earlier messages from this customer"))
        self.reply_box.setPlaceholderText(self.tr("Write your reply… (Enter in the queue comes here)"))
        current = self.kind_box.currentIndex()
        self.kind_box.clear()
        self.kind_box.addItem(self.tr("Public reply in the thread"), Kind.PUBLIC.value)
        self.kind_box.addItem(self.tr("Private message"), Kind.PRIVATE.value)
        self.kind_box.setCurrentIndex(max(0, current))
        self.send_button.setText(self.tr("Send"))
        self.retry_button.setText(self.tr("Retry"))
        self.invite_button.setText(self.tr("Reply publicly instead"))
        self._update_counter()
        self._render()

    # --- showing a conversation -------------------------------------------------------------
    def show_item(self, item: QueueItem | None) -> None:
        if self._item is not None and item is not None and item.conversation_id == self._item.conversation_id:
            self._item = item  # same conversation (a reload): keep what is typed
            self._render_header()
            return
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.save_draft()
        self._item, self._view, self._replies = item, None, []
        self._loading_draft = True
        self.reply_box.setPlainText("")
        self._loading_draft = False
        enabled = item is not None
        for w in (self.reply_box, self.kind_box, self.send_button):
            w.setEnabled(enabled)
        self._update_counter()
        self._render()
        if item is not None:
            cid = item.conversation_id
            self._tasks.query(
                lambda: self._load(cid, with_draft=True),
                lambda res: self._loaded(cid, *res),
            )

    def _load(self, cid: int, *, with_draft: bool) -> tuple:  # runs on a reader thread
        conversations, replies = _storage()
        s = self._db.sessions
        draft = replies.draft(s, cid) if with_draft else None
        return conversations.thread(s, cid), replies.replies_for(s, cid), draft

    def _loaded(self, cid: int, view: ThreadView, sent: list[Reply], draft: Reply | None) -> None:
        if self._item is None or self._item.conversation_id != cid:
            return
        self._view, self._replies = view, sent
        if draft is not None and not self.reply_box.toPlainText():
            self._loading_draft = True
            self.reply_box.setPlainText(draft.text)
            self.kind_box.setCurrentIndex(0 if draft.kind is Kind.PUBLIC else 1)
            self._loading_draft = False
        elif draft is None and self._item.kind is Kind.PRIVATE:
            self.kind_box.setCurrentIndex(1)
        self._render()

    def reload(self) -> None:
        """Refresh the thread and outbox states (after a sync or a send)."""
        if self._item is not None:
            cid = self._item.conversation_id
            self._tasks.query(
                lambda: self._load(cid, with_draft=False)[:2],
                lambda res: self._reloaded(cid, *res),
            )

    def _reloaded(self, cid: int, view: ThreadView, sent: list[Reply]) -> None:
        if self._item is not None and self._item.conversation_id == cid:
            self._view, self._replies = view, sent
            self._render()

    def _render(self) -> None:
        self._render_header()
        if self._item is None:
            self.thread_view.setHtml(
                _hint(self.tr("Select a conversation in the queue.")))
            self.history_view.clear()
            self.outbox_label.clear()
            self.retry_button.hide()
            self.invite_button.hide()
            return
        if self._view is None:
            self.thread_view.setHtml(_hint(self.tr("Loading…")))
            return
        self.thread_view.setHtml("".join(self._message_html(m) for m in self._view.messages))
        hist = self._view.customer_history
        self.history_view.setHtml(
            "".join(self._message_html(m) for m in hist) if hist else
            _hint(self.tr("No earlier messages.")))
        self._render_outbox()

    def _render_header(self) -> None:
        item = self._item
        if item is None:
            self.header.setText("")
            return
        c = item.customer
        parts = [f"<b>{html.escape(c.display_name or c.handle)}</b> @{html.escape(c.handle)}",
                 html.escape(labels.followers(c.followers_count)),
                 html.escape(labels.status_name(item.status))]
        if item.at_risk_reasons:
            reasons = ", ".join(labels.risk_reason(r) for r in item.at_risk_reasons)
            parts.append("<span style='color:#c62828'>⚠ "
                         + html.escape(self.tr("At risk: {reasons}").format(reasons=reasons))
                         + "</span>")
        self.header.setText(" · ".join(parts))

    def _message_html(self, m: Message) -> str:
        when = m.created_at.astimezone().strftime("%d/%m %H:%M")
        who = html.escape(m.author.display_name or m.author.handle)
        body = m.html if m.html else html.escape(m.text).replace("\n", "<br>")
        extra = ""
        if m.content_warning:
            extra += f"<div style='color:#8a6d00'>⚑ {html.escape(m.content_warning)}</div>"
        for d in m.media_descriptions:
            extra += f"<div style='color:#555'>🖼 {html.escape(d)}</div>"
        if m.deleted:
            gone = html.escape(self.tr("Deleted by its author"))
            extra += f"<div style='color:#c62828'>✖ {gone}</div>"
        if m.edited_at:
            edited = html.escape(self.tr("Edited"))
            extra += f"<div style='color:#777'>✎ {edited}</div>"
        bg = "#e8f0fe" if m.from_brand else "#f5f5f5"
        kind = "🔒 " if m.kind is Kind.PRIVATE else ""
        return (f"<table width='100%' cellpadding='6' style='background:{bg};margin-bottom:6px'>"
                f"<tr><td><span style='color:#555'>{kind}<b>{who}</b> · {when}</span>"
                f"<div>{body}</div>{extra}</td></tr></table>")

    def _render_outbox(self) -> None:
        last = self._replies[-1] if self._replies else None
        refused_dm = (last is not None and last.state is ReplyState.FAILED
                      and last.last_error.startswith("[DmNotAccepted]"))
        self.retry_button.setVisible(last is not None and last.state is ReplyState.FAILED
                                     and not refused_dm)
        self.invite_button.setVisible(refused_dm)
        if last is None:
            self.outbox_label.clear()
            return
        text = {
            ReplyState.QUEUED: self.tr("Reply queued: it will be sent when the network allows"),
            ReplyState.SENDING: self.tr("Sending…"),
            ReplyState.SENT: self.tr("Reply sent"),
            ReplyState.FAILED: self.tr("Sending failed"),
            ReplyState.DRAFT: "",
        }[last.state]
        if refused_dm:
            text = self.tr("This customer does not accept private messages from you: reply "
                           "publicly, inviting them to write to you first.")
        elif last.state is ReplyState.FAILED and last.last_error.startswith("[NotFound]"):
            text = self.tr("Sending failed: the message you answered no longer exists (deleted "
                           "by its author?). Your reply is back in the reply box.")
            self._give_back(last)
        elif last.state is ReplyState.FAILED and last.last_error.startswith("[RequestRefused]"):
            text = self.tr("Sending failed: the network refused this reply (details in the "
                           "tooltip). It is back in the reply box: edit it, then send it again.")
            self._give_back(last)
        self.outbox_label.setText(text)
        self.outbox_label.setToolTip(last.last_error)

    def _give_back(self, refused: Reply) -> None:
        """A reply the server refused goes back in the empty reply box (once), to be edited."""
        if refused.id in self._given_back or self.reply_box.toPlainText().strip():
            return
        self._given_back.add(refused.id)
        self.reply_box.setPlainText(refused.text)  # kept as a draft, like typed text
        self.kind_box.setCurrentIndex(0 if refused.kind is Kind.PUBLIC else 1)

    def invite_publicly(self) -> None:
        """A public reply in the thread that invites the customer to write in private first."""
        if self._item is None:
            return
        self.kind_box.setCurrentIndex(0)
        self.reply_box.setPlainText(self.tr(
            "Hello, we would like to help you in private, but your settings do not let us "
            "write to you first: could you send us a direct message?"))
        self.reply_box.setFocus()

    # --- composing -------------------------------------------------------------------------
    def set_accounts(self, accounts: Sequence[Account]) -> None:
        """The accounts' post limits, as their servers said (the counter's maximum)."""
        self._limits = {a.id: Limit(a.max_characters, a.characters_per_url or 23)
                        for a in accounts if a.id is not None and a.max_characters}
        self._update_counter()

    def focus_reply(self) -> None:
        if self._item is not None:
            self.reply_box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_text_changed(self) -> None:
        self._update_counter()
        if not self._loading_draft and self._item is not None:
            self._draft_timer.start()

    def _update_counter(self) -> None:
        """Counted as the network counts it; over the limit, said in words and Send disabled."""
        text = self.reply_box.toPlainText()
        network = self._item.network if self._item is not None else Network.MASTODON
        known = self._limits.get(self._item.account_id) if self._item is not None else None
        kind = Kind(self.kind_box.currentData() or Kind.PUBLIC.value)
        mention = self._item.customer.handle if self._item is not None else ""
        n, limit = reply_length(network, text, known or Limit(), kind=kind, mention=mention)
        over = n > limit
        self.counter.setText(self.tr("%n character(s)", "", n) + f" / {limit}"
                             + ("  ⚠ " + self.tr("too long") if over else ""))
        self.counter.setStyleSheet("color: #c62828; font-weight: bold" if over else "")
        self.send_button.setEnabled(self._item is not None and bool(text.strip()) and not over)

    def save_draft(self) -> None:
        if self._item is None:
            return
        cid, text, kind, now = (self._item.conversation_id, self.reply_box.toPlainText(),
                                Kind(self.kind_box.currentData()), self._clock())
        self._tasks.write(lambda: _storage()[1].save_draft(self._db.sessions, cid, text, kind, now))

    def send(self) -> None:
        text = self.reply_box.toPlainText().strip()
        if self._item is None or not text:
            return
        self._draft_timer.stop()
        cid, kind, now = self._item.conversation_id, Kind(self.kind_box.currentData()), self._clock()
        msgs = self._view.messages if self._view else ()
        last = next((m.external_id for m in reversed(msgs) if not m.from_brand), None)
        self.send_button.setEnabled(False)

        def done(reply: Reply) -> None:
            self.send_button.setEnabled(True)
            if self._item is not None and self._item.conversation_id == cid:
                self._loading_draft = True
                self.reply_box.clear()
                self._loading_draft = False
                self._replies.append(reply)
                self._render_outbox()
            self.reply_queued.emit(reply)

        def failed(exc: BaseException) -> None:
            self.send_button.setEnabled(True)
            show_error(exc, self)

        self._tasks.write(
            lambda: _storage()[1].enqueue(self._db.sessions, cid, text, kind, now,
                                          in_reply_to=last),
            done, failed)

    def _retry(self) -> None:
        last = self._replies[-1] if self._replies else None
        if last is None or last.id is None:
            return
        rid, now = last.id, self._clock()
        self._tasks.write(lambda: _storage()[1].retry(self._db.sessions, rid, now),
                          lambda _: (self.reload(), self.reply_queued.emit(last)))
