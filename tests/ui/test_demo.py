"""`relais --demo`: an empty data folder, the embedded demo network, and a queue that fills."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mastodon_mock")

from relais.core.demo import MESSAGES, DemoNetwork  # noqa: E402
from relais.storage.db import DB_NAME  # noqa: E402


def waiting_in(path: Path) -> int:
    if not path.exists():
        return 0
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM conversation WHERE status='waiting'").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        con.close()


def test_demo_window_fills_its_queue(qtbot, data_dir) -> None:
    from relais.ui.app import build

    network = DemoNetwork(interval_s=(0.2, 0.4), seed=3, initial=6)
    server = network.start()
    app = build(data_dir, demo=server)
    qtbot.addWidget(app.window)
    app.window.resize(1280, 760)
    app.window.show()
    try:
        model = app.window.model
        qtbot.waitUntil(lambda: model.rowCount() >= 3, timeout=20_000)
        texts = {t for t, _ in MESSAGES}
        shown = [model.index(r, 2).data().removeprefix("🔒 ") for r in range(model.rowCount())]
        assert all(any(t.endswith(s.rstrip("…")) or s in t for t in texts) for s in shown)
        assert app.window.keyring_label.isHidden()  # the demo needs no keyring
        qtbot.waitUntil(lambda: app.window.filters.account_box.count() == 2)  # all + the shop's
        assert "maboutique" in app.window.filters.account_box.itemText(1)
        before = model.rowCount()
        app.bridge.sync_now()  # customers keep writing: the next pass brings more
        qtbot.waitUntil(lambda: model.rowCount() > before, timeout=20_000)
        app.window.grab().save(str(data_dir / "demo.png"))
    finally:
        app.close()
        network.stop()


def test_relais_demo_from_an_empty_folder(tmp_path: Path, qtbot) -> None:
    folder = tmp_path / "demo"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-m", "relais.main", "--demo", "--data-dir",
                             str(folder)], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: waiting_in(folder / DB_NAME) >= 3 or proc.poll() is not None,
                        timeout=60_000)
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
    finally:
        proc.terminate()
        proc.wait(timeout=30)
