"""The demo reads like an authority's own records: each household is named after its carers and
no two share a name; meetings, reviews and due dates fall on working days; nothing that happened
is dated after the demo was seeded; and everything is plainly fictional."""

import datetime
import random
import re

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from steadfast.accounts.models import User
from steadfast.assessments.models import CarerTraining
from steadfast.children.models import Child
from steadfast.concerns.models import StabilityConcern
from steadfast.core.working_days import is_working_day
from steadfast.demo.rules import CARER_SURNAMES, LAST_NAMES, household_name, household_surnames
from steadfast.demo.security_records import FORMER_CARERS_SURNAME
from steadfast.demo.services import seed_demo_authority
from steadfast.demo.staff import DEMO_USERS
from steadfast.households.models import Household, MemberRole, Provider
from steadfast.meetings.models import MeetingStatus, MinutesCirculation, StabilityAction, StabilityMeeting
from steadfast.supervision.models import SupervisionSession
from steadfast.support_requests.models import SupportRequest

# The smallest demo any test seeds.
CHILDREN = 40
DEMO_CARER_SURNAME = next(row[2] for row in DEMO_USERS if row[0] == "foster.carer")
NAMED = re.compile(r"The (?P<surnames>.+) household")
# Dates that are still to come by their nature: when something is due, when a plan is next
# reviewed, when a sign-in or a child's link expires or a queued task may run. Everything else has happened.
STILL_TO_COME = {
    ("concerns.StabilityConcern", "due_date"),
    ("meetings.StabilityMeeting", "due_date"),
    ("meetings.StabilityMeeting", "next_review_date"),
    ("meetings.StabilityAction", "due_date"),
    ("grids.GridStep", "due_date"),
    ("support_requests.SupportRequest", "acknowledgement_due"),
    ("support_requests.SupportRequest", "response_due"),
    ("assessments.CarerTraining", "refresh_due"),
    ("reminders.Reminder", "due"),
    ("sessions.Session", "expire_date"),
    ("young_people.ViewsInvitation", "expires_at"),
    ("django_tasks_database.DBTaskResult", "run_after"),
}


def _surnames(name: str) -> set[str]:
    found = NAMED.fullmatch(name)
    assert found, f"{name!r} is not named as a household is"
    return set(found["surnames"].split(" and "))


def _not_on_working_days(days, what: str) -> list[str]:
    return [f"{what} on {day:%A} {day}" for day in sorted(set(days) - {None}) if not is_working_day(day)]


@pytest.mark.django_db
def test_every_demo_household_is_named_after_its_carers_and_no_two_share_a_name():
    seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")
    households = list(Household.objects.prefetch_related("members"))
    names = [h.name for h in households]
    assert len(set(names)) == len(names), "two demo households share a name"
    for household in households:
        carers = [m for m in household.members.all() if m.role == MemberRole.APPROVED_CARER]
        assert 1 <= len(carers) <= 2, f"{household} has {len(carers)} approved carers"
        surnames = {carer.full_name.split()[-1] for carer in carers}
        assert _surnames(household.name) == surnames, f"{household} for {[c.full_name for c in carers]}"
        everyone = [member.full_name for member in household.members.all()]
        assert len(set(everyone)) == len(everyone), f"two people in {household} share a name"
        for member in household.members.all():
            if member.role == MemberRole.CARERS_CHILD:
                assert member.full_name.split()[-1] in surnames
    carer = User.objects.get(username="foster.carer")
    assert carer.household_membership.household.name == f"The {DEMO_CARER_SURNAME} household"


def test_household_names_stay_distinct_however_large_the_authority():
    # A demo of 21,000 children has 7,000 households.
    rng = random.Random(5)
    drawn = [(rng.choice(LAST_NAMES), rng.choice((1, 2, 2))) for _ in range(7000)]
    chosen = household_surnames(drawn, rng=random.Random(6))
    names = [household_name(surnames) for surnames in chosen]
    assert len(set(names)) == len(names) == 7000
    known = {*LAST_NAMES, *CARER_SURNAMES}
    for (_, carers), surnames in zip(drawn, chosen, strict=True):
        assert len(surnames) == carers
        assert {part for surname in surnames for part in surname.split("-")} <= known
    # Most carers share their surname, and most households are named after one surname.
    assert sum(len(set(s)) == 1 for s in chosen[:200]) > 150
    assert sum(len(set(s)) == 2 for s in chosen) > 0


