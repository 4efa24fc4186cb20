"""The loopback redirect listener of the browser sign-in (RFC 8252): a tiny HTTP server on
``127.0.0.1`` that catches the ``code`` and ``state`` the browser brings back to
``http://127.0.0.1:PORT/callback``, answers with a short page, and hands them over once.

Pure Python (no Qt); :meth:`LoopbackCatcher.wait` blocks the calling thread. Nothing it
logs or prints contains the code.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .mastodon_auth import (
    CALLBACK_PATH,
    LOOPBACK_HOST,
    AuthorizationCancelled,
    AuthorizationTimeout,
)

__all__ = ["Callback", "LoopbackCatcher"]


@dataclass(frozen=True, slots=True)
class Callback:
    """What the browser brought back to the loopback redirect."""

    code: str = field(default="", repr=False)
    state: str = field(default="", repr=False)
    error: str = ""


_DONE_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Relais</title></head>"
    "<body style='font-family:sans-serif;margin:3em'><h1>Relais</h1><p>{text}</p></body></html>"
)


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CatcherServer
    timeout = 10.0  # per connection: a browser's idle pre-connection gives up, never hangs

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        if parts.path != CALLBACK_PATH:
            self._answer(404, "Not found.")
            return
        query = parse_qs(parts.query)
        first = {k: v[0] for k, v in query.items() if v}
        result = Callback(code=first.get("code", ""), state=first.get("state", ""),
                          error=first.get("error", ""))
        if not result.code and not result.error:
            self._answer(400, "This address is for Relais to receive your authorisation.")
            return
        if result.error:
            text = "The authorisation was refused. You can close this tab."
        else:
            text = "Relais received the authorisation. You can close this tab and go back to Relais."
        self._answer(200, text)
        self.server.catcher._deliver(result)

    def _answer(self, status: int, text: str) -> None:
        body = _DONE_PAGE.format(text=html.escape(text)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # The default writes the request line (with the code in it) to stderr: never.
        pass


class _CatcherServer(ThreadingHTTPServer):
    """One thread per connection (browsers open speculative connections that stay idle)."""

    catcher: LoopbackCatcher
    daemon_threads = True


class LoopbackCatcher:
    """A tiny HTTP server on ``127.0.0.1`` (a free port) that catches the OAuth redirect.

    Use as a context manager; ``redirect_uri`` is ``http://127.0.0.1:PORT/callback``.
    :meth:`wait` returns the first callback, or raises on timeout or :meth:`cancel`.
    """

    def __init__(self, server: str = "") -> None:
        self._for = server  # only for error messages
        self._httpd: _CatcherServer | None = None
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._result: Callback | None = None
        self._cancelled = False

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the catcher is not listening")
        return int(self._httpd.server_address[1])

    @property
    def redirect_uri(self) -> str:
        return f"http://{LOOPBACK_HOST}:{self.port}{CALLBACK_PATH}"

    def start(self) -> LoopbackCatcher:
        if self._httpd is None:
            httpd = _CatcherServer((LOOPBACK_HOST, 0), _CallbackHandler)
            httpd.catcher = self
            self._httpd = httpd
            self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                            name="relais-oauth-callback", daemon=True)
            self._thread.start()
        return self

    def close(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            self._thread = None

    def __enter__(self) -> LoopbackCatcher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _deliver(self, result: Callback) -> None:
        if not self._done.is_set():
            self._result = result
            self._done.set()

    def cancel(self) -> None:
        """Make :meth:`wait` raise :class:`AuthorizationCancelled` now (any thread)."""
        self._cancelled = True
        self._done.set()

    def wait(self, timeout_s: float) -> Callback:
        if not self._done.wait(timeout_s):
            raise AuthorizationTimeout(self._for, timeout_s)
        if self._result is None or self._cancelled:
            raise AuthorizationCancelled(self._for, "cancelled")
        return self._result
