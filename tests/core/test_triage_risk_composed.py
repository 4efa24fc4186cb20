"""At-risk rules composed of two ingredients close together (core/triage/risk_composed.py):
'message → reason', and the same ingredients without the threat → not at risk."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("fr", "Travaux bâclés, j'attends que ma caution me soit rendue cette semaine.", REFUND),
    ("fr", "Séjour gâché : la somme versée d'avance doit m'être restituée.", REFUND),
    ("fr", "Devis non respecté, la prochaine fois je vais chez un autre plombier.", CANCEL),
    ("fr", "Quelle honte, je vais le dire à tous mes voisins.", BOYCOTT_PUBLIC),
    ("fr", "Service lamentable, je le raconterai à tout le quartier.", BOYCOTT_PUBLIC),
    ("fr", "Mon fils a vomi toute la nuit après votre gâteau.", SAFETY),
    ("fr", "Ça fait trois semaines, toujours pas de réponse à mon courriel.", REPEAT),
    ("fr", "Scandaleux : dossier signalé auprès de la répression des fraudes.", LEGAL),
    ("en", "Shoddy job, I expect the call-out fee waived.", REFUND),
    ("en", "Terrible night, half the staff never showed, so that's the deposit I'm owed.", REFUND),
    ("en", "Useless again, next time we will book another caterer.", CANCEL),
    ("en", "Appalling service and I am going to tell all my friends about it.", BOYCOTT_PUBLIC),
    ("en", "My daughter's hands were blistered after the soap workshop.", SAFETY),
    ("en", "Ten days since my email and still no reply, useless.", REPEAT),
    ("en", "Awful. I have reported this to the trading authority.", LEGAL),
]

NOT_AT_RISK = [
    ("fr", "Payé 90 € pour un gâteau sec, quelle déception."),
    ("fr", "La livraison a pris trois semaines au lieu d'une, pas terrible."),
    ("fr", "Ma fille était déçue, le spectacle était trop court."),
    ("fr", "J'avais lu de bons avis sur Google, je ne comprends pas."),
    ("fr", "J'ai comparé avec la concurrence avant de signer chez vous, et je ne regrette pas."),
    ("fr", "Comment récupérer la caution à la fin du séjour ?"),
    ("en", "Paid £80 for this and the colour is nothing like the photos."),
    ("en", "Delivery took three weeks instead of one, not great."),
    ("en", "My dad thought the show was overpriced."),
    ("en", "A mate recommended you and I'd read great reviews, so this was a let down."),
    ("en", "How do I get the deposit back at the end of the tenancy?"),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_two_ingredients_close_together(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_the_ingredients_without_the_threat(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
