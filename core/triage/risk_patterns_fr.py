"""French at-risk patterns (see risk_patterns.py): per reason, regexes on folded tokens
("résilié" -> "resilie", "j'ai" -> "je ai"). *_NEGATIVE_ONLY count only outside praise."""

from __future__ import annotations

from .risk_reasons import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

_N = r"(?:\d+|deux|trois|quatre|cinq|six|dix|plusieurs|nombreu\w+|maintes|multiples?|innombrables)"

FR_PATTERNS: dict[str, list[str]] = {
    CANCEL: [
        r"\bresili\w*",
        r"\b(?:je|on|nous) (?:me |nous )?(?:vais |veux |compte |souhaite |prefere |vas )?"
        r"(?:aller |partir |passer )(?:voir )?(?:chez|ailleurs|a la concurrence)\b",
        r"\bvoir ailleurs\b",
        r"\b(?:aller|partir|passer|vais|irai|passe|pars|partons|passons) (?:\S+ ){0,2}la concurrence\b",
        r"\bchang(?:er|e|erai|erais|eons) (?:de |d )?"
        r"(?:operateur|banque|fournisseur|assureur|compagnie|marque|cremerie)\b",
        r"\bplus jamais\b", r"\bjamais plus\b",
        r"\bderniere? (?:fois|commande|achat|mois|annee|abonnement|sejour|facture)\b",
        r"\bce? est (?:termine|fini) (?:pour moi|entre nous)\b", r"\bvous (?:m avez|venez de me) perdue?\b",
        r"\bsigne\w* chez (?:un |une |le |la )?(?:concurren\w*|autre)\b",
        r"\b(?:commanderai|acheterai|reviendrai|prendrai|remettrai|achete|commande|voyagerai|"
        r"repasserai|utiliserai|recommanderai)s? (?:plus|jamais)\b",
        r"\b(?:ne|n) (?:vous |y )?(?:commanderai|acheterai|reviendrai|prendrai|remettrai)\b",
        r"\bje (?:vous |le |la |les )?(?:renvoie|retourne|rends)\b",
        r"\b(?:renvoyer|retourner|rendre) (?:le|la|les|ce|cet|cette|mon|ma|mes) (?:produit|article|"
        r"bague|colis|commande|appareil|montre|telephone|bague)\b",
        r"\btrouver (?:un |une )?(?:autre|nouvel?|nouvelle) (?:operateur|fournisseur|banque|assureur|"
        r"compagnie|marque|magasin|boutique|prestataire)\b",
        r"\b(?:ne |n )?(?:renouvellerai|renouvelle|reconduirai|reconduis|reconduit|prolongerai|reprendrai|"
        r"reprendra|renouvellera|reconduira|prolongera|reprendrons|renouvellerons|reconduirons)s? (?:\S+ ){0,2}"
        r"(?:pas|plus|jamais)\b",
        r"\b(?:ou|sinon) je (?:pars|resilie|change|m en vais|vais ailleurs|passe (?:chez|sur)|"
        r"vais (?:chez|sur)|me casse|me barre)\b",
        r"\bje me (?:casse|barre|tire|taille)\b(?! (?:la|le|les|l|un|une|pas|de|du|des|en|"
        r"souvent|toujours|jamais|la tete|vite)\b)",
        r"\bvous (?:ne )?(?:reverrez|verrez|toucherez) (?:plus|jamais) (?:\S+ ){0,2}"
        r"(?:centime|euro|argent|sou)\b", r"\bvous (?:ne )?me (?:reverrez|verrez) (?:plus|pas|jamais)\b",
        r"\bje me en vais (?:chez|ailleurs)\b",
        r"\bdesabonn\w*", r"\bdesinscri\w*", r"\bfermer mon compte\b", r"\bclotur\w* (?:mon|le) compte\b",
        r"\bannul(?:ez|er|e) (?:ma|mon|la|le) (?:commande|abonnement|contrat|compte|pass|season pass|forfait|"
        r"adhesion|inscription|carte)\b", r"\bpasse a autre chose\b",
        r"\b(?:transmettre|transferer|transfere\w*) (?:\S+ ){0,3}dossiers?\b",
        r"\bsera (?:le|la) dernier?e? avec (?:vous|eux)\b",
        r"\bvous (?:avez perdu|venez de perdre) (?:un|une) client\w*\b", r"\bperdu un client\b",
        r"\b(?:chez|vers|pour) un autre (?:fournisseur|operateur|assureur|banque|prestataire)\b",
        r"\btrouve (?:mieux|moins cher) ailleurs\b",
        # (not a comparison made before choosing us: "j'ai comparé avec la concurrence avant de…")
        r"\b(?:" + "|".join(stem + "".join(f"(?<!\\b{aux} {stem})" for aux in ("ai", "avons", "avais", "avait"))
                            for stem in ("regard", "test", "compar", "consult", "essa", "magasin"))
        + r")\w* (?:\S+ ){0,4}(?:la concurrence|"
        r"les concurrents|de autres (?:offres|devis|prestataires))\b", r"\bmagasin\w* (?:un|une) autre\b",
        r"\bce ne sera (?:pas|plus) (?:vous|chez vous)\b",
        r"\b(?:on a|je ai|nous avons) trouve (?:un|une) (?:autre|nouvel?|nouvelle)\b",
        r"\bmet\w* (?:un )?terme a (?:mon|ma|mes|notre|nos|le|la|cet|ce|cette)\b",
        r"\bmettre fin a (?:mon|ma|notre|le|la|cet|ce|cette)\b",
        r"\bmet\w* fin (?:a (?:mon|ma|notre|le|la|cet|ce|cette)|au|aux)\b",
        r"\bne souhaite (?:pas|plus) (?:reconduire|renouveler|prolonger|continuer)\b", r"\bje switch\w*",
        r"\bswitch\w* vers\b", r"\b(?:stop|arret\w*) (?:les )?prelevements\b",
        r"\b(?:ne|n) (?:sera|seront) (?:pas|plus|jamais) (?:reconduit|renouvele|prolonge|reinscrit)e?s?\b",
        r"\b(?:vais|vai|vas|va|compte) (?:pas|pa|plus|plu) (?:\S+ )?(?:reprendre|renouveler|reconduire|"
        r"reinscrire|reabonner|revenir|prolonger|continuer|garder)\b",
        r"\barret\w* (?:mon|ma|notre|le|la) (?:abonnement|commande recurrente|commande|contrat|adhesion|forfait)\b",
        r"\b(?:essayer|tester|passer a|partir sur|part sur) (?:un |une )?autre (?:chose|jeu|appli|application|marque|"
        r"service|solution)\b", r"\b(?:jdesinstall|desinstall)\w*",
        r"\b(?:efface|supprime|desinstalle)\w* (?:le |la )?(?:application|appli|app)\b", r"\bde quoi de autre\b",
        r"\bvous pouvez oublier (?:ma|mon|notre|nos|mes)\b", r"\bce etait (?:ma|mon|notre) dernier?e?\b",
        r"\b\w+(?:rai|rons|ra) (?:un|une) autre (?:marque|enseigne|boutique|appli|application|operateur|"
        r"prestataire|service)\b",
        r"\b(?:supprime|efface|ferme|cloture)\w* (?:mon|notre) compte\b", r"\bplus pour (?:tres )?longtemps\b",
        r"\bgarder (?:mon|notre) (?:abonnement|compte|forfait)\b(?: \S+){0,6} ou pas\b",
        r"\barreter de (?:financer|payer|cotiser|commander|acheter)\b",
        r"\bappli(?:cation)? supprimee\b", r"\b(?:reviennent|reviendront|reviendra|reviendrai|reviendrons) plus chez vous\b",
        r"\b\w+rai (?:\S+ ){0,2}ailleurs\b",  # a future tense and "elsewhere": "je la prendrai ailleurs"
        r"\bpas que (?:je|nous|on) (?:le |la |les )?(?:prolonge|renouvelle|reconduise|reprenne|garde)\w*",
        r"\b\w+(?:rai|rons|ra) (?:\S+ ){0,4}(?:dans|chez|a|vers) (?:un|une) autre\b",
        r"\bne pas (?:reconduire|renouveler|prolonger)\b",
    ],
    REFUND: [
        r"\b(?:pas|jamais|toujours pas|toujours rien|attends?|attente|veux|voudrais|exige|exiger|"
        r"demande|demander|reclame|reclamer|souhaite|obtenir|rendez|rembourserez|rembourser|"
        r"proceder|procedez)\b(?: \S+){0,4} (?:rembours|indemnis|dedommag)\w*",
        r"\bremboursez\b", r"\bme rembourser\b", r"\brembourse(?:r|z)? moi\b",
        r"\bchargeback\b",
        r"\b(?:aucun|pas de|toujours pas de|jamais de|sans) rembours\w*",
        r"\bchaque centime\b", r"\brecredit\w*", r"\b(?:rendez|rendre) (?:moi |nous )?(?:ce qui (?:m|nous) est du|mes sous)\b",
        r"\bme (?:les|le) (?:rendez|rembourserez)\b",
        r"\b(?:droit a|exige|demande|attends?|reclame|veux|voudrais|merite) (?:\S+ ){0,2}"
        r"(?:geste commercial|dedommagement|compensation|indemnisation)\b",
        r"\b(?:attends|attend|attendons|me attends|me attendais) (?:\S+ ){0,3}(?:la difference|"
        r"(?:a )?etre (?:credite|rembourse|dedommage|indemnise)e?s?)\b",
        r"\bcredite\w* (?:au complet|integralement|en totalite)\b",
        r"\b(?:recuperer|recupere|rendre|rendez|rembourser|remboursez) (?:moi |nous )?ce que "
        r"(?:je ai|nous avons|on a) (?:paye|regle|verse|depense)\b",
        r"\brestitu\w* (?:la |le |mon |ma |notre )?(?:caution|acompte|depot|somme|montant|argent|difference|totalite)\b",
        r"\b(?:soit vous|vous) prenez en charge\b", r"\b(?:me )?reverse\w* (?:ces|les|mes|nos) \d+\b",
        r"\b(?:renvoyez|rendez|reversez) (?:moi )?mes \d+\b",
        r"\b(?:veut|veux|voulons|veulent|exige|exigeons) (?:nos|mes|notre|mon) \d+\b",
        r"\ba vous de (?:rembourser|payer|prendre en charge)\b",
        r"\brecuperer (?:mes|mon|nos|notre|les) \d+\b",
        r"\b(?:me )?attends (?:au minimum |au moins )?a (?:un|une) (?:avoir|geste|bon|dedommagement|compensation)\b",
        r"\b(?:me|nous) dedommag\w*", r"\bou mes sous\b", r"\bremboursement integral\b",
        r"\bne (?:paierai|payerai|regleraI) (?:pas|rien)\b".replace("I", "i"),
        r"\bannul\w* (?:le |ce )?(?:debit|prelevement|paiement)\b",
        r"\bme (?:le|la|les) rendre\b", r"\brendez (?:moi|nous) (?:mon|notre|mes) (?:argent|sous)\b",
        r"\bun (?:bon de achat|avoir|geste) (?:ce )?serait (?:mieux|le minimum|bienvenu)\b", r"\bet mes \d+\b",
        r"\bpris\w* en charge par (?:la marque|vous|votre|le magasin|le enseigne|le fabricant)\b",
        r"\b(?:rendez|rends|rendre) (?:moi |nous )?(?:la|ma|notre) (?:thune|tune|fric|oseille)\b",
        r"\bretrouver (?:ces|mes|les|nos) \d+\b", r"\bi want my money back\b",
        r"\b(?:rende|rendiez|rendent|reversiez|reversez) (?:\S+ ){0,2}(?:la difference|mon argent|cet argent|notre argent|la part|"
        r"ces frais|les frais|mes frais|"
        r"une partie|la somme|cette somme|le montant|"
        r"le acompte|la caution|mes \d+|les \d+)\b",
        r"\b(?:\d+ (?:euros? |eur )?|somme |argent |montant )me revien(?:nent|t)\b",
    ],
    LEGAL: [
        # (not the fruit: "saumon-avocat", "toast avocat")
        r"\bavocats?\b" + "".join(f"(?<!{food} avocat)(?<!{food} avocats)"
                                   for food in ("saumon", "thon", "crevettes", "poulet", "toast", "salade")),
        r"\bmise en demeure\b", r"\bdgccrf\b", r"\bufc\b", r"\bque choisir\b",
        r"\bsignal ?conso\b", r"\b60 millions\b", r"\bplainte deposee\b", r"\bcourrier recommande\b", r"\b(?:porter|porte|deposer|depose|deposee?) "
        r"(?:une )?plainte\b", r"\bplainte (?:contre|aupres|a la|au)\b", r"\btribunal\w*",
        r"\ben justice\b", r"\bproces\b(?! verba)", r"\bpoursui(?:te|vre|vrai|vons)\w*", r"\bjuridique\b",
        r"\bmediat(?:eur|ion)\b", r"\bconciliat\w*", r"\bhuissier\b", r"\baction de groupe\b",
        r"\bassociation de consommateurs\b", r"\bopposition (?:bancaire|aupres|sur|a)\b",
        r"\b(?:fait|faire|ferai|ai fait) opposition\b", r"\bconteste\w* (?:le |la )?(?:paiement|prelevement|debit)\b",
        r"\bprotection du consommateur\b", r"\bpetites creances\b",
        r"\blitige (?:bancaire|avec ma banque)\b", r"\bcnil\b", r"\barcep\b", r"\bgendarmerie\b",
        r"\bcommissariat\b", r"\bpolice\b", r"\bprud ?hom\w*", r"\bjuge\b", r"\bdroit de la consommation\b",
        r"\bcodes? (?:de la consommation|civil)\b",
        r"\bmet\w* en demeure\b", r"\bjuridictions?\b",
        r"\bjuriste\b", r"\bmaison de la justice\b", r"\bservice juridique\b", r"\bprotection juridique\b",
        r"\bsaisi\w* (?:le |la |les )?(?:tribunal|juge|justice|mediateur|conciliateur|prud)",
    ],
    BOYCOTT_PUBLIC: [
        r"\ba fuir\b", r"\bfuyez\b", r"\bpassez (?:votre|ton) chemin\b",
        r"\b(?:ne |n )?(?:achetez|commandez|faites|reservez|prenez) (?:pas|jamais|surtout pas)\b",
        r"\bevitez\b", r"\bdeconseill\w*", r"\bmefiez\b", r"\bmefiance\b",
        r"\bne tombez pas\b", r"\barnaqu\w*", r"\bescro\w*", r"\bvoleurs?\b", r"\bboycott\w*",
        r"\bmauvaise (?:pub|publicite)\b", r"\bfuir\b",
        r"\b(?:ne|n) (?:faut|faites|accordez) (?:\S+ ){0,2}(?:pas|aucune|jamais) (?:\S+ ){0,1}confiance\b",
        r"\bil ne faut (?:surtout )?pas (?:acheter|commander)\b",
        r"\bde ne (?:surtout )?(?:pas|jamais) (?:commander|acheter|passer par|faire confiance)\b",
        r"\bprev(?:iens|enir|iendrai) (?:tout le monde|mes amis|mon entourage|mes proches)\b",
        r"\b(?:ne |n )?(?:inscrivez|louez|signez|allez|confiez) (?:pas|jamais|surtout pas)\b",
        r"\bavis aux (?:parents|clients|voyageurs|familles|habitants|amateurs|futurs)\b",
        r"\bqui hesitez\b", r"\battendez mon (?:thread|avis|video|post)\b", r"\bepargnez vous\b",
        r"\bfaites passer\b",
        r"\bsujet (?:pour|de) (?:la page|le journal|un article|un reportage)\b", r"\bpage consommation\b",
        r"\bvont circuler\b", r"\bemission (?:de |des )?consommateurs?\b",
        r"\bsur mon blog\b", r"\b(?:clients|gens|parents|acheteurs) (?:\S+ )?meritent de savoir\b",
        r"\bcaptures? (?:\S+ ){0,4}(?:poste|publie|partage)\b", r"\bsur tous les sites\b",
        r"\bfaut que ca se sache\b", r"\bpartage a tout le monde\b", r"\bpart sur les reseaux\b",
        r"\bcapture faite\b",
        r"\bje compte tout (?:lui |leur )?raconter\b", r"\bposte (?:\S+ ){0,2}partout\b", r"\bpage communautaire\b",
        r"\bsur marketplace\b", r"\bmerite de savoir\b",
        r"\b(?:avis|note) (?:1|une) etoile\b", r"\btout le (?:quartier|village|monde) va (?:le )?savoir\b",
    ],
    SAFETY: [
        r"\bbrul\w*", r"\bsurchauff\w*", r"\bexplos\w*", r"\bexplose\w*", r"\bfumee\b",
        r"\bpris feu\b", r"\bincendie\b", r"\betincelles?\b", r"\belectrocut\w*",
        r"\bdecharge electrique\b", r"\ballergi\w*", r"\birritation\w*", r"\beczema\b",
        r"\bblessu?r\w*", r"\bblesse\w*", r"\bintoxi\w*", r"\bempoisonn\w*", r"\bhopital\b",
        r"\burgences\b", r"\brisque pour (?:la )?sante\b",
        r"\btoxique\b", r"\bmoisi\w*", r"\bcorps etranger\b", r"\bbout de verre\b",
        r"\betouff\w*", r"\bmalades?\b(?<!ce est malade)(?<!ce est malades)(?<!c est malade)(?<!c est malades)", r"\bintox\b",
        r"\b(?:chargeur|prise|cable|batterie|appareil)s? (?:\S+ ){0,4}(?:fondu|noirci|grille)\w*",
        r"\bcable (?:est )?denude\b", r"\bpoints de suture\b",
        r"\bouvert (?:le|la|l) (?:menton|front|arcade|genou|main|doigt|levre)\b",
        r"\b(?:aurais|aurait|aurions|aurait) pu (?:y rester|mourir|etre tue|me tuer)\b",
        r"\b(?:frein|roue|guidon|selle|pedale|pedalier|chaine|fourche)s? (?:\S+ ){0,6}(?:a lache|lache|casse|cede)\b",
        r"\bfailli (?:\S+ ){0,2}(?:avaler|etouffer|mourir(?! de rire)|bruler|electrocuter|tomber|finir|"
        r"renverser|tuer|prendre)\b",
        r"\b(?:visage|yeux|levres|peau|mains?|bouche|gorge) (?:\S+ ){0,3}(?:gonfle|enfle)\w*",
        r"\bau lieu d(?:u|e) \d+ ?mg\b", r"\bmauvais (?:medicament|dosage)\b", r"\bne freine plus\b",
        r"\b(?:bout|morceau|eclat|debris)s? de (?:plastique|verre|metal|ferraille|bois)(?: \S+){0,2} dans\b",
        r"\b(?:se est|me suis|te es|nous sommes) (?:coupe|blesse|brule|electrocute)e?s?\b",
        r"\binfect\w*", r"\bpus\b", r"\bfai\w* fondre\b",
        r"\bentorse\b", r"\ballait (?:se |nous )?tuer\b", r"\bpneus? (?:\S+ ){0,5}lisses?\b",
        r"\bvoyant (?:de |du )?frein\b",
        r"\bpris (?:son|sa|ses|mon|ma|mes) (?:traitement|medicament|cachet)s? deux fois\b", r"\bpeau (?:toute )?rouge\b",
        r"\b(?:poignet|bras|jambe|cheville|cote|nez|dent)s? casse\w*", r"\b(?:propre|impropre)s? a la consommation\b",
        r"\b(?:etrier|roue|frein|ecrou|boulon)s? (?:\S+ ){0,4}(?:pas|mal) (?:\S+ ){0,2}(?:resserre|serre|fixe|visse)e?s?\b", r"\bchute de (?:\S+ )?metres?\b", r"\bse (?:casse|cassera|casser) (?:le cou|la jambe|le bras)\b",
        r"\b(?:genou|menton|front|arcade|levre|crane)s? ouverts?\b", r"\bcogne\w* la tete\b",
        r"\b(?:2e|3e|deuxieme|troisieme|second) degre\b",
        r"\b(?:barre|ceinture|harnais|arceau)s? de securite (?:\S+ ){0,3}(?:ne |n )?(?:\S+ )?(?:pas|plus)\b",
        r"\b(?:reste|restee|retrouve|retrouvee)s? (?:\S+ ){0,3}au sol\b",
        r"\b(?:mere|pere|fils|fille|enfant|bebe|mari|femme|grand mere|grand pere) (?:\S+ ){0,2}"
        r"(?:est |se est )(?:tombe|tombee|blesse|blessee)\b",
    ],
    REPEAT: [
        rf"\b{_N} (?:mails|messages|appels|relances|courriels|tentatives|reclamations|emails|"
        r"demandes|communications|sollicitations)\b",
        rf"\b(?:la |le )?{_N} ?(?:e|eme|ieme) fois que\b",
        rf"\bpour la (?:{_N} ?(?:e|eme|ieme)|deuxieme|troisieme|quatrieme|cinquieme|enieme) fois\b",
        r"\b(?:crie|cries|parle|ecris|hurle|sonne)\w* dans le vide\b", r"\bchaque fois que (?:j|je) (?:appelle|ecris|relance)\b",
        r"\b(?:deuxieme|troisieme|quatrieme|cinquieme|\d+ ?e(?:me)?) (?:courrier|mail|message|appel|relance|lettre|"
        r"avis|post|commentaire|ticket)s?\b",
        r"\bsans suite\b",
        rf"\b(?:ecrit|contacte|appele|relance|envoye|redemande|reclame|mail)\w* (?:\S+ ){{0,6}}{_N} fois\b",
        r"\b(?:deuxieme|troisieme|quatrieme|cinquieme|sixieme) fois que\b", r"\brevenir vers vous\b",
        r"\b(?:me )?repondre cette fois\b", r"\bdepuis \S+ (?:jours|semaines|mois) je vous ai\b",
        r"\bencore vous demander\b", r"\btoujours ouvert depuis\b",
        r"\bfollow ?up encore\b", r"\bje follow ?up\b", r"\bstill nothing\b",
        r"\b(?:j|je) (?:essaie|essaye|tente) (?:\S+ ){0,3}(?:joindre|contacter|avoir)\b",
        r"\bpeine a (?:vous |les )?joindre\b",
        r"\brelanc\w*", r"\btoujours (?:sans|pas de|aucune) (?:reponse|retour|nouvelles?)\b",
        r"\bsans (?:aucune )?reponse\b", r"\baucune? (?:reponse|retour)\b", r"\bjamais de reponse\b",
        r"\bpersonne ne (?:me |nous )?(?:repond|rappelle)\b", r"\bne (?:me |nous )?repond(?:ez|ent)? "
        r"(?:pas|jamais|plus)\b", r"\binjoignables?\b(?! pendant (?:\S+ )?(?:heures?|minutes?|h)\b)",
        r"\bje vous (?:ai )?deja (?:ecrit|contacte|relance|appele)\b", r"\bdeja contacte\w*",
        r"\bdeja (?:ecrit|appele|envoye)\b", r"\bje (?:vous )?recontacte\b", r"\bzero (?:reponse|retour)\b",
        rf"\b{_N} fois que (?:j|je) (?:\S+ )?(?:ecris|appelle|relance|contacte|demande|envoie)\b",
        r"\bpersonne (?:ne )?(?:me |nous )?(?:revient|repond|rappelle)\b",
        r"\b(?:ca fait|depuis) (?:\S+ ){0,3}(?:jours|semaines|mois) (?:que )?(?:j ecris|je (?:vous )?"
        r"(?:ecris|relance|appelle|contacte|essaie))\b",
        r"\benieme\b", r"\bje reviens (?:encore )?vers vous\b",
        r"\bon en est a \d+ (?:jours|semaines|mois)\b",
        r"\bpromis (?:\S+ ){0,6}il y a (?:\S+ )?(?:jours|semaines|mois)\b", r"\bre bonjour\b",
        r"\bcomme (?:deja )?(?:ecrit|indique|dit|signale|mentionne) dans mon (?:courriel|mail|message)\b",
        r"\bfinir par (?:me |nous )?repondre\b", r"\b(?:fatigue|marre)\w* (?:d|de) attendre\b",
        r"\bje vous ai (?:deja )?(?:ecrit|appele|contacte|relance) (?:\S+ ){0,2}(?:avant hier|hier|lundi|mardi|"
        r"mercredi|jeudi|vendredi|samedi|la semaine derniere|il y a|le \d+)\b", r"\bce est encore moi\b",
        r"\bca fait \S+ (?:jours|semaines|mois) que (?:\S+ ){0,3}(?:me a|ai) (?:ecrit|dit|promis|repondu|appele|"
        r"signale)\b", r"\bdeja (?:ouvert|cree|envoye) (?:deux|trois|\d+|plusieurs) (?:tickets|demandes|reclamations|"
        r"dossiers)\b", r"\bce etait il y a \d+ (?:jours|semaines)\b", r"\bsignale\w* il y a \S+ (?:jours|semaines|mois)\b",
        r"\bmerci de le rouvrir\b",
        r"\bdeja signale\w*", r"\bnous sommes en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
        r"novembre|decembre)\b", r"\banniversaire a mon\b", r"\bje reviens aux nouvelles\b", r"\bcomme chaque semaine\b",
        r"\btoujours rien\b(?! a dire| de mieux| compris)", r"\bmeme (?:bug|probleme|souci) que\b", r"\bca recommence\b",
        r"\bmalgre (?:deux|trois|quatre|\d+|plusieurs) (?:passages|appels|mails|courriels|messages|visites)\b",
        r"\becris (?:\S+ ){0,2}chaque (?:lundi|mardi|mercredi|jeudi|vendredi|semaine|jour|matin)\b",
    ],
}

