"""French first: the window in French, Qt's own strings too, and a live switch back to English."""

from __future__ import annotations

from helpers import wait_loaded, T0, msg, person
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox

from relais.ui import settings
from relais.ui.queue_model import Col


def header(model, col: Col) -> str:  # noqa: ANN001
    return model.headerData(col, Qt.Orientation.Horizontal)


def test_switch_to_french_and_back(qtbot, relais, seed) -> None:
    seed(msg("1", person("1", followers=1), T0, "Bonjour"))
    relais.window.refresh()
    win, model = relais.window, relais.window.model
    wait_loaded(qtbot, model, 1)
    relais.translations.apply("en")
    win.menus.lang_actions["fr"].trigger()  # Settings ▸ Language ▸ Français
    assert settings.LANGUAGE.get() == "fr" and win.menus.lang_actions["fr"].isChecked()
    # widgets retranslate when Qt delivers its LanguageChange event
    qtbot.waitUntil(lambda: win.windowTitle() == "Relais — file de réponses")
    assert header(model, Col.SLA) == "Temps restant"
    assert win.filters.risk_box.text() == "Clients à risque seulement"
    assert win.count_label.text() == "1 conversation"
    assert win.filters.status_box.currentText() == "En attente"
    assert model.index(0, Col.SLA).data() == "55 min"
    assert "1 abonné" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    # Qt's own strings come in French too
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    win.menus.lang_actions["en"].trigger()
    qtbot.waitUntil(lambda: win.filters.status_box.currentText() == "Waiting")
    assert header(model, Col.SLA) == "Time left"
    assert win.count_label.text() == "1 conversation"  # English plurals: never "(s)"
    assert QCoreApplication.translate("Labels", "Waiting") == "Waiting"
