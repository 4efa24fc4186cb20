"""English at-risk patterns (see risk_patterns.py): per reason, regexes on folded tokens
("can't" -> "can t", "I'm" -> "i m"). *_NEGATIVE_ONLY count only outside praise."""

from __future__ import annotations

from .risk_reasons import BOYCOTT_PUBLIC, CANCEL, LEGAL, REFUND, REPEAT, SAFETY

_EN_N = r"(?:\d+|two|three|four|five|six|ten|several|multiple|many|numerous|countless|so many)"

EN_PATTERNS: dict[str, list[str]] = {
    CANCEL: [
        r"\bcancel\w* (?:my|the|our|this) (?:\S+ ){0,4}(?:subscription|account|order|membership|plan|"
        r"contract|service|booking|card|premium|sub|broadband|policy|package|line)\b",
        r"\b(?:i m|im|i am|i ll be) (?:so )?(?:gone|out of here|outta here)\b",
        r"\bport\w* (?:my|our) numbers?\b", r"\bretention (?:offer|deal|team|department)\b",
        r"\b(?:consider this|this is) my notice\b", r"\bgiv\w* (?:you )?(?:my )?notice\b",
        r"\byou (?:have|ve) (?:just )?lost (?:me|a customer)\b",
        r"\b(?:going|moving|switching|taking \S+) to (?:another|a different|a new) (?:bank|provider|carrier|"
        r"insurer|supplier|gym|company|network|airline)\b",
        r"\b(?:i|we) (?:am|are|will|ll|m|have|have just|just) (?:be )?cancel\w*",
        r"\btak\w+ my (?:business|money) elsewhere\b", r"\bnever (?:again|fly\w*|buy\w*|"
        r"order\w*|shop\w*|use\w*|book\w*|purchase\w*) (?:again|with|from|you)\b",
        r"\bnever again\b", r"\blast time i (?:fly|flew|buy|bought|order|ordered|use)\b",
        r"\b(?:return\w*|send\w* back|sent back) (?:it|this|the|my|them)\b",
        r"\bdone with (?:you|your|this)\b", r"\bclose my (?:\S+ )?account\b",
        r"\blost (?:a|an|another) (?:\S+ ){0,3}customer\b", r"\blost my business\b",
        r"\blast month with\b", r"\bmoving (?:everything|my \w+|it all) to\b", r"\bswapping over\b",
        r"\b(?:won t|will not|ll never|will never) (?:be )?(?:seeing|see|getting|get) (?:my|another|a) "
        r"(?:money|penny|cent|dime|euro|pound)\b", r"\bcut up my (?:\S+ ){0,2}card\b",
        r"\bunsubscrib\w*",
        r"\b(?:will not|not going to|do not plan to|never) (?:be )?renew\w*", r"\bnot renewing\b",
        r"\bfind (?:a )?(?:new|another|different|better) (?:airline|carrier|provider|bank|company|"
        r"service|supplier|store|shop|brand)\b",
        r"\bhand\w* in (?:my|our) notice\b", r"\bmy next \w+ (?:will not|won t|will never) be\b",
        r"\b(?:shifting|moving|switching|going) (?:\S+ ){0,2}to (?:another|a different|a new) (?:brand|installer|"
        r"company|firm|vendor|school|nursery|club|studio|cleaner|provider|supplier)\b",
        r"\bnot (?:paying|renewing|signing up|coming back) for another\b",
        r"\b(?:don t|do not) expect (?:me|us) (?:to )?(?:re ?sign|renew|come back|return|rebook|stay)\b",
        r"\bfound (?:a|an|another|someone|somebody) (?:\S+ ){0,4}(?:better|cheaper)\b",
        r"\b(?:that was|this is|this was|that s) (?:my|our) (?:very )?last (?:visit|order|booking|purchase|"
        r"stay|trip|meal|session|term|season|delivery)\b",
        r"\bdon t see (?:us|me|myself|ourselves) (?:signing|renewing|coming back|staying|booking|using)\b",
        r"\breason to (?:keep paying|stay|renew)\b", r"\bwhy (?:i|we) (?:should|would) (?:keep paying|stay|renew)\b",
        r"\bwill be \w+ing (?:\S+ ){0,5}(?:elsewhere|somewhere else)\b",
        r"\b(?:box|order|visit|booking|delivery|purchase|month|stay|meal|term|session|subscription) "
        r"(?:is|was|will be) (?:my|our) (?:very )?last\b", r"\bremoved my (?:card|payment details)\b",
        r"\bnotice to end\b", r"\b(?:will not|won t) be continuing\b",
        r"\bstop (?:the |my |our )?(?:auto ?debit|direct debit|standing order|auto ?renew\w*)\b",
        r"\b(?:records|files|data) (?:\S+ ){0,2}transferred\b",
        r"\bregistered with (?:a|an|another) (?:\S+ ){0,2}(?:practice|vet|surgery|dentist|clinic|school|"
        r"provider)\b", r"\bmoving (?:\S+ ){0,3}to (?:a |an )?(?:cheaper|different|new|another)\b",
        r"\bin (?:other|another) place\b", r"\bfrom now (?:on )?i (?:will|ll) (?:buy|shop|order|go)\b",
        r"\bdelet\w* (?:the|your) app\b", r"\b(?:switch\w*|turn\w*) off (?:the )?auto ?renew\w*",
        r"\b(?:i m|i am|we re|we are) stopping (?:the|my|our) (?:whole|subscription|order|plan|membership)\b",
        r"\bmigrat\w* to (?:another|a different|a new|a cheaper)\b",
        r"\b(?:will not|won t) be (?:signing|renewing|extending|staying)\b",
        r"\bexport\w* (?:everything|all my|all our|my data|our data|my files)\b", r"\bmoving to something\b",
        r"\bmy (?:\S+ ){0,2}ends here\b", r"\bswitch\w* to a competitor\b", r"\benjoy my last\b",
        r"\b(?:my|our) (?:very )?last payment\b", r"\bit s been real\b", r"\bi ll be \w+ing from now on\b",
        r"\bthat s it , cancell?ed\b",
        r"\bdelet\w* (?:una |the |your |ur )?app\b", r"\bthat s me done\b",
        r"\b(?:stopped|stopping) (?:the|my|our) (?:subscription|membership|plan|order|account)\b", r"\bpulled the pin\b",
        r"\b(?:won t|will not|wont) be back\b", r"\b(?:ll|will) be going with\b", r"\b(?:will not|won t) be paying\b",
        r"\balready got (?:a|another) (?:supplier|provider|company|shop)\b", r"\bmoving to the other\b",
        r"\bclose out (?:the|my|our)\b", r"\b(?:i m|im) done (?:just|so|with you|with this)\b", r"\bdelete my account\b",
        r"\bwe (?:are|re) done\b", r"\btake me off (?:the|your) (?:emails?|mailing list|list)\b",
    ],
    REFUND: [
        r"\brefund me\b",
        r"\b(?:give|want|need|get) (?:me )?(?:my|our) (?:money|cash|deposit|\d+\w*)(?: \w+)? back\b",
        r"\b(?:want|demand\w*|claim\w*|expect\w*|owe me) (?:\S+ ){0,3}(?:compensation|every penny)\b",
        r"\bdelay repay\b", r"\bevery (?:cent|penny|dollar|euro) back\b",
        r"\bcredit (?:my|our) account\b", r"\bput it back (?:in|on|into) (?:my|our)\b",
        r"\b(?:get|want|need) (?:my|our) (?:fare|fee|deposit|money) back\b",
        r"\b(?:reverse|refund|waive) (?:it|the charge|this charge|that charge|the fee|this fee)\b", r"\bchargeback\b", r"\breimburse\w*",
        r"\b(?:want|need|demand|demanding|request\w*|waiting (?:for|on)|never got|not received|"
        r"not got|give me|get|issue|owe me|where is|where s|refuse\w*)\b(?: \S+){0,3} refund\w*",
        r"\brefund\w* (?:not|never|still|yet)\b",
        r"\b(?:i d|i would|we d|we would) like (?:\S+ ){0,6}(?:returned|refunded|credited|paid back)\b",
        r"\b(?:i d|i would|we d|we would) like a (?:full |partial )?refund\b",
        r"\btake (?:\S+ ){0,4}off (?:the|my|our) (?:invoice|bill)\b",
        r"\b(?:is|s) the (?:very )?least (?:you|u) (?:could|can) (?:do|offer)\b",
        r"\b(?:we re|i m|we are|i am) owed\b", r"\bgo some way (?:to|towards) making (?:up|it up)\b",
        r"\bnot paying (?:the )?full (?:whack|price|fee|amount)\b", r"\bor the money\b",
        r"\bor (?:my|our) money back\b",
        r"\b(?:difference|balance|amount|fee|charge|deposit) (?:\S+ ){0,2}(?:credited|paid|refunded|sent) back\b",
        r"\bpay (?:me|us) back\b", r"\bfull refund\b(?! policy)",
        r"\bthe \d+ (?:i|we) paid\b", r"\bexpect\w* (?:the |my )?(?:\S+ )?(?:fee|charge|money|deposit|cost) back\b",
        r"\b(?:take|want|need|prefer) my money\b", r"\bnot a (?:voucher|coupon|credit note|gift card)\b",
        r"\b(?:don t|do not) want a (?:coupon|voucher|gift card)\b", r"\brefund (?:the|my|our) (?:full|whole|entire)\b",
        r"\bput it back\b(?! on| in| together| where)",
        r"\bcredit back\b", r"\b(?:give|gi) (?:me|mi) back (?:my|mi) money\b", r"\bpartial refund\b",
        r"\bput back on (?:my|our) card\b",
    ],
    LEGAL: [
        r"\blawyers?\b", r"\battorney\w*", r"\bsu(?:e|ing) (?:you|them|your)\b", r"\bsmall claims\b",
        r"\blegal action\b", r"\blawsuit\b", r"\bclass action\b", r"\bcourt\b",
        r"\btrading standards\b", r"\bconsumer protection\b", r"\bbetter business bureau\b",
        r"\bdisput\w* (?:the|this|with|it)\b", r"\bletter before action\b", r"\bfair trading\b",
        r"\bsolicitors?\b", r"\b(?:state )?attorney general\b", r"\bstate ag\b",
        r"\bbbb\b", r"\bftc\b", r"\bombudsman\b", r"\bdispute (?:the|this|with|it)\b",
        r"\breport\w* (?:you|this|them|it) to\b", r"\bfil(?:e|ed|es|ing) a complaint with\b", r"\bico\b", r"\bdot\b",
        r"\bdepartment of transportation\b", r"\bpolice\b", r"\bcredit card company\b",
        r"\b(?:cqc|ofsted|ofcom|ofgem|ofwat|fca|accc|cfpb|fcc)\b", r"\badvertising standards\b",
        r"\bconsumer (?:affairs|rights|commission)\b", r"\bregulator\b", r"\btribunal\b",
        r"\brecorded delivery\b", r"\bregistered (?:letter|mail)\b", r"\bformal complaint\b",
        r"\bcard issuer\b",
        r"\bappeal lodged\b", r"\b(?:dti|profeco)\b", r"\bformal notice\b", r"\brecorded post\b", r"\bconsumer (?:forum|office|court|council|commission|authority|association)\b", r"\blodg\w* (?:a |an )?(?:complaint|appeal|claim) with\b", r"\bombud\b", r"\bpopla\b",
    ],
    BOYCOTT_PUBLIC: [
        r"\bavoid\w*", r"\bstay away\b", r"\bdo not (?:buy|order|waste|purchase|fly|trust|fall|book|use|shop)\b",
        r"\bsave your money\b", r"\bwarn\w* (?:everyone|others|people|you)\b", r"\bbuyer beware\b",
        r"\bgo\w* (?:public|to the press|to the media)\b", r"\bboycott\w*", r"\bscam\w*",
        r"\bfraud\w*", r"\bthie(?:f|ves)\b",
        r"\brip ?off\b", r"\bripped off\b",
        r"\blet the internet\b",
        r"\bsteer clear\b", r"\bpass it on\b", r"\b\d+k? views\b",
        r"\b(?:video|tiktok|post|thread|reel) (?:is )?coming (?:tonight|soon|today|tomorrow|up)\b",
        r"\btiktok it is\b",
        r"\bposting (?:\S+ ){0,4}(?:as a video|on my socials|online|everywhere)\b", r"\bon my socials\b",
        r"\bscreenshot\w* (?:this|the|our|your) (?:entire |whole )?(?:chat|conversation|reply|replies|thread)\b",
        r"\bunder every (?:one of )?your\b", r"\b(?:leaving|leave|left|giving|give) (?:\S+ ){0,3}(?:1|one|0|zero) stars?\b",
        r"\b(?:ought to|need to|deserve to) see (?:it|this)\b",
        r"\bposting (?:this|it) in every\b", r"\bin every (?:\S+ )?group\b", r"\bread the (?:1|one) star reviews\b",
        r"\bmy \d+k? followers\b", r"\b(?:community|everyone|world) to hear about\b", r"\binspire a thread\b",
        r"\bon every (?:site|platform|review site|forum)\b", r"\bscreenshott?ing this\b", r"\btip line\b",
        r"\brt if\b",
        r"\bpeople should know\b", r"\bgoing up on my (?:channel|page|blog|account)\b",
        r"\bnow on (?:google|tripadvisor|yelp|trustpilot)\b", r"\bso (?:people|others|everyone) know what\b",
        r"\bnobody (?:\S+ ){0,4}is ever buying\b", r"\b(?:1|one) star reviews? everywhere\b",
        r"\b(?:telling|tell|told) every \w+ (?:i|we) know\b",
    ],
    SAFETY: [
        r"\bburn(?:ed|t|s)?\b(?! calories| fat)" + "".join(  # (not "tasted like burnt")
            f"(?<!{w} {form})" for w in ("like", "tasted", "tastes") for form in ("burn", "burns", "burnt", "burned")), r"\bburning (?:smell|sensation|hot)\b",
        r"\boverheat\w*", r"\bexplod\w*", r"\bsmoke\b", r"\bcaught fire\b",
        r"\b(?:started|starts|was|is|began|kept) smoking\b", r"\bcut (?:myself|himself|herself|my|his|her)\b",
        r"\bon fire\b", r"\bfire hazard\b", r"\bspark(?:s|ed|ing)?\b", r"\belectric(?:al)? shock\b",
        r"\belectrocut\w*", r"\ballerg\w*", r"\brash\b", r"\birritation\b", r"\binjur\w*",
        r"\bhospital\w*", r"\bemergency room\b", r"\bfood poisoning\b", r"\bpoison\w*",
        r"\bunsafe\b", r"\bsafety (?:issue|concern|hazard|risk|problem)\b",
        r"\bhealth (?:issue|risk|hazard|problem|concern)\b", r"\btoxic\b", r"\bchok\w*",
        r"\bmou?ld\b", r"\bglass in\b", r"\bfell ill\b", r"\bgot sick\b", r"\bmade me sick\b",
        r"\b(?:battery|batteries|power ?bank|phone|laptop|device|charger|vape|pack)\b(?: \S+){0,5} "
        r"(?:swoll?en|swelling|swelled|bulging|puffed)\b",
        r"\b(?:swoll?en|swelling|bulging|puffed up) (?:battery|batteries)\b", r"\bhives\b",
        r"\bbroke out in (?:hives|a rash|spots|blisters|welts|bumps)\b",
        r"\b(?:been|got|was|were|all|everyone|family) sick (?:since|after)\b", r"\bsick since\b",
        r"\bpiece of (?:plastic|glass|metal) in\b",
        r"\b(?:piece|strip|shard|bit|chunk|fragment)s? of (?:\S+ ){0,2}(?:plastic|glass|metal|wire)\b",
        r"\bcut (?:\S+ ){0,3}(?:cheek|lip|mouth|tongue|gum)s?\b",
        r"\bfeel(?:ing)? (?:dizzy|faint|unwell|nauseous)\b", r"\b(?:bare|exposed|live) wires?\b",
        r"\bfound (?:my|our) (?:daughter|son|baby|child|kid|toddler) (?:\S+ ){0,2}(?:tangled|trapped|choking|blue|"
        r"unconscious)\b", r"\bhandle (?:\S+ ){0,2}came off\b", r"\bemergency vet\b", r"\bburning plastic\b",
        r"\bsmell\w* (?:\S+ ){0,2}burning\b",
        r"\b(?:gets|get|getting) hurt\b",
        r"\b(?:face|skin|lips|eyes?) (?:\S+ ){0,3}(?:red|swelling|swollen|itchy)\b",
        r"\bis (?:this|it) (?:even )?safe to (?:keep|use|eat|drink|charge|wear|give)\b",
        r"\b(?:nearly|almost) (?:took|swallowed|choked|died|fell|crashed|came off|lost|went over|hit|landed on|fell on|"
        r"tipped out|"
        r"went through|got hit|got crushed|drowned)\b",
        r"\bcame (?:loose|off) (?:\S+ ){0,2}(?:going|while|at|on)\b", r"\bsick all night\b",
        r"\b(?:wrong|someone else s) (?:prescription|medication|medicine|dose)\b",
        r"\b(?:zap|shock)\w* (?:off|from)\b", r"\bfray\w*", r"\bstitches\b",
        r"\bcould (?:have|ve) been (?:killed|hurt|injured)\b",
        r"\b(?:brakes?|wheel|handlebars?|pedal)s? (?:\S+ ){0,4}(?:failed|came off|snapped|gave way)\b",
        r"\binfect\w*", r"\bscorch\w*", r"\bpanic attack\b", r"\bon a drip\b",
        r"\b(?:someone|somebody) (?:s |is )?(?:going to|gonna|will) (?:get )?(?:hurt|killed|injured)\b",
        r"\bvomit\w*", r"\bthrowing up\b", r"\bthrew up\b", r"\bsprain\w*",
        r"\bthrow up\b", r"\b(?:weeping|painful|burn) blisters?\b",
        r"\b(?:hit|banged|bumped|cut) (?:her|his|my|their) head\b",
        r"\btipped over (?:\S+ ){0,3}(?:toddler|baby|child|kid|son|daughter)\b",
        r"\btwist\w* (?:her|his|my|their|an|a) (?:ankle|knee|wrist)\b",
        r"\bfire (?:exit|door)s? (?:\S+ ){0,3}(?:chained|locked|blocked)\b", r"\bsmell\w* (?:of )?gas\b",
        r"\bgas leak\b",
        r"\b(?:were|was|been|fell|got|all|became|everyone) ill\b", r"\bill (?:after|within|since)\b",
        r"\b(?:melted|melting) (?:my|the|a|through)\b",
        r"\b(?:lap bar|harness|restraint|safety bar|seat ?belt)s? (?:\S+ ){0,4}(?:didn t|did not|wouldn t|"
        r"failed to|not|wasn t) (?:lock|close|hold|work|fasten)\w*",
        r"\bemergency (?:release|exit|stop|button|door)s? (?:\S+ ){0,3}(?:didn t|did not|doesn t|wasn t|not|"
        r"failed|won t)\b", r"\b(?:found|lying|left) on (?:the|his|her|their) (?:\w+ )?floor\b",
        r"\bbrakes? (?:\S+ ){0,4}(?:wasn t|weren t|not|didn t|did not) (?:\S+ ){0,2}(?:work\w*|clamped|"
        r"connected|attached|tightened|fitted)\b",
    ],
    REPEAT: [
        rf"\b{_EN_N} (?:emails|calls|messages|attempts|tickets|requests|dms|tweets)\b",
        rf"\b(?:contact|call|email|e mail|wrote|written|ask|chase|reach|follow)\w* (?:\S+ ){{0,4}}{_EN_N} times\b",
        r"\b(?:third|fourth|fifth|\d+(?:rd|th)) time (?:i|we|it|it s|they|you)\b",
        r"\bno (?:responses?|repl(?:y|ies)|answers?|one (?:answers|responds|replies|has|got back))\b",
        r"\bnot (?:returning|answering) (?:my )?(?:emails?|calls?|messages?)\b",
        r"\bnever (?:heard back|got (?:a|any) (?:response|reply|answer))\b",
        r"\bstill (?:no|have not|not) (?:heard|response|reply|answer|responded)\b",
        r"\bignor(?:ed|ing) (?:me|my|us|our)\b", r"\bnobody (?:ever )?(?:answers|responds|replies|does|did)\b",
        r"\bchasing (?:\S+ ){0,3}for (?:\d+|a|two|three|four|several) (?:days|weeks|months)\b",
        r"\bfor the (?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|umpteenth|nth) time\b",
        r"\binto the void\b", r"\bevery time i (?:call|ring|email|write|chat)\b",
        r"\btrying to (?:reach|contact|get hold of|speak to|talk to) (?:\S+ ){0,4}for (?:\d+|a|two|three|"
        r"four|several) (?:days|weeks|months)\b",
        r"\bkeep (?:emailing|calling|asking|writing)\b", r"\bagain and again\b",
        r"\bunanswered\b", r"\bno one (?:has )?(?:responded|answered)\b",
        r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:email|e mail|mail|call|phone call|message|chat|dm)\b",
        r"\bnobody reply\b", r"\buntil now (?:nobody|no one|no reply|no response|nothing)\b",
        r"\bemailed (?:you )?last (?:monday|tuesday|wednesday|thursday|friday|week)\b",
        r"\b(?:second|third|fourth|fifth|\d+(?:nd|rd|th)) (?:report|complaint|request|reminder|chaser|review|post|"
        r"follow ?up|letter|ticket)\b",
        r"\b(?:dm ?ed|emailed|called|phoned|rang|messaged|tweeted)\b(?: \S+){0,2} (?:dm ?ed|emailed|called|"
        r"phoned|rang|messaged|tweeted)\b",
        r"\b(?:nobody|no one) (?:has |ever )?(?:rung|called|rang|phoned|emailed|replied|responded|answered|"
        r"got back)\b(?! to (?:tell|let|say|warn|explain|inform))", r"\bhere i am again\b", r"\bumpteenth\b",
        r"\bthat was \d+ (?:days|weeks|months) ago\b", r"\b(?:week|day|month) \d+ of\b",
        r"\bstill nothing (?:since|from)\b", r"\bfollow(?:ing)? up on (?:my|our) (?:message|email|call|dm|"
        r"complaint|request|ticket)\b", r"\byet another (?:message|email|dm|call|complaint|chaser)\b",
        r"\bsame (?:dm|message|email|question) , different\b", r"\bzero (?:replies|responses|human)\b",
        r"\bis anyone (?:actually |even )?(?:reading|there|listening)\b",
        r"\bno call ?back\b", r"\b(?:rung|rang|called|phoned|emailed|messaged) (?:\S+ ){0,4}twice\b",
        r"\bfollowing up on (?:case|ticket|ref|my|our)\b", r"\bhello again\b", r"\bnobody answer\w*",
        r"\b(?:wrote|write|written|emailed|messaged) (?:to )?you last (?:week|month)\b",
        r"\bwaiting since \d+ (?:days|weeks|months)\b",
        r"\bquoting your (?:reply|email|message|response)\b", r"\bhi again\b",
        r"\b(?:two|three|four|\d+) no ?shows\b", r"\bchased (?:\S+ ){0,3}(?:on|since|twice|three|\d)",
        r"\bsince (?:i|we) (?:reported|raised|flagged|logged|emailed|contacted)\b",
        r"\bcopy ?paste (?:reply|replies|response|answer)s?\b",
        r"\bstill waiting (?:on|for) (?:a |an |any )?(?:proper |real )?(?:answer|reply|response)\b",
        r"\bi refer to my (?:letter|email|message|call)s?\b", r"\byet to receive (?:\S+ ){0,4}(?:reply|response|answer)\b",
        r"\b(?:raised|reported|flagged|logged|chased) (?:it|this) (?:on|in) (?:\S+ ){1,3}and\b",
        r"\bupdate \d+\b(?! \.)", r"\bsame (?:reply|answer|response|bug|problem|issue) every time\b",
        r"\bticket from \w+ (?:\S+ ){0,3}still\b", r"\bunresolved (?:ticket|case|complaint|issue)\b",
        r"\banniversary (?:to|of) my\b", r"\b(?:third|fourth|fifth|sixth) (?:we ve|we have)\b",
        r"\bstill nothing\b(?! beats| compares| better| like| wrong)", r"(?:^|(?<=[.!?] ))day \d+\b(?= [.!,])",  # ("Day 19. Asking again", not "shipped on day 5.") r"\basking again\b",
        r"\b(?:second|third|fourth|fifth) time asking\b", r"\bfollow up (?:\S+ ){0,4}last week\b",
    ],
}

