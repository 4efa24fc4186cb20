"""At-risk phrasings of a tenth round (dictated without punctuation, capitals, franglais), in
new words: 'message → reason', and a near miss."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("en", "so yeah im done just close out the order and keep your sofa", CANCEL),
    ("en", "DELETE MY ACCOUNT. WE ARE DONE.", CANCEL),
    ("en", "Take me off the mailing list, three broken kettles is enough.", CANCEL),
    ("en", "Lamp arrived smashed. I'd like a full refund please.", REFUND),
    ("en", "Filed with the DTI this morning about the dead e-bike.", LEGAL),
    ("en", "the side by side video is going up on my channel tonight people should know", BOYCOTT_PUBLIC),
    ("en", "Rude staff, cold food, one star reviews everywhere from me.", BOYCOTT_PUBLIC),
    ("en", "my daughter cut her lip on a sharp edge inside the toy", SAFETY),
    ("en", "THIRD TIME ASKING. WHERE IS MY PARCEL.", REPEAT),
    ("en", "Day 9. Still waiting on the part.", REPEAT),
    ("fr", "I'm done, je switch vers un concurrent le mois prochain.", CANCEL),
    ("fr", "Stop les prélèvements après cette box, merci.", CANCEL),
    ("fr", "Je mets fin au contrat de ménage à la fin du mois.", CANCEL),
    ("fr", "Je ne souhaite pas reconduire mon abonnement en avril.", CANCEL),
    ("fr", "JE VEUX RETROUVER MES 20 EUROS SUR MON COMPTE.", REFUND),
    ("fr", "J'ai pris rendez-vous à la maison de la justice pour ce dossier.", LEGAL),
    ("fr", "AVIS 1 ÉTOILE POSTÉ. TOUT LE QUARTIER VA LE SAVOIR.", BOYCOTT_PUBLIC),
    ("fr", "Je follow-up encore sur mon ticket, but still nothing.", REPEAT),
]

NOT_AT_RISK = [
    ("en", "Mine shipped on day 5. Not the end of the world, just update the banner."),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_tenth_round_phrasings(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_tenth_round_near_misses(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
