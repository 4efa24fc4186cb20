"""Failures a user can meet get a clear message, and lose nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import keyring.backends.fail
from helpers import database_from_a_newer_relais
from PySide6.QtWidgets import QApplication, QMessageBox

from relais.core.credentials import Credentials
from relais.storage.db import DB_NAME
from relais.ui.app import build


class FakePlaintext:
    """Looks like keyrings.alt's plaintext file backend, which Relais must refuse."""

    priority = 1

    def set_password(self, *a: object) -> None:
        raise AssertionError("must never be called")

    get_password = delete_password = set_password


FakePlaintext.__module__ = "keyrings.alt.file"
FakePlaintext.__qualname__ = "PlaintextKeyring"


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def open_with(qtbot, data_dir, backend):  # noqa: ANN001, ANN201
    app = build(data_dir, start_sync=False, credentials=Credentials(backend=backend, timeout_s=5))
    qtbot.addWidget(app.window)
    app.window.show()
    return app


def test_no_keyring_is_said_clearly(qtbot, data_dir, seed) -> None:
    app = open_with(qtbot, data_dir, keyring.backends.fail.Keyring())
    try:
        qtbot.waitUntil(lambda: app.window.keyring_label.isVisible())
        [box] = boxes()
        assert "No system keyring is available" in box.text()
        assert "GNOME Keyring" in box.text()
        box.close()
    finally:
        app.close()


def test_plaintext_keyring_is_refused_with_a_message(qtbot, data_dir, seed) -> None:
    app = open_with(qtbot, data_dir, FakePlaintext())
    try:
        qtbot.waitUntil(lambda: app.window.keyring_label.isVisible())
        [box] = boxes()
        assert "plain file" in box.text() and "keyrings.alt.file.PlaintextKeyring" in box.text()
        box.close()
    finally:
        app.close()


def test_real_secret_service_shows_no_warning(qtbot, data_dir, seed, secret_service) -> None:
    app = open_with(qtbot, data_dir, secret_service)
    try:
        with qtbot.waitSignal(app.window.model.loaded, timeout=5000):
            pass
        qtbot.waitUntil(lambda: app.tasks.pending == 0)
        assert not app.window.keyring_label.isVisible() and boxes() == []
    finally:
        app.close()


def run_relais(data_dir: Path, *extra: str, env_extra: dict | None = None):  # noqa: ANN201
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "relais.main", "--data-dir", str(data_dir),
                           *extra], capture_output=True, text=True, timeout=60, env=env,
                          stdin=subprocess.DEVNULL)


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.write_bytes(b"PK\x03\x04 a zip file, not a database" * 50)
    before = path.read_bytes()
    res = run_relais(tmp_path, "queue")
    assert res.returncode == 1
    assert "is not a Relais database" in res.stderr and "left untouched" in res.stderr
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.backup-*"))


def test_a_database_from_a_newer_relais_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    before = database_from_a_newer_relais(path, "ffff")
    res = run_relais(tmp_path, "queue")
    assert res.returncode == 1 and "newer version of Relais" in res.stderr
    assert path.read_bytes() == before


def test_second_window_on_the_same_data_folder_says_so(qtbot, data_dir, monkeypatch) -> None:
    import os

    from relais.ui.app import run_gui
    from relais.ui.instance import LOCK_NAME

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen([sys.executable, "-m", "relais.main", "--data-dir", str(data_dir)],
                             env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        qtbot.waitUntil(lambda: (data_dir / LOCK_NAME).exists() or first.poll() is not None,
                        timeout=30_000)
        assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
        said: list[str] = []
        monkeypatch.setattr(QMessageBox, "information",
                            staticmethod(lambda parent, title, text: said.append(text)))
        assert run_gui(data_dir, ["relais"]) == 2
        assert len(said) == 1 and "already open on this data folder" in said[0]
        assert f"process {first.pid}" in said[0]
        # a CLI run beside the GUI is fine
        res = run_relais(data_dir, "queue")
        assert res.returncode == 0, res.stderr
    finally:
        first.terminate()
        first.wait(timeout=30)
    # once the first window is gone, the folder opens again (a dead owner's lock is stale)
    from relais.ui.instance import InstanceLock

    lock = InstanceLock(data_dir)
    assert lock.acquire()
    lock.release()
