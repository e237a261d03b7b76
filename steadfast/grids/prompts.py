"""What the Grid asks beside each section: the handbook's guidance questions, and its learning
from serious case reviews, in its own words where they are short."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Prompt:
    questions: tuple[str, ...]
    learning: tuple[str, ...]
    note: str = ""


WORKING_WELL = Prompt(
    questions=(
        "What helps keep the child safe?",
        "How are their needs being met?",
        "What support is in place currently?",
        "What are parents or carers doing well?",
        "How does the child 'come first'?",
        "What's important to the child?",
    ),
    learning=(
        "Being too optimistic about a parent's abilities or intentions.",
        "Interpreting disguised compliance as cooperation.",
        "Misinterpreting positive behaviour in young people as resilience: explore how the child "
        "feels and what they are experiencing.",
        "Disability: see the child, not the 'disability', and keep expectations high.",
    ),
    note=(
        "Safety: actions of protection by a parent or caregiver, related to the current dangers "
        "and concerns, shown over time. Strengths: a positive attribute, a good intention, a "
        "positive act or a positive change in mindset; these can become safety over time."
    ),
)
WORRIED = Prompt(
    questions=(
        "What has happened?",
        "Was it harmful for the child?",
        "Is the child likely to suffer significant harm in the future?",
    ),
    learning=(
        "Complicating factors make safety more difficult to achieve (for example parental mental "
        "health, substance misuse, domestic violence).",
        "Not allowing parental issues to take the focus off the child.",
        "Failure to engage with the children and to see things from their perspective, and to "
        "explore what lies behind challenging or unusual behaviour.",
        "Fixed views, for example about fathers.",
    ),
    note=(
        "Harm: what has already happened or is happening to the child. Risk: what we believe "
        "will happen in the future if nothing changes."
    ),
)
IMPACT = Prompt(
    questions=(
        "What is life like for the child?",
        "What might they be seeing, feeling or experiencing?",
        "How does this affect the child's development, sense of self and emotional wellbeing?",
        "What could happen if things don't improve?",
    ),
    learning=(
        "Lack of curiosity about the child's experience and who is living in the household.",
        "Explore the emotional development, attachment and the quality of the parent and child relationship.",
        "Act on and take seriously disclosures by the child.",
    ),
    note=(
        "Write it in jargon free language the family understands, balancing the worries and the "
        "strengths. Where it is safe, the child's own words bring it to life."
    ),
)
SCORE = Prompt(
    questions=("How safe and well is the child now, from 10 (safe and well) to 0?",),
    learning=(),
    note=(
        "Different views on the score are recorded if people do not agree. Each person's score "
        "and reason are kept; scores are never averaged."
    ),
)
GOOD_LOOKS_LIKE = Prompt(
    questions=(
        "What will life look like when the change needed has happened?",
        "What do we want to see that is keeping the child safe?",
        "What will be different?",
        "How will people help or be involved? How will the child be involved?",
    ),
    learning=(
        "Having unrealistic expectations of improvement.",
        "Professional tolerance of unacceptably low levels of care and poor home conditions.",
        "Failure to respectfully challenge parents and professionals.",
    ),
    note=(
        "Be realistic, achievable and respectful of each family's context. This is where to be "
        "clear about outcomes."
    ),
)
NEEDS_TO_HAPPEN = Prompt(
    questions=(
        "What actions need to be put into place? By whom, how and when?",
        "How will the child, the parents and other professionals be involved?",
        "How will you monitor the situation to make sure the child is safe?",
        "What will happen if the child is still unsafe?",
        "How will we know what we are doing is working?",
    ),
    learning=(
        "Avoiding case drift.",
        "Becoming too SMART: too much prescriptive activity driven by procedural tasks.",
    ),
    note=(
        "Specific, Measurable, Achievable, Realistic and Timely, with shared ownership by the "
        "family, the child and professionals."
    ),
)

BY_SECTION = {
    "working_well": WORKING_WELL,
    "worried": WORRIED,
    "good_looks_like": GOOD_LOOKS_LIKE,
}
