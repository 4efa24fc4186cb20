"""Wiring the GUI: settings, translations, the single-instance lock, the cache, sync and the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.errors import RelaisError
from ..core.model import Account, Kind, Network
from ..core.sla import SlaPolicy, due_at, system_clock
from ..storage.db import Database, open_database
from . import settings
from .errors import show_error, user_message
from .i18n import Translations
from .instance import InstanceLock
from .main_window import MainWindow
from .tasks import Tasks

if TYPE_CHECKING:  # loaded after the first paint: SQLAlchemy, asyncio, keyring
    from ..core.channel import Channel
    from ..core.clients.registry import ChannelSettings
    from ..core.credentials import Credentials
    from ..core.runner import SyncRunner
    from ..storage.ranking import Deadline
    from ..storage.store import SqlStore
    from ..core.demo import DemoServer
    from .sync_bridge import SyncBridge

log = logging.getLogger(__name__)



def use_settings_in(data_dir: Path) -> None:
    """Settings live in the data folder: one folder is one self-contained Relais."""
    QCoreApplication.setOrganizationName("Relais")
    QCoreApplication.setApplicationName("Relais")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data_dir / "settings"))


def sla_policy() -> SlaPolicy:
    return SlaPolicy(public=timedelta(minutes=settings.SLA_PUBLIC_MINUTES.get()),
                     private=timedelta(minutes=settings.SLA_PRIVATE_MINUTES.get()))


def deadline_for(policy: SlaPolicy) -> Deadline:
    def deadline(start: datetime, network: Network, kind: Kind, account_id: int) -> datetime:
        return due_at(start, network, kind, policy)

    return deadline


def make_store(db: Database) -> SqlStore:
    """The store with the user's SLA targets and backlog threshold (GUI and CLI alike)."""
    from ..storage.store import SqlStore

    return SqlStore(db.sessions, deadline=deadline_for(sla_policy()),
                    backlog_after=timedelta(hours=settings.BACKLOG_HOURS.get()))


@dataclass
class Relais:
    """Everything the running GUI holds; tests build one with an injected clock."""

    db: Database
    tasks: Tasks
    window: MainWindow
    translations: Translations
    lock: InstanceLock | None = None
    channels: Callable[[], Sequence[Channel]] | None = None
    clock: Callable[[], datetime] = system_clock
    store: SqlStore | None = None  # the background parts, made by start_background()
    runner: SyncRunner | None = None
    bridge: SyncBridge | None = None
    closed: bool = field(default=False)

    def start_background(self, *, start_sync: bool = True) -> None:
        """The store, the sync runner and its bridge (SQLAlchemy and asyncio load here)."""
        from ..core.runner import SyncRunner
        from ..core.triage import triage_messages
        from .sync_bridge import SyncBridge

        if self.closed or self.bridge is not None:
            return
        self.store = make_store(self.db)
        self.runner = SyncRunner(self.store, channels=self.channels or self._account_channels(),
                                 clock=self.clock, worker=f"gui-{os.getpid()}",
                                 interval_s=settings.SYNC_INTERVAL_S.get(),
                                 triage=triage_messages,
                                 second_opinion=settings.MODEL_SECOND_OPINION.get())
        self.bridge = bridge = SyncBridge(self.runner)
        window = self.window
        bridge.changed.connect(window.schedule_refresh)
        bridge.changed.connect(window.on_sync_event)
        bridge.failed.connect(window.on_sync_failed)
        bridge.running.connect(window.on_sync_running)
        bridge.synced.connect(window.on_synced)
        window.sync_requested.connect(bridge.sync_now)
        if start_sync:
            bridge.start()

    def _account_channels(self) -> Callable[[], Sequence[Channel]]:
        return account_channels(self.db, self.window.credentials(), channel_settings())

    def start_after_first_page(self) -> None:
        """Import the heavy modules on a worker thread once the queue is painted, then wire
        sync (a quick step on the GUI thread, the imports being done)."""
        def warm() -> None:
            import relais.core.credentials  # noqa: F401
            import relais.core.runner  # noqa: F401
            import relais.storage.store  # noqa: F401
            import relais.ui.sync_bridge  # noqa: F401

        self.window.after_first_paint(
            lambda: self.tasks.query(warm, lambda _: self.start_background()))

    def set_language(self, code: str) -> None:
        settings.LANGUAGE.set(code)
        self.translations.apply(code)  # widgets retranslate on QEvent.LanguageChange
        self.window.set_language_checked(code)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.window.close()  # saves the layout and the draft being typed (queued to the writer)
        if self.bridge is not None:
            self.bridge.stop(5.0)
        self.tasks.shutdown()
        self.window.reader.close()
        self.db.close()
        if self.lock is not None:
            self.lock.release()


