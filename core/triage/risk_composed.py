"""At-risk patterns composed from two word families met close together in one sentence.

The fixed phrases of risk_patterns.py catch the wordings they were written for, and customers
have endless others: "the £40 I'm owed", "j'attends que la caution me soit rendue", "the whole
street is hearing about this". Most of them join two ingredients: a sum of money and its way
back, an alternative and an intent to go, an audience and a telling verb, a person or body part
and a harm, a reply and its absence over time. Each rule here requires both, within a few words
and without crossing a sentence end; all count only when the message does not read as praise
(as risk_patterns.*_NEGATIVE_ONLY). Written from general knowledge of French and English, then
checked once on a blind set of team-written messages made to contain the same ingredients
without the threat (bench/data/README.md).
"""

from __future__ import annotations

from .risk_patterns import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

_GAP = r"(?: [^\s.!?;]+){0,%d} "  # up to n words (commas allowed), never a sentence end


def near(a: str, b: str, gap: int = 5) -> str:
    """`a` then `b` within `gap` words, in one sentence."""
    return rf"\b(?:{a})\b{_GAP % gap}(?:{b})\b"


def either(a: str, b: str, gap: int = 5) -> list[str]:
    return [near(a, b, gap), near(b, a, gap)]


# --- English ----------------------------------------------------------------------------------
_EN_MONEY = (r"(?:\d+ )?(?:pounds?|quid|dollars?|bucks|euros?|money|fees?|charges?|deposit|fare|"
             r"payment|amount|difference|balance|costs?|excess|overcharge|surcharge)")
_EN_BACK = (r"back|returned|credited|waived|covered|reversed|repaid|paid back|written off|"
            r"knocked off|taken off")  # (not "refunded": the keyword patterns judge it)
_EN_OWED = r"owed|owe me|owe us|due to me|entitled to|what i m due|what we re due"
_EN_ALTERNATIVE = (r"elsewhere|somewhere else|someone else|somebody else|a competitor|competitors|"
                   r"the competition|another (?:company|firm|provider|supplier|shop|store|garage|"
                   r"place|brand|agency|plumber|builder|installer|school|"
                   r"teacher|club|venue|caterer|florist|photographer)|the other (?:place|lot|guys)|"
                   r"a rival|your rivals?")
_EN_GOING = (r"i ll|i will|we ll|we will|i m going|we re going|gonna|going to|next time|from now on|"
             r"in future|booked|signed up|signed with|moving|switching|taking|trying|found|went|"
             r"going|go|goes|shop|order|buy")
_EN_TELL = (r"tell|telling|warn|warning|share|sharing|post|posting|write|writing|spread|put|"
            r"putting|send|sending|report|reporting|let")
_EN_INTENT = r"i ll|i will|we ll|we will|i m going to|we re going to|gonna|about to|going to|will be"
_EN_AUDIENCE = (r"everyone|everybody|people|the internet|the world|my followers|followers|"
                r"friends and family|all my friends|neighbours|neighbors|the street|community|"
                r"group|forum|facebook|instagram|tiktok|twitter|youtube|reddit|the news|"
                r"the press|the paper|radio|tv|reviews?|review sites?|trustpilot|google|yelp|"
                r"tripadvisor|whatsapp")
_EN_PERSON = (r"skin|eyes?|hands?|fingers?|arms?|legs?|face|mouth|throat|stomach|head|chest|"
              r"child|children|son|daughter|baby|toddler|kids?|mum|mom|dad|nan|grandad|grandma|"
              r"granny|husband|wife|partner")
_EN_HARM = (r"hurt|injured|bleeding|bled|blood|burnt|burned|blistered|blisters|swollen|swelled|"
            r"rash|itching|vomiting|threw up|poorly|feverish|fever|in pain|stitches|concussion|"
            r"a e|ambulance|paramedics|trapped|fractured|broke (?:his|her|my) (?:arm|leg|wrist|"
            r"ankle|nose)|sprained")
_EN_REPLY = (r"reply|replies|response|responses|answer|update|updates|call back|callback|word|"
             r"news|email back|acknowledg\w*|follow up")
_EN_NONE = r"no|not a|not one|nothing|never (?:got|had|received)|without (?:a|any)|yet to (?:get|receive|hear)"
_EN_SINCE = (r"since|still|weeks|months|days|for ages|so far|to date|yet|as of today|already")

EN_COMPOSED: dict[str, list[str]] = {
    REFUND: [near(_EN_MONEY, _EN_BACK, 4), near(_EN_MONEY, _EN_OWED, 3),
             near(_EN_OWED, _EN_MONEY, 3), near(r"\d+", r"back|credited", 1)],
    CANCEL: [near(_EN_GOING, _EN_ALTERNATIVE, 4)],
    BOYCOTT_PUBLIC: [near(_EN_INTENT, near(_EN_TELL, _EN_AUDIENCE, 4)[2:], 2)],
    SAFETY: [near(_EN_PERSON, _EN_HARM, 4)],
    REPEAT: [near(_EN_SINCE, near(_EN_NONE, _EN_REPLY, 2)[2:], 4),
             near(near(_EN_NONE, _EN_REPLY, 2)[2:], _EN_SINCE, 4)],
    LEGAL: [near(r"report\w*|complain\w*|escalat\w*|refer\w*|taking (?:this|it)",
                 r"to (?:the )?(?:authority|authorities|regulator|agency|board|"
                 r"commission|department|standards|watchdog|ombudsman|police)", 3)],
}

