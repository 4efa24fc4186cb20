"""The CLI verbs, on the same code paths as the GUI (storage functions, the sync runner)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..core.errors import RelaisError
from ..core.model import Account, QueueFilter
from ..core.runner import SyncRunner
from ..core.sla import system_clock
from ..core.triage import triage_messages
from ..storage.accounts import add_account, list_accounts, remove_account
from ..storage.conversations import queue_page
from ..storage.db import open_database
from . import labels
from .i18n import Translations

if TYPE_CHECKING:
    from ..core.credentials import Credentials



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
        from ..core.credentials import Credentials
        from . import settings
        from .app import account_channels, channel_settings, make_store
        from .errors import user_message

        store = make_store(db)
        if not list_accounts(db.sessions):
            print(QCoreApplication.translate("Cli", "No account yet: add one first."), file=sys.stderr)
            return 1
        runner = SyncRunner(store, account_channels(db, Credentials(), channel_settings()),
                            clock=system_clock,
                            worker=f"cli-{os.getpid()}", triage=triage_messages)
        errors: list[BaseException] = []

        def failed(exc: BaseException) -> None:
            errors.append(exc)
            print(user_message(exc), file=sys.stderr)

        runner.on_error = failed

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
    if args.account_verb == "add":
        return account_add(data_dir, args)
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
            from ..core.clients.mastodon_auth import forget_account
            from ..core.credentials import Credentials

            acc = next((a for a in list_accounts(db.sessions) if a.id == args.id), None)
            if acc is None:
                print(QCoreApplication.translate("Cli", "There is no account {id}.").format(id=args.id),
                      file=sys.stderr)
                return 1
            # the secret first, then the row (a secret without its row would linger forever)
            forget_account(Credentials(), acc, lambda i: remove_account(db.sessions, i))
            print(QCoreApplication.translate("Cli", "Removed {account} ({server}).").format(
                account=acc.label, server=acc.server))
            return 0
    finally:
        db.close()
    return 2


def account_add(data_dir: Path, args: argparse.Namespace) -> int:
    if args.network == "bluesky":
        return account_add_bluesky(data_dir, args)
    return account_add_mastodon(data_dir, args)


def _save_account(data_dir: Path, account: Account, credentials: Credentials, key: str) -> None:
    """The account's row, its secret being in the keyring already: no row, no secret either."""
    try:
        db = open_database(data_dir)
        try:
            saved = add_account(db.sessions, account, system_clock())
        finally:
            db.close()
    except BaseException:
        credentials.delete(key)
        raise
    print(QCoreApplication.translate("Cli", "Added {account} on {server} (account {id}).").format(
        account=saved.label, server=saved.server, id=saved.id))


def account_add_bluesky(data_dir: Path, args: argparse.Namespace) -> int:
    """``relais account add bluesky --handle H --app-password-stdin``."""
    from ..core.clients.bluesky_auth import sign_in_blocking
    from ..core.clients.registry import token_key
    from ..core.credentials import Credentials
    from .dialogs.sign_in_messages import APP_PASSWORDS_URL, bluesky_sign_in_message

    password = sys.stdin.readline().strip()
    options = {k: v for k, v in (("service", args.service), ("plc", args.plc)) if v}
    credentials = Credentials()
    try:
        signed = sign_in_blocking(args.handle, password, **options)
        if signed.main_password and not args.allow_main_password:
            print(QCoreApplication.translate("Cli", "This is the account's main password: Relais will not keep it. "
                            "Create an app password ({url}) and use it, or pass "
                            "--allow-main-password.").format(url=APP_PASSWORDS_URL),
                  file=sys.stderr)
            return 1
        key = token_key(signed.account)
        credentials.set(key, signed.secret)
    except RelaisError as exc:
        print(bluesky_sign_in_message(exc), file=sys.stderr)
        return 1
    _save_account(data_dir, signed.account, credentials, key)
    if not signed.dm_access:
        print(QCoreApplication.translate("Cli", "Direct messages are not synced: this app password has no access to "
                        "them. Create one with access to direct messages to answer DMs."))
    return 0


def account_add_mastodon(data_dir: Path, args: argparse.Namespace) -> int:
    """``relais account add mastodon --server URL``: the browser (loopback redirect) by default,
    ``--no-browser`` to paste the code the server shows, ``--token-stdin`` for a token."""
    import webbrowser

    from ..core.clients.mastodon_auth import store_token
    from ..core.clients.mastodon_sign_in import MastodonSignIn
    from ..core.credentials import Credentials
    from .dialogs.sign_in_messages import sign_in_message

    credentials = Credentials()
    try:
        flow = MastodonSignIn(args.server, credentials, data_dir)
        if args.token_stdin:
            signed = flow.sign_in_with_token(sys.stdin.read())
        elif args.no_browser:
            pending = flow.begin_with_code()
            print(QCoreApplication.translate(
                "Cli", "Open this address in a browser, sign in and authorise Relais:"))
            print(pending.url)
            print(QCoreApplication.translate(
                "Cli", "Then paste here the code the server shows, and press Enter:"), flush=True)
            signed = flow.finish_with_code(pending, sys.stdin.readline())
        else:
            def open_url(url: str) -> None:
                print(QCoreApplication.translate(
                    "Cli", "Sign in and authorise Relais in your browser. If it does not open, "
                           "open this address on this computer:"))
                print(url, flush=True)
                if not webbrowser.open(url):
                    print(QCoreApplication.translate(
                        "Cli", "No browser could be opened. Open the address above on this "
                               "computer, or run again with --no-browser to paste a code."),
                          file=sys.stderr, flush=True)

            try:
                signed = flow.sign_in_with_browser(open_url, timeout_s=args.timeout)
            except KeyboardInterrupt:
                flow.cancel()
                return 130
        key = store_token(credentials, signed.account, signed.token)
    except RelaisError as exc:
        print(sign_in_message(exc), file=sys.stderr)
        return 1
    _save_account(data_dir, signed.account, credentials, key)
    return 0