# Going public, said of a brand the customer is unhappy with ("je vais le dire partout");
# the same words in praise ("I tell everyone about it!") are not a threat.

EN_NEGATIVE_ONLY = {BOYCOTT_PUBLIC: [
    r"\btell (?:everyone|all my|the world|everybody)\b", r"\bsocial media\b", r"\bviral\b",
    r"\bthe press\b", r"\bjournalists?\b", r"\bso (?:people|others|everyone) know\b",
    r"\b(?:leave|leaving|post|posting|write|writing) (?:a |an |my )?(?:bad |negative |honest )?reviews?\b",
    r"\beveryone (?:i know )?(?:is going to|will|gonna) (?:hear|know)\b",
    r"\bscreenshots? (?:are |is )?(?:going up|going public|will go)\b",
    r"\b(?:going|gonna) (?:to )?(?:post|share) (?:the |my |all )?screenshots?\b",
    r"\bmy followers\b", r"\bthread incoming\b", r"\btrustpilot\b", r"\bvideo about (?:your|you|this)\b",
    r"\breporter\b",     r"\b(?:to|with|contacted|emailed|told|call\w*|tip\w* off) (?:the |my |our )?(?:local )?(?:news)?paper\b", r"\bgroup chat\b", r"\bpsa\b", r"\bshare this\b", r"\b(?:deserve|need|ought) to know\b",
    r"\b(?:post|posting|share|sharing|put|putting) (?:\S+ ){0,3}on (?:reddit|tiktok|youtube|facebook|"
    r"instagram|twitter|google)\b",
    r"\b(?:mums|moms|parents|community|local|neighbourhood|neighborhood|facebook|whatsapp) (?:group|page)s?\b",
    r"\b(?:hear|hearing) about (?:this|it)\b", r"\breddit\b", r"\bgoogle reviews?\b",
    r"\b(?:hellopeter|yelp|tripadvisor|productreview)\b", r"\b(?:newsdesk|news desk|watchdog)\b",
    r"\bconsumer (?:show|programme|program)\b",
    r"\bconsumer (?:column|page|section|desk)\b", r"\bmaking a video about (?:it|this|you|your)\b", r"\brunning a (?:piece|story|feature|segment|report) (?:on|about)\b", r"\b(?:going to|gonna|will|ll) hear (?:how|what|about)\b",
    r"\bif you re (?:thinking of|considering|planning (?:on|to)) (?:booking|using|buying|ordering|going)\b",
    r"\b(?:gone|going|sent|sending|went|emailed|contacted|told) (?:\S+ ){0,3}(?:to )?(?:the )?(?:news|press|"
    r"media|paper|tv|radio)\b",
    r"\banyone (?:\S+ ){0,3}(?:thinking of|considering|planning (?:on|to)) (?:booking|using|buying|ordering|"
    r"going)\b",
], CANCEL: [r"\bswitch\w* (?:to|over to|airlines|carriers|providers)\b(?! another (?:app|tab|window|screen)|"
               r" (?:dark|light) mode)", r"\b(?:i m|im) (?:done|out)(?= [.!]|$)",
               r"\b(?:somewhere else|elsewhere) from now on\b", r"\bthat s that\b",
               r"\b(?:go|goes|going|went) elsewhere\b", r"\bcontract\w* (?:s |is )?up\b",
               r"\b(?:booked|signed up|enrolled|joined|moved) (?:\S+ ){0,3}(?:somewhere else|elsewhere)\b",
               r"\b(?:comparing|getting|looking at) (?:\S+ ){0,2}quotes from (?:\S+ ){0,2}(?:other|another|"
               r"competitors?|rivals?)\b",
               r"\bmight suit (?:me|us) better\b", r"\bgoing back to (?:the|my|our) (?:old|free|previous|other)\b", r"\bgoing back to (?:shopping|buying|using|ordering)\b", r"\bfind\w* (?:a |an )?(?:new|another|different|better) \w+",
               r"\b(?:down the road|round the corner|across the street|next door) is (?:\S+ ){0,4}cheaper\b"],
    SAFETY: [r"\bdangerous\b",  # ("you're dangerous 😍")
             r"\b(?:gp|doctor|dermatologist|derm|vet|paediatrician|pediatrician) (?:has |had )?"
             r"(?:prescribed|diagnosed|thinks)\b"],

    REFUND: [r"\bmoney back\b", r"\bmy money\b", r"\bgoodwill (?:gesture|payment)\b", r"\bcompensation\b",
             r"\bshould come back to me\b", r"\bmake it right\b",
             r"\b(?:cover|pay for|foot) the (?:difference|cost|bill|repairs?)\b", r"\b(?:you|u|ya|ye) owe (?:me|us)\b",
             r"\bwant (?:it|that|them) back\b"]}
