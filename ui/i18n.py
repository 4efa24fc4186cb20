"""Translations: Relais' own .qm (compiled from resources/i18n/*.ts when missing or stale) and
Qt's own (standard buttons in French). The language follows the system unless set in Settings."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

log = logging.getLogger(__name__)

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = ("fr", "en")


def lrelease() -> str | None:
    import shutil

    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    try:
        import PySide6

        exe = Path(PySide6.__file__).parent / "lrelease"
        return str(exe) if exe.exists() else None
    except ImportError:
        return None


def compiled(lang: str, cache: Path | None = None) -> Path | None:
    """The .qm for ``lang``: shipped beside the .ts if current, else compiled into the cache.

    A .qm is "current" when it was built from the .ts as it is now (its hash is in the name),
    so a stale translation is never loaded.
    """
    ts = I18N / f"relais_{lang}.ts"
    if not ts.exists():
        return None
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    shipped = I18N / f"relais_{lang}.{digest}.qm"
    if shipped.exists():
        return shipped
    folder = cache or Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.CacheLocation)) / "i18n"
    qm = folder / f"relais_{lang}.{digest}.qm"
    if qm.exists():
        return qm
    tool = lrelease()
    if tool is None:
        log.warning("no lrelease: the %s translation cannot be compiled", lang)
        return None
    import subprocess  # only the first start after the .ts changed compiles

    folder.mkdir(parents=True, exist_ok=True)
    res = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True,
                         text=True, timeout=60, check=False)
    if res.returncode != 0 or not qm.exists():
        log.warning("lrelease failed for %s: %s", lang, res.stderr.strip()[:500])
        return None
    return qm


def system_language() -> str:
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


class Translations:
    """Installs and swaps the translators; widgets retranslate on QEvent.LanguageChange."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def remove(self) -> None:
        """Uninstall the translators this object installed (the source text shows again)."""
        app = QCoreApplication.instance()
        for t in self._installed:
            app.removeTranslator(t)
        self._installed = []

    def apply(self, setting: str = "") -> str:
        lang = setting if setting in LANGUAGES else system_language()
        app = QCoreApplication.instance()
        self.remove()
        if lang != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name in ("qtbase", "qt"):
                t = QTranslator(app)
                if t.load(f"{name}_{lang}", qt_dir):
                    app.installTranslator(t)
                    self._installed.append(t)
                    break
        # English has one too: the source text says "%n conversation(s)", it gives the plurals
        qm = compiled(lang)
        t = QTranslator(app)
        if qm is not None and t.load(str(qm)):
            app.installTranslator(t)
            self._installed.append(t)
        else:
            log.warning("no %s translation loaded", lang)
        QLocale.setDefault(QLocale(lang))
        self.language = lang
        return lang
