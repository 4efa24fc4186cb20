"""The CLI verbs, on the same code paths as the GUI (storage functions, the sync runner)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..core.errors import RelaisError
from ..core.model import QueueFilter
from ..core.runner import SyncRunner
from ..core.sla import system_clock
from ..core.triage import triage_messages
from ..storage.accounts import list_accounts, remove_account
from ..storage.conversations import queue_page
from ..storage.db import open_database
from . import labels
from .i18n import Translations



def _app(data_dir: Path, language: str | None) -> QCoreApplication:
    from . import settings
    from .app import use_settings_in

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    data_dir.mkdir(parents=True, exist_ok=True)
    use_settings_in(data_dir)
    Translations().apply(language if language is not None else settings.LANGUAGE.get())
    return app


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.verb == "triage":
        from ..core.triage.cli import run as triage

        argv = ["--csv", str(args.csv)] + (["--out", str(args.out)] if args.out else [])
        return triage(argv)
    _app(data_dir, args.lang)
    from .errors import user_message

    try:
        match args.verb:
            case "queue":
                return queue(data_dir, as_json=args.json, limit=args.limit)
            case "sync":
                return sync(data_dir, once=args.once)
            case "account":
                return account(data_dir, args)
    except RelaisError as exc:
        print(user_message(exc), file=sys.stderr)
        return 1
    return 2


def queue(data_dir: Path, *, as_json: bool, limit: int) -> int:
    db = open_database(data_dir)
    now = system_clock()
    try:
        items = queue_page(db.sessions, QueueFilter(), now, limit=limit)
    finally:
        db.close()
    if as_json:
        out = [{
            "conversation_id": i.conversation_id,
            "network": i.network.value,
            "account": i.account_handle,
            "kind": i.kind.value,
            "customer": i.customer.handle,
            "excerpt": i.excerpt,
            "sentiment": i.sentiment.label.value if i.sentiment else None,
            "at_risk": list(i.at_risk_reasons),
            "due_at": i.due_at.isoformat() if i.due_at else None,
            "seconds_left": round((i.due_at - now).total_seconds()) if i.due_at else None,
        } for i in items]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not items:
        print(QCoreApplication.translate("Cli", "The queue is empty."))
        return 0
    for i in items:
        left = (i.due_at - now).total_seconds() / 60 if i.due_at else None
        when = "–" if left is None else (
            QCoreApplication.translate("Cli", "{time} left").format(time=labels.duration(left)) if left >= 0
            else QCoreApplication.translate("Cli", "{time} overdue").format(time=labels.duration(left)))
        flag = " ⚠" if i.at_risk_reasons else ""
        print(f"{when:>16}  {labels.kind_name(i.kind):<8} @{i.customer.handle}{flag}: "
              f"{' '.join(i.excerpt.split())[:80]}")
    return 0


def sync(data_dir: Path, *, once: bool) -> int:
    db = open_database(data_dir)
    try:
        from . import settings
        from .app import make_store

        store = make_store(db)
        channels: list = []  # network clients arrive with the Mastodon and Bluesky issues
        if not list_accounts(db.sessions):
            print(QCoreApplication.translate("Cli", "No account yet: add one first."), file=sys.stderr)
            return 1
        runner = SyncRunner(store, lambda: channels, clock=system_clock,
                            worker=f"cli-{os.getpid()}", triage=triage_messages)
        errors: list[BaseException] = []
        runner.on_error = errors.append

        async def passes() -> int:
            total = await runner.run_once()
            while not once:  # for a terminal or a service; cron uses --once
                await asyncio.sleep(settings.SYNC_INTERVAL_S.get())
                total += await runner.run_once()
            return total

        try:
            new = asyncio.run(passes())
        except KeyboardInterrupt:
            new = 0
        finally:
            runner.db.shutdown(wait=True)
        print(QCoreApplication.translate("Cli", "1 new message") if new == 1 else
              QCoreApplication.translate("Cli", "{n} new messages").format(n=new))
        return 1 if errors else 0
    finally:
        db.close()


def account(data_dir: Path, args: argparse.Namespace) -> int:
    db = open_database(data_dir)
    try:
        if args.account_verb == "list":
            accounts = list_accounts(db.sessions)
            if not accounts:
                print(QCoreApplication.translate("Cli", "No account yet."))
            for a in accounts:
                mark = "  " + QCoreApplication.translate("Cli", "(reconnect needed)") if a.needs_reconnect else ""
                print(f"{a.id}\t{labels.network_name(a.network)}\t{a.label}\t{a.server}{mark}")
            return 0
        if args.account_verb == "remove":
            remove_account(db.sessions, args.id)
            return 0
    finally:
        db.close()
    return 2
