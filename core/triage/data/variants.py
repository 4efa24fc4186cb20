"""The seeded variants build_head.py also trains the head on: real messages are longer and
noisier than a prototype, so each one also comes "noisy" (an @mention, "RT @x :", a hashtag
and/or a link added) and "long" (a neutral prototype of another group put before or after it;
the label is the prototype's)."""

from __future__ import annotations

import random

import numpy as np

SEED = 7
HANDLES = ("@jdupont", "@marie_l", "@InfoLocale", "@user123", "@TheDailyNews", "@alex_b",
           "@Radio_Nord", "@sam", "@cafe_des_arts", "@mtlfan")
TAGS = ("#actu", "#direct", "#infos", "#news", "#lundi", "#paris", "#weekend", "#fail",
        "#live", "#thread")


class Variants:
    """The seeded noisy and long forms of every prototype, and their embeddings."""

    def __init__(self, sentences, y, groups, embed, seed: int = SEED):
        rng = random.Random(seed)
        self.noisy = [self._noise(s, rng) for s in sentences]
        neutral = [i for i in range(len(y)) if y[i] == 1]
        self.prefix = []  # two neutral rows of two other groups per prototype
        self.long = []
        for i, s in enumerate(sentences):
            first = rng.choice([j for j in neutral if groups[j] != groups[i]])
            second = rng.choice([j for j in neutral if groups[j] not in (groups[i], groups[first])])
            pair = []
            for j in (first, second):
                ctx = sentences[j]
                pair.append(f"{ctx} {s}" if rng.random() < 0.6 else f"{s} {ctx}")
            self.prefix.append((first, second))
            self.long.append(pair)
        self.xn = embed(self.noisy)
        self.xl = [embed([p[k] for p in self.long]) for k in (0, 1)]

    @staticmethod
    def _noise(s, rng):
        parts = [s]
        if rng.random() < 0.5:
            parts.insert(0, rng.choice(HANDLES))
        if rng.random() < 0.25:
            parts.insert(0, f"RT {rng.choice(HANDLES)} :")
        if rng.random() < 0.4:
            parts.append(rng.choice(TAGS))
        if rng.random() < 0.5:
            code = "".join(rng.choice("abcdefghijkLMNOPQRS0123456789") for _ in range(10))
            parts.append(f"https://t.co/{code}")
        return " ".join(parts)

    def training(self, x, y, rows):
        """Plain, noisy and long forms of `rows`; a long form whose added context is itself
        held out (not in `rows`) is swapped for the other one, or left out."""
        keep = set(rows.tolist())
        xs, ys = [x[rows], self.xn[rows]], [y[rows], y[rows]]
        for k in (0, 1):
            pick = [i for i in rows if self.prefix[i][k] in keep
                    and (k == 0 or self.prefix[i][0] not in keep)]
            xs.append(self.xl[k][pick])
            ys.append(y[pick])
        return np.concatenate(xs), np.concatenate(ys)
