"""Helpers for the Mastodon sign-in tests: a person at the mock's account picker, the checks
that a token leaked nowhere, and the relais CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx


def authorize_params(url: str) -> dict[str, str]:
    assert "/oauth/authorize?" in url
    return dict(parse_qsl(urlsplit(url).query))


class Picker:
    """A browser and a person: opens the authorize URL, picks ``username`` on the mock's
    account picker (POST /oauth/authorize), follows the 302 to our loopback catcher."""

    def __init__(self, username: str = "alice", *, state: str | None = None) -> None:
        self.username, self.state = username, state
        self.urls: list[str] = []
        self.landed: list[httpx.Response] = []

    def __call__(self, url: str) -> None:
        self.urls.append(url)
        q = authorize_params(url)
        base = url.split("/oauth/authorize", 1)[0]
        form = {"username": self.username, "client_id": q["client_id"],
                "redirect_uri": q["redirect_uri"], "scope": q["scope"],
                "state": self.state if self.state is not None else q["state"]}
        with httpx.Client(timeout=10, follow_redirects=True) as c:
            self.landed.append(c.post(f"{base}/oauth/authorize", data=form))


def files_bytes(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_nowhere(secret: str, folder: Path) -> None:
    for path, data in files_bytes(folder).items():
        assert secret.encode() not in data, f"the token leaked into {path}"


def assert_clean(exc: BaseException, *secrets: str) -> None:
    seen: BaseException | None = exc
    while seen is not None:
        for s in secrets:
            assert s not in str(seen) and s not in repr(seen)
            assert all(s not in repr(a) for a in seen.args)
        seen = seen.__cause__ or seen.__context__


def relais_cli(data_dir: Path, *args: str, stdin: str | None = None,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", "relais.main", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, env=full_env,
                          input=stdin if stdin is not None else "")


# --------------------------------------------------------------------------- the browser flow
