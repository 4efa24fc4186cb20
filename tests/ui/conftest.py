from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import T0  # noqa: E402

from relais.core.channel import Page  # noqa: E402
from relais.core.model import Account, Network  # noqa: E402
from relais.storage.accounts import add_account  # noqa: E402
from relais.storage.db import open_database  # noqa: E402
from relais.storage.store import SqlStore  # noqa: E402


class FakeClock:
    """An injected clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0 + timedelta(minutes=5))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    from relais.ui.app import use_settings_in

    d = tmp_path / "data"
    d.mkdir()
    use_settings_in(d)  # settings of this test only
    return d


@pytest.fixture
def seed(data_dir: Path):  # noqa: ANN201
    """seed(*messages): save them through the real store, as a sync would."""
    db = open_database(data_dir)
    brand = add_account(db.sessions, Account(Network.MASTODON, "https://social.example", "brand",
                                             "Brand", "900"), T0)

    def save(*messages, now=T0):  # noqa: ANN001, ANN002
        SqlStore(db.sessions).save_page(brand.id, Page("notifications", tuple(messages), {}, True),
                                        now)

    save.db = db
    save.brand = brand
    yield save
    db.close()


@pytest.fixture
def relais(qtbot, data_dir, seed, clock, secret_service):  # noqa: ANN001, ANN201
    """The whole GUI on a seeded data folder, sync not started, the clock injected, and a real
    (private) Secret Service for the logins."""
    from relais.core.credentials import Credentials
    from relais.ui.app import build

    app = build(data_dir, clock=clock, start_sync=False,
                credentials=Credentials(backend=secret_service))
    app.translations.apply("en")  # as run_gui does (English: plural forms)
    qtbot.addWidget(app.window)
    app.window.resize(1200, 700)
    app.window.show()
    yield app
    app.close()
    app.translations.remove()  # the QApplication outlives the test
