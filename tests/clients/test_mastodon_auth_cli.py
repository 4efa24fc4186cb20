"""`relais account add mastodon` and `relais account remove`: the CLI signs in (a token on
stdin, a pasted code, the browser), keeps the token in the real (private) Secret Service only,
and says what went wrong without it. Against mastodon-mock over loopback."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import httpx
from mastodon_auth_helpers import assert_nowhere, authorize_params, relais_cli

from relais.core.clients.mastodon_auth import OOB_REDIRECT_URI
from relais.core.clients.registry import token_key
from relais.storage.accounts import list_accounts
from relais.storage.db import open_database


def test_cli_token_stdin_then_remove(server, creds, tmp_path):
    data = tmp_path / "cli"
    res = relais_cli(data, "account", "add", "mastodon", "--server", server.base_url,
                     "--token-stdin", stdin="alice_token\n")
    assert res.returncode == 0, res.stderr
    assert "@alice" in res.stdout
    assert "alice_token" not in res.stdout + res.stderr
    db = open_database(data)
    try:
        [acc] = list_accounts(db.sessions)
    finally:
        db.close()
    key = token_key(acc)
    assert creds.get(key) == "alice_token"
    assert_nowhere("alice_token", data)

    listed = relais_cli(data, "account", "list")
    assert listed.returncode == 0 and "@alice" in listed.stdout

    res = relais_cli(data, "account", "remove", str(acc.id))
    assert res.returncode == 0, res.stderr
    assert creds.get(key) is None
    assert "@alice" not in relais_cli(data, "account", "list").stdout
    assert relais_cli(data, "account", "remove", str(acc.id)).returncode == 1  # no such account


def test_cli_bad_token_says_so_in_french_without_the_token(server, tmp_path, secret_service):
    bad = "zz-not-a-real-token-4b1f"
    res = relais_cli(tmp_path / "cli", "--lang", "fr", "account", "add", "mastodon",
                     "--server", server.base_url, "--token-stdin", stdin=bad)
    assert res.returncode == 1
    assert "jeton" in res.stderr.lower()
    assert bad not in res.stdout + res.stderr


def test_cli_no_browser_pastes_the_code(server, creds, tmp_path):
    data = tmp_path / "cli"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "relais.main", "--data-dir", str(data), "account", "add",
         "mastodon", "--server", server.base_url, "--no-browser"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        url = ""
        for line in proc.stdout:  # the CLI prints the address, then waits for the code
            if "/oauth/authorize?" in line:
                url = line.strip()
                break
        assert url, proc.stderr.read()
        q = authorize_params(url)
        assert q["redirect_uri"] == OOB_REDIRECT_URI
        page = httpx.post(f"{server.base_url}/oauth/authorize", timeout=10, data={
            "username": "carol", "client_id": q["client_id"], "redirect_uri": OOB_REDIRECT_URI,
            "scope": q["scope"], "state": q["state"]})
        code = re.search(r"Authorization code: (\S+?)<", page.text).group(1)
        out, err = proc.communicate(code + "\n", timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "@carol" in out
    db = open_database(data)
    try:
        [acc] = list_accounts(db.sessions)
    finally:
        db.close()
    token = creds.get(token_key(acc))
    assert token
    assert token not in out + err
    assert_nowhere(token, data)


PICKER_SCRIPT = """
import sys
from urllib.parse import parse_qsl, urlsplit
import httpx
url = sys.argv[1]
q = dict(parse_qsl(urlsplit(url).query))
base = url.split("/oauth/authorize", 1)[0]
r = httpx.post(base + "/oauth/authorize", follow_redirects=True, timeout=10, data={
    "username": "bob", "client_id": q["client_id"], "redirect_uri": q["redirect_uri"],
    "scope": q["scope"], "state": q["state"]})
sys.exit(0 if r.status_code == 200 else 1)
"""


def test_cli_signs_in_with_the_browser(server, creds, tmp_path):
    """The default: `webbrowser.open` (here $BROWSER: a script that picks bob on the mock's
    account picker) and the loopback catcher."""
    script = tmp_path / "browser.py"
    script.write_text(PICKER_SCRIPT)
    data = tmp_path / "cli"
    res = relais_cli(data, "account", "add", "mastodon", "--server", server.base_url,
                     "--timeout", "60", env={"BROWSER": f"{sys.executable} {script} %s"})
    assert res.returncode == 0, res.stderr
    assert "/oauth/authorize?" in res.stdout and "@bob" in res.stdout
    db = open_database(data)
    try:
        [acc] = list_accounts(db.sessions)
    finally:
        db.close()
    token = creds.get(token_key(acc))
    assert token and token not in res.stdout + res.stderr
    assert_nowhere(token, data)
