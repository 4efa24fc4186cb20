"""The command line, run as a script or cron would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import NEG, T0, msg, person

from relais.core.model import Kind


def relais(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "relais.main", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=60, env=env,
                          stdin=subprocess.DEVNULL)


def test_queue_json_lists_items_in_priority_order(data_dir, seed) -> None:
    seed(msg("1", person("1", "anne"), T0, "question"),
         msg("2", person("2", "bob"), T0, "je résilie !", sentiment=NEG, risk=("cancel",)),
         msg("3", person("3", "carl"), T0, "en privé", kind=Kind.PRIVATE))
    res = relais(data_dir, "queue", "--json")
    assert res.returncode == 0, res.stderr
    items = json.loads(res.stdout)
    assert [i["customer"] for i in items] == ["bob", "carl", "anne"]
    assert [i["kind"] for i in items] == ["public", "private", "public"]
    assert items[0]["at_risk"] == ["cancel"] and items[0]["sentiment"] == "negative"
    assert all(isinstance(i["seconds_left"], int) for i in items)


def test_queue_text_and_accounts_in_french(data_dir, seed) -> None:
    seed(msg("1", person("1", "anne"), T0, "question"))
    res = relais(data_dir, "--lang", "fr", "queue")
    assert res.returncode == 0 and "@anne" in res.stdout and "de retard" in res.stdout
    res = relais(data_dir, "account", "list")
    assert res.returncode == 0 and "@brand" in res.stdout and "https://social.example" in res.stdout


def test_sync_without_account_says_so(tmp_path: Path) -> None:
    res = relais(tmp_path / "new", "--lang", "fr", "sync", "--once")
    assert res.returncode == 1 and "Aucun compte" in res.stderr
