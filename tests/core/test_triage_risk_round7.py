"""At-risk phrasings of a seventh round (private messages to support), in new words:
'message → reason', and near misses."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("fr", "Merci d'arrêter mon abonnement dès ce mois-ci, trop de retards.", CANCEL),
    ("fr", "Mise à jour ratée, je désinstalle et on part sur une autre appli.", CANCEL),
    ("fr", "Trop de bugs. J'efface l'application ce soir.", CANCEL),
    ("fr", "Mon contrat finit en mai et je ne le reconduis pas, sans correctif.", CANCEL),
    ("fr", "Vous pouvez oublier ma commande mensuelle, j'irai au marché.", CANCEL),
    ("fr", "C'était ma dernière commande chez vous, colis encore abîmé.", CANCEL),
    ("fr", "Erreur de modèle : je veux récupérer mes 240 sur ma carte.", REFUND),
    ("fr", "Livraison ratée, je m'attends au moins à un geste sur les frais.", REFUND),
    ("fr", "Je ne paierai pas cette intervention, merci d'annuler le prélèvement.", REFUND),
    ("fr", "Sans réponse jeudi, je publie un avis complet avec photos.", BOYCOTT_PUBLIC),
    ("fr", "Vos réponses automatiques vont circuler, les clients doivent savoir.", BOYCOTT_PUBLIC),
    ("fr", "J'ai contacté une émission de consommateurs au sujet de votre garantie.", BOYCOTT_PUBLIC),
    ("fr", "Les pneus de la voiture louée sont lisses, je ne repars pas avec.", SAFETY),
    ("fr", "Le chauffeur roulait si vite que j'ai cru qu'on allait se tuer.", SAFETY),
    ("fr", "Je vous ai écrit le 4 et le 11, toujours pas de technicien.", REPEAT),
    ("fr", "J'ai déjà ouvert trois tickets pour ce virement bloqué.", REPEAT),
    ("en", "I've moved my shopping elsewhere, so please close my seller account.", CANCEL),
    ("en", "Switching off auto-renew today, the app keeps crashing.", CANCEL),
    ("en", "Our plan ends in June and we'll be migrating to another platform.", CANCEL),
    ("en", "My lease ends in May and I won't be renewing with you.", CANCEL),
    ("en", "The price dropped a week later, I want the difference credited back.", REFUND),
    ("en", "Either replace it or pay me back.", REFUND),
    ("en", "If my data isn't deleted by Monday I'm filing a complaint with the ICO.", LEGAL),
    ("en", "Ignored for a week, I'm posting the whole chat on my socials tonight.", BOYCOTT_PUBLIC),
    ("en", "Leaving a very honest one-star review with photos.", BOYCOTT_PUBLIC),
    ("en", "There was a shard of glass in the jar of sauce.", SAFETY),
    ("en", "The fitter left bare wires hanging out of the wall socket.", SAFETY),
    ("en", "Quoting your reply from last month: 'fixed within 48 hours'. Still broken.", REPEAT),
    ("en", "Chased on the 3rd and the 10th, still no replacement part.", REPEAT),
    ("en", "Third time it's been rescheduled, this is ridiculous.", REPEAT),
]

NOT_AT_RISK = [
    ("en", "The repair took an extra day and nobody rang to tell me, annoying."),
    ("en", "Does the money go back to the card I paid with?"),
    ("fr", "Je ne vais pas résilier, mais la dernière livraison était en retard."),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_seventh_round_phrasings(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_seventh_round_near_misses(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
