"""Sync in the background: the relais-sync thread feeds the queue through queued signals."""

from __future__ import annotations

from datetime import timedelta

from helpers import wait_loaded
from fake_channels import ForwardChannel
from helpers import T0, msg, person

from relais.core.errors import Offline
from relais.ui.app import build

M = timedelta(minutes=1)


def test_background_sync_fills_the_queue_and_offline_is_shown(qtbot, data_dir, seed,
                                                              clock, secret_service) -> None:
    from relais.core.credentials import Credentials

    channel = ForwardChannel(seed.brand.id, [msg(str(i), person(str(i)), T0 + i * M, f"m{i}")
                                             for i in range(1, 4)], limit=5, floor=0)
    app = build(data_dir, clock=clock, start_sync=False, channels=lambda: [channel],
                credentials=Credentials(backend=secret_service))
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        with qtbot.waitSignal(app.bridge.synced, timeout=10_000):
            app.bridge.start()
        wait_loaded(qtbot, app.window.model)
        qtbot.waitUntil(lambda: app.window.model.rowCount() == 3)
        assert app.window.sync_label.text().startswith("Last sync")
        assert not app.window.offline_label.isVisible()
        # the network goes away: said in the status bar, the cached queue stays
        channel.fail_after = channel.calls
        with qtbot.waitSignal(app.bridge.failed, timeout=10_000) as failed:
            app.bridge.sync_now()
        assert isinstance(failed.args[0], Offline)
        qtbot.waitUntil(lambda: app.window.offline_label.isVisible())
        assert "Offline since" in app.window.offline_label.text()
        assert app.window.model.rowCount() == 3
        # it comes back with new messages: the status clears by itself
        channel.fail_after = None
        channel.items.append(msg("9", person("9"), T0 + 9 * M, "m9"))
        with qtbot.waitSignal(app.bridge.synced, timeout=10_000):
            app.bridge.sync_now()
        qtbot.waitUntil(lambda: app.window.model.rowCount() == 4)
        qtbot.waitUntil(lambda: not app.window.offline_label.isVisible())
    finally:
        app.close()


def test_window_geometry_and_splitters_are_remembered(qtbot, data_dir, seed,
                                                      secret_service) -> None:
    from relais.core.credentials import Credentials

    def open_window():  # noqa: ANN202
        app = build(data_dir, start_sync=False, credentials=Credentials(backend=secret_service))
        qtbot.addWidget(app.window)
        app.window.show()
        return app

    first = open_window()
    first.window.resize(790, 540)  # within the offscreen screen (800 × 600)
    qtbot.waitUntil(lambda: first.window.size().height() == 540)
    size = first.window.size()
    # the thread/history/reply splitter: the window is small offscreen (800 × 600), and
    # the queue and the panel are at their minimum widths side by side
    inner = first.window.panel.splitter
    default = inner.sizes()
    inner.setSizes([default[0] - 60, default[1] + 60, default[2]])
    sizes = inner.sizes()
    assert sizes != default
    first.window.close()  # saves the layout
    first.close()
    second = open_window()
    try:
        qtbot.waitUntil(lambda: second.window.size() == size)
        assert second.window.panel.splitter.sizes() == sizes
    finally:
        second.close()


def test_backfill_progress_is_shown(qtbot, relais) -> None:
    from relais.core.store import SaveResult
    from relais.core.sync import SyncEvent

    relais.window.on_sync_event(SyncEvent(1, "notifications", SaveResult(40, 0), True, (120, 500)))
    assert relais.window.sync_label.text() == "Fetching history… 120 of up to 500"
