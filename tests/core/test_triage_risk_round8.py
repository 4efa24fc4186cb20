"""At-risk phrasings of an eighth round (app-store reviews, sarcasm, short replies in a thread),
in new words: 'message → reason', and near misses."""

import pytest

from relais.core.triage import analyse
from relais.core.triage.risk import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

AT_RISK = [
    ("fr", "Support inutile, j'ai supprimé mon compte hier soir.", CANCEL),
    ("fr", "Je paie encore, mais plus pour très longtemps.", CANCEL),
    ("fr", "Je vais arrêter de financer une appli qui plante.", CANCEL),
    ("fr", "Double prélèvement : vous comptez me le rendre quand ?", REFUND),
    ("fr", "Rendez-moi mon argent, le colis est vide.", REFUND),
    ("fr", "et mes 30 euros alors ?", REFUND),
    ("fr", "plainte déposée ce matin.", LEGAL),
    ("fr", "Courrier recommandé envoyé, vous avez huit jours.", LEGAL),
    ("fr", "Je raconte tout sur mon blog ce soir.", BOYCOTT_PUBLIC),
    ("fr", "Je laisse des avis sur tous les sites, bon courage.", BOYCOTT_PUBLIC),
    ("fr", "capture faite, ça part sur les réseaux", BOYCOTT_PUBLIC),
    ("fr", "Chute en trottinette à cause du frein, cheville cassée.", SAFETY),
    ("fr", "La crème a laissé la peau toute rouge à mon fils.", SAFETY),
    ("fr", "3e avis, toujours le même bug depuis la 2.0.", REPEAT),
    ("fr", "J'avais déjà signalé ce problème en mars.", REPEAT),
    ("fr", "@Marque toujours rien.", REPEAT),
    ("fr", "Et ça recommence, même bug que la semaine dernière.", REPEAT),
    ("en", "v3 ruined it. Exporting all my notes and moving to something simpler.", CANCEL),
    ("en", "Switched to a competitor last night, the paywall was the last straw.", CANCEL),
    ("en", "Thanks for the price hike, enjoy my last payment.", CANCEL),
    ("en", "Well, it's been real. Uninstalling.", CANCEL),
    ("en", "Parcel never came and you offer 5% off. I want the 30 I paid.", REFUND),
    ("en", "Late by a week, so I'll be expecting the delivery fee back.", REFUND),
    ("en", "Broken on day one. Credit it please, not a voucher.", REFUND),
    ("en", "Formal notice sent by recorded post this morning.", LEGAL),
    ("en", "Posting this in every school group I'm in, parents beware.", BOYCOTT_PUBLIC),
    ("en", "Screenshotting this for my 12k followers.", BOYCOTT_PUBLIC),
    ("en", "RT if their app ate your money too.", BOYCOTT_PUBLIC),
    ("en", "The charger sparked and smells like burning rubber.", SAFETY),
    ("en", "The pan handle came off mid-stir and I scalded my arm.", SAFETY),
    ("en", "Our cat ended up at the emergency vet after the new treats.", SAFETY),
    ("en", "Update 2: still crashing on launch, same reply every time from support.", REPEAT),
    ("en", "My ticket from January is still marked pending.", REPEAT),
    ("en", "Happy one-month anniversary to my unresolved case.", REPEAT),
    ("en", "Day 12. Still nothing.", REPEAT),
]

NOT_AT_RISK = [
    ("fr", "Le livreur a laissé un avis de passage alors que j'étais là."),
    ("fr", "Comment supprimer mon compte proprement ?"),
    ("en", "Update 2.1 fixed the crash, nice work!"),
    ("en", "Still nothing beats your cinnamon rolls."),
    ("en", "The sparkling water range is great."),
    ("en", "Put it back on the menu please, I miss it!"),
]


@pytest.mark.parametrize(("lang", "message", "reason"), AT_RISK)
def test_eighth_round_phrasings(lang, message, reason):
    a = analyse(message, lang)
    assert reason in a.at_risk_reasons, (a.at_risk_reasons, a.risk_evidence)


@pytest.mark.parametrize(("lang", "message"), NOT_AT_RISK)
def test_eighth_round_near_misses(lang, message):
    a = analyse(message, lang)
    assert a.at_risk_reasons == (), a.risk_evidence
