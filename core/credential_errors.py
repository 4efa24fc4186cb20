"""What can go wrong with the system keyring, as typed errors (no keyring import here, so the
UI can name them without loading keyring and its D-Bus stack at start)."""

from __future__ import annotations

from relais.core.errors import RelaisError


class CredentialError(RelaisError):
    """A secret could not be stored, read or deleted.

    ``operation`` is ``"set"``, ``"get"``, ``"delete"`` or ``"check"``; ``key`` is the
    credential's key (never the secret itself), empty for ``check``.
    """

    def __init__(self, message: str, *, operation: str = "", key: str = "") -> None:
        where = f" ({operation} {key!r})" if operation and key else (
            f" ({operation})" if operation else ""
        )
        super().__init__(message + where)
        self.operation = operation
        self.key = key


class KeyringUnavailable(CredentialError):
    """No usable secure keyring: no D-Bus session, no Secret Service, no backend at all."""

    def __init__(self, detail: str = "", *, operation: str = "", key: str = "") -> None:
        message = "no secure system keyring is available"
        super().__init__(f"{message}: {detail}" if detail else message, operation=operation, key=key)
        self.detail = detail


class InsecureKeyring(KeyringUnavailable):
    """The only keyring backend at hand would store secrets in a file, or not at all.

    A kind of :class:`KeyringUnavailable` (there is no *secure* keyring); ``backend_name``
    is the refused backend's dotted class name, e.g. ``keyrings.alt.file.PlaintextKeyring``;
    for a chainer with no secure member, ``chained`` holds its members' names.
    """

    def __init__(
        self,
        backend_name: str,
        chained: tuple[str, ...] = (),
        *,
        operation: str = "",
        key: str = "",
    ) -> None:
        shown = f"{backend_name} [{', '.join(chained)}]" if chained else backend_name
        CredentialError.__init__(
            self,
            f"refusing insecure keyring backend {shown}: "
            "secrets are only kept in the system keyring, never in a file",
            operation=operation,
            key=key,
        )
        self.detail = f"insecure backend {shown}"
        self.backend_name = backend_name
        self.chained = chained


class KeyringLocked(CredentialError):
    """The keyring is locked and was not unlocked (prompt dismissed, wrong password)."""

    def __init__(self, detail: str = "", *, operation: str = "", key: str = "") -> None:
        message = "the keyring is locked"
        super().__init__(f"{message}: {detail}" if detail else message, operation=operation, key=key)
        self.detail = detail


class KeyringTimeout(CredentialError):
    """The keyring did not answer within ``timeout_s`` seconds (e.g. an unanswered prompt)."""

    def __init__(self, timeout_s: float, *, operation: str = "", key: str = "") -> None:
        super().__init__(
            f"the keyring did not answer within {timeout_s:g} s", operation=operation, key=key
        )
        self.timeout_s = timeout_s
