import datetime

import pytest
from django.core.exceptions import ValidationError

from steadfast.accounts.models import Allocation, AllocationRole
from steadfast.audit.models import AuditEvent
from steadfast.children import services
from steadfast.children.models import Child, LegalStatusKind
from steadfast.core.errors import StaleEditError
from tests.factories import ChildFactory, PlacementFactory, UserFactory, years_ago

pytestmark = pytest.mark.django_db


def _add(actor, social_worker, **overrides):
    fields = {
        "child_identifier": "NEW000001",
        "legal_first_name": "Testa",
        "legal_last_name": "Example",
        "date_of_birth": years_ago(7),
        "sex": "female",
        "ethnicity": "white_british",
    }
    return services.add_child(actor=actor, social_worker=social_worker, **fields | overrides)


def test_adding_a_child_allocates_their_social_worker_and_audits_both():
    manager, worker = UserFactory(role="team_manager"), UserFactory()
    child = _add(manager, worker)
    allocation = Allocation.objects.get(child=child)
    assert (allocation.worker, allocation.role) == (worker, AllocationRole.SOCIAL_WORKER)
    assert list(
        AuditEvent.objects.filter(child_id=child.pk).values_list("event_type", flat=True).order_by("id")
    ) == [
        services.CHILD_ADDED,
        "WORKER_ALLOCATED",
    ]


def test_a_child_cannot_be_added_with_a_social_worker_of_the_wrong_role_and_nothing_is_saved():
    with pytest.raises(ValidationError):
        _add(UserFactory(), UserFactory(role="performance_analyst"))
    assert not Child.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_date_of_birth_still_to_come_is_refused():
    with pytest.raises(ValidationError) as error:
        _add(UserFactory(), UserFactory(), date_of_birth=datetime.date.today() + datetime.timedelta(days=3))
    assert services.BIRTH_IN_FUTURE in error.value.messages


def test_changing_details_records_which_fields_changed_and_their_old_values():
    child = ChildFactory(school="Old School")
    actor = UserFactory()
    services.update_child_details(
        actor=actor, child=child, seen_version=child.version, changes={"school": "New School"}
    )
    event = AuditEvent.objects.get(event_type=services.CHILD_UPDATED)
    assert event.details == {"fields": ["school"], "before": {"school": "Old School"}}
    assert Child.objects.get(pk=child.pk).history.first().history_user == actor


def test_an_edit_made_from_a_stale_copy_is_refused_and_the_newer_change_survives():
    child = ChildFactory(preferred_name="")
    opened_at = child.version
    services.update_child_details(
        actor=UserFactory(), child=child, seen_version=opened_at, changes={"preferred_name": "Tess"}
    )
    with pytest.raises(StaleEditError):
        services.update_child_details(
            actor=UserFactory(), child=child, seen_version=opened_at, changes={"preferred_name": "T"}
        )
    assert Child.objects.get(pk=child.pk).preferred_name == "Tess"


def test_saving_without_changes_writes_no_audit_event():
    child = ChildFactory()
    services.update_child_details(
        actor=UserFactory(), child=child, seen_version=child.version, changes={"school": child.school}
    )
    assert not AuditEvent.objects.exists()


def test_a_new_legal_status_closes_the_open_one_the_day_before():
    child = ChildFactory()
    first = services.record_legal_status(
        actor=UserFactory(),
        child=child,
        status=LegalStatusKind.INTERIM_CARE_ORDER,
        start_date=datetime.date(2025, 1, 1),
    )
    services.record_legal_status(
        actor=UserFactory(),
        child=child,
        status=LegalStatusKind.FULL_CARE_ORDER,
        start_date=datetime.date(2025, 7, 1),
    )
    first.refresh_from_db()
    assert first.end_date == datetime.date(2025, 6, 30)


def test_a_looked_after_sibling_is_recorded_by_record_and_anyone_else_by_name():
    child, sibling = ChildFactory(), ChildFactory()
    actor = UserFactory()
    by_record = services.record_relationship(actor=actor, child=child, kind="sibling", related_child=sibling)
    by_name = services.record_relationship(
        actor=actor, child=child, kind="grandparent", person_name="Nan Example"
    )
    assert (by_record.related_child, by_name.person_name) == (sibling, "Nan Example")
    with pytest.raises(ValidationError):
        services.record_relationship(actor=actor, child=child, kind="other_significant")
    assert (
        AuditEvent.objects.filter(event_type=services.RELATIONSHIP_RECORDED, child_id=child.pk).count() == 2
    )


def test_a_date_of_birth_after_a_placement_began_is_refused_and_nothing_changes():
    child = ChildFactory(date_of_birth=years_ago(9))
    PlacementFactory(child=child, start_date=years_ago(3), end_date=None)
    with pytest.raises(ValidationError) as error:
        services.update_child_details(
            actor=UserFactory(),
            child=child,
            seen_version=child.version,
            changes={"date_of_birth": years_ago(2)},
        )
    assert "the day the child's first placement began" in error.value.messages[0]
    child.refresh_from_db()
    assert child.date_of_birth == years_ago(9)


def test_a_date_of_birth_on_the_day_the_first_placement_began_is_kept():
    child = ChildFactory(date_of_birth=years_ago(9))
    PlacementFactory(child=child, start_date=years_ago(3), end_date=None)
    services.update_child_details(
        actor=UserFactory(), child=child, seen_version=child.version, changes={"date_of_birth": years_ago(3)}
    )
    child.refresh_from_db()
    assert child.date_of_birth == years_ago(3)


def test_a_date_of_birth_before_1900_is_refused():
    with pytest.raises(ValidationError) as error:
        _add(UserFactory(), UserFactory(), date_of_birth=datetime.date(1899, 12, 31))
    assert services.BIRTH_TOO_EARLY in error.value.messages
