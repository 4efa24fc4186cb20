"""Validate the blend of the lexicon and the sentiment head (model.py constants), on
validation data only.

    python -m relais.core.triage.data.blend_grid [--vader-resources DIR] [--cache DIR]

Grid: UNSURE (sentiment.py: lexicon confidences below it get the model; 1.01 = every
message), LEXICON_WEIGHT, NEUTRAL_BAND (the blended |score| below which a message is neutral)
and MIN_CONFIDENCE (model.py). Each cell is scored with build_head's selection rule: the mean
of two 3-class macro-F1 of the pipeline (lexicon, then the head on the messages below UNSURE,
as refine() is used): leave-one-group-out on the prototypes (out-of-fold head, VADER training
part in every fold) and the VADER held-out slice (mean over its files). The head is trained
with build_head's DEFAULT_L2 / DEFAULT_SHARE; its probabilities are computed once per fold and
the lexicon analysis once per sentence, so the grid itself is cheap. Ties: a cell within TIE
of the best counts as the best; among those, the fewest changes from the current values win.
Never reads benchmark data.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

from relais.core.triage.data import build_head as bh

UNSURES = (0.5, 0.6, 0.7, 0.8, 1.01)
LEXICON_WEIGHTS = (0.0, 0.25, 0.5, 0.75)
NEUTRAL_BANDS = (0.1, 0.15, 0.2)
MIN_CONFIDENCES = (0.4, 0.5)
TIE = 0.003


def current() -> tuple[float, float, float, float]:
    from relais.core.triage import model, sentiment

    return (sentiment.UNSURE, model.LEXICON_WEIGHT, model.NEUTRAL_BAND, model.MIN_CONFIDENCE)


def pipeline(analyses, probs, cell) -> list[str]:
    """Labels when the head judges the messages below `unsure`, as refine() does."""
    from relais.core.triage import model

    unsure, weight, band, min_conf = cell
    out = []
    for a, p in zip(analyses, probs):
        s = a.sentiment
        if a.language in ("fr", "en") and s.confidence < unsure and not a.at_risk_reasons:
            r = model.sentiment_from(p, s, lexicon_weight=weight, neutral_band=band)
            s = r if r.confidence >= min_conf else s
        out.append(s.label.value)
    return out


def vader_mean(gold, src, pred) -> float:
    return float(np.mean([bh.macro_f1([g for g, k in zip(gold, src) if k == s],
                                      [p for p, k in zip(pred, src) if k == s])
                          for s in dict.fromkeys(src)]))


def pick(scores: dict, now) -> tuple:
    """The best cell; a cell within TIE of the best is as good; fewest changes from `now`."""
    best = max(scores.values())
    near = [c for c, v in scores.items() if v >= best - TIE]
    if now in near:
        return now
    return min(near, key=lambda c: (sum(a != b for a, b in zip(c, now)), -scores[c]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vader-resources", help="extracted vaderSentiment sdist (else: pip download)")
    ap.add_argument("--cache", type=Path, default=bh.CACHE, help="embedding cache folder")
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args(argv)
    bh.CACHE = args.cache
    from relais.core.triage.data import vader_corpus

    rows = bh.read_prototypes()
    sentences = [s for _, s, _ in rows]
    gold = [lab for lab, _, _ in rows]
    groups = [g for _, _, g in rows]
    y = np.array([bh.LABELS.index(lab) for lab in gold])
    langs = [bh.language_of(s) for s in sentences]
    x = bh.embed(sentences)
    variants = bh.Variants(sentences, y, groups, bh.embed)
    judge = bh.Judge(sentences, langs)  # lexicon analyses, once
    vader = bh.Vader(vader_corpus.resources_dir(args.vader_resources))
    vjudge = bh.Judge([vader.texts[i] for i in vader.held], ["en"] * len(vader.held))
    vgold = [vader.gold[i] for i in vader.held]
    vsrc = list(vader.sources[vader.held])

    l2, share = bh.DEFAULT_L2, bh.DEFAULT_SHARE
    n = len(y)
    probs = np.zeros((n, len(bh.LABELS)))  # out-of-fold, once per fold
    for test in bh.group_folds(groups):
        mask = np.ones(n, bool)
        mask[test] = False
        w, b = bh.fit(x, y, np.flatnonzero(mask), variants, vader, vader.train_rows, share, l2)
        probs[test] = bh.softmax(x[test] @ w + b)
    w, b = bh.fit(x, y, np.arange(n), variants, vader, vader.train_rows, share, l2)
    vprobs = bh.softmax(vader.x[vader.held] @ w + b)

    scores, parts = {}, {}
    for cell in itertools.product(UNSURES, LEXICON_WEIGHTS, NEUTRAL_BANDS, MIN_CONFIDENCES):
        p = bh.macro_f1(gold, pipeline(judge.analyses, probs, cell))
        v = vader_mean(vgold, vsrc, pipeline(vjudge.analyses, vprobs, cell))
        scores[cell], parts[cell] = (p + v) / 2, (p, v)
    now = current()
    if now not in scores:  # the current values off the grid: score them too
        p = bh.macro_f1(gold, pipeline(judge.analyses, probs, now))
        v = vader_mean(vgold, vsrc, pipeline(vjudge.analyses, vprobs, now))
        scores[now], parts[now] = (p + v) / 2, (p, v)
    share_of = lambda u, an: sum(a.sentiment.confidence < u for a in an) / len(an)
    print(f"\nhead l2={l2:g} share={share:g}; {len(scores)} cells "
          f"(UNSURE x LEXICON_WEIGHT x NEUTRAL_BAND x MIN_CONFIDENCE)")
    fmt = "  UNSURE {:<4g} weight {:<4g} band {:<4g} min_conf {:<4g}"
    rank = sorted(scores, key=scores.get, reverse=True)
    for c in rank[:args.top] + ([now] if now not in rank[:args.top] else []):
        tag = "  (current)" if c == now else ""
        print(fmt.format(*c) + f"  score {scores[c]:.4f}   prototypes {parts[c][0]:.3f}"
              f"   VADER {parts[c][1]:.3f}   model on {share_of(c[0], judge.analyses):.0%} / "
              f"{share_of(c[0], vjudge.analyses):.0%}{tag}")
    print("best per UNSURE:")
    for u in UNSURES:
        c = max((c for c in scores if c[0] == u), key=scores.get)
        print(fmt.format(*c) + f"  score {scores[c]:.4f}")
    chosen = pick(scores, now)
    print("chosen: " + fmt.format(*chosen).strip() + f"  score {scores[chosen]:.4f}"
          f" (current {scores[now]:.4f}, tie margin {TIE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
