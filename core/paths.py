"""Where Relais keeps its data when no ``--data-dir`` is given (pure Python, per platform)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def default_data_dir() -> Path:
    env = os.environ.get("RELAIS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "Relais"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Relais"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "relais"
