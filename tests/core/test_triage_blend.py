"""The blend rule of model.sentiment_from and blend_grid's tie rule (no model needed)."""

from relais.core.model import Sentiment, SentimentLabel
from relais.core.triage import model
from relais.core.triage.data import blend_grid

NEG, NEU, POS = SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE


def test_neutral_band():
    p = (0.2, 0.2, 0.6)  # score 0.4, neutral 0.2
    assert model.sentiment_from(p, neutral_band=0.3).label is POS
    assert model.sentiment_from(p, neutral_band=0.5).label is NEU
    assert model.sentiment_from((0.33, 0.33, 0.34), neutral_band=0.1).label is NEU


def test_lexicon_weight():
    p = (0.3, 0.1, 0.6)  # model: positive (score 0.3)
    lex = Sentiment(NEG, -0.9, 0.45)
    assert model.sentiment_from(p, lex, lexicon_weight=0.0).label is POS
    assert model.sentiment_from(p, lex, lexicon_weight=1.0, neutral_band=0.15).label is NEG
    # the confidence is the model's, whatever the blend
    assert model.sentiment_from(p, lex, lexicon_weight=1.0).confidence == 0.6


def test_pick_prefers_current_within_tie():
    now = (0.5, 0.5, 0.15, 0.5)
    assert blend_grid.pick({now: 0.700, (0.8, 0.0, 0.2, 0.5): 0.702}, now) == now
    far, near = (1.01, 0.25, 0.2, 0.4), (0.8, 0.5, 0.15, 0.5)
    assert blend_grid.pick({now: 0.70, far: 0.751, near: 0.749}, now) == near
    assert blend_grid.pick({now: 0.70, far: 0.76, near: 0.749}, now) == far
