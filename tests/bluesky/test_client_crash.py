"""Killed between the outbox write and createRecord, or right after it: exactly one post.

A subprocess runs the real Outbox over the real SqlStore and the Bluesky channel against the
dev-env PDS; a fail-point (RELAIS_FAILPOINT) makes it die at the chosen moment. The record key
(a TID) is committed before the call, so the retry reuses it and the PDS cannot hold two.
(The same through `relais sync --once` needs the registry's Bluesky wiring.)
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bsky_helpers import (
    create_account,
    create_app_password,
    notifications,
    post,
    wait_until,
    xrpc,
)
from relais.core.channel import Page
from relais.core.clients.bluesky import BlueskyChannel
from relais.core.clients.bluesky_auth import sign_in_blocking
from relais.core.model import Account, Kind, QueueFilter
from relais.storage import replies
from relais.storage.accounts import add_account
from relais.storage.conversations import queue_page
from relais.storage.db import open_database
from relais.storage.store import SqlStore

SENDER = """
import asyncio, os, sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from relais.core.clients.bluesky import BlueskyChannel
from relais.core.outbox import Outbox
from relais.storage.db import open_database
from relais.storage.store import SqlStore
data, secret_file, account_id, pds, did, handle = sys.argv[1:]
db = open_database(Path(data))
channel = BlueskyChannel(int(account_id), pds, Path(secret_file).read_text(), did, handle=handle)
outbox = Outbox(SqlStore(db.sessions), worker=f"test-{os.getpid()}",
                clock=lambda: datetime.now(UTC), db=ThreadPoolExecutor(1))
print(asyncio.run(outbox.send_pending({int(account_id): channel})))
"""


def _send(args: list[str], failpoint: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RELAIS_FAILPOINT": failpoint}
    return subprocess.run([sys.executable, "-c", SENDER, *args], capture_output=True, text=True,
                          timeout=120, env=env, stdin=subprocess.DEVNULL, check=False)


def _brand_posts(net, brand, text: str) -> list[dict]:
    recs = xrpc(net, None, "com.atproto.repo.listRecords", params={
        "repo": brand.did, "collection": "app.bsky.feed.post", "limit": 100}).json()["records"]
    return [r for r in recs if text in r["value"]["text"]]


@pytest.mark.parametrize("failpoint", ["before-send", "after-send"])
def test_exactly_one_post_after_a_crash(tmp_path: Path, bsky_network, failpoint: str) -> None:
    net = bsky_network
    brand, customer = create_account(net, "brand"), create_account(net, "cust")
    signed = sign_in_blocking(brand.handle, create_app_password(net, brand), service=net.pds,
                              plc=net.plc)
    theirs = post(net, customer, f"{brand.mention} mon colis n'est jamais arrivé",
                  mentions=[brand])
    wait_until(lambda: any(n["uri"] == theirs[0] for n in notifications(net, brand)))

    db = open_database(tmp_path / "data")
    acc = add_account(db.sessions, Account(**{f: getattr(signed.account, f) for f in
                                                 ("network", "server", "handle", "display_name",
                                                  "external_id")}), datetime.now(UTC))
    channel = BlueskyChannel(acc.id, acc.server, signed.secret, acc.external_id, handle=acc.handle)
    page: Page = asyncio.run(channel.fetch_new("notifications", {}))
    SqlStore(db.sessions).save_page(acc.id, page, datetime.now(UTC))
    [item] = queue_page(db.sessions, QueueFilter(), datetime.now(UTC))
    text = "Nous regardons tout de suite 🎉"
    replies.enqueue(db.sessions, item.conversation_id, text, Kind.PUBLIC, datetime.now(UTC),
                    in_reply_to=theirs[0])
    secret_file = tmp_path / "secret.json"
    secret_file.write_text(signed.secret)
    args = [str(tmp_path / "data"), str(secret_file), str(acc.id), acc.server, acc.external_id,
            acc.handle]

    crashed = _send(args, failpoint)
    assert crashed.returncode == 75, crashed.stderr  # died at the fail-point
    assert len(_brand_posts(net, brand, text)) == (0 if failpoint == "before-send" else 1)
    [pending] = replies.replies_for(db.sessions, item.conversation_id)
    assert pending.remote_ref and len(pending.remote_ref) == 13  # committed before the call

    again = _send(args)
    assert again.returncode == 0, again.stderr
    [posted] = _brand_posts(net, brand, text)
    assert posted["uri"].endswith("/" + pending.remote_ref)
    assert posted["value"]["reply"]["parent"]["uri"] == theirs[0]
    [done] = replies.replies_for(db.sessions, item.conversation_id)
    assert done.state.value == "sent" and done.remote_id == posted["uri"]
    assert _send(args).returncode == 0
    assert len(_brand_posts(net, brand, text)) == 1
    db.close()
