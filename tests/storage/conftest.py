from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import T0

from relais.core.model import Account, Network
from relais.storage.accounts import add_account
from relais.storage.db import DB_NAME, Database, open_database
from relais.storage.store import SqlStore



@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test gets a copy (the migrations have their own tests)."""
    folder = tmp_path_factory.mktemp("template")
    open_database(folder).close()
    return folder / DB_NAME


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Database:
    shutil.copyfile(migrated_template, tmp_path / DB_NAME)
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


