"""The at-risk neighbour vote (core.triage.neighbours) on a small bank of known vectors."""

import numpy as np
import pytest

from relais.core.triage import neighbours


@pytest.fixture
def small_bank():
    # four directions: 0 and 1 at risk (cancel, refund), 2 and 3 not (disappointed, praise)
    eye = np.eye(4, dtype=np.float32)
    vectors = np.concatenate([eye[[0]] * 1.0, eye[[0]] * 0.9 + eye[[1]] * 0.1, eye[[0]],
                              eye[[1]], eye[[1]], eye[[2]], eye[[2]], eye[[3]]])
    reasons = ("cancel", "cancel", "refund", "refund", "refund", "", "", "")
    saved = neighbours._state.pop("bank", None)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    neighbours._state["bank"] = (vectors / norms, reasons)
    yield
    neighbours._state.pop("bank", None)
    if saved is not None:
        neighbours._state["bank"] = saved


def test_enough_neighbours_at_risk_give_their_reason_marked_inferred(small_bank) -> None:
    # nearest to direction 0: cancel, cancel, refund -> cancel (the majority)
    assert neighbours.vote([[1.0, 0.0, 0.0, 0.0]], k=3, need=2) == [("~cancel",)]
    # nearest to direction 1: refund x2 then the cancel leaning that way -> refund
    assert neighbours.vote([[0.0, 1.0, 0.0, 0.0]], k=3, need=2) == [("~refund",)]


def test_a_message_near_messages_not_at_risk_is_not_flagged(small_bank) -> None:
    assert neighbours.vote([[0.0, 0.0, 1.0, 0.0]], k=3, need=2) == [()]
    assert neighbours.vote([[0.0, 0.0, 0.0, 1.0]], k=1, need=1) == [()]


def test_too_few_at_risk_neighbours_is_no_flag(small_bank) -> None:
    # between "not at risk" (2) and refund (1): 2 clean + 1 refund among the 3 nearest
    assert neighbours.vote([[0.0, 0.45, 1.0, 0.0]], k=3, need=2) == [()]
    assert neighbours.vote([[0.0, 0.45, 1.0, 0.0]], k=3, need=1) == [("~refund",)]


def test_a_tie_goes_to_the_nearest_reason(small_bank) -> None:
    # the 4 nearest of a vector between 0 and 1: 2 cancel, 2 refund; the nearest is a refund
    assert neighbours.vote([[0.6, 0.8, 0.0, 0.0]], k=4, need=2) == [("~refund",)]


def test_only_negative_messages_without_a_reason_are_asked() -> None:
    assert neighbours.wants(-0.6, ())
    assert not neighbours.wants(-0.6, ("refund",))
    assert not neighbours.wants(0.1, ())
    assert neighbours.base_reason("~legal") == "legal" and neighbours.is_inferred("~legal")
