"""A real window on a real X server (Xvfb, platform xcb), not only offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import T0, msg, person
from PySide6.QtGui import QImage

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (CI runs Xvfb)")
def test_main_window_renders_under_xcb(data_dir, seed, tmp_path) -> None:
    seed(msg("1", person("1", "anne"), T0, "Où est mon colis ? 📦 Déçue…"))
    out = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    res = subprocess.run([sys.executable, str(BENCH / "screenshot.py"), str(data_dir), "fr",
                          str(out)], capture_output=True, text=True, timeout=60, env=env,
                         stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 50  # painted widgets and text, not a blank surface
