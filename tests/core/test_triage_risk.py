"""At-risk detection, written as 'message → expected reasons', in French and English."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REASONS, REFUND, REPEAT, SAFETY, assess

AT_RISK = [
    # cancel / leave
    ("fr", "Je vais résilier mon abonnement dès demain.", CANCEL),
    ("fr", "Je resilie, j'en ai marre", CANCEL),
    ("fr", "Plus jamais je ne commande chez vous", CANCEL),
    ("fr", "Je pars chez la concurrence le mois prochain", CANCEL),
    ("fr", "Je vous renvoie le produit, je n'en veux plus", CANCEL),
    ("en", "I am cancelling my subscription today.", CANCEL),
    ("en", "Never flying with you again.", CANCEL),
    ("en", "I'm switching to another provider.", CANCEL),
    ("en", "Time to find a new airline.", CANCEL),
    ("fr", "Si ça continue je change d'opérateur", CANCEL),
    # refund
    ("fr", "Je veux être remboursé immédiatement", REFUND),
    ("fr", "Toujours pas remboursé après 3 semaines", REFUND),
    ("fr", "Rendez-moi mon argent", REFUND),
    ("fr", "jexige le remboursement", REFUND),
    ("en", "I want my money back", REFUND),
    ("en", "Still waiting for my refund", REFUND),
    ("en", "I demand a full refund", REFUND),
    # legal / regulatory
    ("fr", "Mon avocat va vous envoyer une mise en demeure", LEGAL),
    ("fr", "J'ai fait un signalement sur SignalConso", LEGAL),
    ("fr", "Je saisis la DGCCRF", LEGAL),
    ("fr", "Dossier transmis à UFC-Que Choisir", LEGAL),
    ("fr", "Je vais porter plainte", LEGAL),
    ("en", "My lawyer will be in touch.", LEGAL),
    ("en", "I will take legal action.", LEGAL),
    ("en", "Filing a dispute with my bank and reporting you to the BBB", LEGAL),
    ("en", "I'll be contacting my bank to dispute the charge", LEGAL),
    # boycott / go public
    ("fr", "À fuir ! Passez votre chemin", BOYCOTT_PUBLIC),
    ("fr", "Je vais le dire partout sur les réseaux sociaux", BOYCOTT_PUBLIC),
    ("fr", "N'achetez pas chez eux", BOYCOTT_PUBLIC),
    ("en", "Avoid this company at all costs", BOYCOTT_PUBLIC),
    ("en", "Do not buy from them, I will warn everyone", BOYCOTT_PUBLIC),
    ("en", "Going to the press with this", BOYCOTT_PUBLIC),
    # safety / health
    ("fr", "Le chargeur a surchauffé et m'a brûlé la main", SAFETY),
    ("fr", "Mon fils a fait une allergie à cause du produit", SAFETY),
    ("fr", "Intoxication alimentaire après votre plat", SAFETY),
    ("en", "The battery overheated and burned my finger", SAFETY),
    ("en", "I got a rash from the band", SAFETY),
    ("en", "Food poisoning after your meal, I ended up in hospital", SAFETY),
    # more ways to say it
    ("fr", "Je ne renouvellerai pas mon abonnement", CANCEL),
    ("fr", "J'exige un geste commercial ou je pars", CANCEL),
    ("en", "I won't be renewing my subscription", CANCEL),
    ("fr", "Remboursez-moi ou j'appelle mon avocat", LEGAL),
    ("fr", "J'ai saisi le médiateur", LEGAL),
    ("fr", "Je vais faire opposition sur ma carte", LEGAL),
    ("en", "I'm reporting this to the FTC", LEGAL),
    ("fr", "Je préviens tout le monde de ne pas commander chez vous", BOYCOTT_PUBLIC),
    ("fr", "Service nul, je vais mettre un avis partout", BOYCOTT_PUBLIC),
    ("en", "Terrible service, I'll leave a review everywhere so people know", BOYCOTT_PUBLIC),
    ("fr", "Le produit a pris feu dans ma cuisine", SAFETY),
    ("fr", "Mon enfant s'est coupé avec la pièce cassée", SAFETY),
    ("en", "The device started smoking while charging", SAFETY),
    ("en", "My daughter had an allergic reaction to the strap", SAFETY),
    ("fr", "C'est mon 5e message sans réponse", REPEAT),
    # repeated complaint, told in the text
    ("fr", "C'est la 3e fois que je vous écris, toujours sans réponse", REPEAT),
    ("fr", "Je vous ai déjà contacté plusieurs fois", REPEAT),
    ("en", "This is the third time I contact you, still no response", REPEAT),
    ("en", "I have sent 4 emails and nobody answers", REPEAT),
    # said in other words (a blind set of customer messages missed these)
    ("fr", "Encore une panne, dès que la concurrence arrive dans mon village je me casse", CANCEL),
    ("fr", "Réglez ça avant lundi, sinon je passe chez Sosh", CANCEL),
    ("fr", "Vous ne verrez plus un centime de ma part", CANCEL),
    ("en", "Cancelling my @Netflix premium tonight, too expensive", CANCEL),
    ("en", "Fix my bill by Monday or I'm porting my number elsewhere", CANCEL),
    ("en", "Fourth dropout today. Once the new provider covers my area I'm gone", CANCEL),
    ("fr", "Je demande une indemnisation pour ces trois jours sans courant", REFUND),
    ("fr", "Merci de procéder au remboursement de la commande annulée", REFUND),
    ("en", "Parcel never came. Give me my 60 quid back", REFUND),
    ("en", "Three hours late, I'm claiming compensation for every leg", REFUND),
    ("fr", "Je vais poster toutes les captures de nos échanges, que tout le monde sache", BOYCOTT_PUBLIC),
    ("en", "Everyone I know is going to hear about this hotel", BOYCOTT_PUBLIC),
    ("fr", "Mon fils a failli avaler un morceau de verre trouvé dans le pot", SAFETY),
    ("fr", "Intox après votre burger, toute la nuit malade", SAFETY),
    ("en", "The battery of my laptop is swollen and the case cracked", SAFETY),
    ("en", "We have all been sick since the takeaway on Friday", SAFETY),
    ("en", "My daughter broke out in hives after the new shampoo", SAFETY),
    ("fr", "Ça fait deux semaines que je vous écris, zéro réponse", REPEAT),
    ("en", "Been trying to reach your billing team for two weeks, nobody ever answers", REPEAT),
    ("fr", "Troisième panne du mois, c'est terminé pour moi", CANCEL),
    ("fr", "J'ai signé chez un concurrent hier, vous me reverrez pas", CANCEL),
    ("fr", "Deux heures de retard, j'ai droit à un dédommagement", REFUND),
    ("fr", "Mes abonnés sauront comment vous traitez vos clients", BOYCOTT_PUBLIC),
    ("fr", "Ma fille a les lèvres toutes gonflées après votre gloss", SAFETY),
    ("fr", "On m'a donné du 400 mg au lieu de 200 mg", SAFETY),
    ("fr", "C'est la quatrième fois que j'écris, personne me revient", REPEAT),
    ("en", "Price up 40% again. Consider this my notice.", CANCEL),
    ("en", "That fee was never agreed, reverse the charge", REFUND),
    ("en", "Nobody helped so I'm disputing the charge with my card issuer", LEGAL),
    ("en", "Filed a complaint with the BBB today", LEGAL),
    ("en", "Thread incoming, my followers deserve to know about this", BOYCOTT_PUBLIC),
    ("en", "The pedal came off going down the hill, I nearly crashed", SAFETY),
    ("en", "Third email this week and still nothing", REPEAT),
    # a third round, indirect phrasings
    ("fr", "À l'échéance je ne reconduis pas, c'est décidé", CANCEL),
    ("fr", "Vous venez de perdre une cliente, la box part chez un autre opérateur", CANCEL),
    ("fr", "Je veux chaque centime, pas un avoir", REFUND),
    ("fr", "Recréditez mon compte, ce prélèvement n'a jamais été autorisé", REFUND),
    ("fr", "J'ai fait opposition auprès de ma banque, débrouillez-vous", LEGAL),
    ("fr", "On se reverra aux petites créances", LEGAL),
    ("fr", "Ne réservez surtout pas chez eux, ils annulent la veille", BOYCOTT_PUBLIC),
    ("fr", "Le chargeur a fondu sur la prise cette nuit", SAFETY),
    ("fr", "La roue a lâché dans la descente, huit points de suture", SAFETY),
    ("fr", "Je relance pour la cinquième fois, toujours rien", REPEAT),
    ("fr", "Je crie dans le vide depuis un mois", REPEAT),
    ("en", "This is my last month with you, the new customer deals are an insult", CANCEL),
    ("en", "You just lost a twenty year customer", CANCEL),
    ("en", "I want every penny back, not a voucher", REFUND),
    ("en", "Credit my account for the fee your delay caused", REFUND),
    ("en", "My solicitor will write to you this week", LEGAL),
    ("en", "Do not book with them, they cancel at the last minute", BOYCOTT_PUBLIC),
    ("en", "The cord is fraying at the plug and it sparked", SAFETY),
    ("en", "The wheel came off on the first ride, six stitches", SAFETY),
    ("en", "Writing for the fifth time, nobody ever does anything", REPEAT),
    ("en", "Every time I call I get told someone will ring back", REPEAT),
]

NOT_AT_RISK = [
    ("fr", "Comment résilier mon abonnement ?"),
    ("fr", "Comment faire pour annuler ma commande ?"),
    ("fr", "Je suis déçu, le colis est arrivé abîmé."),
    ("fr", "Livraison un peu lente, dommage."),
    ("fr", "J'ai été remboursé rapidement, merci"),
    ("fr", "Je ne vais pas résilier, rassurez-vous"),
    ("fr", "Super produit, je recommande"),
    ("en", "How do I cancel my subscription?"),
    ("en", "Can I get a refund if I cancel within 14 days?"),
    ("fr", "Quelle est la procédure de résiliation ?"),
    ("fr", "Est-il possible d'être remboursé si le colis arrive abîmé ?"),
    ("en", "This product is fire 🔥"),
    ("en", "I tell all my friends how great you are"),
    ("en", "Disappointed, the package arrived damaged."),
    ("en", "The flight was delayed, not great."),
    ("en", "I got my refund quickly, thanks!"),
    ("en", "Love it, best purchase this year"),
    ("en", "I love this ring and tell everyone about it!"),
    ("fr", "J'adore, j'en parle partout sur les réseaux sociaux !"),
    ("en", "The app syncs many times a day, works fine."),
    # asking whether a message is genuine reports phishing; it accuses no one
    ("fr", "J'ai reçu un mail à votre nom avec un lien, c'est vrai ou c'est une arnaque ?"),
    ("en", "Got a call saying it's from your fraud team, is it legit or a scam?"),
    # a happy new customer, a refund already received, a laugh, a body that swells
    ("en", "Switching to you was the best thing I did this year"),
    ("fr", "J'ai récupéré mon argent en deux jours, merci !"),
    ("fr", "J'ai failli mourir de rire en lisant votre réponse 😂"),
    ("en", "Comfortable even when my fingers are swollen after a run"),
    ("fr", "Je me casse la tête avec votre nouvelle appli, vous avez un tuto ?"),
    # leaving another brand for this one
    ("en", "Switched to @Brightwater last spring, bills down ever since"),
    ("fr", "J'ai résilié mon ancienne banque pour venir chez vous, aucun regret"),
    ("en", "I'm out of ideas, how do I reset the router?"),
    # asking, nearly, figuratively
    ("fr", "Si je résilie maintenant, je garde l'accès jusqu'à la fin du mois ?"),
    ("fr", "J'ai failli résilier l'an dernier, heureusement que je suis resté"),
    ("fr", "Votre nouvelle poutine c'est malade 😂"),
    ("fr", "Vos croissants sont dangereux, j'en mange trois par jour 😍"),
    ("en", "Your new cookies are dangerous, I can't stop 😍"),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_at_risk(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)
    assert a.at_risk
    assert dict(a.risk_evidence)[reason]  # every flag says why


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_not_at_risk(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence


def test_disappointed_is_negative_but_not_at_risk():
    for lang, text in [("fr", "Très déçu par ce produit."), ("en", "Really disappointed with this product.")]:
        a = analyse(text, lang)
        assert a.sentiment.label.value == "negative"
        assert not a.at_risk


def test_repeat_counted_from_cache():
    a = analyse("Bonjour, où en est ma commande ?", "fr", waiting_complaints=2)
    assert a.at_risk_reasons == (REPEAT,)
    assert dict(a.risk_evidence)[REPEAT] == "waiting_complaints=2"
    assert analyse("Bonjour, où en est ma commande ?", "fr").at_risk_reasons == ()
    assert analyse("Where is my order?", "en", waiting_complaints=1).at_risk_reasons == (REPEAT,)


def test_several_reasons_in_stable_order():
    r = assess("Toujours pas remboursé, mon avocat vous écrit, et je résilie.", "fr")
    assert r.reasons == (CANCEL, REFUND, LEGAL)
    assert all(code in REASONS for code in r.reasons)


def test_reason_codes_are_stable_strings():
    assert REASONS == ("cancel", "refund", "legal", "boycott_public", "safety", "repeat")


def test_other_language_uses_both_pattern_sets():
    assert LEGAL in assess("Ich gehe zur DGCCRF und zum lawyer", "other").reasons
