"""At-risk phrasings of a ninth round (English and French from many places: West Africa,
Québec, Acadie, Scotland, India, Singapore…), in new words: 'message → reason', near misses."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("en", "Cold food two nights running. That's me done with you.", CANCEL),
    ("en", "Stopped the membership this morning and won't be back.", CANCEL),
    ("en", "Pulled the pin on the kitchen order, too many delays.", CANCEL),
    ("en", "When the lease ends we'll be going with another agent.", CANCEL),
    ("en", "I'm writing to cancel my weekly veg box subscription.", CANCEL),
    ("en", "Kindly credit back the amount to my card at the earliest.", REFUND),
    ("en", "A partial refund is the least you can do after this.", REFUND),
    ("en", "Just want the 60 put back on my card, no swap.", REFUND),
    ("en", "The latch pops open and my toddler nearly tipped out of the chair.", SAFETY),
    ("en", "My lips went swollen and itchy after the new balm.", SAFETY),
    ("en", "This is my third mail about the missing table.", REPEAT),
    ("en", "Wrote last week, until now nobody reply me.", REPEAT),
    ("fr", "Appli supprimée, je commande direct au resto maintenant.", CANCEL),
    ("fr", "Mes rideaux ne reviendront plus chez vous, c'est fini.", CANCEL),
    ("fr", "Merci de me restituer la totalité du montant versé.", REFUND),
    ("fr", "Soit vous prenez en charge la réparation, soit je fais opposition.", REFUND),
    ("fr", "Renvoyez-moi mes 20 balles, le plat était immangeable.", REFUND),
    ("fr", "J'ai une cousine à la radio, je compte tout lui raconter.", BOYCOTT_PUBLIC),
    ("fr", "Je poste les photos partout, tout le quartier va voir.", BOYCOTT_PUBLIC),
    ("fr", "C'est la troisième fois que j'écris pour le même store cassé.", REPEAT),
    ("fr", "Ticket toujours ouvert depuis trois semaines, rien ne bouge.", REPEAT),
]

NOT_AT_RISK = [
    ("en", "The app logs me out every time I switch to another app, so annoying."),
    ("en", "Love the new dark theme, I switch to dark mode every night."),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_ninth_round_phrasings(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_ninth_round_near_misses(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
