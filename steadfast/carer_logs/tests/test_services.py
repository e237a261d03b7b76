import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.audit.models import AuditEvent
from steadfast.carer_logs import services
from steadfast.carer_logs.models import CarerLog
from tests.factories import ChildFactory, PlacementFactory, days_ago

from .helpers import a_log

pytestmark = pytest.mark.django_db


def _nothing_saved() -> bool:
    return (
        not CarerLog.objects.exists()
        and not AuditEvent.objects.filter(event_type=services.CARER_LOG_WRITTEN).exists()
    )


def test_a_carer_writes_a_log_about_a_child_living_with_them(scenario):
    log = a_log(scenario, text="  Went to the park.  ")
    assert log.what_happened == "Went to the park."
    assert log.created_by == scenario.users["foster_carer"]
    event = AuditEvent.objects.get(event_type=services.CARER_LOG_WRITTEN)
    assert (event.child_id, event.household_id) == (log.child_id, log.household_id)


@pytest.mark.parametrize("actor", ["supervising_social_worker", "fostering_team_manager"])
def test_the_fostering_service_writes_a_log_for_the_carers(scenario, actor):
    assert a_log(scenario, actor=actor).created_by == scenario.users[actor]


def test_a_log_dated_in_the_future_is_refused_and_nothing_saved(scenario):
    with pytest.raises(ValidationError) as error:
        a_log(scenario, date=timezone.localdate() + datetime.timedelta(days=1))
    assert error.value.message_dict == {"date": [services.DATE_IN_FUTURE]}
    assert _nothing_saved()


def test_a_log_must_say_what_happened(scenario):
    with pytest.raises(ValidationError) as error:
        a_log(scenario, text="   ")
    assert error.value.message_dict["what_happened"] == [services.WHAT_HAPPENED_NEEDED]
    assert _nothing_saved()


def test_a_log_about_a_child_not_living_there_on_the_day_is_refused(scenario):
    moved_on = ChildFactory(legal_first_name="Morwenna")
    PlacementFactory(
        child=moved_on,
        household=scenario.households["own"],
        ended=True,
        start_date=days_ago(100),
        end_date=days_ago(50),
    )
    with pytest.raises(ValidationError) as error:
        a_log(scenario, child=moved_on)
    assert error.value.message_dict["child"] == [services.NOT_PLACED]
    assert _nothing_saved()
    # While they lived there, a late log about them is accepted.
    assert a_log(scenario, child=moved_on, days_ago=60).child == moved_on


@pytest.mark.parametrize("child", ["other", "restricted"])
def test_a_carer_cannot_log_about_another_households_child_or_a_restricted_one(scenario, child):
    with pytest.raises(ValidationError) as error:
        a_log(scenario, child=scenario.children[child])
    assert error.value.message_dict["child"] == [services.NOT_PLACED]
    assert _nothing_saved()


@pytest.mark.parametrize(
    "actor", ["social_worker", "team_manager", "iro", "other_supervising_social_worker", "analyst"]
)
def test_only_the_carers_and_the_fostering_service_write_logs(scenario, actor):
    with pytest.raises(ValidationError) as error:
        a_log(scenario, actor=actor)
    assert error.value.messages == [services.NOT_ALLOWED_TO_WRITE]
    assert _nothing_saved()


def test_a_carer_cannot_write_in_another_household(scenario):
    with pytest.raises(ValidationError):
        a_log(scenario, household=scenario.households["other"], child=scenario.children["other"])
    assert _nothing_saved()


def test_a_significant_event_tells_the_childs_and_the_households_workers_without_naming_the_child(
    scenario, django_capture_on_commit_callbacks
):
    for key in ("social_worker", "supervising_social_worker", "team_manager"):
        user = scenario.users[key]
        user.email = f"{key}@example.invalid"
        user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        log = a_log(scenario, event="police", text="Owen was brought home by the police at 11pm.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "social_worker@example.invalid",
        "supervising_social_worker@example.invalid",
    ]
    body = mail.outbox[0].body
    assert "police involvement" in body and f"/logs/{log.pk}/" in body
    assert "Owen" not in body and "Owen" not in mail.outbox[0].subject


def test_an_ordinary_log_sends_no_email(scenario, django_capture_on_commit_callbacks):
    scenario.users["social_worker"].email = "sw@example.invalid"
    scenario.users["social_worker"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        a_log(scenario)
    assert mail.outbox == []


def _review(scenario, log, actor="supervising_social_worker", **overrides):
    fields = {
        "actor": scenario.users[actor],
        "log": log,
        "comment": "Talked it through.",
        "discussed_with_carer_on": None,
    }
    return services.review_carer_log(**fields | overrides)


def test_the_ssw_reviews_a_log_once(scenario):
    log = a_log(scenario, days_ago=3)
    reviewed = _review(scenario, log, discussed_with_carer_on=timezone.localdate())
    assert reviewed.reviewed_by == scenario.users["supervising_social_worker"]
    assert reviewed.reviewed_at is not None and reviewed.review_comment == "Talked it through."
    assert (
        AuditEvent.objects.filter(event_type=services.CARER_LOG_REVIEWED, child_id=log.child_id).count() == 1
    )
    with pytest.raises(ValidationError) as error:
        _review(scenario, log, actor="fostering_team_manager", comment="Again")
    assert error.value.messages == [services.ALREADY_REVIEWED]
    log.refresh_from_db()
    assert log.review_comment == "Talked it through."
    assert AuditEvent.objects.filter(event_type=services.CARER_LOG_REVIEWED).count() == 1


@pytest.mark.parametrize(
    ("discussed", "message"),
    [(1, services.DISCUSSED_IN_FUTURE), (-5, services.DISCUSSED_BEFORE_LOG)],
)
def test_the_discussion_date_is_neither_in_the_future_nor_before_the_log(scenario, discussed, message):
    log = a_log(scenario, days_ago=3)
    with pytest.raises(ValidationError) as error:
        _review(
            scenario,
            log,
            discussed_with_carer_on=timezone.localdate() + datetime.timedelta(days=discussed),
        )
    assert error.value.message_dict == {"discussed_with_carer_on": [message]}
    log.refresh_from_db()
    assert log.reviewed_at is None
    assert not AuditEvent.objects.filter(event_type=services.CARER_LOG_REVIEWED).exists()


def test_a_review_needs_a_comment(scenario):
    log = a_log(scenario)
    with pytest.raises(ValidationError) as error:
        _review(scenario, log, comment=" ")
    assert error.value.message_dict == {"comment": [services.COMMENT_NEEDED]}


@pytest.mark.parametrize(
    "actor", ["foster_carer", "social_worker", "team_manager", "other_supervising_social_worker"]
)
def test_only_the_fostering_service_reviews(scenario, actor):
    log = a_log(scenario)
    with pytest.raises(ValidationError) as error:
        _review(scenario, log, actor=actor)
    assert error.value.messages == [services.NOT_ALLOWED_TO_REVIEW]
    assert not AuditEvent.objects.filter(event_type=services.CARER_LOG_REVIEWED).exists()
