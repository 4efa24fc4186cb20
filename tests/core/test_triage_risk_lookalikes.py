"""At-risk phrasings of a fifth round, and look-alikes that hold the same ingredients without
the threat. 'message → reason' in new words, French and English."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("fr", "Commande arrivée cassée, la prochaine, je la passerai ailleurs.", CANCEL),
    ("fr", "Trop de retards : nous inscrirons les enfants dans un autre centre l'an prochain.", CANCEL),
    ("fr", "Merci de ne pas renouveler mon contrat d'entretien, service décevant.", CANCEL),
    ("fr", "Coupe ratée encore une fois, tant pis pour vous, je change de salon.", CANCEL),
    ("fr", "Livré à moitié : j'attends qu'on me rende la différence.", REFUND),
    ("fr", "Diagnostic inutile, ces 80 euros me reviennent.", REFUND),
    ("fr", "Sans retour sous huit jours, mon juriste prendra le relais.", LEGAL),
    ("fr", "Vous qui hésitez à réserver ce gîte : lisez d'abord mon avis.", BOYCOTT_PUBLIC),
    ("fr", "Épargnez-vous ce garage, travail bâclé. Faites passer.", BOYCOTT_PUBLIC),
    ("fr", "La balançoire a cédé, ma fille s'est cogné la tête sur le sol.", SAFETY),
    ("fr", "Brûlure au 2e degré avec votre fer à repasser défectueux.", SAFETY),
    ("fr", "Le pédalier de mon vélo tout neuf a lâché en pleine côte.", SAFETY),
    ("fr", "Re-bonjour, toujours pas de nouvelles de ma commande.", REPEAT),
    ("fr", "Comme écrit dans mon mail de lundi, la facture est fausse.", REPEAT),
    ("fr", "Malgré trois appels, personne n'est venu réparer la chaudière.", REPEAT),
    ("en", "Give me one reason to keep paying for this app when it crashes daily.", CANCEL),
    ("en", "Awful service, we will be buying our flowers elsewhere.", CANCEL),
    ("en", "Rude staff again. The shop down the road is much cheaper, just saying.", CANCEL),
    ("en", "Ruined the cake, I reckon we're owed something for that.", REFUND),
    ("en", "Broken on arrival. Either a replacement or the money, please.", REFUND),
    ("en", "I've lodged a complaint with the energy ombudsman today.", LEGAL),
    ("en", "Filthy venue, steer clear of this place.", BOYCOTT_PUBLIC),
    ("en", "My clip of your rude driver is at 12k views, terrible.", BOYCOTT_PUBLIC),
    ("en", "The hob leaks and the whole flat smells of gas.", SAFETY),
    ("en", "The step was loose and my dad nearly went over the railing.", SAFETY),
    ("en", "The kids were vomiting all night after the party food.", SAFETY),
    ("en", "Following up on my email about the missing refund form.", REPEAT),
    ("en", "Yet another message about the same broken boiler.", REPEAT),
    ("en", "Is anyone actually reading my messages? Still broken.", REPEAT),
]

NOT_AT_RISK = [
    ("fr", "Un peu déçue, le bouquet était plus petit que sur vos photos Instagram."),
    ("fr", "J'ai vu votre vidéo sur Instagram, quel délai pour commander ?"),
    ("en", "The local paper gave you a glowing write-up, but my pizza was cold."),
    ("en", "The newspaper subscription went up this year and it's thinner than ever."),
    ("en", "Comparing quotes from three builders at the moment. Does yours include VAT?"),
    ("en", "I couldn't be happier with the new kitchen!"),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_fifth_round_phrasings(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_look_alikes_are_not_at_risk(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence


def test_couldnt_be_happier_is_praise():
    assert analyse("I couldn't be happier with the service", "en").sentiment.label.value == "positive"


def test_a_story_in_the_press_about_the_brand_is_going_public():
    a = analyse("The evening news is running a story on dodgy landlords, and I sent them your name.",
                "en")
    assert BOYCOTT_PUBLIC in a.at_risk_reasons, a.risk_evidence


@pytest.mark.parametrize(("lang", "message", "reason"), [
    ("en", "Lovely staff, gorgeous rooms and a superb breakfast, we adored the spa. The billing "
           "though was a mess and nobody would fix it. People deserve to know before they book.",
     BOYCOTT_PUBLIC),
    ("fr", "Accueil adorable, chambres superbes et petit-déjeuner délicieux, un vrai bonheur. "
           "Mais la facture était fausse et personne n'a voulu la corriger. Les gens doivent savoir.",
     BOYCOTT_PUBLIC),
])
def test_a_threat_in_a_review_that_praises_first_is_judged_in_its_own_sentence(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence, a.sentiment)


def test_praise_in_the_sentence_itself_is_still_no_threat():
    for lang, text in [("en", "Best bakery in town, I tell everyone about it!"),
                       ("fr", "Meilleure boulangerie du quartier, je le dis partout !")]:
        assert analyse(text, lang).at_risk_reasons == ()
