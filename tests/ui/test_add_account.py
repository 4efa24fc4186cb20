"""File → Add a Mastodon account…: the dialog, driven as a person would, against mastodon-mock over
real loopback HTTP, with the token landing in a real (private) Secret Service."""

from __future__ import annotations

import re
import threading
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from relais.core.clients.registry import token_key
from relais.core.credentials import Credentials
from relais.ui.dialogs.add_account import AddAccountDialog

LONG_MS = 30_000


@pytest.fixture
def server(mastodon_mock_server):  # noqa: ANN001, ANN201
    return mastodon_mock_server


class Picker:
    """The browser and the person in it: picks ``username`` on the mock's account picker and
    follows the 302 to the dialog's loopback catcher. Runs on the sign-in worker thread."""

    def __init__(self, username: str = "alice") -> None:
        self.username = username
        self.urls: list[str] = []

    def __call__(self, url: str) -> None:
        self.urls.append(url)
        q = dict(parse_qsl(urlsplit(url).query))
        base = url.split("/oauth/authorize", 1)[0]
        with httpx.Client(timeout=10, follow_redirects=True) as c:
            c.post(f"{base}/oauth/authorize", data={
                "username": self.username, "client_id": q["client_id"],
                "redirect_uri": q["redirect_uri"], "scope": q["scope"], "state": q["state"]})


def handles(window) -> list[str]:  # noqa: ANN001
    box = window.filters.account_box
    return [box.itemText(i) for i in range(box.count())]


def test_file_menu_opens_the_dialog_and_cancel_closes_it(qtbot, relais) -> None:
    win = relais.window
    assert win.menus.act_add_account in win.menus.menu_file.actions()
    assert win.menus.act_add_account.text() == "Add a Mastodon account…"
    assert win.menus.act_add_bluesky in win.menus.menu_file.actions()
    win.menus.act_add_account.trigger()
    dialog = win.findChild(AddAccountDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Add a Mastodon account"
    with qtbot.waitSignal(dialog.finished, timeout=LONG_MS) as done:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [QDialog.DialogCode.Rejected]


def test_sign_in_with_the_browser_adds_the_account(qtbot, relais, server, data_dir,
                                                  secret_service) -> None:
    win = relais.window
    picker = Picker("alice")
    dialog = win.open_add_account(open_url=picker)
    qtbot.keyClicks(dialog.server_edit, server.base_url)
    got: list[object] = []
    dialog.account_added.connect(got.append)
    dialog.finished.connect(got.append)
    with qtbot.waitSignal(dialog.finished, timeout=LONG_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert not dialog.sign_in_button.isEnabled()  # busy, and the GUI thread is free
    added, result = got
    assert result == QDialog.DialogCode.Accepted
    assert (added.handle, added.server, added.id) == ("alice", server.base_url, added.id)
    assert added.id is not None
    assert "code_challenge_method=S256" in picker.urls[0]
    # the window lists it
    qtbot.waitUntil(lambda: any("@alice" in h for h in handles(win)), timeout=LONG_MS)
    # the token is in the keyring and in no file of the data folder (cache, WAL, settings)
    token = Credentials(backend=secret_service).get(token_key(added))
    assert token
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_paste_an_access_token_instead(qtbot, relais, server, secret_service) -> None:
    win = relais.window
    dialog = win.open_add_account(open_url=lambda url: pytest.fail("no browser for a token"))
    qtbot.keyClicks(dialog.server_edit, server.base_url)
    assert not dialog.token_edit.isVisible()
    qtbot.keyClick(dialog.use_token, Qt.Key.Key_Space)
    assert dialog.token_edit.isVisible() and not dialog.sign_in_button.isVisible()
    qtbot.keyClicks(dialog.token_edit, "bob_token")
    with qtbot.waitSignal(dialog.account_added, timeout=LONG_MS) as added:
        qtbot.keyClick(dialog.token_edit, Qt.Key.Key_Return)
    acc = added.args[0]
    assert acc.handle == "bob"
    assert Credentials(backend=secret_service).get(token_key(acc)) == "bob_token"
    qtbot.waitUntil(lambda: any("@bob" in h for h in handles(win)), timeout=LONG_MS)


def test_sign_in_with_a_code_the_page_shows(qtbot, relais, server, secret_service) -> None:
    """The browser is on a phone, or cannot reach back: the page shows a code to paste."""
    shown: list[str] = []

    def person_on_a_phone(url: str) -> None:  # signs in on the page and reads the code
        q = dict(parse_qsl(urlsplit(url).query))
        page = httpx.post(f"{server.base_url}/oauth/authorize", timeout=10, data={
            "username": "carol", "client_id": q["client_id"], "redirect_uri": q["redirect_uri"],
            "scope": q["scope"], "state": q["state"]})
        shown.append(re.search(r"Authorization code: (\S+?)<", page.text).group(1))

    win = relais.window
    dialog = win.open_add_account(open_url=person_on_a_phone)
    qtbot.keyClicks(dialog.server_edit, server.base_url)
    assert not dialog.code_edit.isVisible()
    qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.code_edit.isVisible() and not dialog.code_edit.isReadOnly()
                    and bool(shown), timeout=LONG_MS)
    assert "paste the code" in dialog.status_label.text()
    assert dialog.link_label.isVisible()  # the page's link, should the browser not open
    qtbot.keyClicks(dialog.code_edit, f" {shown[0]} ")
    with qtbot.waitSignal(dialog.account_added, timeout=LONG_MS) as added:
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    acc = added.args[0]
    assert acc.handle == "carol"
    assert Credentials(backend=secret_service).get(token_key(acc))
    qtbot.waitUntil(lambda: any("@carol" in h for h in handles(win)), timeout=LONG_MS)


def test_a_wrong_code_is_said_and_nothing_is_added(qtbot, relais, server) -> None:
    dialog = relais.window.open_add_account(open_url=lambda url: None)
    qtbot.keyClicks(dialog.server_edit, server.base_url)
    qtbot.mouseClick(dialog.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.code_edit.isVisible, timeout=LONG_MS)
    qtbot.keyClicks(dialog.code_edit, "not-a-code")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=LONG_MS)
    assert dialog.isVisible() and dialog.status_label.text()
    assert dialog.code_button.isEnabled() and not dialog.code_edit.isVisible()


