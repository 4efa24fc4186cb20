"""Bluesky through Relais' own paths: the add-account dialog driven as a person would, the CLI,
and a sync + reply through the channels the app builds from the cache and the keyring."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bsky_helpers import (
    create_account,
    create_app_password,
    post,
    wait_indexed,
    wait_until,
    xrpc,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from relais.core.clients.registry import AccountChannels, ChannelSettings, token_key
from relais.core.credentials import Credentials
from relais.core.model import Kind, Network, QueueFilter, Status
from relais.core.outbox import Outbox
from relais.core.sync import SyncEngine
from relais.storage import replies
from relais.storage.accounts import list_accounts
from relais.storage.conversations import queue_page
from relais.storage.db import open_database
from relais.storage.store import SqlStore

LONG_MS = 30_000
NOW = lambda: datetime.now(UTC)  # noqa: E731


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    from relais.ui.app import use_settings_in

    d = tmp_path / "data"
    d.mkdir()
    use_settings_in(d)
    return d


@pytest.fixture
def dialog_env(qtbot, data_dir, secret_service):  # noqa: ANN001, ANN201
    from relais.ui.tasks import Tasks

    db = open_database(data_dir)
    tasks = Tasks()
    yield db, tasks, (lambda: Credentials(backend=secret_service))
    tasks.shutdown()
    db.close()


def _dialog(qtbot, env, net):  # noqa: ANN001, ANN202
    from relais.ui.dialogs.add_bluesky import AddBlueskyDialog

    db, tasks, creds = env
    d = AddBlueskyDialog(db, tasks, creds, sign_in_options={"service": net.pds, "plc": net.plc})
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_dialog_adds_an_account_with_an_app_password(qtbot, bsky_network, dialog_env,
                                                         secret_service, data_dir) -> None:
    net = bsky_network
    brand = create_account(net, "shopdlg")
    password = create_app_password(net, brand, privileged=True)
    d = _dialog(qtbot, dialog_env, net)
    qtbot.keyClicks(d.handle_edit, "@" + brand.handle)
    qtbot.keyClicks(d.password_edit, password)
    with qtbot.waitSignal(d.account_added, timeout=LONG_MS) as added:
        qtbot.keyClick(d.password_edit, Qt.Key.Key_Return)
    acc = added.args[0]
    assert (acc.network, acc.handle, acc.external_id) == (Network.BLUESKY, brand.handle, brand.did)
    # the PDS named by the DID document (dev-env names itself "localhost")
    assert urlsplit(acc.server).port == urlsplit(net.pds).port
    secret = Credentials(backend=secret_service).get(token_key(acc))
    assert secret and password in secret
    qtbot.waitUntil(lambda: not d.isVisible(), timeout=LONG_MS)  # DMs allowed: done
    for path in data_dir.rglob("*"):  # the secrets live in the keyring only
        if path.is_file():
            data = path.read_bytes()
            assert password.encode() not in data and brand.refresh_jwt.encode() not in data


def test_the_dialog_explains_dms_off_and_refuses_a_main_password_unless_told(
        qtbot, bsky_network, dialog_env, secret_service) -> None:
    net = bsky_network
    brand = create_account(net, "shopnodm")
    d = _dialog(qtbot, dialog_env, net)
    qtbot.keyClicks(d.handle_edit, brand.handle)
    qtbot.keyClicks(d.password_edit, brand.password)  # the MAIN password
    qtbot.mouseClick(d.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(d.anyway_button.isVisible, timeout=LONG_MS)
    assert "main password" in d.status_label.text()
    assert list_accounts(dialog_env[0].sessions) == []  # nothing kept yet
    # an app password without DM access: added, and the dialog says how to turn DMs on
    d.password_edit.clear()
    qtbot.keyClicks(d.password_edit, create_app_password(net, brand, privileged=False))
    with qtbot.waitSignal(d.account_added, timeout=LONG_MS):
        qtbot.mouseClick(d.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "direct messages" in d.status_label.text(), timeout=LONG_MS)
    assert d.isVisible() and not d.anyway_button.isVisible()
    # Close (or Esc) after reading it: the dialog ends as accepted, the account kept
    close = d.buttons.button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not d.isVisible() and d.result() == QDialog.DialogCode.Accepted
    assert len(list_accounts(dialog_env[0].sessions)) == 1


def test_a_wrong_app_password_is_said_and_nothing_is_added(qtbot, bsky_network,
                                                           dialog_env) -> None:
    net = bsky_network
    brand = create_account(net, "shopbad")
    d = _dialog(qtbot, dialog_env, net)
    qtbot.keyClicks(d.handle_edit, brand.handle)
    qtbot.keyClicks(d.password_edit, "aaaa-bbbb-cccc-dddd")
    qtbot.mouseClick(d.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused" in d.status_label.text(), timeout=LONG_MS)
    assert d.sign_in_button.isEnabled() and list_accounts(dialog_env[0].sessions) == []


def test_cli_adds_syncs_and_the_reply_threads(bsky_network, tmp_path, secret_service) -> None:
    """`relais account add bluesky`, then a sync and a reply through the app's own channels."""
    net = bsky_network
    brand, cust = create_account(net, "shopcli"), create_account(net, "custcli")
    password = create_app_password(net, brand, privileged=True)
    data = tmp_path / "cli"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run(
        [sys.executable, "-m", "relais.main", "--data-dir", str(data), "--lang", "en", "account",
         "add", "bluesky", "--handle", brand.handle, "--app-password-stdin",
         "--service", net.pds, "--plc", net.plc],
        input=password + "\n", capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert f"@{brand.handle}" in res.stdout and password not in res.stdout + res.stderr

    uri, _cid = post(net, cust, f"Mon colis est abîmé 😡 @{brand.handle} que faire ?",
                     mentions=[brand])
    wait_until(net, lambda: any(n["uri"] == uri for n in xrpc(
        net, brand, "app.bsky.notification.listNotifications").json()["notifications"]))
    db = open_database(data)
    creds = Credentials(backend=secret_service)
    source = AccountChannels(lambda: list_accounts(db.sessions),
                             lambda a: creds.get(token_key(a)),
                             lambda a, s: creds.set(token_key(a), s),
                             ChannelSettings(chat_proxy=net.chat_proxy))
    store = SqlStore(db.sessions)
    [ch] = source()
    with ThreadPoolExecutor(1) as ex:
        engine = SyncEngine(store, clock=NOW, db=ex)
        asyncio.run(engine.sync_channel(ch))
        items = queue_page(db.sessions, QueueFilter(statuses=(Status.WAITING, Status.BACKLOG)),
                           NOW())
        [item] = [i for i in items if i.customer.handle == cust.handle]
        assert item.kind is Kind.PUBLIC and "abîmé" in item.excerpt
        replies.enqueue(db.sessions, item.conversation_id, "Désolés ! Écrivez-nous en privé 🙏",
                        Kind.PUBLIC, NOW(), in_reply_to=uri)
        outbox = Outbox(store, worker="test", clock=NOW, db=ex)
        assert asyncio.run(outbox.send_pending({ch.account_id: ch})) == 1
    asyncio.run(ch.aclose())
    # the customer deletes a second post while it waits: the next pass sees it gone
    uri2, _ = post(net, cust, f"@{brand.handle} et mon remboursement ?", mentions=[brand])
    wait_until(net, lambda: any(n["uri"] == uri2 for n in xrpc(
        net, brand, "app.bsky.notification.listNotifications").json()["notifications"]))
    with ThreadPoolExecutor(1) as ex:
        asyncio.run(SyncEngine(store, clock=NOW, db=ex).sync_channel(ch))
    xrpc(net, cust, "com.atproto.repo.deleteRecord", json_body={
        "repo": cust.did, "collection": "app.bsky.feed.post", "rkey": uri2.rsplit("/", 1)[1]})
    wait_until(net, lambda: not xrpc(net, brand, "app.bsky.feed.getPosts",
                                params={"uris": [uri2]}).json()["posts"])
    with ThreadPoolExecutor(1) as ex:
        asyncio.run(SyncEngine(store, clock=NOW, db=ex).sync_channel(ch))
    from relais.storage.models import MessageRow
    from sqlalchemy import select

    with db.sessions() as s:
        assert s.scalars(select(MessageRow.deleted).where(MessageRow.external_id == uri2)).one()
    [sent] = replies.replies_for(db.sessions, item.conversation_id)
    assert sent.state.value == "sent" and sent.remote_ref  # the record key, chosen first
    wait_indexed(net, brand, sent.remote_id)
    thread = xrpc(net, brand, "app.bsky.feed.getPostThread",
                  params={"uri": sent.remote_id}).json()["thread"]
    record = thread["post"]["record"]
    assert record["reply"]["parent"]["uri"] == uri and record["reply"]["root"]["uri"] == uri
    [facet] = record["facets"]
    mention = record["text"].encode()[facet["index"]["byteStart"]:facet["index"]["byteEnd"]]
    assert mention.decode() == f"@{cust.handle}"
    db.close()
