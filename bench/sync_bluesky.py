"""Syncing N Bluesky mentions: Relais' first sync beside a bare httpx loop over the same pages.

    python bench/sync_bluesky.py [--n 2000] [--runs 3] [--conc 6] [--profile] [--pin]

The AT Protocol's own test network (tests/bluesky: throwaway PostgreSQL, our chat server,
@atproto/dev-env's PLC + PDS + AppView under Node 22), a brand and 30 customers. N posts
mentioning the brand (a facet on @brand.test; French/English, ~15% replies to earlier ones so
threads exist) are posted concurrently, timed apart; the bench waits until the brand has N
notifications (mentions only: no likes, follows or reposts, so both contestants see the same
items). Then R times, alternating:
  relais  fresh SQLite + SyncEngine(triage=triage_messages, db=ThreadPoolExecutor(1))
          .sync_channel(BlueskyChannel(...)) from empty, signed in with an app password (no DM
          access: streams notifications + replies): newest page, then all N by backfill, with
          getProfiles for authors and getPosts (a level at a time) for parents never met;
  bare    httpx.AsyncClient paging app.bsky.notification.listNotifications by cursor through
          the PDS with the brand's access token until the cursor ends, in Relais' page sizes:
          the newest page (limit=PAGE, 50), then the backfill's (limit=BACKFILL_PAGE, 100).
Requests are counted by httpx event hooks (by XRPC method); Relais' stages are timed inside its
runs and apart on the bare pages. --profile: one more Relais run under cProfile. --pin: the
network on core 0, the contestants on core 1 (Linux, 2 cores or more), so the client's CPU no
longer slows the server it waits for, as with a real, remote PDS. Target ≤ 1.3×.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests" / "bluesky"
for _p in (HERE, TESTS):  # `python bench/x.py` and `python -m bench.x` alike
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import bsky_helpers as bh  # noqa: E402  (tests/bluesky)
import conftest as bsky  # noqa: E402  (tests/bluesky/conftest.py: the network's start/stop)
from sync_mastodon import EN, FR, results_table, timed  # noqa: E402  (bench/)

from relais.core.channel import Page  # noqa: E402
from relais.core.clients.bluesky import (  # noqa: E402
    BACKFILL_PAGE,
    PAGE,
    REASONS,
    BlueskyChannel,
)
from relais.core.clients.bluesky_auth import (  # noqa: E402
    BlueskySession,
    read_secret,
    sign_in_blocking,
)
from relais.core.clients.bluesky_parse import person, post_message  # noqa: E402
from relais.core.clients.http import HttpClient  # noqa: E402
from relais.core.sync import SyncEngine  # noqa: E402
from relais.core.triage import triage_messages, warm_up  # noqa: E402
from relais.storage.accounts import add_account  # noqa: E402
from relais.storage.db import open_database  # noqa: E402
from relais.storage.store import SqlStore  # noqa: E402

OUT = HERE / "out" / "sync_bluesky"
N_CUSTOMERS = 30


# --- the network --------------------------------------------------------------------------
@contextmanager
def network() -> Iterator[bsky.BskyNetwork]:
    """The tests' Bluesky network (tests/bluesky/conftest.py), its log under bench/out."""
    OUT.mkdir(parents=True, exist_ok=True)
    log_path = OUT / "network.log"
    log_path.unlink(missing_ok=True)
    with bsky.start_network(log_path) as net:
        yield net


