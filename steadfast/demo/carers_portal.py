"""Something for the demo foster carer to see in their portal: an authorised meeting about a
child living with them, whose plan gives the carer an action, and a meeting coming up that they
are invited to. Built through the meeting services, as the pages build them, after the demo
authority is seeded."""

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone

from steadfast.accounts.models import AllocationRole, User
from steadfast.accounts.selectors import current_allocations_for, current_supervising_social_worker_for
from steadfast.carer_messages.models import CarerMessage, PortalContacts
from steadfast.carers_portal import selectors as portal_selectors
from steadfast.concerns.models import MeetingKind
from steadfast.households.models import Household
from steadfast.meetings import services
from steadfast.meetings.models import Basis, Column, InviteeRole, OwnerKind, PointMarker, StabilityMeeting
from steadfast.meetings.notifications import INVITATION_SUBJECT
from steadfast.meetings.selectors import household_for_meeting, proposed_invitees
from steadfast.placements.selectors import children_placed_with_carer

from .rules import working_day_on_or_after, working_day_on_or_before
from .voice import the_childs_voice_heard
from .writing import at_hour

DEMO_CARER = "foster.carer"
DEMO_CHAIR = "senior.practitioner"
DEMO_AUTHORISER = "team.manager"
VENUE = "Meeting room 2, Northbridge Children's Centre (fictional)"
# Each member's score and reason, by role; anyone else present scores the middle.
SCORES = {
    InviteeRole.CARER: (6, "Evenings are hard, but we are a team and we want this to work (fictional)."),
    InviteeRole.SOCIAL_WORKER: (6, "A strong relationship; the strain is the evenings (fictional)."),
    InviteeRole.SUPERVISING_SOCIAL_WORKER: (7, "The carers take up every support offered (fictional)."),
}

# The three columns, in the carer's words: (column, point, basis, marker).
POINTS = (
    (
        Column.WORRIED,
        "Evenings end in shouting most days this month (fictional).",
        Basis.FACT,
        PointMarker.RISK,
    ),
    (
        Column.WORKING_WELL,
        "Mornings and school runs are calm and happy (fictional).",
        Basis.FACT,
        PointMarker.STRENGTH,
    ),
    (
        Column.NEEDS_TO_HAPPEN,
        "A break for the carers, and a plan for evenings (fictional).",
        Basis.OPINION,
        "",
    ),
)


@dataclasses.dataclass(frozen=True)
class CarersPortalDemo:
    agreed: StabilityMeeting
    upcoming: StabilityMeeting


# Numbers from Ofcom's range kept for drama, so no real line is ever rung.
DEMO_CONTACTS = {
    "duty_line": "01632 960 100",
    "duty_line_hours": "Monday to Friday, 9am to 5pm (fictional)",
    "out_of_hours": "01632 960 999",
}


def seed_portal_contacts() -> PortalContacts:
    """The numbers the portal gives carers, as the demo's administrator set them."""
    return PortalContacts.objects.create(
        **DEMO_CONTACTS, created_by=User.objects.filter(username="admin").first()
    )


