"""At-risk phrasings of a sixth round (long reviews, short posts, non-native writers), in new
words: 'message → reason', and near misses."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("fr", "On ne reprendra pas la licence l'an prochain, l'outil ne suit plus.", CANCEL),
    ("fr", "Trop de bugs, j'annule mon forfait et je passe à autre chose.", CANCEL),
    ("fr", "Merci de transmettre le dossier de mon chat à la clinique de Lisieux.", CANCEL),
    ("fr", "Le mois de mai sera le dernier avec vous, trop de rendez-vous ratés.", CANCEL),
    ("fr", "Ma fille ne sera pas réinscrite en septembre, l'encadrement est insuffisant.", CANCEL),
    ("fr", "Je veux juste qu'on me rende cet argent, rien d'autre.", REFUND),
    ("fr", "Spectacle annulé : on veut nos 60 euros, pas un avoir.", REFUND),
    ("fr", "Facture erronée, merci de me restituer la différence.", REFUND),
    ("fr", "La réparation doit être prise en charge par la marque, l'appareil a six mois.", REFUND),
    ("fr", "rendez moi la thune, le burger était froid", REFUND),
    ("fr", "Cette eau est-elle propre à la consommation ? Elle sort marron du robinet.", SAFETY),
    ("fr", "Les écrous de la roue n'avaient pas été serrés, ma voiture a failli partir dans le décor.",
     SAFETY),
    ("fr", "Mon chien a vomi après la nouvelle pâtée, vérifiez vos lots.", SAFETY),
    ("fr", "Je vous ai écrit hier et avant-hier, toujours rien.", REPEAT),
    ("fr", "On est fatigués d'attendre cette pièce, sérieux.", REPEAT),
    ("fr", "Accueil odieux, vidéo en cours de montage, vous allez voir.", BOYCOTT_PUBLIC),
    ("fr", "Arnaque à la livraison, j'en ai parlé dans tous les groupes du quartier.", BOYCOTT_PUBLIC),
    ("fr", "Sans réponse de votre part, j'informerai la presse locale.", BOYCOTT_PUBLIC),
    ("en", "Wilted salad again. This order was our last, sorry.", CANCEL),
    ("en", "I've removed my card from the app, three wrong orders in a row.", CANCEL),
    ("en", "We have given notice to end the cleaning contract in March, standards keep slipping.",
     CANCEL),
    ("en", "Kindly note I won't be continuing the piano lessons, the teacher never turns up.",
     CANCEL),
    ("en", "Please stop the direct debit from next month, the service has got worse.", CANCEL),
    ("en", "Asked for my dog's records to be transferred to a clinic nearer home, too many "
           "mistakes.", CANCEL),
    ("en", "Too many bugs, we're moving the team to a cheaper tool.", CANCEL),
    ("en", "Bad quality this time, from now I will buy in another place.", CANCEL),
    ("en", "App broken since the update, where's my refund?", REFUND),
    ("en", "If the fee is not returned, I will go to the consumer forum.", LEGAL),
    ("en", "You keep ignoring me, so the TikTok video is coming tonight.", BOYCOTT_PUBLIC),
    ("en", "Rude waiter and cold food, leaving one star on every site I can.", BOYCOTT_PUBLIC),
    ("en", "The cot tipped over with the baby inside, thankfully she's fine.", SAFETY),
    ("en", "My son banged his head when the bunk rail came off.", SAFETY),
    ("en", "The new shampoo left painful blisters on my scalp and the doctor prescribed a cream.",
     SAFETY),
    ("en", "I have followed up four times about the broken lock.", REPEAT),
    ("en", "Called the office twice this week and no call back.", REPEAT),
    ("en", "Hello again, I am waiting since 20 days for the part.", REPEAT),
    ("en", "I wrote to you last week and nobody answered me.", REPEAT),
]

NOT_AT_RISK = [
    ("fr", "Je voudrais savoir comment on fait pour résilier si on déménage l'an prochain."),
    ("fr", "Quel est le délai pour désinscrire un enfant de la garderie ?"),
    ("fr", "Le procès-verbal de l'assemblée est incomplet, dommage."),
    ("fr", "Le bowl saumon-avocat a disparu de la carte, dommage !"),
    ("en", "The toast tasted like burnt cardboard this morning, shame."),
    ("en", "This is my last question, I promise: do you deliver on Sundays?"),
    ("en", "How do I stop the direct debit when the contract ends in June?"),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_sixth_round_phrasings(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_sixth_round_near_misses(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
