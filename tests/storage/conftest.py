from __future__ import annotations

from pathlib import Path

import pytest

from helpers import T0

from relais.core.model import Account, Network
from relais.storage.accounts import add_account
from relais.storage.db import Database, open_database
from relais.storage.store import SqlStore



@pytest.fixture
def db(tmp_path: Path) -> Database:
    d = open_database(tmp_path)
    yield d
    d.close()


@pytest.fixture
def store(db: Database) -> SqlStore:
    return SqlStore(db.sessions)


@pytest.fixture
def brand(db: Database) -> Account:
    return add_account(
        db.sessions,
        Account(Network.MASTODON, "https://social.example", "brand", "Brand", "900"),
        T0,
    )


