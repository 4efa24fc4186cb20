"""Adding a Mastodon account, over real HTTP against mastodon-mock on loopback, with the
token in a real (private) Secret Service.

mastodon-mock's OAuth: /oauth/authorize is an account picker (we POST ``username=alice``
and follow its 302 to our loopback catcher); its codes are reusable and it does not check
PKCE or client secrets (docs/testing.md, quirk 4), so these tests check what *we* send and
keep, not what the mock would refuse.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from mastodon_auth_helpers import Picker, assert_clean, assert_nowhere, authorize_params

from relais.core.clients.mastodon_auth import (
    APP_CACHE_FILE,
    OOB_REDIRECT_URI,
    SCOPES,
    SCOPES_FALLBACK,
    AuthorizationCancelled,
    AuthorizationDenied,
    AuthorizationTimeout,
    BadToken,
    InvalidServer,
    NotMastodon,
    ServerUnreachable,
    StateMismatch,
    forget_account,
    make_pkce,
    normalize_server,
    store_token,
)
from relais.core.clients.mastodon_sign_in import MastodonSignIn
from relais.core.clients.registry import token_key
from relais.core.errors import RelaisError
from relais.core.model import Network
from relais.storage.accounts import add_account, list_accounts, remove_account
from relais.storage.db import open_database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def app_logs(data_dir: Path) -> Iterator[Path]:
    """The app's own logging (setup_logging: rotated file + console), at DEBUG."""
    from relais.core.logsafe import setup_logging

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    setup_logging(data_dir / "logs", level=logging.DEBUG, verbose=True)
    yield data_dir / "logs"
    for h in root.handlers[:]:
        if h not in before:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)




