"""The two-person rule: one records officer proposes, a different one confirms, and only then
is anything destroyed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.children.models import Child, Relationship, RelationshipKind
from steadfast.concerns.models import InstabilityFactor, RaisedBy, StabilityConcern, Urgency
from steadfast.retention.models import DestructionProposal, ProposalStatus
from steadfast.retention.rules import years_after
from steadfast.retention.selectors import children_past_retention
from steadfast.retention.services import (
    ALREADY_DECIDED,
    ALREADY_PROPOSED,
    DESTRUCTION_PROPOSED,
    DESTRUCTION_REFUSED,
    NOT_A_RECORDS_OFFICER,
    NOT_PAST_RETENTION,
    PROPOSER_MAY_NOT_DECIDE,
    RECORD_DESTROYED,
    confirm_destruction,
    propose_destruction,
    refuse_destruction,
)
from tests.factories import (
    AccessGrantFactory,
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    UserFactory,
    years_ago,
)

pytestmark = pytest.mark.django_db

NAME = "Zebedee"


@pytest.fixture
def officers(db):
    return UserFactory(role=Role.RECORDS_OFFICER), UserFactory(role=Role.RECORDS_OFFICER)


@pytest.fixture
def old_child(db):
    child = ChildFactory(legal_first_name=NAME, legal_last_name="Quernmore", date_of_birth=years_ago(76))
    Relationship.objects.create(
        child=child,
        kind=RelationshipKind.PARENT,
        person_name="Birthparent Quernmore",
        notes="Lives in Northbridge",
    )
    return child


def test_a_proposal_destroys_nothing_until_a_second_officer_confirms(officers, old_child):
    first, second = officers
    proposal = propose_destruction(actor=first, child=old_child, reason="Past retention; no legal hold")
    old_child.refresh_from_db()
    assert old_child.legal_first_name == NAME
    assert AuditEvent.objects.filter(event_type=DESTRUCTION_PROPOSED, actor=first).count() == 1

    confirm_destruction(actor=second, proposal=proposal)
    old_child.refresh_from_db()
    assert NAME not in old_child.legal_first_name
    assert old_child.child_identifier == f"DESTROYED-{old_child.pk}"
    relationship = Relationship.objects.get(child=old_child)
    assert "Birthparent" not in relationship.person_name and "Northbridge" not in relationship.notes
    assert not Child.history.filter(id=old_child.pk).exists()
    assert not Relationship.history.filter(child_id=old_child.pk).exists()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.CONFIRMED, second)


def test_the_audit_row_survives_and_says_what_was_destroyed_without_personal_data(officers, old_child):
    first, second = officers
    proposal = propose_destruction(actor=first, child=old_child, reason="Past retention")
    confirm_destruction(actor=second, proposal=proposal)
    event = AuditEvent.objects.get(event_type=RECORD_DESTROYED)
    assert event.actor == second
    assert event.details["kind"] == "child"
    assert event.details["record_id"] == old_child.pk
    assert event.details["proposed_by_id"] == first.pk
    assert event.details["confirmed_by_id"] == second.pk
    assert event.details["rows_held"] >= 1
    assert NAME not in str(event.details) and "Quernmore" not in str(event.details)


def test_the_proposer_cannot_confirm_their_own_proposal(officers, old_child):
    first, _ = officers
    proposal = propose_destruction(actor=first, child=old_child, reason="Past retention")
    with pytest.raises(ValidationError) as error:
        confirm_destruction(actor=first, proposal=proposal)
    assert PROPOSER_MAY_NOT_DECIDE in error.value.messages
    old_child.refresh_from_db()
    assert old_child.legal_first_name == NAME
    assert not AuditEvent.objects.filter(event_type=RECORD_DESTROYED).exists()


def test_the_proposer_cannot_refuse_their_own_proposal_either(officers, old_child):
    first, _ = officers
    proposal = propose_destruction(actor=first, child=old_child, reason="Past retention")
    with pytest.raises(ValidationError) as error:
        refuse_destruction(actor=first, proposal=proposal, reason="Changed my mind")
    assert PROPOSER_MAY_NOT_DECIDE in error.value.messages


def test_the_database_refuses_a_decision_by_the_proposer_however_it_is_written(officers, old_child):
    first, _ = officers
    proposal = propose_destruction(actor=first, child=old_child, reason="Past retention")
    with pytest.raises(IntegrityError), transaction.atomic():
        DestructionProposal.objects.filter(pk=proposal.pk).update(decided_by=first)


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.SOCIAL_WORKER])
def test_only_a_records_officer_may_confirm(officers, old_child, role):
    proposal = propose_destruction(actor=officers[0], child=old_child, reason="Past retention")
    with pytest.raises(ValidationError) as error:
        confirm_destruction(actor=UserFactory(role=role), proposal=proposal)
    assert NOT_A_RECORDS_OFFICER in error.value.messages
    old_child.refresh_from_db()
    assert old_child.legal_first_name == NAME


def test_a_refused_proposal_keeps_the_record_and_cannot_then_be_confirmed(officers, old_child):
    first, second = officers
    proposal = propose_destruction(actor=first, child=old_child, reason="Past retention")
    refuse_destruction(actor=second, proposal=proposal, reason="A request for the record is open")
    assert AuditEvent.objects.filter(event_type=DESTRUCTION_REFUSED, actor=second).count() == 1
    third = UserFactory(role=Role.RECORDS_OFFICER)
    with pytest.raises(ValidationError) as error:
        confirm_destruction(actor=third, proposal=proposal)
    assert ALREADY_DECIDED in error.value.messages
    old_child.refresh_from_db()
    assert old_child.legal_first_name == NAME


def test_a_record_not_past_retention_cannot_be_proposed(officers):
    young = ChildFactory(date_of_birth=years_ago(74))
    with pytest.raises(ValidationError) as error:
        propose_destruction(actor=officers[0], child=young, reason="Tidy up")
    assert NOT_PAST_RETENTION in error.value.messages
    assert not DestructionProposal.objects.exists()


def test_a_restricted_record_needs_a_grant_to_be_proposed(officers, old_child):
    Child.objects.filter(pk=old_child.pk).update(restricted=True)
    with pytest.raises(ValidationError):
        propose_destruction(actor=officers[0], child=old_child, reason="Past retention")
    AccessGrantFactory(child=old_child, user=officers[0])
    assert propose_destruction(actor=officers[0], child=old_child, reason="Past retention").pk


def test_a_record_is_proposed_once_while_a_proposal_waits(officers, old_child):
    propose_destruction(actor=officers[0], child=old_child, reason="Past retention")
    with pytest.raises(ValidationError) as error:
        propose_destruction(actor=officers[1], child=old_child, reason="Past retention")
    assert ALREADY_PROPOSED in error.value.messages


def test_a_household_whose_supervision_ended_over_ten_years_ago_is_destroyed_by_two_officers(officers):
    first, second = officers
    household = HouseholdFactory(name="The Quernmore household")
    HouseholdAllocationFactory(household=household, start_date=years_ago(20), end_date=years_ago(11))
    HouseholdMemberFactory(household=household, full_name="Carer Quernmore")
    proposal = propose_destruction(actor=first, household=household, reason="Ten years since approval ended")
    confirm_destruction(actor=second, proposal=proposal)
    household.refresh_from_db()
    assert "Quernmore" not in household.name
    assert not household.members.filter(full_name__contains="Quernmore").exists()
    assert AuditEvent.objects.get(event_type=RECORD_DESTROYED).household_id == household.pk


def test_a_household_still_supervised_is_not_past_retention(officers):
    household = HouseholdFactory()
    HouseholdAllocationFactory(household=household, start_date=years_ago(20))
    with pytest.raises(ValidationError):
        propose_destruction(actor=officers[0], household=household, reason="Old")


def test_audit_rows_past_seven_years_are_deleted_only_after_confirmation(officers):
    first, second = officers
    old = AuditEvent.objects.create(event_type="CHILD_VIEWED", child_id=1)
    AuditEvent.objects.filter(pk=old.pk).update(occurred_at=timezone.now() - datetime.timedelta(days=8 * 365))
    recent = AuditEvent.objects.create(event_type="CHILD_VIEWED", child_id=1)
    proposal = propose_destruction(actor=first, audit_trail=True, reason="Past seven years")
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    confirm_destruction(actor=second, proposal=proposal)
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    assert AuditEvent.objects.get(event_type=RECORD_DESTROYED).details["audit_rows_deleted"] == 1


def _died_young(*, died: datetime.date) -> Child:
    """A synthetic child who died aged 12."""
    return ChildFactory(date_of_birth=years_after(died, -12), date_of_death=died)


def test_a_child_who_died_before_18_is_past_retention_15_years_after_the_death_and_not_a_day_before(officers):
    today = timezone.localdate()
    fifteen_years_ago = years_after(today, -15)
    reached = _died_young(died=fifteen_years_ago)
    not_yet = _died_young(died=fifteen_years_ago + datetime.timedelta(days=1))
    past = set(children_past_retention(officers[0], today=today))
    assert reached in past and not_yet not in past
    propose_destruction(actor=officers[0], child=reached, reason="Fifteen years since the death")
    with pytest.raises(ValidationError) as error:
        propose_destruction(actor=officers[0], child=not_yet, reason="Tidy up")
    assert NOT_PAST_RETENTION in error.value.messages


def test_a_child_who_died_as_an_adult_is_kept_until_75(officers):
    today = timezone.localdate()
    adult = ChildFactory(date_of_birth=years_ago(50), date_of_death=years_ago(30))
    assert adult not in children_past_retention(officers[0], today=today)


def test_destroying_the_record_of_a_child_who_died_keeps_only_the_year_of_death(officers):
    child = _died_young(died=datetime.date(2008, 7, 19))
    proposal = propose_destruction(actor=officers[0], child=child, reason="Fifteen years since the death")
    confirm_destruction(actor=officers[1], proposal=proposal)
    child.refresh_from_db()
    assert child.date_of_death == datetime.date(2008, 1, 1)


@pytest.mark.parametrize("drawn", [True, False])
def test_destroying_a_record_deletes_the_pdf_of_every_bundle_about_it_for_good(
    client, officers, old_child, drawn
):
    from django_tasks_db.models import DBTaskResult

    from steadfast.subject_access.drawing import draw_and_keep_pdf
    from steadfast.subject_access.models import SubjectAccessBundle
    from steadfast.subject_access.services import make_subject_access_bundle

    first, second = officers
    bundle = make_subject_access_bundle(actor=first, child=old_child)
    if drawn:
        draw_and_keep_pdf(bundle.pk)
    confirm_destruction(
        actor=second, proposal=propose_destruction(actor=first, child=old_child, reason="Past")
    )
    bundle.refresh_from_db()
    assert bytes(bundle.pdf) == b"" and NAME not in bundle.subject_name
    assert bundle.content == {}
    # Emptied, not missing: the page says so, and nothing draws it again from the bundle.
    client.force_login(first)
    page = client.get(f"/records/bundles/{bundle.pk}/").content.decode()
    assert "The PDF was deleted when the record it is about was destroyed" in page
    assert "Prepare the PDF" not in page and "Try preparing" not in page
    client.post(f"/records/bundles/{bundle.pk}/draw-pdf/")
    assert DBTaskResult.objects.count() == 1
    assert draw_and_keep_pdf(bundle.pk) == "nothing to draw"
    assert SubjectAccessBundle.objects.get(pk=bundle.pk).pdf == b""


def test_destroying_a_record_empties_what_people_wrote_in_json_and_keeps_the_codes_the_measures_count(
    officers, old_child
):
    concern = StabilityConcern.objects.create(
        child=old_child,
        raised_at=timezone.now(),
        raised_by=RaisedBy.choices[0][0],
        factors=[InstabilityFactor.choices[0][0]],
        what_is_happening=f"{NAME} is not sleeping",
        urgency=Urgency.choices[0][0],
        due_date=timezone.localdate(),
    )
    first, second = officers
    confirm_destruction(
        actor=second, proposal=propose_destruction(actor=first, child=old_child, reason="Past")
    )
    concern.refresh_from_db()
    assert concern.factors == [InstabilityFactor.choices[0][0]]
    assert NAME not in concern.what_is_happening
