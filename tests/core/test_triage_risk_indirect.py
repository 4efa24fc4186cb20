"""At-risk detection on indirect phrasings (a fourth round of team-written messages), written
as 'message → expected reason' in new words, French and English, with near misses that are not
at risk."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    # leaving, said without "résilier" / "cancel"
    ("fr", "Mon forfait se termine en juin, je compare déjà les offres de la concurrence.", CANCEL),
    ("fr", "Pour la prochaine saison, ce ne sera pas vous, désolé.", CANCEL),
    ("fr", "On a trouvé une autre école de danse, plus sérieuse.", CANCEL),
    ("fr", "Je mets un terme à mon adhésion à la fin du mois.", CANCEL),
    ("fr", "Le contrat de maintenance ne sera pas renouvelé, inutile d'appeler.", CANCEL),
    ("fr", "jvais pas renouveler la carte, trop de bugs", CANCEL),
    ("en", "We've handed in our notice, the service has gone downhill.", CANCEL),
    ("en", "My next printer will not be one of yours, that's for sure.", CANCEL),
    ("en", "Not paying for another season of this mess.", CANCEL),
    ("en", "Don't expect us to renew in April after this shambles.", CANCEL),
    ("en", "Found a local firm that's cheaper and actually turns up.", CANCEL),
    ("en", "Awful food again, that was our last booking with you.", CANCEL),
    ("en", "Third no-show, so our business goes elsewhere now.", CANCEL),
    # money back, said without "rembourser" / "refund"
    ("fr", "J'attends la différence sur ma carte, pas un bon d'achat.", REFUND),
    ("fr", "Je m'attends à être crédité intégralement pour ce week-end gâché.", REFUND),
    ("fr", "Je veux récupérer ce que j'ai payé, c'est tout.", REFUND),
    ("fr", "Stage annulé sans prévenir : comment comptez-vous compenser ?", REFUND),
    ("fr", "Merci de me restituer la caution au plus vite, le logement était impeccable et vous le savez.", REFUND),
    ("en", "I'd like the booking fee paid back, not a voucher.", REFUND),
    ("en", "Please take the two wasted hours off my bill.", REFUND),
    ("en", "The repairs took a month, you owe me for the rental car.", REFUND),
    ("en", "The venue was freezing, a free night is the least you could do.", REFUND),
    # legal, regulators
    ("fr", "Je vous mets en demeure de livrer la cuisine sous quinze jours.", LEGAL),
    ("fr", "Sans réponse, je saisirai le tribunal de proximité.", LEGAL),
    ("en", "The whole file has gone to Ofsted this morning.", LEGAL),
    ("en", "Sent by recorded delivery today, you have been warned.", LEGAL),
    ("en", "I've made a formal complaint about the overcharging.", LEGAL),
    # going public
    ("fr", "Je vais raconter ça à tout le monde au bureau, quelle honte.", BOYCOTT_PUBLIC),
    ("fr", "Avis aux clients du centre-ville : fuyez ce garage.", BOYCOTT_PUBLIC),
    ("fr", "N'inscrivez surtout pas vos ados à ce stage, c'est du vol.", BOYCOTT_PUBLIC),
    ("fr", "Service nul, je prépare une vidéo TikTok sur votre accueil.", BOYCOTT_PUBLIC),
    ("en", "Terrible service, the whole parents group is hearing about this.", BOYCOTT_PUBLIC),
    ("en", "The mess you left is going on Reddit tonight, awful work.", BOYCOTT_PUBLIC),
    ("en", "Rude staff and a wrong order. Enjoy your new Google review.", BOYCOTT_PUBLIC),
    ("en", "Anyone thinking of using this bakery for a wedding cake, don't. Awful.", BOYCOTT_PUBLIC),
    # safety, health
    ("fr", "Piercing fait chez vous : la zone s'est infectée en deux jours.", SAFETY),
    ("fr", "La batterie chauffe au point d'avoir fait fondre la coque.", SAFETY),
    ("fr", "Mon père est tombé dans le couloir et il est resté une heure au sol.", SAFETY),
    ("en", "Half the table were ill after the seafood platter.", SAFETY),
    ("en", "The lamp left a scorch mark on the ceiling.", SAFETY),
    ("en", "The harness on the zip line didn't lock properly, terrifying.", SAFETY),
    ("en", "Grandma was found on the bathroom floor, nobody had checked on her.", SAFETY),
    # a complaint that still waits
    ("fr", "Énième message pour la même facture erronée.", REPEAT),
    ("fr", "Je reviens vers vous au sujet de mon colis toujours bloqué.", REPEAT),
    ("fr", "Délai promis : 5 jours. On en est à 4 semaines.", REPEAT),
    ("en", "I've emailed and phoned about the leak, and still nothing.", REPEAT),
    ("en", "Nobody has called back about the broken boiler.", REPEAT),
    ("en", "Here I am again about the missing parcel.", REPEAT),
    ("en", "Third complaint about the noisy fridge, ref 55201.", REPEAT),
    ("en", "Day 12 of waiting for the technician.", REPEAT),
]

NOT_AT_RISK = [
    ("fr", "La salle était superbe, mais l'animateur a été injoignable pendant deux heures le soir même."),
    ("fr", "Comment résilier mon adhésion si je déménage ?"),
    ("fr", "Je reviens de vacances, tout était parfait, merci !"),
    ("fr", "Votre vidéo TikTok sur la recette est géniale 😍"),
    ("en", "How do I hand in notice on the flat, is it a month?"),
    ("en", "Loved the party, the kids want to come back next year!"),
    ("en", "Shared your Reddit AMA with friends, great answers 👍"),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_indirect_at_risk(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)
    assert dict(a.risk_evidence)[reason]  # every flag says why


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_near_misses_not_at_risk(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
