"""Pure rules about the child's voice in a decision: when feeding back is due, what is left to
follow through, and the first draft of what is written back to the child."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from steadfast.core.working_days import add_working_days

# The child is told what came of their views within this many working days of the decision.
FEEDBACK_WORKING_DAYS = 10

NOT_SOUGHT = "not_sought"
NOT_FED_BACK = "not_fed_back"
NO_INFLUENCE = "no_influence"
GAP_TITLES = {
    NOT_SOUGHT: "The child's views were not sought",
    NOT_FED_BACK: "Not fed back to the child",
    NO_INFLUENCE: "Nothing recorded about what changed",
}


def feedback_due(decided_on: datetime.date) -> datetime.date:
    """The last day to tell the child what came of their views: 10 working days after the
    meeting or decision."""
    return add_working_days(decided_on, FEEDBACK_WORKING_DAYS)


def fed_back_in_time(decided_on: datetime.date, fed_back_on: datetime.date | None) -> bool:
    return fed_back_on is not None and fed_back_on <= feedback_due(decided_on)


def gaps(
    *,
    views_sought: bool | None,
    influence_rows: int,
    decided_on: datetime.date,
    fed_back_on: datetime.date | None,
    today: datetime.date,
) -> list[str]:
    """What is left of following the child's voice through, in the order of the Lundy model:
    their views not sought; nothing recorded of what changed, once the time to feed back has
    passed; and not fed back within its time. Empty when nothing is left."""
    if not views_sought:
        return [NOT_SOUGHT]
    due_passed = feedback_due(decided_on) < today
    found = []
    if influence_rows == 0 and due_passed:
        found.append(NO_INFLUENCE)
    if fed_back_on is None and due_passed:
        found.append(NOT_FED_BACK)
    return found


@dataclass(frozen=True)
class Asked:
    """One thing the child asked for and what came of it, as the draft puts it."""

    asked_for: str
    outcome: str  # an InfluenceOutcome value
    explanation: str


_SAID_BACK = {
    "changed": "Because of what you said, {explanation}",
    "partly": "We have done some of this. {explanation}",
    "not_changed": "We have not been able to do this. This is why: {explanation}",
}


# Words that start a sentence with a capital only because they start it: lowered when the
# sentence follows "Because of what you said,". Any other first word (a name, "I") is kept.
_LOWERED_AFTER_A_COMMA = frozenset(
    {"a", "an", "it", "our", "the", "there", "they", "this", "we", "you", "your"}
)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?" else f"{text}."


def _after_a_comma(sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    return sentence[0].lower() + sentence[1:] if first.lower() in _LOWERED_AFTER_A_COMMA else sentence


def draft_feedback(*, first_name: str, about: str, asked: Iterable[Asked], worker: str) -> str:
    """The first draft of what is written back to the child, in plain words, one paragraph for
    each thing they asked for: "You told us… Because of what you said…". The worker edits it
    before it is shared."""
    paragraphs = [f"Dear {first_name},", f"Thank you for telling us what you think about {about}."]
    for item in asked:
        explanation = _sentence(item.explanation)
        if item.outcome == "changed":
            explanation = _after_a_comma(explanation)
        said_back = _SAID_BACK[item.outcome].format(explanation=explanation)
        paragraphs.append(f"You told us: {_sentence(item.asked_for)}\n{said_back}")
    paragraphs.append("If you want to talk about any of this, just ask me.")
    paragraphs.append(f"From {worker}" if worker else "From your social worker")
    return "\n\n".join(paragraphs)