# --- French -----------------------------------------------------------------------------------
_FR_MONEY = (r"(?:\d+ )?(?:euros?|eur|francs|dollars|argent|sous|somme|montant|acompte|caution|"
             r"frais|difference|avance|trop percu|paiement|cotisation|thune|fric)")
_FR_BACK = (r"rendu|rendue|rendus|rendues|restitue\w*|recredite\w*|credite\w*|reverse\w*|"
            r"retourne\w*|recuperer|recupere|rendre|rendez|rende|sur (?:le|mon|notre) compte")
# (not "rembours-": the keyword patterns of risk_patterns judge it)
_FR_OWED = r"me est du|me est due|me sont dus|nous est du|me doit|me devez|nous devez|on me doit"
_FR_ALTERNATIVE = (r"ailleurs|la concurrence|un concurrent|les concurrents|vos concurrents|"
                   r"(?:un|une|le|la) autre (?:enseigne|boutique|magasin|prestataire|societe|"
                   r"entreprise|garage|agence|marque|fournisseur|artisan|plombier|ecole|club|"
                   r"salle|traiteur|fleuriste|photographe|application|appli)|chez quelqu un de autre")
_FR_GOING = (r"vais|irai|irons|allons|va|vont|prochaine fois|desormais|dorenavant|a le avenir|"
             r"signe|inscrit|trouve|essayer|tester|regarder|passer|aller|partir|commander|acheter")
_FR_TELL = (r"dire|raconter|partager|poster|publier|ecrire|mettre|prevenir|montrer|diffuser|"
            r"avertir|signaler|faire savoir")
_FR_INTENT = r"vais|va|allons|vont|compte|comptons"
_FR_WILL_TELL = (r"dirai|raconterai|partagerai|posterai|publierai|ecrirai|mettrai|previendrai|"
                 r"montrerai|diffuserai|ferai savoir")
_FR_AUDIENCE = (r"tout le monde|tous mes|toutes mes|les gens|mes amis|mes proches|mes voisins|"
                r"le quartier|mes abonnes|abonnes|reseaux|facebook|instagram|insta|tiktok|"
                r"twitter|youtube|avis|google|trustpilot|la presse|le journal|les journaux|"
                r"la tele|la radio|groupe|forum|whatsapp")
_FR_PERSON = (r"peau|yeux|oeil|mains?|doigts?|bras|jambes?|visage|bouche|gorge|ventre|tete|"
              r"enfant|enfants|fils|fille|bebe|mere|pere|mamie|papi|grand mere|grand pere|mari|"
              r"femme|conjoint|chien|chienne|chat|chatte|chiot|chaton")
_FR_HARM = (r"blesse\w*|saigne\w*|sang|brule\w*|cloque\w*|gonfle\w*|plaques|demange\w*|"
            r"vomi\w*|fievre|urgences|pompiers|samu|ambulance|points de suture|entorse|"
            r"fractur\w*|coince\w*|mal (?:au|a la|aux)")
_FR_REPLY = r"reponse|retour|nouvelles|rappel|suite|mise a jour|accuse de reception|signe de vie"
_FR_NONE = r"pas de|pas une|pas un|aucune|aucun|rien|sans|jamais (?:eu|recu)|toujours pas de"
_FR_SINCE = r"depuis|toujours|semaines|mois|jours|ca fait|cela fait|a ce jour|deja|encore"

FR_COMPOSED: dict[str, list[str]] = {
    REFUND: [near(_FR_MONEY, _FR_BACK, 4), near(_FR_BACK, _FR_MONEY, 3), near(_FR_MONEY, _FR_OWED, 3),
             near(r"\d+", r"en retour|rendus|recredites", 1)],
    CANCEL: [near(_FR_GOING, _FR_ALTERNATIVE, 4)],
    BOYCOTT_PUBLIC: [near(_FR_INTENT, near(_FR_TELL, _FR_AUDIENCE, 4)[2:], 2),
                     near(_FR_WILL_TELL, _FR_AUDIENCE, 4)],
    SAFETY: [near(_FR_PERSON, _FR_HARM, 4)],
    REPEAT: [near(_FR_SINCE, near(_FR_NONE, _FR_REPLY, 1)[2:], 4),
             near(near(_FR_NONE, _FR_REPLY, 1)[2:], _FR_SINCE, 4)],
    LEGAL: [near(r"signal\w*|saisi\w*|plainte|recours|dossier|reclamation",
                 r"(?:aupres (?:de|du|des)|a|au) (?:la |l )?(?:prefecture|mediateur|tribunal|"
                 r"gendarmerie|police|inspection|dgccrf|autorite|association de consommateurs|"
                 r"repression des fraudes)", 3)],
}
