"""Secrets (access tokens, app passwords, refresh tokens) in the system keyring.

A thin wrapper over :mod:`keyring` that

* runs every keyring call on a daemon worker thread and gives up after ``timeout_s``
  (a Secret Service unlock prompt can block forever) with :class:`KeyringTimeout`;
* refuses backends that would write secrets to a file or drop them
  (:class:`InsecureKeyring`), instead of silently falling back to them;
* turns keyring / Secret Service failures into typed :class:`CredentialError` subclasses
  that the UI can explain.

A secret is never logged, and never part of an exception message: messages are built
here from the operation and the key, and a backend's own message is only kept once the
secret has been scrubbed from it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from relais.core.credential_errors import (
    CredentialError,
    InsecureKeyring,
    KeyringLocked,
    KeyringTimeout,
    KeyringUnavailable,
)

try:  # SecretStorage only exists where the Secret Service backend can be used (Linux, BSD).
    import secretstorage.exceptions as _ss_errors
except ImportError:  # pragma: no cover - other platforms
    _ss_errors = None  # type: ignore[assignment]

__all__ = [
    "CredentialError",
    "Credentials",
    "InsecureKeyring",
    "KeyringLocked",
    "KeyringTimeout",
    "KeyringUnavailable",
    "backend_name",
    "is_insecure_backend",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Modules whose backends store secrets in files (plaintext or "encrypted" with a key that
#: sits next to them) rather than in the operating system's keyring.
INSECURE_MODULE_PREFIXES: tuple[str, ...] = ("keyrings.alt", "keyrings.cryptfile")
#: keyring's own backends that store nothing at all.
_NON_STORING_BACKENDS: tuple[type, ...] = (fail.Keyring, null.Keyring)

_CHECK_KEY = "relais:keyring-check"


# --------------------------------------------------------------------------- backends


def backend_name(backend: object) -> str:
    """Dotted class name of a keyring backend, e.g. ``keyring.backends.SecretService.Keyring``."""
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_insecure_backend(backend: object) -> bool:
    """True for backends that keep secrets in a file or do not keep them at all.

    A :class:`~keyring.backends.chainer.ChainerBackend` is judged by its members, see
    :meth:`Credentials.check`.
    """
    if isinstance(backend, _NON_STORING_BACKENDS):
        return True
    for cls in type(backend).__mro__:
        module = getattr(cls, "__module__", "") or ""
        if any(module == p or module.startswith(p + ".") for p in INSECURE_MODULE_PREFIXES):
            return True
    return False


def _secure_backend(backend: KeyringBackend, operation: str = "", key: str = "") -> KeyringBackend:
    """The backend to use, or raise :class:`InsecureKeyring`.

    A chainer is replaced by its best secure member, so that a read or a write can never
    fall through to an insecure one chained behind it.
    """
    if isinstance(backend, chainer.ChainerBackend):
        members = list(backend.backends)
        secure = [
            b for b in members
            if not isinstance(b, chainer.ChainerBackend) and not is_insecure_backend(b)
        ]
        if not secure:
            raise InsecureKeyring(
                backend_name(backend),
                tuple(backend_name(b) for b in members),
                operation=operation,
                key=key,
            )
        return secure[0]
    if is_insecure_backend(backend):
        raise InsecureKeyring(backend_name(backend), operation=operation, key=key)
    return backend


# --------------------------------------------------------------------------- error mapping


def _chain(err: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = err
    while cur is not None and cur not in seen:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _is_unavailable(err: BaseException) -> bool:
    if isinstance(err, keyring.errors.NoKeyringError):
        return True
    if _ss_errors is not None and isinstance(err, _ss_errors.SecretServiceNotAvailableException):
        return True
    # jeepney connecting to a missing / refused D-Bus socket: FileNotFoundError,
    # ConnectionRefusedError, ... (SecretStorage only wraps some of them).
    return isinstance(err, OSError)


def _is_locked(err: BaseException) -> bool:
    if isinstance(err, (keyring.errors.KeyringLocked, keyring.errors.InitError)):
        return True
    return _ss_errors is not None and isinstance(
        err, (_ss_errors.LockedException, _ss_errors.PromptDismissedException)
    )


def _scrub(text: str, secret: str | None) -> str:
    if secret and secret in text:
        return text.replace(secret, "***")
    return text


def _translate(
    err: BaseException, operation: str, key: str, secret: str | None
) -> CredentialError:
    if isinstance(err, CredentialError):
        return err
    chain = _chain(err)
    detail = _scrub(f"{type(err).__name__}: {err}".rstrip(": "), secret)
    if any(_is_unavailable(e) for e in chain):
        return KeyringUnavailable(detail, operation=operation, key=key)
    if any(_is_locked(e) for e in chain):
        return KeyringLocked(detail, operation=operation, key=key)
    return CredentialError(f"keyring error: {detail}", operation=operation, key=key)


def _leaks(err: BaseException, secret: str | None) -> bool:
    if not secret:
        return False
    return any(secret in str(e) or any(secret in repr(a) for a in e.args) for e in _chain(err))


# --------------------------------------------------------------------------- the wrapper


class Credentials:
    """Secrets of one application (``service``) in the system keyring, by key.

    Keys look like ``"mastodon:https://server:account-id"``. Every call runs on a daemon
    thread and raises :class:`KeyringTimeout` after ``timeout_s`` seconds; the blocked
    thread is abandoned (it cannot be cancelled), which is why it is a daemon.

    ``backend`` injects a keyring backend (tests); by default ``keyring.get_keyring()``,
    resolved lazily on the first call (on the worker thread: detection talks to D-Bus).
    """

    def __init__(
        self,
        service: str = "relais",
        timeout_s: float = 10.0,
        backend: KeyringBackend | None = None,
    ) -> None:
        if not service:
            raise ValueError("service must be a non-empty string")
        if not timeout_s > 0:
            raise ValueError("timeout_s must be positive")
        self.service = service
        self.timeout_s = float(timeout_s)
        self._injected = backend
        self._resolved: KeyringBackend | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Credentials(service={self.service!r}, timeout_s={self.timeout_s:g})"

    # -- public API

    def check(self) -> str:
        """Make sure a secure keyring is usable; return its backend's dotted class name.

        Resolves the backend (refusing insecure ones) and reads a key that does not exist,
        which reaches the keyring for real: D-Bus, the Secret Service, an unlocked collection.
        Raises :class:`InsecureKeyring`, :class:`KeyringUnavailable`, :class:`KeyringLocked`
        or :class:`KeyringTimeout`.
        """

        def probe() -> str:
            backend = self._backend("check", "")
            backend.get_password(self.service, _CHECK_KEY)
            return backend_name(backend)

        name = self._call("check", "", probe)
        log.debug("keyring check passed: %s", name)
        return name

    def set(self, key: str, secret: str) -> None:
        """Store (or replace) the secret for ``key``."""
        self._check_key(key)
        if not isinstance(secret, str):
            raise TypeError(f"secret must be a str, not {type(secret).__name__}")
        if not secret:
            raise ValueError("secret must not be empty")
        self._call(
            "set",
            key,
            lambda: self._backend("set", key).set_password(self.service, key, secret),
            secret=secret,
        )
        log.debug("stored a secret for %s", key)

    def get(self, key: str) -> str | None:
        """The secret for ``key``, or None if there is none."""
        self._check_key(key)
        secret = self._call("get", key, lambda: self._backend("get", key).get_password(self.service, key))
        log.debug("looked up %s: %s", key, "found" if secret is not None else "none")
        return secret

    def delete(self, key: str) -> None:
        """Forget the secret for ``key``; a key without a secret is not an error."""
        self._check_key(key)

        def remove() -> bool:
            try:
                self._backend("delete", key).delete_password(self.service, key)
            except keyring.errors.PasswordDeleteError:
                return False
            return True

        removed = self._call("delete", key, remove)
        log.debug("deleted %s: %s", key, "removed" if removed else "there was none")

    # -- internals

    @staticmethod
    def _check_key(key: str) -> None:
        if not isinstance(key, str) or not key:
            raise ValueError("key must be a non-empty string")

    def _backend(self, operation: str, key: str) -> KeyringBackend:
        """The secure backend to use (on the worker thread); raises InsecureKeyring."""
        with self._lock:
            if self._resolved is None:
                candidate = self._injected if self._injected is not None else keyring.get_keyring()
                self._resolved = _secure_backend(candidate, operation, key)
            return self._resolved

    def _call(
        self, operation: str, key: str, fn: Callable[[], T], *, secret: str | None = None
    ) -> T:
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["result"] = fn()
            except BaseException as exc:  # noqa: BLE001 - handed back to the caller
                box["error"] = exc
            finally:
                done.set()

        worker = threading.Thread(target=work, name=f"relais-keyring-{operation}", daemon=True)
        worker.start()
        if not done.wait(self.timeout_s):
            log.warning("keyring %s of %s timed out after %g s", operation, key, self.timeout_s)
            raise KeyringTimeout(self.timeout_s, operation=operation, key=key)
        if "error" in box:
            err: BaseException = box.pop("error")
            if not isinstance(err, Exception):  # KeyboardInterrupt, SystemExit in the worker
                raise err
            translated = _translate(err, operation, key, secret)
            if translated is err:
                raise err
            # Keep the original for debugging, unless the backend put the secret in it.
            raise translated from (None if _leaks(err, secret) else err)
        return box.get("result")  # type: ignore[return-value]