def test_browser_sign_in_end_to_end_token_only_in_keyring(server, creds, data_dir, app_logs):
    picker = Picker("alice")
    flow = MastodonSignIn(server.base_url, creds, data_dir)
    signed = flow.sign_in_with_browser(picker, timeout_s=30)

    # what we sent to the authorize page: PKCE S256, a random state, our scopes, a loopback
    q = authorize_params(picker.urls[0])
    assert q["response_type"] == "code"
    assert q["code_challenge_method"] == "S256" and len(q["code_challenge"]) == 43
    assert len(q["state"]) >= 32
    assert q["scope"] == SCOPES
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/callback", q["redirect_uri"])
    # the browser landed on our catcher's short page
    assert picker.landed[0].status_code == 200 and "Relais received" in picker.landed[0].text

    acc = signed.account
    assert (acc.network, acc.server, acc.handle, acc.display_name) == (
        Network.MASTODON, server.base_url, "alice", "Alice")
    assert acc.external_id
    token = signed.token
    assert token and token not in repr(signed)

    key = store_token(creds, acc, token)
    assert key == f"mastodon:{server.base_url}:{acc.external_id}" == token_key(acc)
    db = open_database(data_dir)
    try:
        saved = add_account(db.sessions, acc, NOW)
        assert [a.handle for a in list_accounts(db.sessions)] == ["alice"]
    finally:
        db.close()

    # the token works, and lives in the real keyring...
    assert creds.get(key) == token
    r = httpx.get(f"{server.base_url}/api/v1/accounts/verify_credentials",
                  headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert r.status_code == 200 and r.json()["id"] == acc.external_id == saved.external_id
    # ... and nowhere else: not the database (nor its WAL), not the logs, not the app cache
    assert (app_logs / "relais.log").exists()
    assert (data_dir / APP_CACHE_FILE).exists()
    assert any(p.name.startswith("relais.sqlite3") for p in data_dir.iterdir())
    assert_nowhere(token, data_dir)
    # the client secret is in the keyring too, never in the JSON
    app = flow.apps.get(flow.server)
    assert app is not None and app.client_secret
    assert app.client_secret.encode() not in (data_dir / APP_CACHE_FILE).read_bytes()


def test_app_registration_is_cached_per_server(server, creds, data_dir):
    first = MastodonSignIn(server.base_url, creds, data_dir)
    one = first.sign_in_with_browser(Picker("alice"), timeout_s=30)
    app = first.apps.get(first.server)
    assert app is not None
    # from now on, registering again would fail: the second sign-in must not try
    with server.fault(path="/api/v1/apps", methods=["POST"], status=500):
        second = MastodonSignIn(server.base_url + "/", creds, data_dir)
        picker = Picker("bob")
        two = second.sign_in_with_browser(picker, timeout_s=30)
    assert authorize_params(picker.urls[0])["client_id"] == app.client_id
    assert (one.account.handle, two.account.handle) == ("alice", "bob")
    assert second.apps.get(second.server) == app


def test_granular_scopes_refused_falls_back_to_read_write(server, creds, data_dir):
    with server.fault(path="/api/v1/apps", methods=["POST"], status=422,
                      body={"error": "Validation failed: Scopes are invalid"}, count=1):
        flow = MastodonSignIn(server.base_url, creds, data_dir)
        picker = Picker("alice")
        flow.sign_in_with_browser(picker, timeout_s=30)
    assert authorize_params(picker.urls[0])["scope"] == SCOPES_FALLBACK
    assert flow.apps.get(flow.server).scopes == SCOPES_FALLBACK


def test_state_mismatch_is_refused_and_nothing_is_exchanged(server, creds, data_dir):
    flow = MastodonSignIn(server.base_url, creds, data_dir)
    with pytest.raises(StateMismatch) as err:
        flow.sign_in_with_browser(Picker("alice", state="forged-state"), timeout_s=30)
    assert isinstance(err.value, AuthorizationDenied)
    assert_clean(err.value, "mockcode_alice", "forged-state")


def test_denied_in_the_browser(server, creds, data_dir):
    def deny(url: str) -> None:
        q = authorize_params(url)
        httpx.get(q["redirect_uri"], params={"error": "access_denied", "state": q["state"]},
                  timeout=10)

    with pytest.raises(AuthorizationDenied) as err:
        MastodonSignIn(server.base_url, creds, data_dir).sign_in_with_browser(deny, timeout_s=30)
    assert not isinstance(err.value, StateMismatch)


def test_browser_wait_times_out_and_cancel_stops_it(server, creds, data_dir):
    flow = MastodonSignIn(server.base_url, creds, data_dir)
    with pytest.raises(AuthorizationTimeout):
        flow.sign_in_with_browser(lambda url: None, timeout_s=0.3)

    flow = MastodonSignIn(server.base_url, creds, data_dir)
    started = threading.Event()
    box: dict[str, BaseException] = {}

    def run() -> None:
        try:
            flow.sign_in_with_browser(lambda url: started.set(), timeout_s=60)
        except BaseException as exc:  # noqa: BLE001
            box["exc"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(30)
    flow.cancel()  # from another thread, as the dialog's Cancel button does
    worker.join(10)
    assert not worker.is_alive()
    assert isinstance(box.get("exc"), AuthorizationCancelled)


def test_loopback_catcher_ignores_other_paths_and_idle_connections(server, creds, data_dir, capfd):
    idle: list[socket.socket] = []

    def stray_then_pick(url: str) -> None:
        q = authorize_params(url)
        port_base = q["redirect_uri"].rsplit("/", 1)[0]
        # a browser's speculative connection that never sends a request must not block it
        idle.append(socket.create_connection(("127.0.0.1", urlsplit(port_base).port), timeout=5))
        assert httpx.get(f"{port_base}/favicon.ico", timeout=10).status_code == 404
        assert httpx.get(q["redirect_uri"], timeout=10).status_code == 400  # no code
        Picker("alice")(url)

    flow = MastodonSignIn(server.base_url, creds, data_dir)
    try:
        assert flow.sign_in_with_browser(stray_then_pick, timeout_s=30).account.handle == "alice"
    finally:
        for sock in idle:
            sock.close()
    out, err = capfd.readouterr()  # the catcher does not print request lines (with the code)
    assert "mockcode_" not in out + err and "/callback?" not in out + err


# --------------------------------------------------------------------------- other flows


def test_paste_the_code_flow(server, creds, data_dir):
    flow = MastodonSignIn(server.base_url, creds, data_dir)
    pending = flow.begin_with_code()
    q = authorize_params(pending.url)
    assert q["redirect_uri"] == OOB_REDIRECT_URI and q["code_challenge_method"] == "S256"
    page = httpx.post(f"{server.base_url}/oauth/authorize", timeout=10, data={
        "username": "bob", "client_id": q["client_id"], "redirect_uri": OOB_REDIRECT_URI,
        "scope": q["scope"], "state": q["state"]})
    code = re.search(r"Authorization code: (\S+?)<", page.text).group(1)
    signed = flow.finish_with_code(pending, f"  {code}\n")
    assert signed.account.handle == "bob"


def test_pasted_token(server, creds, data_dir):
    signed = MastodonSignIn(server.base_url, creds, data_dir).sign_in_with_token(" alice_token ")
    assert signed.account.handle == "alice" and signed.token == "alice_token"


def test_bad_token_is_a_typed_error_without_the_token(server, creds, data_dir):
    bad = "zz-not-a-real-token-7c41e9"
    with pytest.raises(BadToken) as err:
        MastodonSignIn(server.base_url, creds, data_dir).sign_in_with_token(bad)
    assert isinstance(err.value, RelaisError)
    assert_clean(err.value, bad)


def test_unreachable_and_not_mastodon(creds, data_dir):
    with pytest.raises(ServerUnreachable):
        MastodonSignIn("http://127.0.0.1:9", creds, data_dir, timeout_s=5).sign_in_with_token("x")

    class Html(BaseHTTPRequestHandler):
        def _page(self) -> None:
            body = b"<html>a blog</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _page

        def log_message(self, *a: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Html)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        with pytest.raises(NotMastodon):
            MastodonSignIn(url, creds, data_dir).sign_in_with_browser(lambda u: None, timeout_s=5)
        with pytest.raises(NotMastodon):
            MastodonSignIn(url, creds, data_dir).sign_in_with_token("tok")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_normalize_server_and_pkce():
    assert normalize_server("mastodon.social") == "https://mastodon.social"
    assert normalize_server(" https://Mastodon.Social/about ") == "https://mastodon.social"
    assert normalize_server("@brand@piaille.fr") == "https://piaille.fr"
    assert normalize_server("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    for bad in ("", "   ", "ftp://x.org"):
        with pytest.raises(InvalidServer):
            normalize_server(bad)
    import base64
    import hashlib

    verifier, challenge = make_pkce()
    assert 43 <= len(verifier) <= 128 and re.fullmatch(r"[A-Za-z0-9_-]+", verifier)
    assert challenge == base64.urlsafe_b64encode(
        hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert make_pkce()[0] != verifier


# --------------------------------------------------------------------------- removing


def test_forget_account_deletes_the_secret_then_the_row(server, creds, data_dir):
    signed = MastodonSignIn(server.base_url, creds, data_dir).sign_in_with_token("carol_token")
    key = store_token(creds, signed.account, signed.token)
    db = open_database(data_dir)
    try:
        saved = add_account(db.sessions, signed.account, NOW)
        forget_account(creds, saved, lambda i: remove_account(db.sessions, i))
        assert creds.get(key) is None
        assert list_accounts(db.sessions) == []
    finally:
        db.close()


# --------------------------------------------------------------------------- the CLI
