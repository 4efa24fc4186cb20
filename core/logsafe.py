"""Logging that never writes a secret: a filter that redacts tokens, and quiet HTTP loggers."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_PATTERNS = [
    (re.compile(r"(?i)(authorization\s*[:=]\s*(?:bearer|basic|dpop)?\s*)[^\s'\",]+"), r"\1***"),
    (re.compile(r"(?i)((?:access|refresh)_?token|api_?key|app_?password|password|client_secret"
                r"|code_verifier|accessJwt|refreshJwt)(['\"]?\s*[:=]\s*['\"]?)[^\s'\"&,}]+"),
     r"\1\2***"),
]


def redact(text: str) -> str:
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites ``Authorization: Bearer …``, ``access_token=…`` and friends to ``***``."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = redact(msg)
        if clean != msg:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text)
        return True


def setup_logging(log_dir: Path | None, *, level: int = logging.INFO, verbose: bool = False) -> None:
    """Console at WARNING (INFO if verbose), plus a rotated file in ``log_dir`` when given."""
    root = logging.getLogger()
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    console = logging.StreamHandler()
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    handlers.append(console)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            log_dir / "relais.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"))
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(RedactSecrets())
        root.addHandler(h)
    # httpx logs every URL, query string included, at INFO (encode/httpx#2547)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
