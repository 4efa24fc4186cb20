"""Render the main window of a data folder to a PNG (the README's screenshot).

    python bench/seed.py /tmp/shot-data --messages 4000
    python bench/screenshot.py /tmp/shot-data fr resources/screenshots/main-window-fr.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from relais.ui.app import build, use_settings_in  # noqa: E402
from relais.ui.i18n import Translations  # noqa: E402


def main() -> None:
    data_dir, lang, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    use_settings_in(data_dir)
    translations = Translations()
    translations.apply(lang)
    relais = build(data_dir, translations=translations, start_sync=False)
    relais.window.resize(1440, 820)
    relais.window.show()

    def snap() -> None:
        relais.window.grab().save(out)
        print(f"saved {out}")
        app.quit()

    # let the first page and the selected thread land, then grab what is painted
    relais.window.model.loaded.connect(lambda: QTimer.singleShot(600, snap))
    app.exec()
    relais.close()


if __name__ == "__main__":
    main()
