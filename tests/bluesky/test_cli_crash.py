"""Killed between the outbox write and createRecord, or right after it: exactly one post.

The real `relais account add bluesky` and `relais sync --once` run as subprocesses against the
dev-env PDS, the secrets in the tests' private Secret Service; a fail-point (RELAIS_FAILPOINT)
makes the sync die at the chosen moment. The record key (a TID) is committed before the call,
so the retry reuses it and the PDS cannot hold two.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bsky_helpers import create_account, create_app_password, notifications, post, wait_until, xrpc

from relais.core.model import Kind, QueueFilter, Status
from relais.storage import replies
from relais.storage.conversations import queue_page
from relais.storage.db import open_database


def relais(data: Path, *args: str, failpoint: str = "", stdin: str = ""
           ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELAIS_FAILPOINT": failpoint}
    return subprocess.run([sys.executable, "-m", "relais.main", "--data-dir", str(data),
                           "--lang", "en", *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env=env, check=False)


def brand_posts(net, brand, text: str) -> list[dict]:  # noqa: ANN001
    recs = xrpc(net, None, "com.atproto.repo.listRecords", params={
        "repo": brand.did, "collection": "app.bsky.feed.post", "limit": 100}).json()["records"]
    return [r for r in recs if text in r["value"]["text"]]


@pytest.mark.parametrize("failpoint", ["before-send", "after-send"])
def test_exactly_one_post_after_a_crash(tmp_path: Path, bsky_network, secret_service,
                                        failpoint: str) -> None:
    net = bsky_network
    brand, customer = create_account(net, "brandcrash"), create_account(net, "custcrash")
    data = tmp_path / "data"
    # the chat service of the test network, as the user would set it (Settings)
    from relais.ui import settings
    from relais.ui.app import use_settings_in

    use_settings_in(data)
    settings.BLUESKY_CHAT_PROXY.set(net.chat_proxy)
    added = relais(data, "account", "add", "bluesky", "--handle", brand.handle,
                   "--app-password-stdin", "--service", net.pds, "--plc", net.plc,
                   stdin=create_app_password(net, brand, privileged=True) + "\n")
    assert added.returncode == 0, added.stderr
    theirs, _ = post(net, customer, f"@{brand.handle} mon colis n'est jamais arrivé",
                     mentions=[brand])
    wait_until(net, lambda: any(n["uri"] == theirs for n in notifications(net, brand)))
    first = relais(data, "sync", "--once")
    assert first.returncode == 0, first.stderr
    db = open_database(data)
    [item] = [i for i in queue_page(db.sessions, QueueFilter(statuses=(Status.WAITING,
                                                                       Status.BACKLOG)),
                                    datetime.now(UTC)) if i.customer.handle == customer.handle]
    text = f"Nous regardons tout de suite 🎉 ({failpoint})"
    replies.enqueue(db.sessions, item.conversation_id, text, Kind.PUBLIC, datetime.now(UTC),
                    in_reply_to=theirs)

    crashed = relais(data, "sync", "--once", failpoint=failpoint)
    assert crashed.returncode == 75, crashed.stderr  # died at the fail-point
    assert len(brand_posts(net, brand, text)) == (0 if failpoint == "before-send" else 1)
    [pending] = replies.replies_for(db.sessions, item.conversation_id)
    assert pending.remote_ref and len(pending.remote_ref) == 13  # committed before the call

    again = relais(data, "sync", "--once")
    assert again.returncode == 0, again.stderr
    [posted] = brand_posts(net, brand, text)
    assert posted["uri"].endswith("/" + pending.remote_ref)
    assert posted["value"]["reply"]["parent"]["uri"] == theirs
    [done] = replies.replies_for(db.sessions, item.conversation_id)
    assert done.state.value == "sent" and done.remote_id == posted["uri"]
    assert relais(data, "sync", "--once").returncode == 0
    assert len(brand_posts(net, brand, text)) == 1
    db.close()
