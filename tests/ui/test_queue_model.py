"""The queue model: qtmodeltester, keyset paging as the view scrolls, loads off the GUI thread."""

from __future__ import annotations

import threading
from datetime import timedelta

from helpers import wait_loaded, T0, msg, person

from relais.storage.db import open_database
from relais.storage.queue_read import QueueReader
from relais.ui.queue_model import PAGE, Col, ReplyQueueModel, Role
from relais.ui.tasks import Tasks

M = timedelta(minutes=1)


def test_model_passes_qtmodeltester_and_pages_by_keyset(qtbot, qtmodeltester, data_dir, seed,
                                                          clock) -> None:
    seed(*[msg(str(i), person(str(i)), T0 + i * M, f"m{i}") for i in range(PAGE + 30)])
    db = open_database(data_dir)
    tasks = Tasks()
    threads: list[str] = []
    original = tasks.query

    def spy(fn, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        def wrapped():  # noqa: ANN202
            threads.append(threading.current_thread().name)
            return fn()
        return original(wrapped, *a, **kw)

    tasks.query = spy
    reader = QueueReader(db.path)
    model = ReplyQueueModel(reader, tasks, clock)
    try:
        model.reload()
        wait_loaded(qtbot, model, PAGE)
        assert model.canFetchMore()
        model.fetchMore()
        wait_loaded(qtbot, model, PAGE + 30)
        assert not model.canFetchMore()
        excerpts = [model.index(r, Col.EXCERPT).data() for r in range(model.rowCount())]
        assert excerpts == [f"m{i}" for i in range(PAGE + 30)]  # no gap, no repeat at the seam
        assert model.index(0, 0).data(Role.ITEM).customer.handle == "user0"
        qtmodeltester.check(model, force_py=True)
        assert threads and all(t.startswith("relais-read") for t in threads)
        assert threading.current_thread().name == "MainThread"
    finally:
        tasks.shutdown()
        reader.close()
        db.close()
