"""Reviews that praise before they complain: the turn ("en revanche", "however") weighs what
follows more, and a let-down expectation is negative. Written as 'message → label'."""

import pytest

from relais.core.model import SentimentLabel
from relais.core.triage import analyse

NEG, POS = SentimentLabel.NEGATIVE, SentimentLabel.POSITIVE


@pytest.mark.parametrize(("lang", "message", "label"), [
    ("fr", "Accueil chaleureux et chambre agréable. En revanche, le petit-déjeuner était froid "
           "et la douche fuyait.", NEG),
    ("fr", "Les moniteurs sont sympas. Par contre, le matériel est vétuste et le vestiaire sale.",
     NEG),
    ("fr", "Livraison rapide et bien emballée. Malheureusement, l'écran est arrivé fissuré.", NEG),
    ("fr", "Un restaurant correct, sans plus. Je m'attendais à mieux vu les avis.", NEG),
    ("fr", "Des meubles bas de gamme vendus au prix du haut de gamme.", NEG),
    ("en", "Friendly staff and a lovely garden. However, the room smelled of smoke and the "
           "shower was cold.", NEG),
    ("en", "The app looks great. That said, it crashes every time I open the basket.", NEG),
    ("en", "Great location and a comfy bed. Unfortunately the walls are paper thin and we got "
           "no sleep.", NEG),
    ("en", "The sofa is nothing like the photos, the fabric feels cheap.", NEG),
    ("en", "Good seats and a fun crowd. Sadly, we had hoped for better sound.", NEG),
    # the turn the other way: a complaint, then what saved the day
    ("fr", "Le colis avait deux jours de retard. En revanche, le service client a été "
           "formidable et très réactif !", POS),
    ("en", "The delivery was a day late. However, the support team was brilliant and sorted "
           "everything quickly!", POS),
])
def test_the_turn_of_a_review_sets_its_label(lang, message, label):
    assert analyse(message, lang).sentiment.label is label


def test_praise_without_a_turn_stays_praise():
    for lang, text in [("fr", "Personnel adorable, chambre superbe, on reviendra !"),
                       ("en", "Lovely staff, superb room, we'll be back!")]:
        assert analyse(text, lang).sentiment.label is POS


@pytest.mark.parametrize(("lang", "message"), [
    # mild complaints after praise: the turn tips the score below zero (the label may stay
    # neutral: one mild word after two kind ones is not a strong opinion)
    ("fr", "Belle boutique, vendeuse souriante, sauf que la robe s'est décousue au premier lavage."),
    ("en", "Nice enough venue, but honestly the food was bland and overpriced."),
])
def test_the_turn_tips_a_mild_review_below_zero(lang, message):
    assert analyse(message, lang).sentiment.score < 0
