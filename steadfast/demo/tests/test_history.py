import datetime
import random
from types import SimpleNamespace

import pytest
from django.utils import timezone

from steadfast.concerns.models import ConcernStatus, StabilityConcern
from steadfast.demo import history
from steadfast.demo.services import seed_demo_authority
from steadfast.measures import survival
from steadfast.measures.services import measures_to_show
from steadfast.meetings.models import (
    MeetingKind,
    MeetingStatus,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
)
from steadfast.meetings.selectors import OPEN_ACTION_STATUSES
from steadfast.my_work import work
from steadfast.placements.models import Placement

TODAY = datetime.date(2026, 11, 30)


def _home(start, end=None, planned=None):
    return SimpleNamespace(start_date=start, end_date=end, ending_planned=planned, household=object())


def _day(days_ago: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days_ago)


def test_past_troubles_fall_inside_their_homes_with_meetings_and_reviews_before_the_end():
    rng = random.Random(1)
    homes = [
        (i, [_home(_day(900), _day(300 + i % 200), planned=i % 3 == 0), _home(_day(300 + i % 200))])
        for i in range(600)
    ]
    troubles = history.past_troubles(homes, today=TODAY, rng=rng)
    assert 100 < len(troubles) < 300
    for t in troubles:
        home = t.placement
        assert _day(history.HISTORY_DAYS) <= t.raised_on <= _day(history.RECENT_DAYS)
        assert home.start_date < t.raised_on and (home.end_date is None or t.raised_on < home.end_date)
        if t.meeting_on is None:
            assert t.review_on is None
            continue
        assert t.raised_on < t.meeting_on < t.review_on < TODAY
        if home.end_date is not None:
            assert t.review_on < home.end_date
            assert t.review_outcome in (ReviewOutcome.PLANNED_MOVE, ReviewOutcome.PLACEMENT_ENDED)
        else:
            assert t.review_outcome == ReviewOutcome.HOME_STABLE
    with_meeting = [t for t in troubles if t.meeting_on is not None]
    assert 0.7 < len(with_meeting) / len(troubles) < 0.98
    assert any(not t.childs_views for t in with_meeting) and any(t.childs_views for t in with_meeting)


def test_most_endings_of_the_last_eighteen_months_older_than_six_weeks_are_looked_back_on():
    homes = [
        (i, [_home(_day(700), _day(10 + i), planned=i % 2 == 0), _home(_day(10 + i))]) for i in range(700)
    ]
    chosen = history.endings_looked_back_on(homes, today=TODAY, rng=random.Random(2), taken=set())
    ended_on = [p.end_date for _, p in chosen]
    earliest, latest = _day(history.LOOKING_BACK_DAYS), _day(history.LOOKING_BACK_AFTER_DAYS)
    assert all(earliest < day <= latest for day in ended_on)
    eligible = history.LOOKING_BACK_DAYS - history.LOOKING_BACK_AFTER_DAYS
    assert 0.68 < len(chosen) / eligible < 0.82
    themes = [history.learning_themes(random.Random(n)) for n in range(300)]
    assert all(1 <= len(t) == len(set(t)) <= 3 for t in themes)
    assert {theme for t in themes for theme in t} == set(history.THEME_WEIGHTS)


@pytest.mark.django_db
def test_the_measures_of_a_seeded_demo_have_two_years_of_stability_work_to_count():
    seed_demo_authority(children=400, password="demo-password-for-tests")
    today = timezone.localdate()
    figures = measures_to_show(year_ending=None, today=today).figures

    assert figures.imminent.total.denominator >= 15
    assert 0 < figures.imminent.total.numerator < figures.imminent.total.denominator
    assert sum(1 for _, share in figures.imminent.by_quarter if share.denominator) >= 6
    assert 0 < figures.childs_views.total.numerator < figures.childs_views.total.denominator
    assert 0 < figures.plans.total.numerator < figures.plans.total.denominator
    together = {row.months: row for row in figures.still_together}
    for months in (3, 6, 12):
        row = together[months]
        assert row.homes >= 20
        assert 0 < row.together < row.homes
        assert row.ended_unplanned > 0
    early = figures.survival_by_meeting[survival.WITH_EARLY_MEETING]
    late = figures.survival_by_meeting[survival.WITHOUT_EARLY_MEETING]
    assert early.placements >= 40 and early.ended > 0
    assert late.placements >= 10
    assert early.survival_at(365) is not None
    found = [theme for theme in figures.themes if theme.meetings]
    assert len(found) >= 8
    by_quarter = zip(*(theme.by_quarter for theme in found), strict=True)
    assert sum(1 for counts in by_quarter if any(counts)) >= 6


@pytest.mark.django_db
def test_the_demo_past_fits_its_homes_and_leaves_no_old_work_undone():
    seed_demo_authority(children=400, password="demo-password-for-tests")
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=history.RECENT_DAYS)
    old = StabilityConcern.objects.filter(raised_at__date__lt=long_ago).select_related("household")
    assert old.count() >= 60
    homes = {}
    for placement in Placement.objects.all():
        homes.setdefault(placement.child_id, []).append(placement)
    for concern in old:
        raised = timezone.localdate(concern.raised_at)
        home = next(
            p
            for p in homes[concern.child_id]
            if p.start_date <= raised and (p.end_date is None or raised < p.end_date)
        )
        assert concern.household_id == home.household_id
        assert concern.triaged_by_id
        meetings = list(concern.meetings.all())
        if concern.status == ConcernStatus.OTHER_RESPONSE:
            assert not meetings
            continue
        (meeting,) = meetings
        held = timezone.localdate(meeting.scheduled_at)
        assert raised < held and (home.end_date is None or held < home.end_date)
        assert meeting.status == MeetingStatus.AUTHORISED and meeting.authorised_at.date() < today
        review = StabilityMeeting.objects.get(reviews=meeting)
        assert review.kind == MeetingKind.REVIEW and review.outcome
        assert held < timezone.localdate(review.scheduled_at) < (home.end_date or today)
        assert set(review.action_reviews.values_list("action", flat=True)) == set(
            meeting.actions.values_list("pk", flat=True)
        )
    assert not StabilityConcern.objects.filter(
        raised_at__date__lt=long_ago, status=ConcernStatus.AWAITING_TRIAGE
    ).exists()
    items = work.all_open_work(today=today)
    old_work = [i for i in items if i.kind in ("review_due", "action_overdue") and i.due < long_ago]
    assert not old_work
    assert not StabilityAction.objects.filter(
        status__in=OPEN_ACTION_STATUSES, meeting__scheduled_at__date__lt=long_ago, due_date__lt=long_ago
    ).exists()
    # Most endings are looked back on, but some are still to arrange.
    to_arrange = [i for i in items if i.kind in ("disruption_meeting_due", "learning_circle_due")]
    looking_back = (MeetingKind.DISRUPTION, MeetingKind.LEARNING_CIRCLE)
    looked_back = StabilityMeeting.objects.filter(kind__in=looking_back)
    assert to_arrange and looked_back.count() > 2 * len(to_arrange)