@transaction.atomic
def seed_carers_portal_demo() -> CarersPortalDemo | None:
    """Give the demo carer's first child an authorised meeting with a carer's action and a
    meeting in a week's time, beside any meetings the demo's past work gave them; None, doing
    nothing, when the carer already has an action and an invitation, or no child lives with them."""
    carer = User.objects.get(username=DEMO_CARER)
    household = Household.objects.filter(members__user=carer).first()
    if household is None or (
        portal_selectors.carer_actions(carer, household).exists()
        and portal_selectors.carer_invitations(carer, household).exists()
    ):
        return None
    child = children_placed_with_carer(carer, household).first()
    if child is None:
        return None
    social_worker = next(
        (a.worker for a in current_allocations_for(child) if a.role == AllocationRole.SOCIAL_WORKER),
        User.objects.get(username="social.worker"),
    )
    chair = User.objects.get(username=DEMO_CHAIR)
    today = timezone.localdate()

    def arrange(kind: str, when: datetime.datetime) -> StabilityMeeting:
        return services.arrange_stability_meeting(
            actor=social_worker,
            child=child,
            kind=kind,
            scheduled_at=when,
            venue=VENUE,
            chair=chair,
            # Invited without email addresses: seeding sends no email, as for the rest of the demo.
            invitees=[
                dataclasses.replace(invitee, email="")
                for invitee in proposed_invitees(child, household_for_meeting(child))
            ],
        )

    # Held on the last working day a week or more ago; the next a week or more ahead, on a
    # working day too.
    agreed = arrange(
        MeetingKind.STRENGTHENING_STABILITY,
        at_hour(working_day_on_or_before(today - datetime.timedelta(days=7)), 10),
    )
    present = list(agreed.invitees.exclude(role=InviteeRole.CHILD))
    agreed = services.save_meeting_record(
        actor=chair,
        meeting=agreed,
        seen_version=agreed.version,
        changes={
            "summary": (
                "Everyone agreed the home is a good one and the evenings are the hard part. The carers "
                "will keep a short diary of the evenings, and respite is being arranged (fictional)."
            ),
            "next_review_date": working_day_on_or_after(today + datetime.timedelta(days=42)),
        },
        present=[i.pk for i in present],
    )
    present = list(agreed.invitees.filter(attended=True))
    for invitee in present:
        score, reason = SCORES.get(invitee.role, (6, "The home is holding, with support (fictional)."))
        services.record_stability_score(
            actor=chair, meeting=agreed, invitee=invitee, score=score, reason=reason
        )
    carer_invitee = next(i for i in present if i.user_id == carer.pk)
    for column, text, basis, marker in POINTS:
        services.add_meeting_point(
            actor=chair,
            meeting=agreed,
            column=column,
            text=text,
            said_by=carer_invitee,
            basis=basis,
            marker=marker,
        )
    carer_name = carer_invitee.name
    services.add_stability_action(
        actor=chair,
        meeting=agreed,
        what="Keep a short diary of the evenings, to bring to the review (fictional)",
        owner_kind=OwnerKind.CARER,
        owner_name=carer_name,
        due_date=working_day_on_or_after(today + datetime.timedelta(days=21)),
        measure="The diary shows which evenings go well, and why",
    )
    ssw = current_supervising_social_worker_for(household)
    services.add_stability_action(
        actor=chair,
        meeting=agreed,
        what="Arrange two weekends of respite (fictional)",
        owner_kind=OwnerKind.WORKER,
        owner=ssw.worker if ssw else social_worker,
        due_date=working_day_on_or_after(today + datetime.timedelta(days=14)),
        measure="The carers say they feel rested",
    )
    the_childs_voice_heard(agreed, actor=social_worker)
    services.submit_stability_plan(actor=chair, meeting=agreed)
    agreed = services.authorise_stability_plan(
        actor=User.objects.get(username=DEMO_AUTHORISER), meeting=agreed
    )

    # The carer was told of the held meeting when it was arranged, a week before it, not today:
    # once the invitation is kept, after the seeding commits.
    told_on = at_hour(working_day_on_or_before(today - datetime.timedelta(days=14)), 9)
    transaction.on_commit(
        lambda: CarerMessage.objects.filter(pk=_first_invitation(carer)).update(created_at=told_on)
    )
    upcoming = arrange(
        MeetingKind.FOSTERING_STABILITY,
        at_hour(working_day_on_or_after(today + datetime.timedelta(days=7)), 10),
    )
    return CarersPortalDemo(agreed=agreed, upcoming=upcoming)


def _first_invitation(carer: User) -> int | None:
    return (
        CarerMessage.objects.filter(carer=carer, subject=INVITATION_SUBJECT)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
