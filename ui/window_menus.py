"""The main window's actions and menu bar: the single keys that work the queue (J/K, Enter,
E, S, U, F5, Esc: window-wide, but text fields take plain letters first) and the menus that
list them (File, Queue, Settings ▸ Language).

The window builds one ``WindowMenus`` and calls its ``retranslate_ui()`` from its own; the
actions call the window's slots and signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from .main_window import MainWindow


class WindowMenus(QObject):
    """The actions (``act_*``), the menus (``menu_*``) and ``lang_actions`` by language code
    ("" follows the system)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)

        def action(name: str, keys: list[str], slot: Callable[[], None]) -> QAction:
            a = QAction(window)
            a.setObjectName(name)
            a.setShortcuts([QKeySequence(k) for k in keys])
            # Plain letters: text fields take them first (ShortcutOverride), so typing "e" in the
            # reply box types an "e" and never marks anything done.
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            window.addAction(a)
            return a

        self.act_next = action("next", ["J"], lambda: window.queue.move(1))
        self.act_prev = action("previous", ["K"], lambda: window.queue.move(-1))
        self.act_reply = action("reply", ["Return", "Enter"], window.panel.focus_reply)
        self.act_done = action("done", ["E"], window.mark_done)
        self.act_snooze = action("snooze", ["S"], window.snooze)
        self.act_undo = action("undo", ["U"], window.undo_last)
        self.act_sync = action("sync", ["F5"], window.sync_requested.emit)
        self.act_queue = action("focus_queue", ["Escape"], window.queue.setFocus)
        self.menu_file = window.menuBar().addMenu("")
        self.act_add_account = QAction(window)
        self.act_add_account.setObjectName("add_account")
        self.act_add_account.triggered.connect(lambda: window.open_add_account())
        self.menu_file.addAction(self.act_add_account)
        self.act_add_bluesky = QAction(window)
        self.act_add_bluesky.setObjectName("add_bluesky_account")
        self.act_add_bluesky.triggered.connect(lambda: window.open_add_bluesky())
        self.menu_file.addAction(self.act_add_bluesky)
        self.act_quit = QAction(window)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(window.close)
        self.menu_file.addAction(self.act_sync)
        self.menu_file.addAction(self.act_quit)
        self.menu_queue = window.menuBar().addMenu("")
        for a in (self.act_next, self.act_prev, self.act_reply, self.act_done, self.act_snooze,
                  self.act_undo):
            self.menu_queue.addAction(a)
        self.menu_settings = window.menuBar().addMenu("")
        self.menu_language = self.menu_settings.addMenu("")
        self.lang_actions: dict[str, QAction] = {}
        for code in ("", "fr", "en"):
            a = QAction(window, checkable=True)
            a.triggered.connect(lambda _c=False, code=code: window.language_requested.emit(code))
            self.menu_language.addAction(a)
            self.lang_actions[code] = a

    def retranslate_ui(self) -> None:
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_queue.setTitle(self.tr("&Queue"))
        self.menu_settings.setTitle(self.tr("&Settings"))
        self.menu_language.setTitle(self.tr("Language"))
        self.lang_actions[""].setText(self.tr("Follow the system"))
        self.lang_actions["fr"].setText("Français")
        self.lang_actions["en"].setText("English")
        self.act_next.setText(self.tr("Next item"))
        self.act_prev.setText(self.tr("Previous item"))
        self.act_reply.setText(self.tr("Reply"))
        self.act_done.setText(self.tr("Mark done"))
        self.act_snooze.setText(self.tr("Snooze"))
        self.act_undo.setText(self.tr("Undo last done/snooze"))
        self.act_sync.setText(self.tr("Sync now"))
        self.act_add_account.setText(self.tr("Add a Mastodon account…"))
        self.act_add_bluesky.setText(self.tr("Add a Bluesky account…"))
        self.act_quit.setText(self.tr("Quit"))

    def set_language_checked(self, setting: str) -> None:
        for code, a in self.lang_actions.items():
            a.setChecked(code == setting)
