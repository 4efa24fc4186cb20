"""A real Mastodon API over loopback (mastodon-mock, in-process), and a real SQLite store.

One server for the whole session. Each test starts from the seed (``reset``), or, in modules
marked ``own_brand``, gets a brand account of its own (the mock's ``/api/v1/_mock/dev_user``,
far cheaper than a reset) and no faults. Customers are extra seeded accounts with tokens, so
tests post as them over real HTTP. Faults are always given short delays (the mock's defaults
are minutes long: see testing.md, quirk 7). Helpers are reached through the ``mock`` fixture,
never by ``from conftest import``: tests/conftest.py has the same module name.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from mastodon_mock.config import SeedAccount, SeedConfig
from mastodon_mock.testing import MockServer

from relais.core.clients.http import HttpClient
from relais.core.clients.mastodon import MastodonChannel
from relais.core.model import Account, Network
from relais.storage.accounts import add_account
from relais.storage.db import Database, open_database
from relais.storage.store import SqlStore

CUSTOMERS = [f"cust{i}" for i in range(1, 7)]
SEED = SeedConfig(
    accounts=[
        SeedAccount(username="alice", display_name="Alice Brand", access_token="alice_token"),
        SeedAccount(username="bob", display_name="Bob", access_token="bob_token"),
        SeedAccount(username="carol", display_name="Carol", access_token="carol_token"),
        *(SeedAccount(username=c, display_name=c.title(), access_token=f"{c}_token")
          for c in CUSTOMERS),
    ],
)


class Recorder:
    """An injected sleep that returns at once, and a count of the HTTP requests made."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.requests: list[str] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def on_request(self, request: httpx.Request) -> None:
        self.requests.append(f"{request.method} {request.url.path}")


@pytest.fixture(scope="session")
def mastodon_server() -> Iterator[MockServer]:
    with MockServer(seed=SEED) as server:
        yield server


@dataclass
class Mock:
    """The server, and helpers that act as the customers and the brand do."""

    server: MockServer
    http: httpx.Client
    brand: str = "alice"  # the brand account's username, unique to the test
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    customers: tuple[str, ...] = tuple(CUSTOMERS)

    def token(self, who: str) -> str:
        return self.tokens.get(who, f"{who}_token")

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(who)}"}

    @property
    def url(self) -> str:
        return self.server.base_url

    def post(self, who: str, text: str, **params: Any) -> dict[str, Any]:
        r = self.http.post("/api/v1/statuses", data={"status": text, **params},
                           headers=self.auth(who))
        r.raise_for_status()
        return r.json()

    def get(self, who: str, path: str, **params: Any) -> Any:
        r = self.http.get(path, params=params, headers=self.auth(who))
        r.raise_for_status()
        return r.json()

    def account_id(self, who: str) -> str:
        if who not in self.ids:
            self.ids[who] = str(self.get(who, "/api/v1/accounts/verify_credentials")["id"])
        return self.ids[who]

    def fault(self, path: str, effect: dict[str, Any], *, count: int | None = 1,
              methods: tuple[str, ...] = ("GET",)) -> str:
        r = self.http.post("/api/v1/_mock/faults", json={
            "match": {"methods": list(methods), "path": path}, "effect": effect, "count": count})
        r.raise_for_status()
        return r.json()["id"]

    def clear_faults(self) -> None:
        for rule in self.http.get("/api/v1/_mock/faults").json():
            self.http.delete(f"/api/v1/_mock/faults/{rule['id']}")

    def post_many(self, posts: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """Post as several customers at once (the mock takes ~35 ms a post); in list order."""
        async def main() -> list[dict[str, Any]]:
            sem = asyncio.Semaphore(8)
            async with httpx.AsyncClient(base_url=self.url, timeout=30) as c:
                async def one(who: str, data: dict[str, Any]) -> dict[str, Any]:
                    async with sem:
                        r = await c.post("/api/v1/statuses", data=data,
                                         headers=self.auth(who))
                        r.raise_for_status()
                        return r.json()
                return list(await asyncio.gather(*(one(w, d) for w, d in posts)))
        return asyncio.run(main())

    def mentions(self, n: int, tag: str) -> set[str]:
        """``n`` public mentions of the brand by the customers; their ids."""
        return {p["id"] for p in self.post_many(
            [(self.customers[i % len(self.customers)], {"status": f"@{self.brand} {tag} {i}"})
             for i in range(n)])}

    def client(self, rec: Recorder, token: str | None = None, **kw: Any) -> HttpClient:
        """Our HttpClient as the brand: instant recorded sleeps, fixed jitter, counted calls."""
        kw.setdefault("timeout_s", 2.0)
        return HttpClient("mastodon", self.url, token=token or self.token(self.brand),
                          handle=self.brand, sleep=rec.sleep,
                          rand=lambda: 0.5, event_hooks={"request": [rec.on_request]}, **kw)

    def channel(self, rec: Recorder, account_id: int, **kw: Any) -> MastodonChannel:
        http = self.client(rec, **kw.pop("http_kw", {}))
        return MastodonChannel(account_id, self.url, self.token(self.brand),
                               self.account_id(self.brand), http=http, handle=self.brand, **kw)

    @staticmethod
    async def sync(engine: Any, channel: MastodonChannel) -> int:
        """One ``SyncEngine.sync_channel`` pass, then the channel's connections closed."""
        try:
            return await engine.sync_channel(channel)
        finally:
            await channel.aclose()


_brands = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "own_brand: the `mock` fixture gives the test a brand account of its own "
        "instead of resetting the server (faster; the seeded accounts are then shared)")


@pytest.fixture
def mock(mastodon_server: MockServer, request: pytest.FixtureRequest) -> Iterator[Mock]:
    """The server from its seed (``reset``), the brand being ``alice``; with the ``own_brand``
    marker, a fresh brand account instead (``mock.brand``), no reset, no faults left."""
    with httpx.Client(base_url=mastodon_server.base_url, timeout=30) as client:
        if request.node.get_closest_marker("own_brand") is None:
            client.post("/api/v1/_mock/reset").raise_for_status()  # (no httpx2 needed)
            yield Mock(mastodon_server, client)
            return
        client.delete("/api/v1/_mock/faults").raise_for_status()
        name = f"brand{next(_brands)}"
        made = client.post("/api/v1/_mock/dev_user",
                           json={"username": name, "display_name": "Brand"})
        made.raise_for_status()
        yield Mock(mastodon_server, client, brand=name,
                   tokens={name: made.json()["access_token"]}, ids={name: made.json()["id"]})
        client.delete("/api/v1/_mock/faults")


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-db") as ex:
        yield ex


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    d = open_database(tmp_path)
    yield d
    d.close()


@pytest.fixture
def store(db: Database) -> SqlStore:
    return SqlStore(db.sessions)


@pytest.fixture
def brand(db: Database, mock: Mock) -> Account:
    return add_account(db.sessions, Account(Network.MASTODON, mock.url, mock.brand, "Brand",
                                            mock.account_id(mock.brand)), datetime.now(UTC))


# --- the sign-in tests (test_mastodon_auth*.py) ---------------------------------------------
@pytest.fixture
def creds(secret_service):  # noqa: ANN001, ANN201
    from relais.core.credentials import Credentials

    return Credentials(backend=secret_service)


@pytest.fixture
def server(mastodon_mock_server):  # noqa: ANN001, ANN201
    """A fresh mastodon-mock per test (its own port, so its own keyring keys)."""
    return mastodon_mock_server
