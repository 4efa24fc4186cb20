"""Credentials: secrets in the system keyring, through a real (private) Secret Service."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
import uuid

import keyring
import keyring.errors
import pytest
from keyring.backends import SecretService, chainer, fail, null

from relais.core.credentials import (
    CredentialError,
    Credentials,
    InsecureKeyring,
    KeyringLocked,
    KeyringTimeout,
    KeyringUnavailable,
)
from relais.core.errors import RelaisError

SERVICE = "relais-test"
SECRET = "s3cr3t-token-9f2c71d0e4b8"  # must never show up in an error or a log


def new_key() -> str:
    return f"mastodon:https://social.example:{uuid.uuid4().hex}"


def secret_tool_lookup(key: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["secret-tool", "lookup", "service", SERVICE, "username", key],
        capture_output=True,
        text=True,
        timeout=10,
        env=dict(os.environ),  # the secret_service fixture points it at the private bus
    )


def assert_no_secret(exc: BaseException, secret: str = SECRET) -> None:
    """Neither the exception nor anything chained to it mentions the secret."""
    seen: BaseException | None = exc
    while seen is not None:
        assert secret not in str(seen)
        assert secret not in repr(seen)
        seen = seen.__cause__ or seen.__context__


# --------------------------------------------------------------------------- fakes
# Plain classes, not KeyringBackend subclasses: those register themselves with keyring,
# which could then pick one of them as the process's default backend.


class RecordingBackend:
    """Keeps secrets in a dict and records every write."""

    def __init__(self) -> None:
        self.stored: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service, username):
        self.calls.append("get")
        return self.stored.get((service, username))

    def set_password(self, service, username, password):
        self.calls.append("set")
        self.stored[(service, username)] = password

    def delete_password(self, service, username):
        self.calls.append("delete")
        try:
            del self.stored[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("No such password!") from None


class AltFileKeyring(RecordingBackend):
    """Stands for keyrings.alt's plaintext / encrypted file keyrings."""


AltFileKeyring.__module__ = "keyrings.alt.file"


