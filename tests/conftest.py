"""Shared pytest fixtures.

``secret_service``: a real, private Secret Service (its own D-Bus session bus and an
unlocked gnome-keyring-daemon in a throwaway HOME), so that tests that store secrets never
touch the developer's own keyring. See docs/testing.md, "A real Secret Service, headless".
"""

from __future__ import annotations

import os
import secrets
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing
from pathlib import Path

import pytest

SECRETS_BUS_NAME = "org.freedesktop.secrets"
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0

# A session bus with no <servicedir>: nothing is D-Bus-activated on it, so a keyring daemon
# we did not start (locked, prompting, hanging) can never appear behind our back.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _require(*programs: str) -> None:
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        pytest.skip(f"a private Secret Service needs D-Bus and gnome-keyring, not {sys.platform}")
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not found: cannot start a private Secret Service "
            "(apt install dbus gnome-keyring)"
        )


def _log_tail(log_path: Path) -> str:
    try:
        return log_path.read_text(errors="replace")[-2000:]
    except OSError:
        return ""


def _stop(proc: subprocess.Popen) -> None:
    """Terminate a daemon we started, then kill it if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT_S)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _read_until(proc: subprocess.Popen, deadline: float, *, eof: bool) -> bytes:
    """Read the process's stdout up to the first newline (or to EOF), before ``deadline``."""
    fd = proc.stdout.fileno()
    data = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"{proc.args[0]} did not answer within {START_TIMEOUT_S:g} s")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 4096)
        if not chunk:  # EOF
            return data
        data += chunk
        if not eof and b"\n" in data:
            return data


def _start_session_bus(workdir: Path, log, stack: ExitStack) -> str:
    """Start a private ``dbus-daemon``; return its address. Stopped when ``stack`` closes."""
    socket_dir = workdir / "bus"
    socket_dir.mkdir(mode=0o700)
    config = workdir / "session.conf"
    config.write_text(_BUS_CONFIG.format(socket_dir=socket_dir))
    proc = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=log,
    )
    stack.callback(_stop, proc)
    try:
        address = _read_until(proc, time.monotonic() + START_TIMEOUT_S, eof=False).decode().strip()
    except TimeoutError as exc:
        pytest.fail(f"private dbus-daemon did not start: {exc}\n{_log_tail(Path(log.name))}")
    if not address:
        pytest.fail(f"private dbus-daemon exited ({proc.poll()}):\n{_log_tail(Path(log.name))}")
    return address


def _daemon_env(workdir: Path, address: str) -> dict[str, str]:
    """The environment of a daemon: a fresh home, the private bus, no display to prompt on."""
    home = workdir / "home"
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DBUS_", "GNOME_KEYRING", "XDG_", "DISPLAY", "WAYLAND_"))
        and k != "SSH_AUTH_SOCK"
    }
    dirs = {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_RUNTIME_DIR": workdir / "runtime",
    }
    for path in dirs.values():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update({k: str(v) for k, v in dirs.items()})
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    return env


def _start_keyring_daemon(
    workdir: Path, address: str, log, stack: ExitStack, *, unlock: bool = True
) -> None:
    """Start a ``gnome-keyring-daemon`` on the bus at ``address`` (with ``unlock``, its login
    collection created and unlocked); wait until it owns ``org.freedesktop.secrets``.
    Stopped when ``stack`` closes."""
    from jeepney import MatchRule, message_bus
    from jeepney.io.blocking import open_dbus_connection

    deadline = time.monotonic() + START_TIMEOUT_S
    with closing(open_dbus_connection(address)) as conn:
        # Subscribe before starting the daemon, so that its claim on the name cannot be missed.
        rule = MatchRule(
            type="signal",
            sender=message_bus.bus_name,
            interface=message_bus.interface,
            member="NameOwnerChanged",
            path=message_bus.object_path,
        )
        rule.add_arg_condition(0, SECRETS_BUS_NAME)
        conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=START_TIMEOUT_S)
        with conn.filter(rule, bufsize=16) as owner_changes:
            proc = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
                + (["--unlock"] if unlock else []),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=_daemon_env(workdir, address),
            )
            stack.callback(_stop, proc)
            # --unlock reads the password on stdin, creates the "login" collection and
            # unlocks it. The password is random: nothing outside this session can use it.
            # Without it, the first use needs a prompt, and no prompter can run on our bus.
            if unlock:
                proc.stdin.write(secrets.token_hex(16).encode())
            proc.stdin.close()
            try:
                # In the foreground the daemon closes its stdout once it is initialised.
                _read_until(proc, deadline, eof=True)
                reply = conn.send_and_get_reply(
                    message_bus.NameHasOwner(SECRETS_BUS_NAME), timeout=START_TIMEOUT_S
                )
                owned = bool(reply.body[0])
                while not owned:
                    if proc.poll() is not None:
                        break
                    signal = conn.recv_until_filtered(
                        owner_changes, timeout=max(deadline - time.monotonic(), 0.01)
                    )
                    owned = bool(signal.body[2])  # (name, old_owner, new_owner)
            except TimeoutError as exc:
                pytest.fail(f"gnome-keyring-daemon did not start: {exc}\n{_log_tail(Path(log.name))}")
            if not owned:
                pytest.fail(
                    f"gnome-keyring-daemon exited ({proc.poll()}) without serving "
                    f"{SECRETS_BUS_NAME}:\n{_log_tail(Path(log.name))}"
                )


@pytest.fixture(scope="session")
def secret_service() -> Iterator[object]:
    """A real Secret Service on a private D-Bus session; yields a
    ``keyring.backends.SecretService.Keyring`` bound to it.

    For the whole test session ``os.environ["DBUS_SESSION_BUS_ADDRESS"]`` points at the
    private bus (restored at the end), so ``secret-tool`` or a new backend reach it too.
    Its default ("login") collection is unlocked. Skips where dbus-daemon or
    gnome-keyring-daemon is missing.
    """
    _require("dbus-daemon", "gnome-keyring-daemon")
    from keyring.backends import SecretService

    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    with tempfile.TemporaryDirectory(prefix="relais-ss-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        log = stack.enter_context(open(workdir / "daemons.log", "wb"))
        address = _start_session_bus(workdir, log, stack)
        _start_keyring_daemon(workdir, address, log, stack)
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            backend = SecretService.Keyring()
            # Raises (with the reason) unless the Secret Service answers on the private bus.
            assert SecretService.Keyring.priority > 0
            yield backend
        finally:
            if saved is None:
                os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


@pytest.fixture(scope="session")
def session_bus_without_keyring() -> Iterator[str]:
    """The address of a private D-Bus session bus on which no Secret Service runs (and none
    can be activated). Does not touch ``os.environ``."""
    _require("dbus-daemon")
    with tempfile.TemporaryDirectory(prefix="relais-bus-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        log = stack.enter_context(open(workdir / "daemons.log", "wb"))
        yield _start_session_bus(workdir, log, stack)


@pytest.fixture(scope="session")
def locked_secret_service() -> Iterator[str]:
    """The address of a private D-Bus session bus whose gnome-keyring-daemon was started
    without ``--unlock``: using it needs a password prompt, which is dismissed at once (no
    prompter can be activated on the bus). Does not touch ``os.environ``."""
    _require("dbus-daemon", "gnome-keyring-daemon")
    with tempfile.TemporaryDirectory(prefix="relais-ss-locked-") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        log = stack.enter_context(open(workdir / "daemons.log", "wb"))
        address = _start_session_bus(workdir, log, stack)
        _start_keyring_daemon(workdir, address, log, stack, unlock=False)
        yield address
