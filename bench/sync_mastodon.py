"""Syncing N Mastodon mentions: Relais' first sync beside a bare httpx loop over the same pages.

    python bench/sync_mastodon.py [--n 10000] [--runs 3] [--inproc]

mastodon-mock runs in a separate process (--inproc: MockServer's threads in this one, competing
for the GIL), seeded with a brand and 50 customers; N mentions of the brand (French/English, ~15%
replies to earlier ones) are posted concurrently, timed apart. Then R times, alternating:
  relais  fresh SQLite + SyncEngine(triage=triage_messages, db=ThreadPoolExecutor(1))
          .sync_channel(MastodonChannel(...)) from empty (newest page, then all N by backfill);
  bare    httpx.AsyncClient paging /api/v1/notifications?types[]=mention&limit=40 by max_id.
Requests are counted by httpx event hooks; Relais' stages are timed inside its runs and apart on
the bare pages; the background model scoring (not part of the sync) on a sample. Target ≤ 1.3×.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import socket
import statistics
import subprocess
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

from relais.core.channel import Page
from relais.core.clients import mastodon_parse as mp
from relais.core.clients.http import HttpClient
from relais.core.clients.mastodon import MastodonChannel
from relais.core.model import Account, Network
from relais.core.sync import SyncEngine
from relais.core.triage import model as triage_model
from relais.core.triage import triage_messages, warm_up
from relais.core.triage.sentiment import UNSURE
from relais.storage.accounts import add_account
from relais.storage.db import open_database
from relais.storage.store import SqlStore

TARGET = 1.3
OUT = Path(__file__).resolve().parent / "out" / "sync_mastodon"
BRAND, CUSTOMERS = "brand", [f"cust{i}" for i in range(1, 51)]
FR = (["Bonjour", "Salut", "Bonsoir", "Allô", ""],
      ["ma commande {n} n'est toujours pas arrivée, c'est inadmissible",
       "je veux être remboursé de la commande {n}, sinon je vais voir un avocat",
       "merci pour votre aide rapide, super service !", "le site plante à chaque paiement",
       "colis {n} livré cassé, que dois-je faire ?", "bravo à l'équipe, l'appli est géniale",
       "pouvez-vous m'aider à changer mon adresse de livraison ?",
       "troisième relance sans réponse… je résilie mon abonnement",
       "on m'a débité deux fois pour la commande {n}", "le produit est conforme, merci"],
      ["", " 😡", " 🙏", " Merci d'avance.", " Voir https://exemple.fr/photo/{n}", " #SAV", " 👏"])
EN = (["Hi", "Hello", "Hey", "Dear support,", ""],
      ["my order {n} still hasn't arrived, this is unacceptable",
       "I want a refund for order {n} or I'm calling my lawyer", "thanks for the quick help!",
       "the app crashes every time I pay", "parcel {n} arrived broken, what now?",
       "great job team, love the new update", "can you help me change my delivery address?",
       "third time asking, no answer… cancelling my subscription",
       "I was charged twice for order {n}", "all good now, thank you"],
      ["", " 😠", " 🙏", " Thanks in advance.", " See https://example.com/pic/{n}", " #help", " 👍"])


def text(rng: random.Random, i: int) -> str:
    hi, body, end = FR if rng.random() < 0.6 else EN
    n = rng.randint(10000, 99999)
    parts = [rng.choice(hi), f"@{BRAND}", body[rng.randrange(len(body))].format(n=n)]
    if rng.random() < 0.3:  # a longer message: a second sentence
        parts.append(body[rng.randrange(len(body))].format(n=n + 1).capitalize() + ".")
    return " ".join(p for p in parts if p) + rng.choice(end).format(n=i)


# --- the server ---------------------------------------------------------------------------------
@contextmanager
def server(inproc: bool) -> Iterator[str]:
    """The server's URL: brand + 50 customers seeded with tokens (`<username>_token`)."""
    accounts = [{"username": u, "display_name": u.title(), "access_token": f"{u}_token"}
                for u in [BRAND, *CUSTOMERS]]
    if inproc:
        from mastodon_mock.config import SeedConfig
        from mastodon_mock.testing import MockServer

        with MockServer(seed=SeedConfig.model_validate({"accounts": accounts})) as mock:
            yield mock.base_url
        return
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "mock.toml").write_text("".join("[[seed.accounts]]\n" + "".join(
        f'{k} = "{v}"\n' for k, v in acc.items()) for acc in accounts))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mastodon_mock", "serve", "--config", str(OUT / "mock.toml"),
         "--in-memory", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=(OUT / "server.log").open("w"))
    try:
        while proc.poll() is None:
            try:
                if httpx.get(url + "/api/v1/instance", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"mastodon-mock did not start (see {OUT / 'server.log'})")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


