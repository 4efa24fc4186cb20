"""Brand accounts. Secrets are never stored here (see core.credentials)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..core.model import Account
from . import convert
from .models import AccountRow


def add_account(sessions: sessionmaker[Session], acc: Account, now: datetime) -> Account:
    with sessions.begin() as s:
        row = s.scalar(
            select(AccountRow).where(
                AccountRow.network == acc.network.value,
                AccountRow.server == acc.server,
                AccountRow.handle == acc.handle,
            )
        )
        if row is None:
            row = AccountRow(
                network=acc.network.value, server=acc.server, handle=acc.handle, created_at=now
            )
            s.add(row)
        row.display_name = acc.display_name
        row.external_id = acc.external_id
        row.time_zone = acc.time_zone
        row.needs_reconnect = False
        s.flush()
        return convert.account(row)


def list_accounts(sessions: sessionmaker[Session]) -> list[Account]:
    with sessions() as s:
        return [convert.account(r) for r in s.scalars(select(AccountRow).order_by(AccountRow.id))]


def mark_needs_reconnect(sessions: sessionmaker[Session], account_id: int, flag: bool = True) -> None:
    with sessions.begin() as s:
        row = s.get(AccountRow, account_id)
        if row is not None:
            row.needs_reconnect = flag


def set_post_limits(sessions: sessionmaker[Session], account_id: int, max_characters: int,
                    characters_per_url: int) -> None:
    with sessions.begin() as s:
        row = s.get(AccountRow, account_id)
        if row is not None:
            row.max_characters = max_characters or None
            row.characters_per_url = characters_per_url or None


def remove_account(sessions: sessionmaker[Session], account_id: int) -> None:
    with sessions.begin() as s:
        row = s.get(AccountRow, account_id)
        if row is not None:
            s.delete(row)