# --- cores -----------------------------------------------------------------------------------
def _tasks(pid: int) -> list[int]:
    try:
        return [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        return []


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def pin_apart() -> str:
    """The test network on the first core: this process's children (Node, PostgreSQL) and its
    threads running now besides the main one (the chat server, the network's log pump); the
    main thread, and the threads it starts later (Relais' db thread), on the second. The
    server as another machine, its CPU no longer shared with the client's. Linux only."""
    server, client = {0}, {1}
    me = os.getpid()
    moved = 0
    for pid in _descendants(me):
        for tid in _tasks(pid):
            try:
                os.sched_setaffinity(tid, server)
                moved += 1
            except OSError:
                pass
    import threading

    ours = {t.native_id for t in threading.enumerate() if t is not threading.main_thread()}
    for tid in _tasks(me):
        os.sched_setaffinity(tid, server if tid in ours else client)
    return f"pinned: the network ({moved} tasks, + {len(ours)} thread(s) here) on core 0, " \
           "Relais and the bare loop on core 1"


# --- seeding --------------------------------------------------------------------------------
def text(rng: random.Random, i: int, mention: str) -> tuple[str, str]:
    """(text, language): at most ~200 characters, under Bluesky's 300 graphemes."""
    lang = "fr" if rng.random() < 0.6 else "en"
    hi, body, end = FR if lang == "fr" else EN
    n = rng.randint(10000, 99999)
    parts = [rng.choice(hi), mention, body[rng.randrange(len(body))].format(n=n)]
    if rng.random() < 0.3:
        parts.append(body[rng.randrange(len(body))].format(n=n + 1).capitalize() + ".")
    return " ".join(p for p in parts if p) + rng.choice(end).format(n=i), lang


async def seed(net: Any, brand: bh.Account, customers: list[bh.Account], n: int,
               conc: int) -> float:
    """Post n mentions of the brand (~15% replies to posts of earlier chunks); seconds taken."""
    rng = random.Random(7)
    posted: list[tuple[dict[str, str], dict[str, str]]] = []  # (ref, its thread's root ref)
    async with httpx.AsyncClient(base_url=net.pds, timeout=60,
                                 limits=httpx.Limits(max_connections=conc)) as c:
        sem = asyncio.Semaphore(conc)

        last_ms = 0

        def created_at() -> str:
            # distinct milliseconds: the AppView's notification cursor is the sortAt alone
            # (``sortAt < cursor``), so posts sharing a createdAt at a page's edge are skipped
            nonlocal last_ms
            last_ms = max(int(time.time() * 1000), last_ms + 1)
            return datetime.fromtimestamp(last_ms / 1000, UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z")

        async def one(who: bh.Account, record: dict[str, Any]) -> dict[str, str]:
            async with sem:
                record["createdAt"] = created_at()  # when it is sent, not when it was written
                for attempt in range(6):  # a busy PDS on a loaded machine: retry gently
                    r = await c.post("/xrpc/com.atproto.repo.createRecord", json={
                        "repo": who.did, "collection": "app.bsky.feed.post", "record": record},
                        headers={"Authorization": f"Bearer {who.access_jwt}"})
                    if (r.status_code < 500 and r.status_code != 429) or attempt == 5:
                        break
                    await asyncio.sleep(0.5 * (attempt + 1))
                if not r.is_success:
                    raise bh.XrpcError(r)
                body = r.json()
                return {"uri": body["uri"], "cid": body["cid"]}

        t0, chunk = time.perf_counter(), 100
        for start in range(0, n, chunk):
            batch, roots = [], []
            for i in range(start, min(n, start + chunk)):
                who = customers[rng.randrange(len(customers))]
                body, lang = text(rng, i, brand.mention)
                record: dict[str, Any] = {
                    "$type": "app.bsky.feed.post", "text": body,
                    "facets": bh.mention_facets(body, [brand])}
                if rng.random() < 0.8:  # most clients say the language
                    record["langs"] = [lang]
                root = None
                if posted and rng.random() < 0.15:  # answer a post of an earlier chunk
                    near = rng.random() < 0.5
                    parent, root = (posted[-rng.randint(1, min(200, len(posted)))] if near
                                    else rng.choice(posted))
                    record["reply"] = {"root": root, "parent": parent}
                batch.append(one(who, record))
                roots.append(root)
            refs = await asyncio.gather(*batch)
            posted += [(ref, root or ref) for ref, root in zip(refs, roots, strict=True)]
            print(f"\r  posted {len(posted):,}/{n:,} ({len(posted) / (time.perf_counter() - t0):.0f}"
                  "/s)", end="", flush=True)
    print()
    return time.perf_counter() - t0


def wait_notified(net: Any, brand: bh.Account, n: int) -> float:
    """Seconds until the AppView has n unread notifications for the brand."""
    t0 = time.perf_counter()
    bh.wait_until(net, lambda: bh.xrpc(net, brand, "app.bsky.notification.getUnreadCount")
                  .json()["count"] >= n)
    return time.perf_counter() - t0


# --- the two contestants --------------------------------------------------------------------
def kind(path: str) -> str:
    return path.removeprefix("/xrpc/")


async def bare(pds: str, token: str, keep: bool = False) -> dict[str, Any]:
    reqs: Counter[str] = Counter()

    async def hook(r: httpx.Request) -> None:
        reqs[kind(r.url.path)] += 1

    pages: list[list[dict[str, Any]]] = []
    other = 0
    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=pds, event_hooks={"request": [hook]}, timeout=60,
                                 headers={"Authorization": f"Bearer {token}"}) as c:
        params: dict[str, str] = {"limit": str(PAGE)}  # Relais' pages: the newest, then
        while True:
            r = await c.get("/xrpc/app.bsky.notification.listNotifications", params=params)
            r.raise_for_status()
            data = r.json()
            items = data.get("notifications") or []
            if keep:
                pages.append(items)
            notes = [i for i in items if i.get("reason") in REASONS and i.get("record")]
            reqs["items"] += len(notes)
            other += len(items) - len(notes)
            if not items or not data.get("cursor"):
                break
            params["cursor"] = data["cursor"]
            params["limit"] = str(BACKFILL_PAGE)  # the backfill's
    return {"s": time.perf_counter() - t0, "msgs": reqs.pop("items", 0), "reqs": reqs,
            "pages": pages, "other": other}


async def relais(pds: str, signin: Any, n: int, chat_proxy: str,
                 db_prof: cProfile.Profile | None = None) -> dict[str, Any]:
    from sqlalchemy import text as sql

    reqs: Counter[str] = Counter()
    t: Counter[str] = Counter()

    async def hook(r: httpx.Request) -> None:
        reqs[kind(r.url.path)] += 1

    acc0 = signin.account
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as tmp:
        db = open_database(Path(tmp))
        acc = add_account(db.sessions, acc0, datetime.now(UTC))
        store = SqlStore(db.sessions)
        triage = triage_messages
        if db_prof is not None:  # the db thread runs one call at a time: one profiler for it
            save, triage = store.save_page, (lambda m: db_prof.runcall(triage_messages, m))
            store.save_page = lambda *a, **k: db_prof.runcall(save, *a, **k)
        store.save_page = timed(store.save_page, t, "store")
        http = HttpClient("bluesky", pds, handle=acc0.handle, event_hooks={"request": [hook]})
        session = BlueskySession(pds, signin.secret, handle=acc0.handle, http=http)
        ch = BlueskyChannel(acc.id, pds, signin.secret, acc0.external_id, handle=acc0.handle,
                            session=session, chat_proxy=chat_proxy, backfill_days=36500,
                            backfill_max=2 * n)
        xrpc = ch.xrpc

        async def timed_xrpc(method: str, nsid: str, **kw: Any) -> Any:  # summed: overlaps
            return await timed(xrpc, t, "http " + nsid)(method, nsid, **kw)
        ch.xrpc = timed_xrpc
        ch.fetch_new = timed(ch.fetch_new, t, "page")
        ch.backfill = timed(ch.backfill, t, "page")
        ch.profiles = timed(ch.profiles, t, "profiles")  # getProfiles, wall
        ch.with_threads = timed(ch.with_threads, t, "threads")  # getPosts + parse, wall
        ch.recheck = timed(ch.recheck, t, "recheck")  # waiting posts deleted? (getPosts)
        with ThreadPoolExecutor(1, thread_name_prefix="relais-db") as ex:
            engine = SyncEngine(store, clock=lambda: datetime.now(UTC), db=ex,
                                triage=timed(triage, t, "triage"))
            t0 = time.perf_counter()
            try:
                await engine.sync_channel(ch)
            finally:
                took = time.perf_counter() - t0
                await ch.aclose()
        with db.engine.connect() as c:
            stored = c.execute(sql("SELECT count(*) FROM message")).scalar_one()
        db.close()
    return {"s": took, "msgs": stored, "reqs": reqs, "t": t, "streams": ch.streams}


# --- Relais' stages apart, on the bare loop's pages ---------------------------------------------
def stages(pages: list[list[dict[str, Any]]], signin: Any) -> dict[str, float]:
    out: dict[str, float] = {}
    did = signin.account.external_id

    def clock(key: str, fn: Any) -> Any:
        t0 = time.perf_counter()
        r = fn()
        out[key] = time.perf_counter() - t0
        return r

    notes = [[i for i in p if i.get("reason") in REASONS and i.get("record")] for p in pages]
    msgs = clock("post_message (facets → html)", lambda: [
        [post_message(str(i["uri"]), i["record"], person(i["author"]), account_id=1,
                      brand_did=did, indexed_at=i.get("indexedAt")) for i in p] for p in notes])
    triaged = clock("triage_messages", lambda: [triage_messages(m) for m in msgs])
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as tmp:
        db = open_database(Path(tmp))
        acc = add_account(db.sessions, signin.account, datetime.now(UTC))
        clock("SqlStore.save_page", lambda: [SqlStore(db.sessions).save_page(acc.id, Page(
            "notifications", tuple(replace(x, account_ids=(acc.id,)) for x in m),
            {"cursor": str(k)},
            done=False, backfill=True, first_sync=True), datetime.now(UTC))
            for k, m in enumerate(triaged)])
        db.close()
    return out


def profile(pds: str, signin: Any, n: int, chat_proxy: str) -> str:
    """One more Relais run: the event loop's thread and the db thread profiled apart, each in
    its own CPU time (waits for the network or the GIL do not count)."""
    loop_prof, db_prof = cProfile.Profile(time.thread_time), cProfile.Profile(time.thread_time)
    loop_prof.enable()
    r = asyncio.run(relais(pds, signin, n, chat_proxy, db_prof=db_prof))
    loop_prof.disable()
    OUT.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    for name, prof in (("event loop", loop_prof), ("db thread (triage + store)", db_prof)):
        prof.dump_stats(OUT / f"relais-{name.split()[0]}.prof")
        print(f"--- {name}: by own time", file=buf)
        st = pstats.Stats(prof, stream=buf)
        st.sort_stats("tottime").print_stats(14)
        print(f"--- {name}: Relais' functions by cumulative time", file=buf)
        st.sort_stats("cumtime").print_stats(r"/(core|storage)/", 14)
    out = "\n".join(line.replace(str(HERE.parent) + "/", "") for line in buf.getvalue().splitlines()
                    if line.strip() and "Ordered by" not in line and "List reduced" not in line)
    return (f"profiled run: {r['s']:.2f} s (cProfile overhead included; "
            f"{OUT.relative_to(HERE.parent)}/relais-*.prof)\n" + out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--n", type=int, default=2_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--conc", type=int, default=6, help="concurrent posts while seeding")
    p.add_argument("--profile", action="store_true", help="one more Relais run under cProfile")
    p.add_argument("--pin", action="store_true",
                   help="the network on core 0, the contestants on core 1 (needs 2 cores)")
    a = p.parse_args()
    if a.pin and not (hasattr(os, "sched_getaffinity") and {0, 1} <= os.sched_getaffinity(0)):
        p.error("--pin needs Linux and cores 0 and 1")
    t0 = time.perf_counter()
    warm_up()
    prof_text = ""
    with network() as net:
        print(f"network: dev-env PDS {net.pds}, AppView {net.appview}, ready in "
              f"{time.perf_counter() - t0:.1f} s")
        t1 = time.perf_counter()
        brand = bh.create_account(net, "brand")
        customers = [bh.create_account(net, "cust") for _ in range(N_CUSTOMERS)]
        print(f"setup: brand + {N_CUSTOMERS} customers in {time.perf_counter() - t1:.1f} s")
        took = asyncio.run(seed(net, brand, customers, a.n, a.conc))
        lag = wait_notified(net, brand, a.n)
        print(f"setup: {a.n:,} mentions posted in {took:.1f} s ({a.n / took:.0f}/s, {a.conc} at "
              f"once), all notified {lag:.1f} s later ({a.n / (took + lag):.0f}/s overall)")
        print(pin_apart() if a.pin else
              f"not pinned: the network and the contestants share the {os.cpu_count()} cores")
        signin = sign_in_blocking(brand.handle, bh.create_app_password(net, brand),
                                  service=net.pds, plc=net.plc)
        token = read_secret(signin.secret)["access"]
        first = asyncio.run(bare(net.pds, token, keep=True))  # warm-up, and the pages
        print(f"  warm-up bare {first['s']:7.2f} s  {first['msgs']:,} messages "
              f"({first['other']} other notifications)", flush=True)
        res: dict[str, list[dict[str, Any]]] = {"relais": [], "bare": []}
        for i in range(a.runs):
            for m in ("relais", "bare") if i % 2 == 0 else ("bare", "relais"):
                r = asyncio.run(relais(net.pds, signin, a.n, net.chat_proxy) if m == "relais"
                                else bare(net.pds, token))
                res[m].append(r)
                print(f"  run {i + 1} {m:<6} {r['s']:7.2f} s  {r['msgs']:,} messages", flush=True)
        if a.profile:
            prof_text = profile(net.pds, signin, a.n, net.chat_proxy)
    side = stages(first["pages"], signin)

    def med(m: str) -> float:
        return statistics.median(r["s"] for r in res[m])

    pages = len(first["pages"])
    print(f"\nN = {a.n:,} mentions ({first['msgs']:,} notified), {pages} pages ({PAGE}, then "
          f"{BACKFILL_PAGE}), "
          f"{a.runs} runs each (+1 bare warm-up); Relais streams: "
          f"{', '.join(res['relais'][-1]['streams'])}")
    tm = results_table(res)
    fetch = sum(v for k, v in tm.items() if k in ("http app.bsky.notification.listNotifications",
                                                  "http app.bsky.feed.getAuthorFeed"))
    rest = med("relais") - tm["page"] - sum(tm.get(k, 0) for k in ("recheck", "triage", "store"))
    parse = tm["page"] - fetch - tm.get("profiles", 0) - tm.get("threads", 0)
    print("\nrelais, inside its runs (medians, s): fetch pages (wall) "
          f"{tm['page']:.2f} = listNotifications/getAuthorFeed {fetch:.2f} + getProfiles "
          f"{tm.get('profiles', 0):.2f} + threads (getPosts + parse of parents) "
          f"{tm.get('threads', 0):.2f} + parse of notifications {parse:.2f}; recheck "
          f"{tm.get('recheck', 0):.2f}; triage "
          f"{tm.get('triage', 0):.2f}; store {tm.get('store', 0):.2f} (triage and store run in "
          f"the db thread, overlapping the next fetch); engine/rest "
          f"{rest:.2f}\n"
          "  HTTP time summed by XRPC method (getPosts/getProfiles calls run 4 at once): "
          + ", ".join(
              f"{k[5:]} {v:.2f}" for k, v in sorted(tm.items()) if k.startswith("http")))
    print(f"relais stages apart, on the bare loop's {first['msgs']:,} notifications "
          "(one thread, s):")
    for k, v in side.items():
        print(f"  {k:<30}{v:>8.2f}")
    if prof_text:
        print("\n" + prof_text)
    import sqlite3

    print(f"\nmachine: {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, httpx {httpx.__version__}, SQLite {sqlite3.sqlite_version}")


if __name__ == "__main__":
    main()
