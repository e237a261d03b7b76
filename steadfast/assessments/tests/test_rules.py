import datetime

from steadfast.assessments.models import ImpactReason
from steadfast.assessments.rules import (
    IMPACT_ASSESSMENT_DUE_DAYS,
    LOW_RATING,
    PROMPT_LOOKBACK_DAYS,
    PROMPT_REASONS,
    PromptEvent,
    impact_assessment_due_on,
    impact_assessment_prompts,
    is_low,
    written_when,
)

TODAY = datetime.date(2026, 6, 15)


def _day(days_ago: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days_ago)


def test_a_child_joining_since_the_last_assessment_prompts_one_with_its_date():
    prompts = impact_assessment_prompts(
        last_assessed_on=_day(30), events=[PromptEvent(ImpactReason.NEW_CHILD, _day(10))], today=TODAY
    )
    assert [(p.reason, p.date) for p in prompts] == [(PROMPT_REASONS[ImpactReason.NEW_CHILD], _day(10))]


def test_an_event_before_or_on_the_day_of_the_last_assessment_is_answered():
    events = [PromptEvent(ImpactReason.ALLEGATION, _day(30)), PromptEvent(ImpactReason.NEW_CHILD, _day(40))]
    assert impact_assessment_prompts(last_assessed_on=_day(30), events=events, today=TODAY) == []


def test_without_an_assessment_only_the_last_year_prompts():
    events = [
        PromptEvent(ImpactReason.NEW_CHILD, _day(PROMPT_LOOKBACK_DAYS + 1)),
        PromptEvent(ImpactReason.NEW_CHILD, _day(PROMPT_LOOKBACK_DAYS - 1)),
    ]
    prompts = impact_assessment_prompts(last_assessed_on=None, events=events, today=TODAY)
    assert [p.date for p in prompts] == [_day(PROMPT_LOOKBACK_DAYS - 1)]


def test_prompts_are_newest_first_and_once_for_each_kind_and_day():
    events = [
        PromptEvent(ImpactReason.NEW_CHILD, _day(20)),
        PromptEvent(ImpactReason.NEW_CHILD, _day(20)),
        PromptEvent(ImpactReason.ALLEGATION, _day(5)),
        PromptEvent(ImpactReason.OFFENDING_OR_SUBSTANCES, _day(12)),
    ]
    prompts = impact_assessment_prompts(last_assessed_on=None, events=events, today=TODAY)
    assert [(p.kind, p.date) for p in prompts] == [
        (ImpactReason.ALLEGATION, _day(5)),
        (ImpactReason.OFFENDING_OR_SUBSTANCES, _day(12)),
        (ImpactReason.NEW_CHILD, _day(20)),
    ]


def test_events_of_an_unknown_kind_or_in_the_future_do_not_prompt():
    events = [PromptEvent(ImpactReason.SUPERVISION, _day(3)), PromptEvent(ImpactReason.NEW_CHILD, _day(-2))]
    assert impact_assessment_prompts(last_assessed_on=None, events=events, today=TODAY) == []


def test_a_rating_of_three_is_low_and_four_is_not():
    assert LOW_RATING == 3
    assert [is_low(r) for r in (0, LOW_RATING, LOW_RATING + 1, 10)] == [True, True, False, False]


def test_an_assessment_is_due_a_year_after_the_last_or_after_caring_began():
    last = datetime.date(2026, 1, 10)
    assert impact_assessment_due_on(
        last_assessed_on=last, caring_since=_day(900)
    ) == last + datetime.timedelta(days=IMPACT_ASSESSMENT_DUE_DAYS)
    assert impact_assessment_due_on(last_assessed_on=None, caring_since=_day(10)) == _day(
        10 - IMPACT_ASSESSMENT_DUE_DAYS
    )


def test_a_record_says_how_long_after_the_placement_began_it_was_written():
    began = datetime.date(2026, 1, 21)
    assert written_when(written_on=datetime.date(2026, 3, 3), placement_began=began) == (
        "41 days after the placement began"
    )
    assert written_when(written_on=began, placement_began=began) == "on the day the placement began"
    assert written_when(written_on=_day(0), placement_began=_day(-1)) == "1 day before the placement began"
    assert written_when(written_on=_day(0), placement_began=_day(1)) == "1 day after the placement began"