async def seed(url: str, n: int, conc: int = 16) -> str:
    """Post n mentions of the brand; the brand's account id."""
    rng = random.Random(7)
    posted: list[str] = []
    async with httpx.AsyncClient(base_url=url, timeout=60,
                                 limits=httpx.Limits(max_connections=conc)) as c:
        me = (await c.get("/api/v1/accounts/verify_credentials",
                          headers={"Authorization": f"Bearer {BRAND}_token"})).json()
        sem = asyncio.Semaphore(conc)

        async def one(i: int, data: dict[str, str]) -> str:
            async with sem:
                for attempt in range(5):  # the mock's SQLite can be busy on a loaded machine
                    r = await c.post("/api/v1/statuses", data=data, headers={
                        "Authorization": f"Bearer {CUSTOMERS[i % len(CUSTOMERS)]}_token"})
                    if r.status_code < 500 or attempt == 4:
                        break
                    await asyncio.sleep(0.2 * (attempt + 1))
                r.raise_for_status()
                return str(r.json()["id"])

        t0, chunk = time.perf_counter(), 200
        for start in range(0, n, chunk):  # replies answer statuses of earlier chunks
            batch = []
            for i in range(start, min(n, start + chunk)):
                data = {"status": text(rng, i)}
                if posted and rng.random() < 0.15:
                    near = rng.random() < 0.5  # half answer a recent status, half any earlier one
                    data["in_reply_to_id"] = (posted[-rng.randint(1, min(200, len(posted)))]
                                              if near else rng.choice(posted))
                batch.append(one(i, data))
            posted += await asyncio.gather(*batch)
            print(f"\r  posted {len(posted):,}/{n:,} ({len(posted) / (time.perf_counter() - t0):.0f}"
                  "/s)", end="", flush=True)
    print()
    return str(me["id"])


# --- the two contestants --------------------------------------------------------------------
def kind(path: str) -> str:
    if path.endswith("/context"):
        return "context"
    return path.removeprefix("/api/v1/").split("/")[0] + ("/requests" if "requests" in path else "")


async def bare(url: str, keep: bool = False) -> dict[str, Any]:
    reqs: Counter[str] = Counter()

    async def hook(r: httpx.Request) -> None:
        reqs[kind(r.url.path)] += 1

    pages: list[list[dict[str, Any]]] = []
    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, event_hooks={"request": [hook]}, timeout=60,
                                 headers={"Authorization": f"Bearer {BRAND}_token"}) as c:
        params: dict[str, str] = {"types[]": "mention", "limit": "40"}
        while True:
            items = (await c.get("/api/v1/notifications", params=params)).json()
            if not items:
                break
            pages.append(items) if keep else None
            reqs["items"] += len(items)
            if len(items) < 40:
                break
            params["max_id"] = str(items[-1]["id"])
    return {"s": time.perf_counter() - t0, "msgs": reqs.pop("items", 0), "reqs": reqs,
            "pages": pages}