def test_cancel_stops_the_browser_wait(qtbot, relais, server) -> None:
    opened = threading.Event()
    dialog = relais.window.open_add_account(open_url=lambda url: opened.set())
    qtbot.keyClicks(dialog.server_edit, server.base_url)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    # the sign-in page's link shows, and the browser was asked to open it (on the worker: the
    # two happen in either order)
    qtbot.waitUntil(lambda: dialog.link_label.isVisible() and opened.is_set(), timeout=LONG_MS)
    assert "Waiting for you" in dialog.status_label.text()
    worker = dialog.worker
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.status_label.text() == "Sign-in cancelled."
    assert dialog.sign_in_button.isEnabled()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=LONG_MS)  # the catcher stopped
    with qtbot.waitSignal(dialog.finished, timeout=LONG_MS) as done:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [QDialog.DialogCode.Rejected]
    assert not any("@alice" in h for h in handles(relais.window))


def test_errors_are_shown_clearly_and_the_form_comes_back(qtbot, relais, server) -> None:
    dialog = relais.window.open_add_account(open_url=Picker("alice"))
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)  # no server typed
    assert "not a server address" in dialog.status_label.text()

    qtbot.keyClick(dialog.use_token, Qt.Key.Key_Space)
    assert dialog.token_edit.isVisible()
    qtbot.keyClicks(dialog.server_edit, "http://127.0.0.1:9")
    qtbot.keyClicks(dialog.token_edit, "whatever")
    qtbot.mouseClick(dialog.add_token_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.status_label.text(), timeout=LONG_MS)
    assert dialog.add_token_button.isEnabled()

    bad = "zz-bad-token-51c0"
    dialog.server_edit.clear()
    qtbot.keyClicks(dialog.server_edit, server.base_url)
    dialog.token_edit.clear()
    qtbot.keyClicks(dialog.token_edit, bad)
    qtbot.mouseClick(dialog.add_token_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused this access token" in dialog.status_label.text(),
                    timeout=LONG_MS)
    assert bad not in dialog.status_label.text()
    assert dialog.isVisible()
    dialog.reject()
