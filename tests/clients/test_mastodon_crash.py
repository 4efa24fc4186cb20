"""Killed between the outbox write and the POST, or right after the POST: exactly one reply.

The real `relais sync --once` runs as a subprocess against the loopback server, with the real
keyring (the private Secret Service of the tests) holding the brand's token; a fail-point
(RELAIS_FAILPOINT) makes it die at the chosen moment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from relais.core.clients.registry import token_key
from relais.core.credentials import Credentials
from relais.core.model import Account, Kind, Network, QueueFilter
from relais.storage import replies
from relais.storage.accounts import add_account
from relais.storage.conversations import queue_page
from relais.storage.db import open_database


def sync_once(data_dir: Path, failpoint: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELAIS_FAILPOINT": failpoint}
    return subprocess.run([sys.executable, "-m", "relais.main", "--data-dir", str(data_dir),
                           "sync", "--once"], capture_output=True, text=True, timeout=120,
                          env=env, stdin=subprocess.DEVNULL)


def brand_replies(mock, status_id: str) -> list[dict]:  # noqa: ANN001
    context = mock.get("alice", f"/api/v1/statuses/{status_id}/context")
    return [s for s in context["descendants"] if s["account"]["acct"] == "alice"]


@pytest.mark.parametrize("failpoint", ["before-send", "after-send"])
def test_exactly_one_reply_after_a_crash(tmp_path, mock, secret_service, failpoint) -> None:
    data = tmp_path / "data"
    db = open_database(data)
    brand = add_account(db.sessions, Account(Network.MASTODON, mock.url, "alice", "Alice",
                                             mock.account_id("alice")), datetime.now(UTC))
    Credentials(backend=secret_service).set(token_key(brand), "alice_token")
    status = mock.post("bob", "@alice mon colis n'est jamais arrivé")
    first = sync_once(data)
    assert first.returncode == 0, first.stderr
    [item] = queue_page(db.sessions, QueueFilter(), datetime.now(UTC))
    replies.enqueue(db.sessions, item.conversation_id, "Nous regardons tout de suite.",
                    Kind.PUBLIC, datetime.now(UTC), in_reply_to=status["id"])

    crashed = sync_once(data, failpoint)
    assert crashed.returncode == 75, crashed.stderr  # died at the fail-point
    expected_after_crash = 0 if failpoint == "before-send" else 1
    assert len(brand_replies(mock, status["id"])) == expected_after_crash

    again = sync_once(data)
    assert again.returncode == 0, again.stderr
    sent = brand_replies(mock, status["id"])
    assert len(sent) == 1 and sent[0]["in_reply_to_id"] == status["id"]
    [reply] = replies.replies_for(db.sessions, item.conversation_id)
    assert reply.state.value == "sent" and reply.remote_id == sent[0]["id"]
    assert sync_once(data).returncode == 0
    assert len(brand_replies(mock, status["id"])) == 1
    db.close()
