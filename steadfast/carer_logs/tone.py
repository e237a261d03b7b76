"""Tone cues: words in a carer's log that may point to the home ending, exhaustion, frustration,
hopelessness or conflict, for the supervising social worker to look at more closely. A carer
saying the home may end is the strongest warning there is, so that theme comes first.

A cue is a prompt, never a verdict: it marks a phrase and says why it was marked, and it is
never added up into a score of the carer. Everything here is plain data and plain rules, so
anyone can read why a phrase was marked and change the lexicon (see docs/tone-cues.md):

- the LEXICON is a list of entries, each a regular expression (matched without regard to case)
  with its theme and a plain explanation;
- the RULES then set aside a match that is not the carer speaking of how things are now:
  words inside quotation marks (someone else's, usually the child's); a phrase about the
  speaker's own feelings reported from someone else ("she said she was exhausted"); a
  phrase just after a negation or "used to" ("not at the end of our tether", "I don't feel
  let down", "I used to feel forgotten"); a plain word ("shattered", "livid") said of someone
  other than the carer or household ("she was shattered after PE"); a plain word or a word of
  tiredness in a sentence that says the time was good or was a day out ("exhausted but happy",
  "worn out after Legoland"); and shouting or a slammed door in a sentence that says it
  settled ("she calmed down").

Pure: no database, no Django.
"""

import re
from dataclasses import dataclass
from enum import StrEnum


class Theme(StrEnum):
    """In the order the SSW reads them: a carer saying the home may end is the strongest warning
    there is, so it comes first wherever themes are listed."""

    HOME_MAY_END = "home_may_end"
    EXHAUSTION = "exhaustion"
    FRUSTRATION = "frustration"
    HOPELESSNESS = "hopelessness"
    CONFLICT = "conflict"


