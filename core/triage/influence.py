"""Influence of a customer from their followers count, on a log scale (0..1)."""

from __future__ import annotations

import math

SATURATION = 1_000_000  # followers at which influence reaches 1.0


def influence(followers: int | None, saturation: int = SATURATION) -> float:
    """log10(1 + followers) / log10(1 + saturation), clipped to [0, 1].

    0 followers -> 0.0; 10 -> 0.17; 100 -> 0.33; 1,000 -> 0.5; 10,000 -> 0.67; 1M+ -> 1.0.
    Each tenfold increase adds the same amount: a 2,000-follower account does not count
    twice a 1,000-follower one. Negative or missing counts are 0.
    """
    if not followers or followers <= 0:
        return 0.0
    return min(1.0, math.log10(1 + followers) / math.log10(1 + saturation))
