"""Opening a child's record in an emergency: who may, which records, what is kept, audited and
told."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import AccessGrant, GrantKind
from steadfast.accounts.services import BREAK_GLASS_ENDED, BREAK_GLASS_OPENED, revoke_access
from steadfast.audit.models import AuditEvent
from steadfast.emergency_access import services
from steadfast.emergency_access.selectors import managers_to_tell
from steadfast.reminders.models import Reminder

pytestmark = pytest.mark.django_db

REASON = "Police called out of hours about a missing child"


def _open(scenario, who="social_worker", child="other", reason=REASON, **kwargs):
    return services.open_record_in_emergency(
        actor=scenario.users[who],
        child_identifier=scenario.children[child].child_identifier,
        reason=reason,
        **kwargs,
    )


def test_an_opening_is_an_emergency_grant_ending_after_the_set_time(scenario, settings):
    settings.EMERGENCY_ACCESS_DURATION = datetime.timedelta(hours=4)
    now = timezone.now()
    opening = _open(scenario, now=now)
    grant = opening.grant
    assert opening.child == scenario.children["other"]
    assert (grant.kind, grant.user, grant.child) == (
        GrantKind.EMERGENCY,
        scenario.users["social_worker"],
        scenario.children["other"],
    )
    assert grant.expires_at == now + datetime.timedelta(hours=4)
    assert grant.reason == REASON


def test_an_opening_is_audited_with_the_reason_and_its_end(scenario):
    grant = _open(scenario).grant
    event = AuditEvent.objects.get(event_type=BREAK_GLASS_OPENED)
    assert event.child_id == scenario.children["other"].pk
    assert event.actor == scenario.users["social_worker"]
    assert event.details["reason"] == REASON
    assert event.details["expires_at"] == grant.expires_at.isoformat()


def test_an_identifier_that_names_no_child_and_a_restricted_childs_get_the_same_refusal(scenario):
    refusals = []
    for identifier in ("NO-SUCH-CHILD", scenario.children["restricted"].child_identifier):
        with pytest.raises(ValidationError) as error:
            services.open_record_in_emergency(
                actor=scenario.users["other_social_worker"], child_identifier=identifier, reason=REASON
            )
        refusals.append(error.value.message_dict)
    assert refusals[0] == refusals[1] == {"child_identifier": [services.NO_RECORD_TO_OPEN]}
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()
    assert not access.children_visible_to(scenario.users["other_social_worker"]).filter(
        pk=scenario.children["restricted"].pk
    )
    # Each refusal is audited, with what was typed, and names no child.
    refused = AuditEvent.objects.filter(event_type=services.BREAK_GLASS_REFUSED).order_by("pk")
    assert [e.details["child_identifier"] for e in refused] == [
        "NO-SUCH-CHILD",
        scenario.children["restricted"].child_identifier,
    ]
    assert {e.child_id for e in refused} == {None}


def test_the_identifier_must_be_typed_exactly(scenario):
    identifier = scenario.children["other"].child_identifier
    for near in (identifier.lower(), identifier[:-1], f"{identifier}%", "%"):
        with pytest.raises(ValidationError):
            services.open_record_in_emergency(
                actor=scenario.users["social_worker"], child_identifier=near, reason=REASON
            )
    # Spaces either side are not part of it.
    assert services.open_record_in_emergency(
        actor=scenario.users["social_worker"], child_identifier=f"  {identifier} ", reason=REASON
    ).grant


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", services.SAY_WHY), ("   ", services.SAY_WHY), ("urgent", services.REASON_TOO_SHORT)],
)
def test_a_reason_of_a_few_words_is_needed_and_nothing_is_kept_without_one(scenario, reason, message):
    with pytest.raises(ValidationError) as error:
        _open(scenario, reason=reason)
    assert error.value.message_dict == {"reason": [message]}
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()
    assert not AuditEvent.objects.filter(event_type=BREAK_GLASS_OPENED).exists()


@pytest.mark.parametrize("who", ["analyst", "administrator", "foster_carer"])
def test_only_staff_in_a_casework_role_may_open_a_record(scenario, who):
    with pytest.raises(ValidationError) as error:
        _open(scenario, who=who)
    assert error.value.messages == [services.NOT_IN_CASEWORK]
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()


def test_a_child_already_seen_needs_no_opening_and_none_is_made(scenario):
    opening = _open(scenario, who="social_worker", child="own")
    assert opening.grant is None
    assert opening.child == scenario.children["own"]
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()


def test_the_managers_who_see_the_child_are_told_by_email_naming_no_child_and_by_a_notice(
    scenario, django_capture_on_commit_callbacks
):
    for user in scenario.users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])
    child = scenario.children["own"]
    with django_capture_on_commit_callbacks(execute=True):
        grant = _open(scenario, who="other_social_worker", child="own").grant
    told = {"team_manager", "assistant_team_manager", "senior_practitioner", "fostering_team_manager"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{k}@example.invalid" for k in told)
    email = mail.outbox[0]
    assert child.legal_first_name not in email.body + email.subject
    assert child.legal_last_name not in email.body + email.subject
    assert child.child_identifier not in email.body
    assert f"/children/{child.pk}/" in email.body
    assert scenario.users["other_social_worker"].get_full_name() in email.body
    notices = Reminder.objects.filter(key=f"emergency-opening:{grant.pk}")
    assert {n.recipient.username for n in notices} == told
    assert {(n.child_id, n.url, n.owner_id) for n in notices} == {
        (child.pk, f"/children/{child.pk}/", scenario.users["other_social_worker"].pk)
    }
    # Emailed at once, so the morning digest does not send them again.
    assert all(n.emailed_at is not None for n in notices)


def test_the_allocated_social_workers_team_manager_is_told_and_not_a_manager_who_cannot_see_the_child(
    scenario,
):
    told = managers_to_tell(scenario.children["other"], opener=scenario.users["social_worker"])
    assert [m.username for m in told] == ["other_team_manager"]


def test_with_no_manager_over_the_child_the_openers_own_manager_is_told(scenario):
    from tests.factories import ChildFactory

    unallocated = ChildFactory()
    told = managers_to_tell(unallocated, opener=scenario.users["other_social_worker"])
    assert [m.username for m in told] == ["other_team_manager"]


def test_the_opener_is_never_told_of_their_own_opening(scenario):
    told = managers_to_tell(scenario.children["own"], opener=scenario.users["assistant_team_manager"])
    assert "assistant_team_manager" not in {m.username for m in told}


def test_a_manager_ends_an_opening_early_and_it_is_audited(scenario):
    grant = _open(scenario).grant
    revoke_access(actor=scenario.users["other_team_manager"], grant=grant)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    event = AuditEvent.objects.get(event_type=BREAK_GLASS_ENDED)
    assert (event.child_id, event.actor) == (
        scenario.children["other"].pk,
        scenario.users["other_team_manager"],
    )
    assert not access.children_visible_to(scenario.users["social_worker"]).filter(
        pk=scenario.children["other"].pk
    )


def test_an_emergency_grant_without_an_end_is_refused_by_the_database(scenario):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AccessGrant.objects.create(
            user=scenario.users["social_worker"],
            child=scenario.children["other"],
            reason="x",
            kind=GrantKind.EMERGENCY,
        )


def test_ends_text_says_today_or_the_day():
    now = timezone.make_aware(datetime.datetime(2026, 12, 5, 14, 0))
    assert services.ends_text(now + datetime.timedelta(hours=4), now=now) == "18:00 today"
    assert services.ends_text(now + datetime.timedelta(hours=11), now=now) == "01:00 on 6 December 2026"
