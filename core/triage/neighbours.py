"""At-risk second opinion: a negative message that reads like messages of customers at risk.

The risk patterns (risk.py) catch the phrasings they were written for; customers say "this is
my last month with you" or "credit my account" in endless other ways. This opinion compares the
message's embedding (the same multilingual-e5-small `query` embedding as model.py) with a bank
of labelled customer messages written by the Relais team (data/risk_bank.npz, built by
data/build_risk_bank.py from bench/data: at risk with their reason, or not — merely
disappointed reviews, how-to questions, praise). When at least NEED of the K nearest are at
risk, the message is flagged with their majority reason, marked as inferred: "~cancel" (see
`inferred`). Only for negative messages the patterns did not flag (TRIGGER), in the model's
background thread, never on the sync path.

K, NEED and TRIGGER were chosen by leave-one-set-out over the team's sets (each set written in
one sitting by one writer), never on bench/data/heldout_* or ../shared/data; see
data/build_risk_bank.py --cv.
"""

from __future__ import annotations

import threading
from collections import Counter
from importlib import resources

BANK_FILE = "risk_bank.npz"  # in relais.core.triage.data
K = 5  # neighbours consulted
NEED = 3  # of them at risk, to flag
TRIGGER = -0.3  # only messages whose sentiment score is at or below this (negative)
INFERRED = "~"  # prefix of an inferred reason code: "~refund"

_lock = threading.Lock()
_state: dict = {}


def inferred(reason: str) -> str:
    return INFERRED + reason


def is_inferred(reason: str) -> bool:
    return reason.startswith(INFERRED)


def base_reason(reason: str) -> str:
    """The reason code without its inferred mark: "~cancel" -> "cancel"."""
    return reason.removeprefix(INFERRED)


def _read_bank():
    """(unit vectors (n, d) float32, reasons: "" when not at risk), or None when missing."""
    import numpy as np

    path = resources.files("relais.core.triage").joinpath("data").joinpath(BANK_FILE)
    try:
        with path.open("rb") as f, np.load(f, allow_pickle=False) as npz:
            vectors = np.asarray(npz["vectors"], dtype=np.float32)
            reasons = tuple(str(r) for r in npz["reasons"])
    except (OSError, KeyError, ValueError):
        return None
    if vectors.ndim != 2 or len(reasons) != len(vectors):
        return None
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return vectors, reasons


def bank():
    """The loaded bank (vectors, reasons), or None when the file is missing or invalid."""
    if "bank" not in _state:
        with _lock:
            if "bank" not in _state:
                _state["bank"] = _read_bank()
    return _state["bank"]


def wants(score: float, reasons: tuple[str, ...]) -> bool:
    """Whether a message (its sentiment score, its pattern reasons) gets this opinion."""
    return not reasons and score <= TRIGGER


def vote(embeddings, k: int = K, need: int = NEED) -> list[tuple[str, ...]]:
    """For each embedding row: (inferred reason,) when at least `need` of its `k` nearest
    bank messages are at risk (their most common reason; the nearest breaks a tie), else ()."""
    import numpy as np

    loaded = bank()
    emb = np.asarray(embeddings, dtype=np.float32)
    if loaded is None or emb.size == 0:
        return [() for _ in range(len(emb))]
    vectors, reasons = loaded
    emb = emb.reshape(len(emb), -1)
    emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
    sims = emb @ vectors.T
    k = min(k, len(reasons))
    out: list[tuple[str, ...]] = []
    for row in np.argsort(-sims, axis=1)[:, :k]:
        risky = [reasons[j] for j in row if reasons[j]]  # nearest first
        if len(risky) < need:
            out.append(())
            continue
        counts = Counter(risky)
        best = max(counts.values())
        out.append((inferred(next(r for r in risky if counts[r] == best)),))
    return out