class BlockingBackend(RecordingBackend):
    """A Secret Service whose unlock prompt nobody answers."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def set_password(self, service, username, password):
        self.release.wait()


class FailingBackend(RecordingBackend):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def _raise(self, *args):
        raise self.error

    get_password = set_password = delete_password = _raise


# --------------------------------------------------------------------------- the real thing


def test_round_trip_through_the_real_secret_service(secret_service):
    creds = Credentials(SERVICE, timeout_s=10, backend=secret_service)
    key = new_key()

    assert creds.check() == "keyring.backends.SecretService.Keyring"
    assert creds.get(key) is None

    creds.set(key, SECRET)
    assert creds.get(key) == SECRET

    creds.set(key, "rotated-token")
    assert creds.get(key) == "rotated-token"

    creds.delete(key)
    assert creds.get(key) is None
    creds.delete(key)  # already gone: not an error


def test_secrets_are_really_in_the_secret_service(secret_service):
    if shutil.which("secret-tool") is None:
        pytest.skip("secret-tool not found (apt install libsecret-tools)")
    creds = Credentials(SERVICE, backend=secret_service)
    key = new_key()

    creds.set(key, SECRET)
    found = secret_tool_lookup(key)
    assert found.returncode == 0, found.stderr
    assert found.stdout == SECRET

    creds.delete(key)
    assert secret_tool_lookup(key).returncode != 0


def test_keys_and_services_are_separate(secret_service):
    key = new_key()
    ours = Credentials(SERVICE, backend=secret_service)
    other = Credentials(SERVICE + "-other", backend=secret_service)

    ours.set(key, SECRET)
    other.set(key, "another-secret")
    try:
        assert ours.get(key) == SECRET
        assert other.get(key) == "another-secret"
        assert ours.get(new_key()) is None
    finally:
        ours.delete(key)
        other.delete(key)


# --------------------------------------------------------------------------- no keyring


@pytest.mark.parametrize("address", ["unix:path=/nonexistent/relais/bus", None])
def test_no_dbus_session_is_unavailable(monkeypatch, address):
    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    # A generous timeout: failing fast is what makes this KeyringUnavailable, not a timeout.
    creds = Credentials(SERVICE, timeout_s=10, backend=SecretService.Keyring())

    with pytest.raises(KeyringUnavailable) as info:
        creds.set(new_key(), SECRET)
    assert not isinstance(info.value, InsecureKeyring)
    assert info.value.operation == "set"
    assert_no_secret(info.value)

    with pytest.raises(KeyringUnavailable):
        creds.check()
    with pytest.raises(KeyringUnavailable):
        creds.get(new_key())


def test_dbus_without_a_secret_service_is_unavailable(monkeypatch, session_bus_without_keyring):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus_without_keyring)
    creds = Credentials(SERVICE, timeout_s=10, backend=SecretService.Keyring())

    with pytest.raises(KeyringUnavailable) as info:
        creds.set(new_key(), SECRET)
    assert_no_secret(info.value)
    with pytest.raises(KeyringUnavailable):
        creds.check()


# --------------------------------------------------------------------------- insecure backends


@pytest.mark.parametrize(
    ("backend", "name"),
    [
        (fail.Keyring(), "keyring.backends.fail.Keyring"),
        (null.Keyring(), "keyring.backends.null.Keyring"),
        (AltFileKeyring(), "keyrings.alt.file.AltFileKeyring"),
    ],
    ids=["fail", "null", "keyrings.alt"],
)
def test_insecure_backends_are_refused(backend, name):
    creds = Credentials(SERVICE, backend=backend)
    key = new_key()

    with pytest.raises(InsecureKeyring) as info:
        creds.set(key, SECRET)
    err = info.value
    assert err.backend_name == name
    assert (err.operation, err.key) == ("set", key)
    assert name in str(err)
    assert isinstance(err, KeyringUnavailable)  # there is no *secure* keyring
    assert isinstance(err, CredentialError) and isinstance(err, RelaisError)
    assert_no_secret(err)

    for call in (creds.check, lambda: creds.get(key), lambda: creds.delete(key)):
        with pytest.raises(InsecureKeyring):
            call()
    assert getattr(backend, "calls", []) == []  # never even asked to store anything


def test_the_default_backend_comes_from_keyring(monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(InsecureKeyring) as info:
        Credentials(SERVICE).set(new_key(), SECRET)
    assert info.value.backend_name == "keyring.backends.fail.Keyring"

    plain = RecordingBackend()
    monkeypatch.setattr(keyring, "get_keyring", lambda: plain)
    creds = Credentials(SERVICE)
    key = new_key()
    creds.set(key, SECRET)
    assert creds.get(key) == SECRET


def test_a_chainer_of_insecure_backends_is_refused(monkeypatch):
    alt = AltFileKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [alt, null.Keyring()])
    creds = Credentials(SERVICE, backend=chainer.ChainerBackend())

    with pytest.raises(InsecureKeyring) as info:
        creds.set(new_key(), SECRET)
    assert info.value.backend_name == "keyring.backends.chainer.ChainerBackend"
    assert info.value.chained == ("keyrings.alt.file.AltFileKeyring", "keyring.backends.null.Keyring")
    assert alt.calls == []

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(InsecureKeyring):
        Credentials(SERVICE, backend=chainer.ChainerBackend()).check()


def test_a_chainer_only_ever_uses_its_secure_member(monkeypatch):
    alt, secure = AltFileKeyring(), RecordingBackend()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [alt, secure])
    creds = Credentials(SERVICE, backend=chainer.ChainerBackend())
    key = new_key()

    creds.set(key, SECRET)
    assert creds.get(key) == SECRET
    assert secure.stored == {(SERVICE, key): SECRET}
    assert alt.calls == []


# --------------------------------------------------------------------------- timeouts, locks


def test_a_hanging_keyring_times_out():
    backend = BlockingBackend()
    creds = Credentials(SERVICE, timeout_s=0.5, backend=backend)
    key = new_key()
    try:
        with pytest.raises(KeyringTimeout) as info:
            creds.set(key, SECRET)
    finally:
        backend.release.set()  # let the abandoned worker thread finish
    err = info.value
    assert (err.timeout_s, err.operation, err.key) == (0.5, "set", key)
    assert "0.5 s" in str(err)
    assert_no_secret(err)


def test_a_locked_secret_service(monkeypatch, locked_secret_service):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", locked_secret_service)
    creds = Credentials(SERVICE, timeout_s=10, backend=SecretService.Keyring())

    with pytest.raises(KeyringLocked) as info:
        creds.set(new_key(), SECRET)
    assert "Prompt dismissed" in info.value.detail
    assert_no_secret(info.value)
    with pytest.raises(KeyringLocked):
        creds.check()


@pytest.mark.parametrize(
    "error",
    [
        keyring.errors.KeyringLocked("Failed to unlock the collection!"),
        keyring.errors.InitError("Failed to create the collection: Prompt dismissed."),
    ],
    ids=["locked", "prompt-dismissed"],
)
def test_a_locked_keyring(error):
    creds = Credentials(SERVICE, backend=FailingBackend(error))
    with pytest.raises(KeyringLocked) as info:
        creds.set(new_key(), SECRET)
    assert info.value.detail.endswith(str(error))
    assert info.value.__cause__ is error
    assert_no_secret(info.value)
    with pytest.raises(KeyringLocked):
        creds.get(new_key())


def test_other_keyring_errors_are_typed():
    creds = Credentials(SERVICE, backend=FailingBackend(keyring.errors.PasswordSetError("nope")))
    with pytest.raises(CredentialError) as info:
        creds.set(new_key(), SECRET)
    assert type(info.value) is CredentialError
    assert "PasswordSetError: nope" in str(info.value)


# --------------------------------------------------------------------------- no leaks


def test_a_backend_error_quoting_the_secret_is_scrubbed():
    creds = Credentials(
        SERVICE, backend=FailingBackend(keyring.errors.PasswordSetError(f"cannot store {SECRET}"))
    )
    with pytest.raises(CredentialError) as info:
        creds.set(new_key(), SECRET)
    assert "cannot store ***" in str(info.value)
    assert info.value.__cause__ is None  # the original, which quotes it, is dropped
    assert_no_secret(info.value)


def test_secrets_never_reach_the_logs(secret_service, caplog):
    caplog.set_level(logging.DEBUG)
    key = new_key()
    real = Credentials(SERVICE, backend=secret_service)
    real.check()
    real.set(key, SECRET)
    assert real.get(key) == SECRET
    real.delete(key)

    blocking = BlockingBackend()
    try:
        with pytest.raises(KeyringTimeout):
            Credentials(SERVICE, timeout_s=0.2, backend=blocking).set(key, SECRET)
    finally:
        blocking.release.set()
    with pytest.raises(InsecureKeyring):
        Credentials(SERVICE, backend=AltFileKeyring()).set(key, SECRET)

    assert caplog.records, "expected some keyring logging to check"
    assert SECRET not in caplog.text
    assert all(SECRET not in str(r.args) for r in caplog.records)


def test_bad_arguments_do_not_echo_the_secret():
    creds = Credentials(SERVICE, backend=RecordingBackend())
    with pytest.raises(ValueError):
        creds.set("", SECRET)
    with pytest.raises(ValueError):
        creds.set(new_key(), "")
    with pytest.raises(TypeError) as info:
        creds.set(new_key(), SECRET.encode())  # type: ignore[arg-type]
    assert SECRET not in str(info.value)
    with pytest.raises(ValueError):
        Credentials(SERVICE, timeout_s=0)