THEME_LABELS = {
    Theme.HOME_MAY_END: "Home may end",
    Theme.EXHAUSTION: "Exhaustion",
    Theme.FRUSTRATION: "Frustration",
    Theme.HOPELESSNESS: "Hopelessness",
    Theme.CONFLICT: "Conflict",
}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry. `about_speaker` entries describe the speaker's own feelings, so they
    are set aside when reported from someone else; the others (a row, a wish to end the
    placement) matter whoever reports them.

    `plain` entries are single words and short phrases that are ordinary in other mouths
    ("shattered", "fed up", "screaming"): they are also set aside in a sentence that says the
    time was good ("exhausted but happy"), and, when about the speaker, unless the sentence is
    the carer speaking of themselves or the household (see `_about_someone_else`).

    `settles` entries are signs of anger ("shouting", "slammed the door") that are everyday
    parenting when the same sentence says it settled ("she calmed down", "came down for dinner
    fine", "nothing we couldn't manage"): they are set aside there.

    `routine` entries are steps taken to keep the household safe ("I hid the knives", "we lock
    our bedroom door") that are ordinary safer caring when the sentence says they are routine
    ("as usual", "always have", "as per the safer caring plan"): they are set aside there."""

    key: str
    theme: Theme
    pattern: str
    why: str
    about_speaker: bool = True
    plain: bool = False
    settles: bool = False
    routine: bool = False


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    phrase: str
    theme: Theme
    why: str
    key: str

    @property
    def theme_label(self) -> str:
        return THEME_LABELS[self.theme]


# The carer speaking of themselves: "I'm", "we are", "I feel", "both of us are", and so on,
# followed by up to three softening or strengthening words ("so", "absolutely", "a bit").
_FIRST_PERSON = (
    r"\b(?:I(?:'m| am| was|'ve been| have been)|we(?:'re| are| were|'ve been| have been)|both of us are"
    r"|(?:I|we)(?: just| really| honestly| now)? f(?:eel|elt))"
    r"(?:\s+(?:so|absolutely|completely|totally|utterly|really|just|very|both|all|honestly|emotionally"
    r"|physically|quite|a bit|bloody|beyond|feeling|now)){0,3}\s+"
)
_WORN = (
    r"(?:exhausted|shattered|knackered|drained|worn out|worn down"
    r"|burnt out|burned out|wrung out|wrecked|broken|frazzled|overwhelmed|run ragged|worn to the bone"
    r"|worn to a (?:thread|frazzle|shadow)|hollowed out|(?:like )?a (?:zombie|shell|wreck)"
    r"|running on fumes|dead on (?:my|our) feet|wiped out|pushed to (?:the|my|our) limits?"
    r"|on (?:my|our) knees|swamped|sinking|drowning"
    r"|done in\b(?!\s+(?:the|a|an|by|for|time|under|\d|\w+ (?:minutes|hours|seconds|days))))"
)
# A sentence that opens with the word, as carers write when the subject goes without saying:
# "Exhausted." "Absolutely shattered tonight."
_SENTENCE_START = r"(?:^|(?<=[.!?]\s))"

LEXICON: tuple[Entry, ...] = (
    # The home may end: the strongest warning there is.
    Entry(
        "ask-for-a-move",
        Theme.HOME_MAY_END,
        r"\b(?:want|wants|wanted|ask(?:ing|ed)?(?: for)?|request(?:ing|ed)?|need|needs)"
        r" (?:for )?(?:him|her|them) (?:to be )?(?:moved|removed|gone|out of (?:here|the house|our home))\b"
        r"(?! (?:up|down|on|into|back|forward|round|around)\b"
        r"| to (?:a |another |the |his |her |their )?(?:\w+ )?(?:class|set|group|table|seat|room|bedroom"
        r"|school|year"
        r"|form|team)\b)"
        r"|\b(?:ask(?:ing|ed)?|request(?:ing|ed)?|need|want) (?:for )?a (?:planned |new )?move for (?:him"
        r"|her|them)\b"
        r"|\b(?:find|found) (?:him|her|them) (?:somewhere|a new (?:home|placement|family)|another (?:home"
        r"|placement"
        r"|family))",
        "Speaks of asking for the child to move: the home may end.",
        about_speaker=False,
    ),
    Entry(
        "placement-not-right",
        Theme.HOME_MAY_END,
        r"\bplacement (?:is(?:n't| not)|isn't|'s not) (?:right|working)"
        r"|\b(?:don't|do not|doesn't|does not) (?:think|feel|know (?:if|whether)) (?:this|the|her|his"
        r"|their) placement"
        r" (?:is|'s) (?:right|working)"
        r"|\bplacement (?:is|'s) (?:right|working)(?: \w+){0,4}? any ?more"
        r"|\bplacement (?:will|could|may|might|is going to|is about to|is|'s) (?:break(?:ing)? down"
        r"|fall(?:ing)? apart)"
        r"|\b(?:want|wants|wanted|like) (?:the|this) placement to end"
        r"|\bbetter off (?:somewhere else|elsewhere|with (?:another|other|different|new) (?:family"
        r"|carers?|foster"
        r" (?:carers?|family)))",
        "Doubts the placement can go on: the home may end.",
        about_speaker=False,
    ),
    Entry(
        "cant-keep-them",
        Theme.HOME_MAY_END,
        r"\b(?:can't|cannot|can not|couldn't|could not|won't be able to|not be able to|unable to) keep"
        r" (?:him|her|them)(?=\s*(?:[.,!;?]|$|here|any ?more|much longer|long[- ]term))"
        r"|\b(?:hand|handing|handed|put|putting) (?:in )?(?:our|my) notice"
        r"|\b(?:whether|if) (?:we|I) (?:can|should|want to|could) (?:carry on|keep|continue"
        r"|go on) (?:fostering"
        r"|with (?:this|the) placement|with (?:him|her|them))"
        r"|\b(?:whether|if) (?:we|I) (?:can|could) (?:carry on|go on|keep going)(?=\s*(?:[.,!;]|$))",
        "Speaks of ending the placement or of giving up fostering: the home may end.",
        about_speaker=False,
    ),
    # Exhaustion
    Entry(
        "tether",
        Theme.EXHAUSTION,
        r"(?:at )?(?:the )?end of (?:my|our) (?:tether|rope)",
        "A common way of saying they have no patience or strength left.",
    ),
    Entry(
        "wits-end",
        Theme.EXHAUSTION,
        r"(?:at )?(?:my|our) wits'? end",
        "Says they do not know what else to do and are worn down.",
    ),
    Entry(
        "breaking-point",
        Theme.EXHAUSTION,
        r"breaking point",
        "Says they are close to not being able to carry on.",
    ),
    Entry("running-on-empty", Theme.EXHAUSTION, r"running on empty", "Says they have no reserves left."),
    Entry(
        "worn-out",
        Theme.EXHAUSTION,
        _FIRST_PERSON + _WORN,
        "The carer describes themselves as exhausted or worn out.",
    ),
    Entry(
        "worn-out-alone",
        Theme.EXHAUSTION,
        _SENTENCE_START + r"(?:(?:absolutely|completely|totally|utterly|so|really)\s+)?" + _WORN + r"\b",
        "A sentence that opens with how worn out they are: the carer speaking of themselves.",
    ),
    Entry(
        "no-sleep",
        Theme.EXHAUSTION,
        r"(?:haven't|have not|hasn't|not) slept (?:properly |well )?(?:in|for) (?:days|weeks|months|ages)"
        r"|\b(?:I'm|I am|we're|we are) not sleeping",
        "Lost sleep over weeks wears carers down.",
    ),
    Entry(
        "so-tired",
        Theme.EXHAUSTION,
        r"never been so tired|so tired all the time",
        "Says the tiredness is beyond the ordinary.",
    ),
    Entry(
        "relentless",
        Theme.EXHAUSTION,
        r"\b(?:it's|it is|it's been|it has been) relentless",
        "Says there is no let-up.",
    ),
    Entry(
        "wearing-down",
        Theme.EXHAUSTION,
        r"(?:wearing|grinding) (?:me|us) (?:down|out)",
        "Says the strain is wearing them down.",
    ),
    Entry(
        "nothing-left",
        Theme.EXHAUSTION,
        r"no (?:energy|patience|strength) left|nothing (?:left|more) to give|nothing left in the tank",
        "Says they have nothing left to give.",
    ),
    Entry(
        "need-a-break",
        Theme.EXHAUSTION,
        r"\bneed (?:a |some )?(?:break|rest|respite)\b",
        "Asks for a break: a sign the household needs support now.",
    ),
    Entry(
        "struggling-to-cope",
        Theme.EXHAUSTION,
        r"struggling to cope",
        "Says they are finding it hard to cope.",
    ),
    Entry(
        "had-it", Theme.EXHAUSTION, r"(?:just )?about had it with", "Says their patience has nearly run out."
    ),
    Entry(
        "stretched",
        Theme.EXHAUSTION,
        r"\b(?:I'm|I am|we're|we are) (?:a bit |really |very |so )?stretched\b",
        "Says they are stretched thin.",
    ),
    Entry(
        "too-much",
        Theme.EXHAUSTION,
        r"\b(?:it's|it is|everything is|everything's)(?: all)?(?: just)? too much|heads? above water"
        r"|beyond (?:tired|exhausted|exhaustion)|(?:has|have|is|it's) (?:broken|breaking) (?:me|us)\b"
        r"|can't remember the last time (?:I|we) (?:had a (?:full |proper )?night's sleep|slept|had a"
        r" (?:break|rest|night off|day off))",
        "Says it is all too much for them.",
    ),
    Entry(
        "nothing-left-in-me",
        Theme.EXHAUSTION,
        r"(?:don't|do not|haven't|have not) (?:got |have )?(?:anything|much) left(?: in (?:me|us)| to give)?",
        "Says they have nothing left to give.",
    ),
    Entry(
        "no-sleep-at-all",
        Theme.EXHAUSTION,
        r"(?:didn't|did not|couldn't|could not|haven't|have not) (?:sleep|slept) a wink|sleepless nights"
        r"|\b(?:I'm|I am|we're|we are)(?: both)? so tired\b",
        "Lost sleep, or tiredness beyond the ordinary.",
    ),
    Entry(
        "health-suffering",
        Theme.EXHAUSTION,
        r"\bsigned (?:me )?off (?:sick|work|with)"
        r"|\b(?:making|made|make) (?:me|us) (?:ill|poorly|sick)\b"
        r"|\b(?:my|our) (?:own )?(?:mental |physical )?(?:health|sleep|nerves)(?: \w+){0,2}? (?:is|are"
        r"|has|have)"
        r"(?: been)?(?: \w+)? (?:suffering|shot|gone|in pieces|taking a (?:hit|battering|toll)|getting worse)"
        r"|\b(?:taking|taken|takes) (?:its|it's|a) toll"
        r"|\bthe stress (?:is|of (?:it|this|all this)|has)\b|\b(?:because of|with|from) (?:the )?stress\b",
        "Says their health is suffering under the strain.",
        plain=True,
    ),
    Entry(
        "stressed",
        Theme.EXHAUSTION,
        _FIRST_PERSON + r"(?:stressed|a (?:nervous )?wreck|in bits|on edge"
        r"|at (?:my|our) lowest|anxious|jumpy|on tenterhooks"
        r"|on (?:high )?alert|a bag of nerves)\b",
        "The carer says they are stressed or on edge.",
    ),
    Entry(
        "desperate-for-a-break",
        Theme.EXHAUSTION,
        r"\b(?:desperate(?:ly)?|begging|pleading|crying out) (?:\w+ )?(?:for|to get|to have|need of)"
        r" (?:some |a |any )?(?:respite|break|rest|help|support|time off|night off|weekend off|days? off"
        r"|few days|couple of days|night|weekend)"
        r"|\b(?:we're|we are|I'm|I am) (?:absolutely |really |so |getting )?desperate(?=\s*(?:[.,!;]|$))"
        r"|\bplease,? (?:can|could|will) (?:someone|somebody|anyone) (?:just )?(?:call|ring|phone|help"
        r"|come|have (?:him|her|them)|take (?:him|her|them))\b"
        r"|\bneed (?:a |some )?(?:weekend|night|day|evening|week|few days|couple of days) (?:off|away"
        r"|to ourselves)"
        r"|\b(?:don't|do not) know what (?:will happen|(?:we|I)(?:'ll| will| are going to|'m going to"
        r"|'re going to)"
        r" do)(?=\s*(?:[.!]|$))",
        "Asks urgently for a break or help: a sign the household needs support now.",
        plain=True,
    ),
    # Frustration
    Entry(
        "nobody-listens",
        Theme.FRUSTRATION,
        r"\b(?:nobody|no one|no-one)(?: \w+){0,4}? (?:ever )?(?:listens|is listening"
        r"|is taking (?:this|us|me) seriously|takes (?:this|us|me) seriously|gets? back to (?:us|me)"
        r"|asks what (?:we|I) think|reads?\b|cares?\b|seems to (?:listen|read|care)"
        r"|told (?:us|me)|tells (?:us|me)|has been (?:out )?to see (?:us|me))",
        "Says they are not heard or kept informed.",
    ),
    Entry(
        "nobody-rings-back",
        Theme.FRUSTRATION,
        r"\b(?:nobody|no one|no-one)(?: \w+){0,4}? (?:rung|rang|called|phoned|replied|responded|got back"
        r"|come back|been in touch)",
        "Says nobody has got back to them.",
    ),
    Entry(
        "again-and-again",
        Theme.FRUSTRATION,
        r"\b(?:cancelled|moved|changed|lost|rearranged|postponed) again\b|without (?:any )?explanation"
        r"|(?:another|weeks? of|months? of) (?:\w+ )?(?:silence|waiting)",
        "Something that should happen keeps not happening.",
    ),
    Entry(
        "brick-wall",
        Theme.FRUSTRATION,
        r"brick wall|talking to a (?:brick )?wall|had it up to here|what (?:more|else) do (?:they|you) want"
        r"|keep being (?:told|fobbed off|promised|passed)|fobbed off",
        "Says they are getting nowhere.",
    ),
    Entry("let-down", Theme.FRUSTRATION, r"\blet down\b", "Says the service has let them down."),
    Entry("set-up-to-fail", Theme.FRUSTRATION, r"set up to fail", "Says they are not given what they need."),
    Entry(
        "what-is-the-point",
        Theme.FRUSTRATION,
        r"what(?:'s| is) the point",
        "Questions whether what they do is worth it.",
    ),
    Entry(
        "fed-up",
        Theme.FRUSTRATION,
        _FIRST_PERSON + r"fed up|sick and tired",
        "The carer says they are fed up.",
    ),
    Entry(
        "tired-of",
        Theme.FRUSTRATION,
        r"\b(?:I'm|I am|we're|we are)(?: so| really)? tired of",
        "The carer says they are tired of something: frustration rather than sleep.",
    ),
    Entry(
        "asked-again",
        Theme.FRUSTRATION,
        r"\basked (?:\w+ )?(?:two|three|four|five|several|many"
        r"|numerous|so many|countless) times|still nothing",
        "Says they have asked again and again.",
    ),
    Entry("yet-again", Theme.FRUSTRATION, r"\byet again\b", "Something keeps happening that should not."),
    Entry(
        "still-waiting",
        Theme.FRUSTRATION,
        r"\bstill (?:waiting|no word|not heard|haven't heard|hasn't"
        r"|have not heard)|waiting (?:for )?(?:weeks|months|ages)",
        "Says they are still waiting for something promised.",
    ),
    Entry(
        "frustrating",
        Theme.FRUSTRATION,
        r"\b(?:it's|it is|this is)(?: so| really| very| incredibly)? frustrating|"
        + _FIRST_PERSON
        + r"frustrated",
        "The carer says they are frustrated.",
    ),
    Entry(
        "ignored",
        Theme.FRUSTRATION,
        r"\b(?:being|been|feel|felt) ignored|\bunsupported\b|" + _FIRST_PERSON + r"invisible",
        "Says they feel ignored or unsupported.",
    ),
    Entry(
        "left-alone",
        Theme.FRUSTRATION,
        r"left (?:to get on with it|on (?:my|our) own|to cope on (?:my|our) own)"
        r"|on (?:my|our) own (?:with|in) (?:this|all (?:of )?this|it)",
        "Says they have been left without support.",
    ),
    Entry(
        "ridiculous",
        Theme.FRUSTRATION,
        r"\b(?:this|it) is (?:ridiculous|a joke|beyond a joke|unacceptable)|\b(?:it's|this's) ridiculous",
        "Says something is unacceptable.",
    ),
    Entry(
        "drives-mad",
        Theme.FRUSTRATION,
        r"drives? (?:me|us) (?:mad|crazy|up the wall)",
        "Says something maddens them.",
    ),
    Entry(
        "angry",
        Theme.FRUSTRATION,
        _FIRST_PERSON + r"(?:angry|furious|livid|fuming)",
        "The carer says they are angry.",
    ),
    Entry(
        "sarcasm",
        Theme.FRUSTRATION,
        _SENTENCE_START
        + (
            r"(?:oh (?:great|brilliant|wonderful|fantastic|lovely|joy)\b"
            r"|(?:great|brilliant|wonderful|fantastic), another\b)"
        ),
        "A sarcastic opening: frustration said through praise.",
    ),
    Entry(
        "forgotten",
        Theme.FRUSTRATION,
        r"\b(?:feel|felt|feeling|been|being|get|got|getting|are|were|we're|I'm)(?: \w+){0,2}? forgotten\b"
        r"|\blast to (?:know|hear|find out|be told)\b"
        r"|\b(?:we|I|us) (?:just |simply )?(?:don't|do not|didn't|did not) (?:matter|count|exist)\b"
        r"|\b(?:heard|hear|had) nothing back\b|\b(?:and|but|still) heard nothing\b"
        r"|\b(?:messages?|emails?|calls?|voicemails?)(?: \w+){0,4}? (?:unanswered|unreturned|not returned"
        r"|(?:were|was|have been|has been) ignored)",
        "Says they feel forgotten or are the last to know.",
        plain=True,
    ),
    Entry(
        "promised-never-came",
        Theme.FRUSTRATION,
        r"\b(?:promised|assured|said (?:we|I)(?:'d| would)|told (?:we|I)(?:'d| would))\b[^.!?]*?"
        r"\b(?:never|still (?:hasn't|has not|haven't|have not|not|no|waiting)|yet to)\b"
        r"|\b(?:support|respite|training|visits?|calls?|referral|therapy|counselling|help|payments?|money"
        r"|allowance|funding|worker)\b[^.!?]{0,60}?\bnever (?:came|happened|materiali[sz]ed|arrived|turned up"
        r"|started|showed up|came through)\b",
        "Says support that was promised never came.",
        about_speaker=False,
    ),
    Entry(
        "blamed",
        Theme.FRUSTRATION,
        r"\b(?:feel|felt|feeling|made to feel|being|been|get|got|getting|always)(?: \w+){0,2}?"
        r" (?:blamed|judged|criticised|criticized|scapegoated)\b"
        r"|\b(?:get|gets|got|getting|take|takes|took|taking) the blame\b|\bon trial\b"
        r"|\b(?:think|thought) (?:it was|it's|it is) (?:all )?(?:my|our) fault\b"
        r"|\b(?:all|always|everything(?:'s| is| was)?|like it's|like it was) (?:all )?(?:my|our) fault\b"
        r"|\b(?:like|as if|as though) (?:we|I) (?:were|was|are|am) (?:the problem|to blame|bad (?:carers"
        r"|parents?))"
        r"|\bmade (?:me|us) feel (?:like|as if|as though) (?:a|we|I|it)",
        "Says they feel blamed or judged.",
        plain=True,
    ),
    # Hopelessness
    Entry(
        "lost-confidence",
        Theme.HOPELESSNESS,
        r"\blost (?:all |my |our |any )?(?:\w+ )?confidence\b|\bdoubting (?:myself|ourselves)\b"
        r"|\b(?:any|no) good at this\b|\b(?:feel|felt|feeling) sick (?:when|every|at the thought|about)"
        r"|\b(?:couldn't|could not|can't|cannot) stop (?:crying|shaking)\b",
        "Says they have lost confidence, or speaks of dread or tears.",
        plain=True,
    ),
    Entry(
        "cant-keep-doing-this",
        Theme.HOPELESSNESS,
        r"(?:can't|cannot|can not) (?:keep (?:doing|going on like) this"
        r"|(?:go|carry) on like this|do this any ?more|do this much longer)",
        "Says they cannot carry on as things are.",
    ),
    Entry(
        "how-much-longer",
        Theme.HOPELESSNESS,
        r"(?:(?:not sure|don't know|do not know) )?how much (?:longer|more (?:of this )?(?:we|I) can)",
        "Asks how long they can carry on.",
    ),
    Entry(
        "dont-think-we-can",
        Theme.HOPELESSNESS,
        r"(?:don't|do not) (?:think|feel) (?:I|we) can (?:do this|go on|carry on|keep"
        r"|meet (?:his|her|their) needs)|going through the motions",
        "Doubts they can carry on or keep the child safe.",
    ),
    Entry(
        "had-enough",
        Theme.HOPELESSNESS,
        r"\b(?:I've|I have|we've|we have)(?: just| really)? had enough",
        "Says they have had enough.",
    ),
    Entry("giving-up", Theme.HOPELESSNESS, r"\b(?:giving|give) up\b", "Speaks of giving up."),
    Entry(
        "nothing-works",
        Theme.HOPELESSNESS,
        r"nothing (?:we|I) do (?:seems to )?(?:makes?|works?|helps?)",
        "Says nothing they do makes a difference.",
    ),
    Entry(
        "hopeless",
        Theme.HOPELESSNESS,
        r"\bhopeless(?:ness)?\b|losing battle|rock bottom",
        "Speaks of hopelessness.",
    ),
    Entry(
        "not-coping",
        Theme.HOPELESSNESS,
        r"\b(?:I'm|I am|we're|we are) not coping\b|\b(?:I|we) (?:can't|cannot|can not) cope",
        "Says they are not coping.",
    ),
    Entry(
        "struggling",
        Theme.HOPELESSNESS,
        r"\b(?:I'm|I am|we're|we are)(?: really| so)? struggling\b",
        "The carer says they are struggling.",
    ),
    Entry(
        "end-placement",
        Theme.HOME_MAY_END,
        r"(?:end|ending|give notice on|handing in (?:our|my) notice on) (?:the|this) placement"
        r"|(?:isn't|is not) the right placement",
        "Speaks of the placement ending.",
        about_speaker=False,
    ),
    Entry(
        "cried",
        Theme.HOPELESSNESS,
        r"\b(?:I've|I have|I) cried (?:every|all)",
        "Speaks of tears.",
    ),
    Entry(
        "alone",
        Theme.HOPELESSNESS,
        r"\b(?:feel|felt) (?:so |very |completely |totally )?alone\b",
        "Says they feel alone.",
    ),
    Entry(
        "failing",
        Theme.HOPELESSNESS,
        r"\b(?:I'm|I am|we're|we are) failing (?:him|her|them)|\ba failure\b",
        "Says they feel they are failing.",
    ),
    Entry(
        "resigned",
        Theme.HOPELESSNESS,
        r"suppose (?:we'll|we will|I'll|I will) (?:manage|cope|get by)",
        "Resignation rather than confidence.",
    ),
    Entry(
        "cant-take-more",
        Theme.HOPELESSNESS,
        r"(?:can't|cannot|can not) take (?:much |any |a lot )?more"
        r"|(?:don't|do not) know what (?:else|more) (?:we|I) can do",
        "Says they cannot take much more, or do not know what else to do.",
    ),
    Entry(
        "wrong-family",
        Theme.HOME_MAY_END,
        r"(?:not sure|don't think|do not think)(?: that)? (?:we are|we're|I am|I'm) the right"
        r" (?:family|home|carers?|people|placement)",
        "Doubts the placement is right: a sign it may be at risk.",
    ),
    Entry(
        "tears",
        Theme.HOPELESSNESS,
        r"\b(?:I've|I have|I) (?:been )?(?:crying|in tears)\b|"
        + _FIRST_PERSON
        + r"(?:empty|numb|helpless|defeated|beaten)\b",
        "Speaks of tears, emptiness or helplessness.",
    ),
    # Conflict
    Entry(
        "screaming-match",
        Theme.CONFLICT,
        r"(?:screaming|shouting) match",
        "A row between the carer and the child.",
        about_speaker=False,
    ),
    Entry(
        "row",
        Theme.CONFLICT,
        r"\b(?:had|having) (?:a|another) (?:blazing |big |huge |massive |stand-up |almighty )?row\b"
        r"|\b(?:big|huge|massive|blazing|stand-up|almighty) (?:argument|row|fight)\b|\bhad a fight\b",
        "A row or fight in the household.",
        about_speaker=False,
    ),
    Entry(
        "arguing",
        Theme.CONFLICT,
        r"(?:argu(?:ed|ing)|fighting|rows)(?: \w+){0,4}? (?:constantly|all the time|every (?:single )?day"
        r"|non-stop|for hours"
        r"|all (?:evening|night|day|weekend))"
        r"|(?:because of|avoid|get away from|escape) the (?:arguments|arguing|rows|shouting|fighting)",
        "Constant arguing in the household.",
        about_speaker=False,
    ),
    Entry(
        "violence",
        Theme.CONFLICT,
        r"\b(?:hit|punched|kicked|slapped|bit|pushed|attacked|headbutted|threatened|strangled|scratched"
        r"|spat at|screamed at|swore at|shouted at)"
        r" (?:me|us|my (?:husband|wife|partner|son|daughter)|our (?:son|daughter))\b"
        r"|threw (?:a|the|his|her) \w+ at (?:me|us)|hitting each other|fighting each other"
        r"|physical altercation|\bin a rage\b|\btried to (?:strangle|stab|choke|suffocate|kill)\b",
        "Violence or aggression towards people in the household.",
        about_speaker=False,
    ),
    Entry(
        "slamming-doors",
        Theme.CONFLICT,
        r"slamm(?:ing|ed) (?:the |her |his |their )?(?:bedroom |front |back )?doors?",
        "Anger in the household.",
        about_speaker=False,
        settles=True,
    ),
    Entry(
        "anger-at-home",
        Theme.CONFLICT,
        r"\bhates? (?:us|me)\b|called (?:me|us) (?:names|a liar)"
        r"|(?:punched|kicked) a hole|smashed (?:a|the|his|her) (?:\w+ )?(?:window|door|tv|phone|mirror)",
        "Anger in the household.",
        about_speaker=False,
    ),
    Entry(
        "eggshells",
        Theme.CONFLICT,
        r"walking on eggshells",
        "The household is living around the child's anger.",
        about_speaker=False,
    ),
    Entry(
        "tense",
        Theme.CONFLICT,
        r"tense (?:in|at) (?:the house|home)|atmosphere (?:at home"
        r"|in the house) is (?:awful|terrible|horrible|toxic)|war zone|until things (?:calm|settle) down",
        "A strained atmosphere at home.",
        about_speaker=False,
    ),
    Entry(
        "unsafe",
        Theme.CONFLICT,
        r"\bfeels? unsafe\b",
        "Someone in the household feels unsafe.",
        about_speaker=False,
    ),
    Entry(
        "battle",
        Theme.CONFLICT,
        r"every day is a battle|constant battles?|battles? over everything",
        "Daily conflict with the child.",
        about_speaker=False,
    ),
    Entry(
        "rejection",
        Theme.CONFLICT,
        r"(?:not|n't) (?:my|her|his) real (?:mum|dad)|wish(?:es)? I was dead",
        "Hurtful words aimed at the carer.",
        about_speaker=False,
    ),
    Entry(
        "not-safe-at-home",
        Theme.CONFLICT,
        r"\b(?:I|we|my (?:husband|wife|partner|son|daughter|kids|children)|our (?:son|daughter|kids"
        r"|children))"
        r"(?: \w+){0,2}? (?:don't|do not|didn't|did not|no longer|never|can't|cannot|doesn't"
        r"|does not) feel safe"
        r"|\b(?:scared|frightened|afraid|terrified|unsafe|not safe)\b[^.!?]{0,20}? in (?:my"
        r"|our) own (?:home|house)"
        r"|\b(?:put|putting|fitted|got) a lock on (?:our|my|the|her|his) (?:\w+ )?door"
        r"|\b(?:my|our) (?:own )?(?:son|daughter|kids|children|boys|girls|youngest|eldest)(?: \w+){0,3}?"
        r" (?:is|are|was|were|gets?|feels?|felt) (?:\w+ )?(?:scared|frightened|afraid|terrified)",
        "Someone in the household does not feel safe at home.",
        about_speaker=False,
    ),
    Entry(
        "threats",
        Theme.CONFLICT,
        r"\bthreats? (?:against|to|towards) (?:us|me|my|our)\b|\bthreatening (?:messages|texts|calls"
        r"|letters|posts)"
        r"|\bmaking threats\b"
        r"|\b(?:he|she|they)(?:'d|'ll| would| will| (?:was|is|were|are) going to) (?:hurt|kill|stab|hit"
        r"|punch|harm"
        r"|strangle|smash|burn) (?:me|us|my \w+|our \w+)"
        r"|\b(?:held|holding|waved|waving|pulled|grabbed) a knife|\bsquared up to\b"
        r"|\braised (?:his|her) (?:fist|hand) (?:to|at)\b|\bpinned (?:me|us|my \w+) (?:against|to|down)\b",
        "Threats against the household.",
        about_speaker=False,
    ),
    Entry(
        "allegation-fear",
        Theme.CONFLICT,
        r"\b(?:scared|afraid|frightened|terrified|petrified|worried|worry|fear|nervous"
        r"|anxious)\b[^.!?]{0,60}?"
        r"\b(?:allegations?|accus(?:e|ed|es|ing|ation)|make something up)"
        r"|\bin case (?:she|he|they) (?:accuses|says|claims|makes|alleges|tells)"
        r"|\bthreaten(?:ed|s|ing)? to (?:(?:say|tell|report|claim|accuse)(?: \w+){0,3}?(?: that)?"
        r" (?:I|we|me|us|my \w+|our \w+)\b|make (?:an |a )?(?:allegation|complaint))"
        r"|\b(?:since|after) the allegation"
        r"|\b(?:scared|afraid|worried|frightened|terrified) of what (?:she|he|they)"
        r" (?:might|will|could|would) (?:say|claim|allege|make up)"
        r"|\b(?:she|he|they)(?:'d|'ll| would| will| (?:is|was|are|were) going to)?"
        r" (?:tell|report|say|claim)\b(?: \w+){0,4}? (?:that )?(?:I|we|my husband|my wife|my partner)"
        r" (?:hit|hurt|touched|abused|smacked|grabbed|assaulted|slapped|kicked|pushed)\b",
        "Fear of an allegation against someone in the household.",
        about_speaker=False,
    ),
    Entry(
        "household-strain",
        Theme.CONFLICT,
        r"\bstrain on (?:our|my|the) (?:marriage|relationship|family)"
        r"|\b(?:our|my) (?:marriage|relationship|family life)(?: \w+)? (?:is|has been) (?:suffering"
        r"|struggling"
        r"|under strain|falling apart|on the rocks)"
        r"|\b(?:our|my) own (?:children|kids|son|daughter|family)(?: \w+)? (?:is|are|has been|have been)"
        r" (?:suffering|struggling|missing out|pushed out)"
        r"|\b(?:doesn't|does not|don't|do not|won't|will not) want to (?:come home|be (?:at )?home"
        r"|be here|live here"
        r"|stay here|live (?:at home|with us))(?=\s*(?:[.,!;]|$|any ?more|while|because|since|now"
        r"|with (?:him|her)))"
        r"|\b(?:keep|kept|always|constantly|been|forever) (?:rowing|arguing|falling out)\b"
        r"|\b(?:every (?:day|morning|night|evening|meal|bedtime|little thing|single thing)"
        r"|everything)(?: \w+){0,2}?"
        r" (?:is|turns into|becomes|ends (?:up )?in) a (?:[\w-]+ )?(?:fight|battle|row|argument|war"
        r"|screaming match)"
        r"|\b(?:moved out|gone to live|went to live|sleeping in the spare room"
        r"|left home) (?:\S+ ){0,4}?because of"
        r" (?:him|her|them)\b",
        "The strain is telling on the carers' marriage, family or own children.",
        about_speaker=False,
    ),
    # Plain statements of fact: strain told as what is happening to the carer, their health,
    # their own children or marriage, what they have done to keep safe, support that did not
    # come, or the home ending said softly. Each family pairs the carer or household as the
    # subject with a predicate that is strain whoever reads it.
    Entry(
        "carer-health",
        Theme.EXHAUSTION,
        r"\b(?:I've|I have|I'm|I am|I've been|I have been|I was|I've got|been|now"
        r"|(?:put|started) me)(?: \w+)?"
        r" (?:started on|put on|prescribed|taking|back on|on) (?:some |the )?(?:anti-?depressants?"
        r"|sertraline|citalopram|fluoxetine|mirtazapine|propranolol|beta[- ]blockers|diazepam"
        r"|sleeping (?:tablets|pills)|(?:tablets|pills|medication) for (?:my )?(?:anxiety|depression"
        r"|stress|nerves|sleep|blood pressure))"
        r"|\b(?:my|our) (?:anxiety|depression|panic attacks|blood pressure|migraines?|headaches|nerves"
        r"|mental health|appetite)(?: \w+){0,2}? (?:is|are|has|have|'s)(?: been)?(?: \w+)? (?:back|through"
        r" the roof|sky high|up|worse|bad|awful|terrible|gone|all over the place|playing up)\b"
        r"|(?<!his )(?<!her )(?<!their )\b(?:panic|anxiety) attacks?\b"
        r"|\b(?:GP|doctors?|doctor's)\b[^.!?]{0,40}?\b(?:about|for|with) (?:my|our) (?:own )?"
        r"(?:anxiety|stress|depression|nerves|mood|sleep|blood pressure|mental health|panic attacks)"
        r"|\b(?:migraines?|headaches)\b[^.!?]{0,30}?\b(?:every|all the time|constantly|stress)"
        r"|\b(?:I'm|I am|I've been|I have been|we're|we are) not eating(?: properly| well| much)?"
        r"|\b(?:lost|losing) (?:my appetite|(?:nearly |almost |about |over )?(?:a|two|half a) stone)"
        r"|\b(?:haven't|have not|havent|not) had (?:a|one) (?:full|proper|decent|whole|good)"
        r" night'?s'? sleep\b",
        "Says their own health or sleep is suffering: medication, anxiety, not eating, the GP.",
        plain=True,
    ),
    Entry(
        "own-family-suffering",
        Theme.CONFLICT,
        r"\b(?:(?:my|our) (?:own )?(?:youngest|eldest|oldest|son|daughter|kids|children|boys|girls"
        r"|birth (?:son|daughter|children|kids)|grandchildren)|our own \w+)\b[^.!?]{0,40}?"
        r"\b(?:(?:wetting|wet) the bed again|started (?:wetting the bed|having nightmares|self[- ]harming)"
        r"|bed-?wetting again|(?:spending|spends|spend) (?:more and more|all (?:his|her|their)|most of"
        r" (?:his|her|their)) time (?:at|in|out|away)|to get away from (?:it|him|her|them|the house)"
        r"|(?:go and |to )?(?:live|stay) (?:at|with) (?:his|her|their|my|our) (?:nan|nana|gran|grandma"
        r"|grandad|dad's|mum's|auntie|aunt|uncle)(?:'s)?(?! for (?:the|a) (?:night|weekend|sleepover))"
        r"|stopped (?:bringing|inviting|having) (?:friends|mates)|(?:feels?|felt) (?:pushed out"
        r"|left out|forgotten|invisible))",
        "The strain is telling on the carers' own children.",
        about_speaker=False,
    ),
    Entry(
        "marriage-suffering",
        Theme.CONFLICT,
        r"\b(?:me and (?:my )?\w+|(?:my )?\w+ and I|we)(?: are| were|'re| have been|'ve been)?"
        r" (?:barely|hardly) (?:speaking|talking)\b"
        r"|\b(?:our|my) (?:marriage|relationship)\b[^.!?]{0,30}?\b(?:strain|suffering|on the rocks"
        r"|falling apart|breaking down|in pieces|paying the price)"
        r"|\b(?:arguments?|rows|rowing|arguing|fights|fighting) between (?:him|her|them) and (?:me|us|my \w+"
        r"|our \w+)",
        "The strain is telling on the carers' marriage or the household.",
        about_speaker=False,
    ),
    Entry(
        "safety-actions",
        Theme.CONFLICT,
        r"\b(?:hid|hidden|hide|hiding|lock(?:ed|ing)? (?:away|up)|put away|removed|taken away|took away)"
        r"(?: \w+){0,2}? (?:the |our |my |all (?:the |our |my )?)?(?:sharp )?(?:kitchen )?(?:knives"
        r"|knife|scissors|razors?|blades|medication|medicines|tablets|pills|paracetamol)\b"
        r"|\b(?:knives|scissors|razors|blades)\b[^.!?]{0,20}?\b(?:locked (?:away|up|box|drawer|tin)|in a"
        r" locked)"
        r"|\b(?:lock(?:ed|ing)?|wedg(?:e|ed|ing)|barricad(?:e|ed|ing)|bolt(?:ed|ing)?) (?:our|my|the)"
        r" (?:bed ?room|bathroom) door\b"
        r"|\block(?:ed|ing)? (?:myself|ourselves|the (?:kids|children)|my \w+|our \w+) in\b"
        r"|\b(?:I|we|I've|we've|I'm|we're)(?: \w+){0,2}? (?:sleep|sleeps|sleeping|slept) with (?:the |our"
        r" |my )?(?:(?:bed ?room )?door (?:locked|wedged|barricaded|bolted)|(?:my |our |the )?(?:phone"
        r"|keys|car keys)|a knife)"
        r"|\b(?:put|putting|fitted|got|asked for|ask(?:ing)? for|wants?|get|getting) a lock (?:on|for)"
        r" (?:our|my|the|her|his) (?:[\w']+ )?door"
        r"|\bin case (?:I|we) (?:need|have|had) to (?:call|ring|phone|get out|leave|escape|get help|run)",
        "The carer has taken steps to keep the household safe: a sign they do not feel safe at home.",
        about_speaker=False,
        routine=True,
    ),
    Entry(
        "support-not-done",
        Theme.FRUSTRATION,
        r"\b(?:promised|assured|(?:were|was|been) told (?:we|I|they|she|he)(?:'d| would| were going to"
        r"| was going to)|(?:were|was|been) told (?:would|it would"
        r"|was going to)|said (?:they|she|he|we|I)(?:'d| would)"
        r"|(?:were|was) (?:meant|supposed|due) to"
        r" (?:get|have|start|be)|should have (?:had|got|started))\b.{0,100}?"
        r"\b(?:never|still (?:hasn't|has not|haven't|have not|not|no|waiting)|yet to|(?:there|it)"
        r" (?:wasn't|didn't|hasn't|has not)|(?:we've|we have|I've|I have) (?:had|seen) (?:one|only one"
        r"|just one|nothing|none|no)\b|(?:it's|it is) now\b|nothing (?:has )?(?:happened|came|come)"
        r"|didn't happen|hasn't happened|no sign|(?:hasn't|has not) started"
        r"|(?:he's|she's|they've|he has|she has|they have) been (?:here"
        r"|with us) (?:for )?(?:\w+ )?(?:weeks|months)"
        r"|(?:nobody|no one|no-one) (?:has )?(?:come|came|turned up|been in touch))"
        r"|\b(?:cancelled|called off)\b[^.!?]{0,30}?\b(?:never|not) (?:been )?(?:rebooked|rearranged"
        r"|rescheduled)"
        r"|\bstill no (?:sign|word|news|date|update|reply|response|referral|call|visit|support|help"
        r"|respite)\b"
        r"|\b(?:none|not one|neither) (?:of them )?(?:were|was|has been|have been) (?:returned|answered)"
        r"|\b(?:didn't|did not|never|hasn't|has not|haven't|have not|still hasn't|wouldn't) (?:r[ai]ng"
        r"|call(?:ed)?|phoned?) (?:me |us )?back\b"
        r"|\b(?:only|ever) (?:ever )?hear from (?:anyone|anybody|them|the team|social services|the (?:LA"
        r"|local authority)|(?:our|the) (?:SSW|social worker)) when"
        r"|\b(?:nobody|no one|no-one)(?: \w+){0,4}? (?:thought|bothered|remembered) to (?:tell|let (?:us|me)"
        r" know|ring|call|inform|invite)"
        r"|\b(?:nobody|no one|no-one)(?: \w+){0,4}? (?:has )?(?:(?:visited|been out|been round|come out"
        r"|come round)(?: to (?:see )?(?:us|me))?(?= (?:since|in|for)\b)|visited (?:us|me)\b"
        r"|checked (?:in|on)|asked (?:how|if|whether) (?:we|I))"
        r"|\bhad to (?:hear|find out)\b[^.!?]{0,50}?\bfrom\b",
        "Says support that was promised did not come, or that nobody got back to them.",
        about_speaker=False,
    ),
    Entry(
        "home-may-end-softly",
        Theme.HOME_MAY_END,
        r"\bend (?:things|it all)\b"
        r"|\bsay (?:that )?(?:we're|we are|I'm|I am) done\b"
        r"|\b(?:whether|if) fostering (?:is )?(?:still |really )?(?:for us|for me|right for (?:us|me))"
        r"|\b(?:(?:talk|talking|discuss|discussing|think|thinking) (?:about )?|ask(?:ing|ed)? (?:for|about)"
        r" |request(?:ing|ed)? )(?:a|his|her|their) (?:planned |next |possible )?move\b"
        r"(?! (?:up|to|into|from)\b)"
        r"|\b(?:him|her|them) (?:to be )?found (?:somewhere|a new|another|a different)"
        r"|\b(?:for |want |wants )?(?:him|her|them) to (?:go|be moved|move|live) (?:somewhere else|elsewhere"
        r"|to (?:another|a different|a new) (?:home|placement|family|carers?|foster \w+))"
        r"|\b(?:looking|look|search(?:ing)?) for (?:another|a new|a different) (?:placement|home|family"
        r"|carers?) for (?:him|her|them)"
        r"|\b(?:want|wants|wanted|need|needs) (?:him|her|them) out(?=\s*(?:[.,!;]|$|of (?:the|our|this)"
        r" (?:house|home)))"
        r"|\b(?:want|wants|wanted|ask(?:ing|ed)?(?: for)?|need) (?:him|her|them) (?:to be )?moved on\b"
        r"|\b(?:not|isn't|is not|n't) (?:the )?right (?:place|home|family|fit|match) for (?:him|her|them)"
        r"|\b(?:right|best) (?:place|home|family|fit|match) for (?:him|her|them)(?: \w+){0,2}? any ?more",
        "Says the placement may end or the child may need to move: the home may end.",
        about_speaker=False,
    ),
    Entry(
        "dread-and-doubt",
        Theme.HOPELESSNESS,
        r"\bknot in (?:my|our) stomachs?\b|\bstomach (?:in knots|churning|turning)"
        r"|\bsecond[- ]guess(?:ing)? (?:everything|every|myself|ourselves|all)"
        r"|\ba (?:complete|total|useless|utter) failure\b|\bburst into tears\b"
        r"|\bstopped (?:enjoying|looking forward to)\b",
        "Speaks of dread, self-doubt or tears.",
        plain=True,
    ),
    # Round 13: other ways of saying the same things, in families: the home ending said in other
    # words, the carer's health told through symptoms, fear told as a feeling, support that
    # vanished, things going backwards, the carers' own children and marriage told as events.
    Entry(
        "home-may-end-otherwise",
        Theme.HOME_MAY_END,
        r"\bend of the road\b"
        r"|\bkinder\b[^.!?]{0,40}?\bif (?:he|she|they) (?:moved|went|left|was moved|were moved|lived)\b"
        r"|\b(?:he|she|they|him|her|them)(?: \w+){0,2}? (?:moved?|go|went|live|be moved) (?:on )?to"
        r" (?:another|a different|a new|other) (?:carers?"
        r"|family|home|placement|foster (?:carers?|family|home))"
        r"|\b(?:can't|cannot|couldn't|won't be able to|not be able to|unable to|not) (?:keep|have)"
        r" (?:him|her|them) (?:past|beyond|after|through|until|till) "
        r"|\bcome and (?:get|take) (?:him|her|them)\b(?!\s+(?:from|at|after|for|to|in)\b)"
        r"|\bneeds? (?:a|another|a different) (?:home|family|placement|carer)\b[^.!?]{0,50}?"
        r"\b(?:isn't|is not|'s not|not) (?:us|here|this)\b",
        "Says the placement may end or the child may need another home: the home may end.",
        about_speaker=False,
    ),
    Entry(
        "health-symptoms",
        Theme.EXHAUSTION,
        r"\b(?:my|I've got|I have|I've had|I had|I'm getting|I get|I keep getting|been getting"
        r"|been having|started getting|started having)(?: \w+){0,2}? (?:chest pains?|(?:heart )?palpitations"
        r"|shingles|eczema|psoriasis|IBS|hives|ulcers|(?:tension )?headaches|migraines?)\b"
        r"|\bheart (?:racing|pounding|pounds|races|thumping|thumps|in my mouth)\b"
        r"|\bmy (?:hair|eczema|psoriasis|IBS|asthma|skin)\b[^.!?]{0,20}?\b(?:flared|flaring|playing up"
        r"|(?:falling|coming) out)"
        r"|\bdrinking (?:more|too much|a lot more|every night|most nights)\b"
        r"|\b(?:wake|woke|waking|awake|up) (?:up )?(?:at|by|around) (?:[1-5]|three|four|five) ?(?:am|a\.m\.)"
        r"|\b(?:nodded|nodding|dozed|dozing|fell|falling) (?:off"
        r"|asleep) (?:at the (?:wheel|lights|traffic lights)"
        r"|while driving|driving)"
        r"|\btiredness is (?:unreal|unbearable|crushing|something else)\b",
        "Says their own health or sleep is suffering: symptoms of strain.",
        plain=True,
    ),
    Entry(
        "fear-felt",
        Theme.CONFLICT,
        r"\b(?:don't|do not|didn't|did not) (?:like|want) (?:being"
        r"|to be)(?: \w+){0,5}? (?:alone|on (?:my|our)"
        r" own|by myself) with (?:him|her|them)\b"
        r"|\b(?:shaking|shook|trembling)\b[^.!?]{0,15}?\b(?:after|when|because) (?:he|she|they)\b"
        r"|\bcornered (?:me|us|my \w+)",
        "The carer is afraid in their own home.",
    ),
    Entry(
        "support-gone",
        Theme.FRUSTRATION,
        r"\b(?:neither|none of them|not one of them)(?: of them)? (?:has"
        r"|have|had) (?:visited|been out|been round"
        r"|come out|come round|been to see|seen (?:him|her|us|me))"
        r"|\b(?:out of hours|duty|emergency)(?: \w+){0,2}? (?:line|number|team|phone)\b[^.!?]{0,30}?"
        r"\b(?:didn't|did not|never|wouldn't|doesn't) (?:answer|pick up|reply)"
        r"|\bthe only one (?:who|that) (?:didn't|did not|wasn't|was not) (?:know|told|invited|asked)"
        r"|\beveryone (?:just )?(?:disappeared|vanished|went quiet|walked away)"
        r"|\b(?:was|were) told (?:that )?there (?:is|was|'s) (?:no one|nobody|nothing|no (?:respite|help"
        r"|support|money|funding|budget))",
        "Says support vanished or was not there when it was needed.",
        about_speaker=False,
    ),
    Entry(
        "going-backwards",
        Theme.HOPELESSNESS,
        r"\b(?:going|gone|went|slid(?:ing)?|slipping) backwards\b|\bback to square one\b"
        r"|\bstopped (?:believing|hoping|thinking) (?:that )?(?:things|it|he|she|they)\b"
        r"|\b(?:don't|do not) (?:feel like |think )?(?:I|we) know what (?:I'm|I am|we're|we are) doing\b"
        r"|\bknocked (?:it|the \w+|my \w+|our \w+|all \w+) out of (?:me|us)\b"
        r"|\b(?:given|give|giving) (?:it )?everything (?:I've|we've|I|we) (?:got|had|have)\b"
        r"|\b(?:I'm|I am|we're|we are) (?:so|just|completely|totally|absolutely|properly|utterly) done"
        r"(?=\s*(?:[.,!;]|$))",
        "Says things are going backwards or that their confidence or hope has gone.",
    ),
    Entry(
        "family-told-as-events",
        Theme.CONFLICT,
        r"\b(?:(?:my|our|the) (?:own )?(?:youngest|eldest|oldest|son|daughter|kids|children|boys|girls)"
        r"|(?-i:[Oo]ur [A-Z][a-z]+))\b[^.!?]{0,40}?"
        r"\b(?:(?:grades|marks|school ?work|attendance)(?: \w+){0,2}? (?:dropped|slipped|suffered|gone down"
        r"|fallen)|(?:doesn't|does not|don't|do not) feel like (?:this|it|here)(?:'s| is) (?:her|his|their)"
        r" home|started (?:having nightmares|wetting the bed|self[- ]harming)|stopped (?:bringing|inviting"
        r"|having) (?:\w+ )?friends)"
        r"|\b(?:we|me and \w+|\w+ and I) (?:just )?pass each other\b"
        r"|\b(?:haven't|have not) had a (?:proper |real |decent )?(?:conversation|talk|evening together)"
        r" (?:in|for) (?:weeks|months|ages)"
        r"|\b(?:the )?worst (?:row|argument|fight)s? (?:we've|we have|we|I've|I have) ever\b",
        "The strain is telling on the carers' own children or marriage.",
        about_speaker=False,
    ),
    Entry(
        "threats-to-the-home",
        Theme.CONFLICT,
        r"\bburn (?:the|our|this|my) (?:house|home|place) down\b|\bwith us (?:all )?in it\b"
        r"|\b(?:stab|kill|hurt|strangle|attack|smother)\b[^.!?]{0,30}?\bwhile (?:we|I|he|she|they)"
        r" (?:slept|sleep|were asleep|was asleep|are asleep)"
        r"|\b(?:sort|sorting) (?:us|me|you) out\b",
        "Threats against the household or the home.",
        about_speaker=False,
    ),
    # Plain words: cued only when the carer speaks of themselves or the household, and not in
    # a sentence that says the time was good (see Entry.plain).
    Entry(
        "plain-worn-out",
        Theme.EXHAUSTION,
        r"\b(?:exhaust(?:ed|ing|ion)|shattered|knackered|drained|burn(?:t|ed)[ -]out|frazzled|wiped out"
        r"|worn (?:out|thin|down)|(?:physically|mentally|emotionally|totally|completely|utterly) spent"
        r"|running on (?:caffeine|fumes|adrenaline|autopilot)|on (?:my|our) last legs"
        r"|(?:barely|just about) (?:holding|keeping) (?:it|things|ourselves|myself) together"
        r"|losing (?:my|our) minds?|running out of (?:energy|ideas|steam)|out of (?:energy|steam)"
        r"|(?:haven't|have not|hasn't|not) had (?:a|one|a single) (?:minute|moment|evening|night|day|break)"
        r"(?: (?:off|to (?:myself|ourselves)))?|(?:could|can) sleep for a (?:week|month)"
        r"|nothing (?:left )?in (?:me|us)|into the ground|(?:a|one) minute's peace|snapping at"
        r"|so tired|tired all the time|sleep[- ]deprived|(?:barely|hardly) (?:have|got) (?:the|any) energy"
        r"|nothing left(?=\s*(?:[.,!;]|$|for (?:me|us|myself|ourselves|him|her|them|the|my|our)\b|to give"
        r"|in (?:me|us|the tank)))"
        r"|no more (?:to give|left in (?:me|us))|running on (?:nothing|empty)"
        r"|(?:lie|lying|lay|laying) awake|(?:awake|up) (?:half|most of|all) the night"
        r"|(?:one|two|three|four|[1-4])(?: or (?:two|three|four|five|[2-5]))? hours(?:'|\u2019)?"
        r" (?:sleep|kip|a night|per night|each night))\b",
        "The carer speaks of their own exhaustion.",
        plain=True,
    ),
    Entry(
        "plain-fed-up",
        Theme.FRUSTRATION,
        r"\b(?:fed up|sick of|sick and tired|had enough|so done with|furious|livid|fuming|seething"
        r"|annoyed|irritated|exasperated|cross (?:that|with|about)|(?:my|our) patience"
        r"|lost count|got nowhere|getting nowhere|going round in circles|broken promises?"
        r"|not what (?:we|I) signed up for|count(?:s|ed)? for nothing"
        r"|(?:nobody|no one|no-one) (?:warned|told)|(?:banging|bang) (?:my|our) heads? against"
        r"|(?:hasn't|has not|haven't|have not|never) (?:returned|answered|rung back|called back)"
        r"|(?:not|never) (?:a single|one) (?:call|reply|email|visit)|promised\b.* never"
        r"|(?:why|how) (?:do|does|did|should|must) (?:we|I|they)\b.*\?)",
        "The carer says they are frustrated, angry or not listened to.",
        plain=True,
    ),
    Entry(
        "plain-hopeless",
        Theme.HOPELESSNESS,
        r"\b(?:pointless|no point|no way (?:forward|out)|(?:can't|cannot|can not) see (?:a|any) way"
        r"|no light at the end|at a loss|at (?:my|our) lowest|going under(?! (?:the|a|an)\b)|despair\w*"
        r"|(?:can't|cannot|can not) (?:go on|cope|do this|carry on)|tried everything"
        r"|nothing (?:is |seems to be )?working"
        r"|nothing (?:we|I) (?:do|try|say)"
        r"|wonder (?:why|if|whether) (?:we|I)|why (?:we|I) (?:ever )?(?:bother|started|took)"
        r"|failing|crying|cried|in tears|broke down|dread(?:ing|ed|s)?"
        r"|close to tears|sob(?:bed|bing)|resent(?:ing|ful)?|(?:can't|cannot) face|keep (?:this|it) up"
        r"|call it a day)\b",
        "The carer speaks of losing hope or of not being able to carry on.",
        plain=True,
    ),
    Entry(
        "plain-home-may-end",
        Theme.HOME_MAY_END,
        r"\b(?:stop fostering|giv(?:e|ing) (?:in )?(?:our |my )?notice"
        r"|(?:can't|cannot|don't|do not) see (?:how )?(?:this|it|the placement)(?: placement)?"
        r" (?:can )?(?:last|work)(?:ing)?"
        r"|not the right (?:people|family|carers?|home|placement))\b",
        "The carer speaks of the placement or their fostering ending: the home may end.",
        plain=True,
    ),
    Entry(
        "plain-afraid",
        Theme.CONFLICT,
        r"\b(?:scared|frightened|afraid|terrified|petrified) (?:of (?:him|her|them|what (?:he|she|they)"
        r"|when (?:he|she|they))\b|for (?:my|our) (?:safety|life|lives|kids|children|family)"
        r"|to (?:be (?:alone|on (?:my|our) own) with|go to sleep|go home|come home|leave))",
        "The carer is afraid of the child or for the household's safety.",
        plain=True,
    ),
    Entry(
        "plain-anger",
        Theme.CONFLICT,
        r"\b(?:screaming|shouting|yelling|bickering)\b",
        "Shouting or screaming in the household.",
        about_speaker=False,
        plain=True,
        settles=True,
    ),
    Entry(
        "plain-conflict",
        Theme.CONFLICT,
        r"\b(?:(?<!in )(?:a|another|the|huge|big|blazing"
        r"|screaming|massive|almighty|awful) row\b(?! of)|at each other's throats"
        r"|lash(?:ed|es|ing)? out|punch(?:ing)? bag|battleground"
        r"|smashed (?:up )?(?:a|the|his|her|my|our) (?:\w+ )?(?:window|door|tv|phone|mirror|plate|glass|cup"
        r"|screen|laptop|wall|room)|(?:hit|punched|kicked|bit|scratched|slapped|spat at|pushed|shoved"
        r"|attacked|headbutted|lashed out at)(?: and \w+)? (?:me|us|him|them|my \w+|our \w+"
        r"|her(?=\s+(?:in|on|and|across|round|over)\b|[.,!?;]|$))|threw (?:a|the|his|her) \w+ (?:at|across)"
        r"|threatened (?:me|us|to (?:hit|hurt|kill|stab|burn|smash|kick|punch|harm|set fire))|felt threatened"
        r"|(?:call(?:ed|ing)?|ring|rang|phoned?) (?:the )?police"
        r"|police (?:were |had to be |was )?(?:called|came out|involved)|with a knife\b(?! and fork)"
        r"|(?:avoid|(?:be|stay|keep) away from) (?:him|her)\b|(?:keep|stay) out of (?:his|her) way"
        r"|(?:things|it|atmosphere|house|home)(?: \w+){0,3}? (?:is|are|'s|has been|have been)(?: \w+)? tense"
        r"|tense (?:between|at|in))",
        "Anger, aggression or conflict in the household.",
        about_speaker=False,
        plain=True,
    ),
)

# Carers type on phones: a curly apostrophe ("I\u2019m") is the same as a straight one, and the
# apostrophe is often left out of "don't", "can't", "I'm", "I've" and "it's" ("we dont feel safe").
# Other contractions keep it, as "were", "well" and "ill" are words of their own.
_APOSTROPHE = re.compile(r"(?<=[A-Za-z(:|])'(?=[A-Za-z])")
_MAY_DROP = (
    ("n['\u2019]t", "n['\u2019]?t"),
    ("['\u2019]m\\b", "['\u2019]?m\\b"),
    ("['\u2019]ve", "['\u2019]?ve"),
    ("it['\u2019]s", "it['\u2019]?s"),
)


def _tolerant(pattern: str) -> str:
    """The pattern, matching curly apostrophes and the contractions carers write without one."""
    pattern = _APOSTROPHE.sub("['\u2019]", pattern)
    for written, tolerant in _MAY_DROP:
        pattern = pattern.replace(written, tolerant)
    return pattern


_COMPILED = tuple((entry, re.compile(_tolerant(entry.pattern), re.IGNORECASE)) for entry in LEXICON)

# Rules that set a match aside.
# Quoted words: an opening mark after a space or the start, a closing one before a space,
# punctuation or the end. An apostrophe inside a word ("I'm", "wits' end") opens nothing.
_OPENING_MARKS = "'\"\u201c\u2018"
_CLOSING_MARKS = "'\"\u201d\u2019"
_QUOTED = re.compile(
    rf"(?:(?<=^)|(?<=[\s(]))[{_OPENING_MARKS}](?=\S).*?(?<=\S)[{_CLOSING_MARKS}](?=[\s.,!?;:)]|$)"
)
# A negation in the three words before the phrase, but not "not sure" or "don't know", which
# hedge rather than deny.
# "Used to" puts what follows in the past ("I used to feel forgotten").
_NEGATION = re.compile(
    r"(?:\bnot\b(?!\s+sure)|\bno longer\b|\bnever\b|n['\u2019]t\b(?!\s+know)|\bused to\b"
    r"|\b(?:dont|cant|wont|didnt|doesnt|isnt|wasnt|arent|werent|havent|hasnt|hadnt|couldnt|wouldnt"
    r"|shouldnt)\b(?!\s+know))",
    re.IGNORECASE,
)
# Someone's words reported: "she said", "he has told".
_REPORTING = re.compile(r"\b(?:said|says|saying|told|tells|telling)\b", re.IGNORECASE)
# Someone's feelings reported: "he feels", "his teacher thinks". Only a person's: "it all feels
# pointless" is the carer's own feeling.
_FEELING = re.compile(r"\b(?:feels|felt|thinks|thought)\b", re.IGNORECASE)
# Words between a speaker and their reporting verb ("she keeps saying", "he has told").
_REPORT_AUX = {
    "keeps",
    "kept",
    "is",
    "was",
    "has",
    "had",
    "always",
    "often",
    "just",
    "then",
    "never",
    "really",
    "also",
    "still",
    "honestly",
    "sometimes",
    "do",
    "did",
    "does",
}
# The carer's partner speaks for the household too.
_FELLOW_CARERS = [["my", "husband"], ["my", "wife"], ["my", "partner"]]
_CARER_SPEAKING = re.compile(r"(?:I|we)\b", re.IGNORECASE)
# A phrase that names the carer in it ("put me on antidepressants", "my anxiety is back") is
# theirs whoever is the subject of the sentence.
_NAMES_CARER = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")

# A sentence that says the time was good: "exhausted but happy", "exhausting fun".
_GOOD_TIME = re.compile(
    r"\b(?:fun|happy|happily|content|lovely|brilliant|enjoy(?:ed|able)?|worth it|in a good way"
    r"|excit(?:ed|ement)"
    r"|proud|laugh(?:ed|ing|ter)|cracking|great (?:time|day)"
    r"|loved|amazing|wonderful|fantastic|playful(?:ly)?"
    r"|(?:was|were|went|turned out)(?: \w+)? (?:fine|okay|ok|angels?|no bother|no trouble|good as gold))\b",
    re.IGNORECASE,
)
# Tiredness from a day out: "worn out after Legoland", "shattered from the zoo". A capitalised
# word after "after" is taken as a place or event unless it is a day ("after Monday").
_DAY_OUT = re.compile(
    r"\b(?:after|from) (?:a |the |our |his |her |their )?(?:[\w-]+ )?(?:day out"
    r"|trip|outing"
    r"|party|disco|wedding|holiday|beach|seaside|zoo|park|theme park|drive|walk|hike|match|football|swimming"
    r"|swim|festival|fair|concert|panto|show|sleepover|run|race|ride|climb"
    r"|(?-i:[A-Z][a-z]+)(?<!Monday)(?<!Tuesday)(?<!Wednesday)(?<!Thursday)(?<!Friday)(?<!Saturday)(?<!Sunday)"
    r"(?=\s*(?:[.,!;]|$|and\b|with\b|today\b|yesterday\b)))\b",
    re.IGNORECASE,
)
# A sentence that says the anger settled: everyday parenting rather than conflict.
_SETTLED = re.compile(
    r"\b(?:calm(?:ed)? (?:down|again)|(?:was|were) calm|settled|apologi[sz]ed|said sorry|made up"
    r"|nothing (?:we|I) (?:couldn't|could not|can't|cannot) (?:manage|handle)|(?:handled|managed"
    r"|dealt with) it"
    r"|(?:came|come) (?:down|back|round)\b[^.!?]*?\bfine)\b",
    re.IGNORECASE,
)
# A sentence that says a safety step is routine: ordinary safer caring, not fear.
_ROUTINE = re.compile(
    r"\b(?:as (?:usual|always|normal|per)|always (?:have|do|did)|we always|safer caring|routine(?:ly)?"
    r"|(?:is|it's|perfectly|quite) normal|normal (?:at|for) (?:her|his|their) age"
    r"|(?:every|each) night as)\b",
    re.IGNORECASE,
)
# Tears at a film, a book or for joy are not strain.
_TEARS = re.compile(r"\b(?:cr(?:y|ied|ying)|tears|sob\w*|wept|weeping)\b", re.IGNORECASE)
_ORDINARY_TEARS = re.compile(
    r"\b(?:film|movie|watching|programme|episode|tv|telly|book|happy tears|tears of joy|laughing|laughed"
    r"|wedding|christening|graduation|beautiful)\b",
    re.IGNORECASE,
)
# Everyday nuisances: a feeling about the dentist, the garage or the weather is not strain at home.
_NUISANCE = re.compile(
    r"\b(?:dentist|optician|orthodontist|garage|plumber|electrician|builders?|mechanic|hairdresser"
    r"|parcel|courier|delivery|rain|snow|weather|traffic(?! lights)|roadworks)\b",
    re.IGNORECASE,
)
# A sentence that puts the strain in the past and says things are better now.
_PAST = re.compile(
    r"\b(?:last (?:week|month|year|winter|summer|spring|autumn|term)|(?:a|one|two|three|six|few) (?:weeks?"
    r"|months?|years?) ago|back in|at (?:the|one) (?:start|beginning)|when (?:he|she|they) first came)\b",
    re.IGNORECASE,
)
_BETTER_NOW = re.compile(
    r"\b(?:(?:much|so much|a lot|far|loads|lots) (?:better|calmer|easier)|(?:better|calmer|easier|settled)"
    r" now|now (?:things are|it's|it is|we're|we are|we|I) (?:much |so |a lot )?(?:better|calmer|easier"
    r"|good|fine|laugh))",
    re.IGNORECASE,
)
# Who a plain word is about: the nearest subject before it in the sentence. The carer and the
# household speak as "I", "we", "my husband"; anyone else as "he", "she", "they", or a name or
# noun before a verb ("Sam was", "the party was", "our dog is").
_CARER_WORDS = {
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "we",
    "we're",
    "we've",
    "we'd",
    "we'll",
    "me",
    "us",
    "both",
}
_OTHER_WORDS = {"he", "she", "they", "he's", "she's", "they're", "they've", "he'd", "she'd", "you", "you're"}
_HOUSEHOLD_NOUNS = {"husband", "wife", "partner", "family", "household", "home", "house", "life", "lives"}
_DETERMINERS = {"the", "a", "an", "this", "that", "her", "his", "their", "your", "my", "our"}
_SUBJECT_VERBS = {
    "is",
    "was",
    "are",
    "were",
    "seems",
    "seemed",
    "looks",
    "looked",
    "feels",
    "felt",
    "got",
    "gets",
    "has",
    "had",
    "came",
    "went",
    "said",
    "says",
    "kept",
    "keeps",
    "sounded",
}
# Capitalised words that are not names, so say nothing of who is speaking.
_NOT_NAMES = {
    "this",
    "that",
    "it",
    "it's",
    "there",
    "things",
    "everything",
    "today",
    "tonight",
    "what",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "christmas",
}
_PLAIN_VERBS = ("cried", "sobbed", "broke down", "dreads", "dreaded")
_LINKING = {"and", "but", "then", "so", "or", "just", "finally", "again", "nearly", "almost"}
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")

RULE_QUOTED = "Words in quotation marks are someone else's, usually the child's, so they are not cued."
RULE_REPORTED = (
    'Someone else\'s feelings reported by the carer ("she said she was exhausted", "he feels nobody'
    ' listens") are not cued.'
)
RULE_NEGATED = (
    'A phrase just after a negation ("not", "no longer", "never", "n\'t") or "used to" is not cued.'
)
RULE_SOMEONE_ELSE = (
    'Plain words ("shattered", "fed up", "livid") are cued only when the carer says them of'
    ' themselves or the household ("I\'m shattered", "Knackered tonight."), not of someone else'
    ' ("she was shattered after PE", "our dog is exhausted").'
)
RULE_GOOD_TIME = (
    "Plain words and words of tiredness in a sentence that says the time was good or was a day out"
    ' ("exhausted but happy", "exhausting fun", "worn out after the zoo") are not cued.'
)
RULE_SETTLED = (
    'Shouting, screaming or a slammed door in a sentence that says it settled ("she calmed down",'
    ' "came down for dinner fine") is everyday parenting, so it is not cued.'
)
RULE_ROUTINE = (
    'A step taken to keep the household safe ("we lock our bedroom door", "the knives are locked'
    ' away") in a sentence that says it is routine ("as usual", "always have", "as per the safer'
    ' caring plan") is ordinary safer caring, so it is not cued.'
)
RULE_ORDINARY_TEARS = (
    'Tears at a film, a programme or a book, or tears of joy ("we all cried at the film", "happy'
    ' tears") are not cued.'
)
RULE_BETTER_NOW = (
    'Strain put in the past in a sentence that says things are better now ("Last month I was at the'
    ' end of my tether but things are much better now") is not cued.'
)
RULE_NUISANCE = (
    'A feeling about an everyday nuisance ("nobody rang back from the dentist", "we\'re sick of the'
    ' rain") is not cued; conflict and the home ending are cued whatever else the sentence says.'
)
RULES = (
    RULE_QUOTED,
    RULE_REPORTED,
    RULE_NEGATED,
    RULE_SOMEONE_ELSE,
    RULE_GOOD_TIME,
    RULE_SETTLED,
    RULE_ROUTINE,
    RULE_ORDINARY_TEARS,
    RULE_BETTER_NOW,
    RULE_NUISANCE,
)


def _negated(before: str) -> bool:
    return bool(_NEGATION.search(" ".join(before.split()[-3:])))


def _reported_by_someone_else(before: str) -> bool:
    """Is there a reporting verb earlier in the sentence whose speaker is not the carer ("I",
    "we", or their partner)?"""
    for verb in _REPORTING.finditer(before):
        words = [w.lower() for w in before[: verb.start()].split()]
        while words and words[-1] in _REPORT_AUX:
            words.pop()
        if not words or words[-1] in {"i", "we"} or words[-2:] in _FELLOW_CARERS:
            continue
        return True
    for verb in _FEELING.finditer(before):
        words = [w.lower() for w in before[: verb.start()].split()]
        while words and words[-1] in _REPORT_AUX:
            words.pop()
        if words and (words[-1] in _OTHER_WORDS or (len(words) > 1 and words[-2] in {"his", "her", "their"})):
            return True
    return False


def _about_someone_else(before: str, phrase: str) -> bool:
    """Is the nearest subject before a plain word someone other than the carer or household? With
    no subject at all ("Knackered tonight.", "It's exhausting.") the carer is speaking."""
    words = _WORD.findall(before)
    for i in range(len(words) - 1, -1, -1):
        word, lower = words[i], words[i].lower()
        if lower in _CARER_WORDS:
            return False
        if lower in _OTHER_WORDS:
            return True
        if lower in _NOT_NAMES:  # "it felt like", "things were": no person
            continue
        determined = any(w.lower() in _DETERMINERS for w in words[max(i - 2, 0) : i])
        named = word[0].isupper() and lower not in _NOT_NAMES
        before_verb = i + 1 < len(words) and words[i + 1].lower() in _SUBJECT_VERBS
        # A plain word that is itself a verb has its subject just before it ("his mum cried").
        before_verb = before_verb or (
            i + 1 == len(words) and lower not in _LINKING and phrase.lower().startswith(_PLAIN_VERBS)
        )
        if before_verb and lower not in _HOUSEHOLD_NOUNS and (determined or named):
            return True
    return False


def tone_cues(text: str) -> list[Cue]:
    """The phrases in `text` that the lexicon cues and no rule sets aside, in order of where they
    start, none overlapping (the earliest, then the longest, wins). Each says why."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    sentences = [m.span() for m in _SENTENCE.finditer(text)]
    found: list[Cue] = []
    for entry, regex in _COMPILED:
        for match in regex.finditer(text):
            start, end = match.span()
            if any(q0 <= start < q1 for q0, q1 in quoted):
                continue
            sentence_start, sentence_end = next(
                ((s0, s1) for s0, s1 in sentences if s0 <= start < s1), (0, 0)
            )
            before = text[sentence_start:start]
            if _negated(before):
                continue
            carer_speaking = _CARER_SPEAKING.match(match.group(0))
            if entry.about_speaker and not carer_speaking and _reported_by_someone_else(before):
                continue
            if (
                entry.plain
                and entry.about_speaker
                and not _NAMES_CARER.search(match.group(0))
                and _about_someone_else(before, match.group(0))
            ):
                continue
            if (entry.plain or entry.theme == Theme.EXHAUSTION) and (
                _GOOD_TIME.search(text, sentence_start, sentence_end)
                or _DAY_OUT.search(text, sentence_start, sentence_end)
            ):
                continue
            if entry.settles and _SETTLED.search(text, sentence_start, sentence_end):
                continue
            if entry.routine and _ROUTINE.search(text, sentence_start, sentence_end):
                continue
            if _TEARS.search(match.group(0)) and _ORDINARY_TEARS.search(text, sentence_start, sentence_end):
                continue
            if entry.about_speaker and _NUISANCE.search(text, sentence_start, sentence_end):
                continue
            if _PAST.search(text, sentence_start, sentence_end) and _BETTER_NOW.search(
                text, sentence_start, sentence_end
            ):
                continue
            found.append(Cue(start, end, match.group(0), entry.theme, entry.why, entry.key))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    cues: list[Cue] = []
    for cue in found:
        if not cues or cue.start >= cues[-1].end:
            cues.append(cue)
    return cues