def build(data_dir: Path, *, clock: Callable[[], datetime] = system_clock,
          translations: Translations | None = None, start_sync: bool = True,
          lock: InstanceLock | None = None,
          credentials: Credentials | None = None,
          channels: Callable[[], Sequence[Channel]] | None = None,
          deferred: bool = False,
          demo: DemoServer | None = None) -> Relais:
    """Open the cache in ``data_dir`` and build the window (a QApplication must exist).

    ``deferred``: the window and its first queue page come first; the store and sync start once
    that page has landed (what ``run_gui`` does). Otherwise everything is ready on return.
    """
    db = open_database(data_dir)
    tasks = Tasks()

    def make_credentials() -> Credentials:  # keyring loads on the worker thread that asks
        if credentials is not None:
            return credentials
        from ..core.credentials import Credentials

        return Credentials()

    if demo is not None:  # the demo's token lives in memory: no keyring involved
        channels = channels or demo_channels(db, demo, clock)
    window = MainWindow(db, tasks, clock, None if demo else make_credentials)
    app = Relais(db, tasks, window, translations or Translations(), lock, channels, clock)
    tasks.on_error = lambda exc: show_error(exc, window)
    window.language_requested.connect(app.set_language)
    window.set_language_checked(settings.LANGUAGE.get())
    if deferred:
        app.start_after_first_page()
    else:
        app.start_background(start_sync=start_sync)
    window.start()
    return app


def channel_settings() -> ChannelSettings:
    """What the user set for every channel (backfill reach, Bluesky's chat service...)."""
    from ..core.clients.registry import ChannelSettings

    return ChannelSettings(settings.BACKFILL_DAYS.get(), settings.BACKFILL_MAX.get(),
                           settings.BLUESKY_CHAT_PROXY.get(), settings.BLUESKY_MARK_SEEN.get())


def account_channels(db: Database, creds: Credentials,
                     channel_settings: ChannelSettings | None = None
                     ) -> Callable[[], Sequence[Channel]]:
    """Each sync pass: the accounts from the cache, their tokens from the keyring (where a
    session a channel renewed by itself goes back)."""
    from ..core.clients.registry import AccountChannels, token_key
    from ..storage.accounts import list_accounts

    return AccountChannels(lambda: list_accounts(db.sessions),
                           lambda acc: creds.get(token_key(acc)),
                           lambda acc, secret: creds.set(token_key(acc), secret),
                           channel_settings)


def demo_channels(db: Database, demo: DemoServer, clock: Callable[[], datetime]
                  ) -> Callable[[], Sequence[Channel]]:
    """The demo brand account, signed in with the token the embedded server issued. The
    sign-in (an HTTP call and a write) happens on the first sync pass, on the runner's
    database thread, not while the window is being built."""
    from ..core.clients.registry import AccountChannels

    signed_in: list[Account] = []

    def accounts() -> list[Account]:
        if not signed_in:
            import httpx

            from ..storage.accounts import add_account

            me = httpx.get(f"{demo.base_url}/api/v1/accounts/verify_credentials", timeout=10,
                           headers={"Authorization": f"Bearer {demo.brand_token}"}).json()
            signed_in.append(add_account(db.sessions, Account(
                Network.MASTODON, demo.base_url, me["acct"], me.get("display_name", ""),
                me["id"]), clock()))
        return signed_in

    return AccountChannels(accounts, lambda _acc: demo.brand_token)


def install_excepthook(parent_getter: Callable[[], object]) -> None:
    def hook(kind, exc, tb) -> None:  # noqa: ANN001
        log.critical("uncaught exception", exc_info=(kind, exc, tb))
        try:
            show_error(exc, parent_getter())
        except Exception:  # the dialog itself failed: the log has it
            pass

    sys.excepthook = hook


def run_gui(data_dir: Path, argv: list[str], *, language: str | None = None,
            demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(argv)
    data_dir.mkdir(parents=True, exist_ok=True)
    use_settings_in(data_dir)
    translations = Translations()
    translations.apply(language if language is not None else settings.LANGUAGE.get())
    lock = InstanceLock(data_dir)
    if not lock.acquire():
        pid = lock.owner_pid()
        QMessageBox.information(None, "Relais", QCoreApplication.translate("App", 
            "Relais is already open on this data folder{pid}. Switch to that window, or start "
            "this one with another data folder (--data-dir).").format(
                pid=QCoreApplication.translate("App", " (process {pid})").format(pid=pid) if pid else ""))
        return 2
    network = None
    try:
        server = None
        if demo:
            from ..core.demo import DemoNetwork

            network = DemoNetwork()
            server = network.start()
            settings.SYNC_INTERVAL_S.set(10)  # the demo folder's own setting: a lively queue
        relais = build(data_dir, translations=translations, lock=lock, deferred=True,
                       demo=server)
    except RelaisError as exc:
        if network is not None:
            network.stop()
        log.error("cannot open the data folder: %s", type(exc).__name__)
        QMessageBox.critical(None, "Relais", user_message(exc))
        lock.release()
        return 1
    install_excepthook(lambda: relais.window)
    app.aboutToQuit.connect(relais.close)
    relais.window.show()
    rc = app.exec()
    relais.close()
    if network is not None:
        network.stop()
    return rc