def timed(fn: Any, t: Counter[str], key: str) -> Any:
    """fn, its time added to t[key] (store and triage run in the db thread, one at a time)."""
    async def afn(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return await fn(*a, **k)
        finally:
            t[key] += time.perf_counter() - t0

    def sfn(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            t[key] += time.perf_counter() - t0
    return afn if asyncio.iscoroutinefunction(fn) else sfn


async def relais(url: str, brand_id: str, n: int) -> dict[str, Any]:
    from sqlalchemy import text as sql

    reqs: Counter[str] = Counter()
    t: Counter[str] = Counter()

    async def hook(r: httpx.Request) -> None:
        reqs[kind(r.url.path)] += 1

    with tempfile.TemporaryDirectory(prefix="relais-bench-") as tmp:
        db = open_database(Path(tmp))
        acc = add_account(db.sessions, Account(Network.MASTODON, url, BRAND, "Brand", brand_id),
                          datetime.now(UTC))
        store = SqlStore(db.sessions)
        store.save_page = timed(store.save_page, t, "store")
        http = HttpClient("mastodon", url, token=f"{BRAND}_token", handle=BRAND,
                          event_hooks={"request": [hook]})
        ch = MastodonChannel(acc.id, url, f"{BRAND}_token", brand_id, http=http, handle=BRAND,
                             backfill_days=36500, backfill_max=2 * n)
        get = ch.http.get

        async def timed_get(path: str, params: Any = None) -> Any:  # summed: contexts overlap
            return await timed(get, t, "http " + kind(path))(path, params)
        ch.http.get = timed_get
        ch.fetch_new = timed(ch.fetch_new, t, "page")
        ch.backfill = timed(ch.backfill, t, "page")
        ch._messages = timed(ch._messages, t, "threads")  # contexts + parse/sanitise, wall
        with ThreadPoolExecutor(1, thread_name_prefix="relais-db") as ex:
            engine = SyncEngine(store, clock=lambda: datetime.now(UTC), db=ex,
                                triage=timed(triage_messages, t, "triage"))
            t0 = time.perf_counter()
            try:
                await engine.sync_channel(ch)
            finally:
                took = time.perf_counter() - t0
                await ch.aclose()
        with db.engine.connect() as c:
            stored = c.execute(sql("SELECT count(*) FROM message")).scalar_one()
        db.close()
    return {"s": took, "msgs": stored, "reqs": reqs, "t": t}


# --- Relais' stages apart, on the bare loop's pages ---------------------------------------------
def stages(pages: list[list[dict[str, Any]]], brand_id: str) -> dict[str, float]:
    out: dict[str, float] = {}

    def clock(key: str, fn: Any) -> Any:
        t0 = time.perf_counter()
        r = fn()
        out[key] = time.perf_counter() - t0
        return r

    sts = [[i["status"] for i in p if i.get("status")] for p in pages]
    clock("sanitise (nh3)", lambda: [mp.sanitize_html(s["content"]) for p in sts for s in p])
    clock("html_to_text", lambda: [mp.html_to_text(s["content"]) for p in sts for s in p])
    msgs = clock("status_message (both + rest)", lambda: [
        [mp.status_message(s, account_id=1, brand_id=brand_id) for s in p] for p in sts])
    triaged = clock("triage_messages", lambda: [triage_messages(m) for m in msgs])
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as tmp:
        db = open_database(Path(tmp))
        acc = add_account(db.sessions, Account(Network.MASTODON, "http://x", BRAND, "B", brand_id),
                          datetime.now(UTC))
        clock("SqlStore.save_page", lambda: [SqlStore(db.sessions).save_page(acc.id, Page(
            "notifications", tuple(replace(x, account_ids=(acc.id,)) for x in m),
            {"max_id": str(k)}, done=False, backfill=True, first_sync=True), datetime.now(UTC))
            for k, m in enumerate(triaged)])
        db.close()
    unsure = [m for p in triaged for m in p if m.language in ("fr", "en")
              and m.sentiment is not None and m.sentiment.confidence < UNSURE]
    out["unsure"] = len(unsure)
    if triage_model.available() and unsure:
        from relais.core.triage import analyse

        items = [(m.text, analyse(m.text, m.language)) for m in unsure[:256]]
        clock("model load", lambda: triage_model.refine_batch(items[:2]))
        clock("model", lambda: triage_model.refine_batch(items))
        out["model per msg"] = out.pop("model") / len(items)
    return out


def results_table(res: dict[str, list[dict[str, Any]]]) -> dict[str, float]:
    """Print the side-by-side table (medians, ratio, target, run by run) of both sync benches;
    the medians of Relais' inner timings."""
    def med(m: str) -> float:
        return statistics.median(r["s"] for r in res[m])

    head = f"{'mode':<8}{'median s':>10}{'min s':>8}{'msgs':>8}{'msgs/s':>9}{'× bare':>8}  requests"
    print(head + "\n" + "-" * (len(head) + 40))
    for m in ("relais", "bare"):
        r = res[m][-1]
        reqs = ", ".join(f"{v} {k}" for k, v in sorted(r["reqs"].items(), key=lambda kv: -kv[1]))
        print(f"{m:<8}{med(m):>10.2f}{min(x['s'] for x in res[m]):>8.2f}{r['msgs']:>8,}"
              f"{r['msgs'] / med(m):>9.0f}{med(m) / med('bare'):>8.2f}  "
              f"{sum(r['reqs'].values())} ({reqs})")
    ratio = med("relais") / med("bare")
    pairs = [r["s"] / b["s"] for r, b in zip(res["relais"], res["bare"], strict=True)]
    print(f"\ntarget relais ≤ {TARGET}× bare: {ratio:.2f}×  {'PASS' if ratio <= TARGET else 'FAIL'}"
          f"  (run by run: {', '.join(f'{x:.2f}' for x in pairs)}; median "
          f"{statistics.median(pairs):.2f})")
    return {k: statistics.median(r["t"][k] for r in res["relais"])
            for k in {k for r in res["relais"] for k in r["t"]}}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--inproc", action="store_true", help="MockServer in this process")
    a = p.parse_args()
    where = "in-process MockServer (threads)" if a.inproc else "separate process (mastodon_mock serve)"
    t0 = time.perf_counter()
    warm_up()
    with server(a.inproc) as url:
        print(f"server: {where} at {url}, ready in {time.perf_counter() - t0:.1f} s")
        t1 = time.perf_counter()
        brand_id = asyncio.run(seed(url, a.n))
        setup = time.perf_counter() - t1
        print(f"setup: {a.n:,} mentions posted in {setup:.1f} s ({a.n / setup:.0f}/s)")
        first = asyncio.run(bare(url, keep=True))  # warm-up (server caches), and the pages
        print(f"  warm-up bare {first['s']:7.2f} s  {first['msgs']:,} messages", flush=True)
        res: dict[str, list[dict[str, Any]]] = {"relais": [], "bare": []}
        for i in range(a.runs):
            for m in ("relais", "bare") if i % 2 == 0 else ("bare", "relais"):
                r = asyncio.run(relais(url, brand_id, a.n) if m == "relais"
                                else bare(url))
                res[m].append(r)
                print(f"  run {i + 1} {m:<6} {r['s']:7.2f} s  {r['msgs']:,} messages", flush=True)
    side = stages(first["pages"], brand_id)

    def med(m: str) -> float:
        return statistics.median(r["s"] for r in res[m])

    pages = len(first["pages"])
    print(f"\nN = {a.n:,} mentions, {pages} pages of 40, {a.runs} runs each (+1 bare warm-up), "
          f"server: {where}")
    tm = results_table(res)
    print("\nrelais, inside its runs (medians, s): fetch pages (wall) "
          f"{tm['page']:.2f} = notifications etc. {tm['page'] - tm['threads']:.2f} + statuses → "
          f"messages (parse, sanitise, thread contexts) {tm['threads']:.2f}; triage "
          f"{tm['triage']:.2f}; store {tm['store']:.2f}; engine/rest "
          f"{med('relais') - tm['page'] - tm['triage'] - tm['store']:.2f}\n  HTTP time summed by "
          "endpoint (contexts run 4 at once): " + ", ".join(
              f"{k[5:]} {v:.2f}" for k, v in sorted(tm.items()) if k.startswith("http")))
    print(f"relais stages apart, on the bare loop's {sum(map(len, first['pages'])):,} statuses "
          "(one thread, s):")
    for k, v in side.items():
        if k == "unsure":
            print(f"  {'lexicon-unsure messages':<30}{int(v):>8,}")
        elif k == "model per msg":
            print(f"  {'model scoring (background)':<30}{v * 1000:>8.1f} ms/msg → "
                  f"~{v * side['unsure']:.0f} s for the unsure ones (not in the sync)")
        else:
            print(f"  {k:<30}{v:>8.2f}")
    import sqlite3

    print(f"\nmachine: {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, httpx {httpx.__version__}, SQLite {sqlite3.sqlite_version}")


if __name__ == "__main__":
    main()