FR_NEGATIVE_ONLY = {BOYCOTT_PUBLIC: [
    r"\b(?:le |la |les )?(?:dire|partager|faire savoir|publier|raconter|diffuser) partout\b",
    r"\b(?:mett|laiss|post|publi|ecri)\w* (?:un |des |mon )?(?:\S+ )?(?:avis|commentaires?)\b"
    r"(?! de passage| de livraison| de reception| de echeance)",  # (a postal notice is no review)
    r"\bplateformes? de avis\b", r"\bdoivent savoir\b",
    r"\breseaux sociaux\b", r"\bla presse\b", r"\bjournalistes?\b", r"\bmedias\b",
    r"\bque tout le monde (?:sache|voie|le sache)\b", r"\b(?:faire|ferai|fais|poster|posterai|publier) "
    r"un thread\b", r"\bcaptures? (?:d ecran )?de (?:mes|nos|tous|toutes) ",
    r"\bmes (?:abonnes|abonnees|followers)\b", r"\bmeritent de (?:savoir|le savoir)\b",
    r"\bavis (?:google|trustpilot|negatif)\b", r"\braconter (?:ca |cela )?a tout le monde\b",
    r"\bles gens doivent savoir\b", r"\bgroupes? facebook\b", r"\bprevien\w* (?:tous|toutes) mes\b",
    r"\brt svp\b", r"\bpartagez\b", r"\bvideo (?:sur (?:vous|votre|vos|ce|cette|ca)|en preparation)\b",
    r"\b(?:tout le monde|toute la famille|mes amis|mes proches|tout mon entourage) (?:va|vont|sera|seront) "
    r"(?:etre )?au courant\b",
    r"\b(?:dire|raconter|montrer|faire savoir) (?:ca |cela )?a tout le monde\b",
    # a platform named is no threat ("vos photos Instagram"); a post there is
    r"\b(?:prepare|poste|publie|fais|fait|ferai|mets|mettrai|tourne|monte)\w* (?:une |ma |un |mon )?(?:petite |ptite )?"
    r"(?:video|thread|post|story|publication|live)\b", r"\b(?:faire|fais|ferai) un (?:\S+ )?tiktok\b",
    r"\b(?:tiktok|instagram|insta|youtube) (?:va|vont|ce soir|demain)\b", r"\bca va tourner\b", r"\blikes\b",
    r"\bthread (?:complet|ce soir|demain|a venir)\b", r"\ben cours de montage\b", r"\ble buzz\b",
    r"\b(?:pour|pr) mon (?:insta|tiktok|compte insta)\b", r"\bdans tous les groupes\b",
    r"\bpour que de autres (?:\S+ ){0,3}(?:ne tombent|evitent|sachent|soient prevenu)\w*",
    r"\b(?:informerai|alerterai|previendrai|contacterai) (?:\S+ ){0,2}(?:journal|presse|medias|journaliste)\w*",
], CANCEL: [r"\b(?:ce|ca) sera (?:termine|fini)\b", r"\bfais le changement\b", r"\bfin de contrat\b",
               r"\btrouver (?:un|une) autre \w+", r"\btant pis pour vous\b",
               r"\bexporter (?:nos|mes|toutes nos|toutes mes) donnees\b"],
    SAFETY: [r"\bdangere?u?x?\w*\b"],  # ("vous êtes dangereux 😍")
    REFUND: [  # "j'ai récupéré mon argent, merci !" is no demand
    r"\bgeste commercial\b", r"\bindemnisation\b",
    r"\b(?:un|votre|quel) geste\b", r"\brestitu\w*", r"\bcompens\w*",
    r"\b(?:offert|offerte|offerts|offertes|geste|avoir|bon) (?:\S+ ){0,4}(?:le minimum|la moindre des choses)\b",
    r"\bmon argent\b",
    r"\b(?:rendez|rendre|recuperer|recupere|revoir) (?:moi )?(?:mon|mes|notre) (?:argent|\d+)\b",
]}
