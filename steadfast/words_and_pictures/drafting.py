"""Drafting a child-friendly plan from an authorised stability plan, in plain words: short
sentences, "you", people named by their first name and what they are to the child rather than
their job title, and dates as "by 3 March". The social worker reads and edits every draft before
it is shared: this gives them a start, not the last word."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from steadfast.accounts.models import Allocation, AllocationRole
from steadfast.meetings.models import (
    ActionStatus,
    Column,
    InviteeRole,
    OwnerKind,
    StabilityAction,
    StabilityMeeting,
)

# What someone allocated to the child is to them, in words a child uses.
ALLOCATED_AS = {
    AllocationRole.SOCIAL_WORKER: "your social worker",
    AllocationRole.IRO: "who checks your plan is working",
    AllocationRole.PLACEMENT_SUPPORT: "who helps you and your carers at home",
}
# An action withdrawn or found not done at a review is not part of what will happen.
LEFT_OUT = frozenset({ActionStatus.NOT_DONE})
# Points from the meeting's "working well" column quoted in the draft; the meeting has the rest.
WORKING_WELL_SHOWN = 4


@dataclass(frozen=True)
class Draft:
    talked_about: str
    agreed: str
    who_will_help: str


def by_day(day: datetime.date, *, year_of: datetime.date) -> str:
    """A date as a child reads it: "by 3 March", with the year only when it is not the year of
    `year_of` ("by 3 March 2027")."""
    year = "" if day.year == year_of.year else f" {day.year}"
    return f"by {day.day} {day:%B}{year}"


def _first_name(full_name: str) -> str:
    return full_name.strip().split()[0] if full_name.strip() else ""


def _sentence(text: str) -> str:
    """`text` as one sentence: its first line, starting with a capital and ending with a full
    stop."""
    line = " ".join(text.split())
    if not line:
        return ""
    line = line[0].upper() + line[1:]
    return line if line[-1] in ".!?" else f"{line}."


def _helper(action: StabilityAction, allocated: dict[int, str]) -> str:
    """Who will do an action, as the child knows them: "Priya, your social worker,", "Sam, your
    carer,", or the agency's or person's name (the comma closing what they are to the child, as
    the sentence goes on "will do this...")."""
    if action.owner_kind == OwnerKind.WORKER and action.owner is not None:
        first = action.owner.first_name or action.owner.get_full_name() or "A worker"
        what = allocated.get(action.owner_id)
        return f"{first}, {what}," if what else first
    if action.owner_kind == OwnerKind.CARER:
        first = _first_name(action.owner_name)
        return f"{first}, your carer," if first else "Your carer"
    if action.owner_kind == OwnerKind.NAMED_PERSON:
        return _first_name(action.owner_name) or action.owner_name
    return action.owner_name


def _allocated(meeting: StabilityMeeting) -> dict[int, str]:
    """The workers allocated to the child now, each with what they are to the child."""
    rows = Allocation.objects.filter(child_id=meeting.child_id, end_date__isnull=True).values_list(
        "worker_id", "role"
    )
    return {worker_id: ALLOCATED_AS[role] for worker_id, role in rows if role in ALLOCATED_AS}


def draft_from_plan(meeting: StabilityMeeting) -> Draft:
    """The three parts of a child-friendly plan drafted from an authorised meeting: the day it
    met and what is going well, the child's own words, what was agreed, and who will help with
    each thing and by when."""
    held_on = timezone.localdate(meeting.scheduled_at)
    working_well = [
        _sentence(text)
        for text in meeting.points.filter(column=Column.WORKING_WELL).values_list("text", flat=True)[
            :WORKING_WELL_SHOWN
        ]
    ]
    child_views = (
        meeting.invitees.filter(role=InviteeRole.CHILD)
        .exclude(working_well="", worries="", needs_to_happen="")
        .values_list("working_well", "worries", "needs_to_happen")
        .first()
    )
    talked_about = [
        f"On {held_on.day} {held_on:%B} we met to talk about how things are going for you.",
        "We want your home to feel safe and settled.",
    ]
    if working_well:
        talked_about.append("Here are some things that are going well:")
        talked_about += [f"- {point}" for point in working_well]
    talked_about.append("We also talked about the things that feel hard right now.")
    if child_views:
        said = [_sentence(text) for text in child_views if text.strip()]
        talked_about.append("You told us:")
        talked_about += [f"- {point}" for point in said]
        talked_about.append("Thank you for telling us. It helped us to plan.")

    actions = [a for a in meeting.actions.select_related("owner") if a.status not in LEFT_OUT]
    allocated = _allocated(meeting)
    if actions:
        agreed = ["We agreed to do these things to help:"]
        agreed += [f"- {_sentence(action.what)}" for action in actions]
        who = ["These people will help you:"]
        who += [
            f"- {_helper(action, allocated)} will do this {by_day(action.due_date, year_of=held_on)}: "
            f"{_sentence(action.what)}"
            for action in actions
        ]
    else:
        agreed = ["We agreed to keep things as they are for now."]
        who = ["Your social worker will keep checking how things are going."]
    if meeting.next_review_date:
        who.append(
            f"We will meet again {by_day(meeting.next_review_date, year_of=held_on)} to see how it is going."
        )
    who.append("You can ask your social worker about this plan at any time.")
    return Draft(talked_about="\n".join(talked_about), agreed="\n".join(agreed), who_will_help="\n".join(who))
