"""The learning brief's story seeds through the services onto the demo authority, once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from steadfast.assessments.models import ImpactDomainRating, MatchingRecord
from steadfast.children.models import Child
from steadfast.demo.learning_brief import (
    LOW_RATINGS,
    NEEDS_THE_DEMO,
    STEP_NAMES,
    learning_brief_seeded,
    seed_learning_brief,
)
from steadfast.demo.services import seed_demo_authority
from steadfast.meetings.models import MeetingStatus
from steadfast.support_requests.models import SupportRequestStatus

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "demo-password-for-tests"


def test_the_story_needs_the_demo_authority_first() -> None:
    with pytest.raises(ValidationError) as refused:
        seed_learning_brief(password=PASSWORD)
    assert refused.value.messages == [NEEDS_THE_DEMO]
    assert not learning_brief_seeded()


def test_the_whole_story_seeds_once_and_leaves_each_step_on_the_records() -> None:
    seed_demo_authority(children=4, password=PASSWORD)
    story = seed_learning_brief(password=PASSWORD)
    assert story.steps_taken == list(STEP_NAMES)
    assert story.respite.status == SupportRequestStatus.ESCALATED
    assert story.meeting.status == story.review.status == MeetingStatus.AUTHORISED
    assert story.home.end_date is not None and not story.home.ending_planned
    assert story.disruption_meeting.household_id == story.household.pk
    low = ImpactDomainRating.objects.filter(assessment__household=story.household, rating__lte=3)
    assert low.count() == len(LOW_RATINGS)
    match = MatchingRecord.objects.get(placement=story.home)
    assert match.agreed_on == story.home.start_date < match.created_at.date()
    assert mail.outbox, "the services told people as the pages would"
    assert seed_learning_brief(password=PASSWORD) is None


def test_seed_demo_adds_the_story_to_an_empty_database_and_then_says_it_is_there(monkeypatch) -> None:
    monkeypatch.setenv("STEADFAST_DEMO_PASSWORD", PASSWORD)
    first, again = StringIO(), StringIO()
    call_command("seed_demo", "--scenario", "learning-brief", "--children", "4", stdout=first)
    call_command("seed_demo", "--scenario", "learning-brief", stdout=again)
    assert "Seeded a fictional authority: 4 children" in first.getvalue()
    assert "Added the learning brief's story: Kit Examplefield and Rue Examplefield" in first.getvalue()
    assert "Demo authority already seeded." in again.getvalue()
    assert "The learning brief's story is already here." in again.getvalue()
    assert Child.objects.filter(legal_last_name="Examplefield").count() == 2