@pytest.mark.django_db
def test_no_demo_meeting_review_or_due_date_falls_on_a_weekend_or_bank_holiday():
    seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")
    meetings = list(StabilityMeeting.objects.values_list("scheduled_at", "due_date", "next_review_date"))
    assert meetings
    found = _not_on_working_days([timezone.localdate(m[0]) for m in meetings], "a meeting")
    found += _not_on_working_days([m[1] for m in meetings], "a meeting due")
    found += _not_on_working_days([m[2] for m in meetings], "a plan's next review")
    found += _not_on_working_days(StabilityAction.objects.values_list("due_date", flat=True), "an action due")
    found += _not_on_working_days(
        StabilityConcern.objects.values_list("due_date", flat=True), "a concern due"
    )
    requests = SupportRequest.objects.values_list("acknowledgement_due", "response_due")
    found += _not_on_working_days([r[0] for r in requests], "a request for help to be acknowledged")
    found += _not_on_working_days([r[1] for r in requests], "a request for help to be answered")
    found += _not_on_working_days(
        CarerTraining.objects.values_list("refresh_due", flat=True), "a refresher due"
    )
    found += _not_on_working_days(SupervisionSession.objects.values_list("date", flat=True), "supervision")
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_managers_in_the_demo_decided_sent_returned_and_authorised_on_working_days():
    started = timezone.now()
    seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")

    def before_seeding(model: type, field: str) -> list[datetime.date]:
        # What seeding did through the services, it did as it was seeded, whatever the day.
        done = model.objects.filter(**{f"{field}__lt": started}).values_list(field, flat=True)
        return [timezone.localdate(at) for at in done]

    found = _not_on_working_days(before_seeding(StabilityConcern, "triaged_at"), "a decision on a concern")
    found += _not_on_working_days(before_seeding(StabilityMeeting, "submitted_at"), "a plan sent")
    found += _not_on_working_days(before_seeding(StabilityMeeting, "returned_at"), "a plan returned")
    found += _not_on_working_days(before_seeding(StabilityMeeting, "authorised_at"), "a plan authorised")
    sent = MinutesCirculation.objects.filter(meeting__authorised_at__lt=started).values_list(
        "sent_on", flat=True
    )
    found += _not_on_working_days(sent, "minutes sent")
    assert before_seeding(StabilityMeeting, "authorised_at")
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_nothing_in_the_demo_happened_later_than_it_was_seeded():
    seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")
    now = timezone.now()
    today = timezone.localdate(now)
    found, checked = [], 0
    for model in apps.get_models():
        label = getattr(model, "instance_type", model)._meta.label
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField) or (label, field.name) in STILL_TO_COME:
                continue
            latest = now if isinstance(field, models.DateTimeField) else today
            rows = model._base_manager.filter(**{f"{field.name}__gt": latest})
            if label == "meetings.StabilityMeeting" and field.name == "scheduled_at":
                # A meeting still to be held, or cancelled before it was, may be in the future;
                # one written up was held.
                rows = rows.exclude(status__in=(MeetingStatus.PLANNED, MeetingStatus.CANCELLED))
            checked += 1
            found += [
                f"{model.__name__}.{field.name} = {value}"
                for value in rows.values_list(field.name, flat=True)
            ]
    assert checked > 50
    assert not found, "\n".join(found[:40])
    # Planned meetings may be still to come, but only those.
    assert StabilityMeeting.objects.filter(status=MeetingStatus.PLANNED, scheduled_at__gt=now).exists()


@pytest.mark.django_db
def test_the_demo_is_plainly_fictional():
    seed_demo_authority(children=CHILDREN, password="demo-password-for-tests")
    assert all(email.endswith("@example.invalid") for email in User.objects.values_list("email", flat=True))
    assert all(c.startswith("DEMO") for c in Child.objects.values_list("child_identifier", flat=True))
    # Northbridge is made up, and NB is no postcode area.
    assert set(Household.objects.values_list("town", flat=True)) == {"Northbridge"}
    assert set(Provider.objects.values_list("town", flat=True)) == {"Northbridge"}
    assert all(p.startswith("NB") for p in Household.objects.values_list("postcode", flat=True))
    known = {*LAST_NAMES, *CARER_SURNAMES, DEMO_CARER_SURNAME, FORMER_CARERS_SURNAME}
    for name in Household.objects.values_list("name", flat=True):
        assert {part for surname in _surnames(name) for part in surname.split("-")} <= known


def test_a_meeting_on_a_saturday_is_caught():
    # The checks above would see a weekend date.
    assert _not_on_working_days([datetime.date(2026, 3, 28)], "a meeting") == [
        "a meeting on Saturday 2026-03-28"
    ]
    assert _not_on_working_days([datetime.date(2026, 12, 25)], "a meeting")
