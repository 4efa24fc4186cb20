"""Everyday French in the triage: chat register, names, verb forms, spoken intensifiers.

Each case is 'message → expected label', written by the Relais team (not taken from any
evaluation file), one group per rule of core/triage (french.py, text.py, lexicon.py,
data/fr_everyday.tsv).
"""

import pytest
from relais.core.model import SentimentLabel
from relais.core.triage.french import score as raw_score
from relais.core.triage.lexicon import load
from relais.core.triage.sentiment import score
from relais.core.triage.text import name_words

NEG, NEU, POS = SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE

CASES = [
    # chat and spoken register (data/fr_everyday.tsv)
    ("Je kiffe votre nouvelle appli", POS),
    ("Livraison de ouf, merci", POS),
    ("Réparé en 10 min, impec", POS),
    ("wtf mon forfait a doublé", NEG),
    ("Ce service client me saoule", NEG),
    ("Franchement ça craint, trois jours sans réseau", NEG),
    ("L'appli est pas ouf depuis la mise à jour", NEG),
    ("J'ai reçu que dalle", NEG),
    ("Le chat en ligne est chelou, il répond à côté", NEG),
    ("Ce forfait est nase", NEG),
    ("J'ai hâte de recevoir ma nouvelle box", POS),
    ("Elle a été hyper arrangeante au téléphone", POS),
    ("Conseiller très courtois et compréhensif", POS),
    ("Bonne nouvelle, mon dossier est enfin traité", POS),
    # everyday judgements and situations
    ("Mon colis a disparu entre deux entrepôts", NEG),
    ("Il manque un article dans ma commande", NEG),
    ("Ligne bloquée depuis ce matin", NEG),
    ("Le site est indisponible, encore", NEG),
    ("Je suis exaspéré par vos relances", NEG),
    ("Tarif rassurant et conseiller efficace", POS),
    ("Quel soulagement, tout remarche", POS),
    ("Travail bâclé par le technicien", NEG),
    # verb forms: future and conditional reach the lexicon entry
    ("Vos retards détruiront votre réputation", NEG),
    ("Mes enfants adoreront ce cadeau", POS),
    # spoken intensifier after the word ("je kiffe grave") is not the adjective "grave"
    ("Je kiffe grave ce forfait", POS),
    ("Ça m'énerve trop", NEG),
    # a capitalised word inside a sentence is a name, not an opinion
    ("Je pars vivre aux Etats-Unis le mois prochain", NEU),
    ("Ma ligne Mobile est transférée demain", NEU),
]


@pytest.mark.parametrize(("message", "expected"), CASES)
def test_everyday_french(message, expected):
    assert score(message, "fr").label is expected, score(message, "fr")


def test_spoken_grave_boosts_the_word_before_it():
    assert raw_score("je kiffe grave").compound > raw_score("je kiffe").compound > 0
    assert raw_score("c'est grave").compound < 0  # alone, "grave" still means serious


def test_names_are_capitalised_words_inside_a_sentence():
    assert name_words("Bilan de la France en 2013") == {"france"}
    assert name_words("Aux Etats-Unis aussi") == {"etats", "unis"}
    assert name_words("Génial. Super service") == frozenset()  # sentence starts
    assert name_words("@Free #BonService www.example.fr") == frozenset()


def test_names_keep_strong_opinion_words():
    # "Nul" in capitals inside a sentence is still an opinion: only weak senses are dropped
    assert score("Le service est Nul", "fr").label is NEG


def test_zero_in_a_lexicon_file_marks_a_neutral_word():
    assert load("fr_general.tsv").words["souris"] == 0.0
    assert raw_score("Très souris").hits == 0
