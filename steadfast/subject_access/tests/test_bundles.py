import io
import json

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.audit.services import CHILD_VIEWED, record_view
from steadfast.children.models import Relationship, RelationshipKind
from steadfast.households.models import MemberRole
from steadfast.subject_access.drawing import bundle_pdf
from steadfast.subject_access.models import SubjectAccessBundle
from steadfast.subject_access.services import (
    NOT_A_RECORDS_OFFICER,
    SUBJECT_ACCESS_BUNDLE_MADE,
    make_subject_access_bundle,
)
from tests.factories import AccessGrantFactory, HouseholdMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

BIRTH_PARENT = "Marigold Birthparent"


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.RECORDS_OFFICER, first_name="Rowan", last_name="Records")


@pytest.fixture
def owen(scenario):
    child = scenario.children["own"]
    Relationship.objects.create(child=child, kind=RelationshipKind.PARENT, person_name=BIRTH_PARENT)
    Relationship.objects.create(
        child=child, kind=RelationshipKind.SIBLING, related_child=scenario.children["other"]
    )
    record_view(actor=scenario.users["team_manager"], event_type=CHILD_VIEWED, child_id=child.pk)
    return child


def _fields(content, model):
    return [f for s in content["sections"] if s["model"] == model for r in s["rows"] for f in r["fields"]]


def test_a_childs_bundle_holds_every_section_the_history_and_who_viewed_it(scenario, officer, owen):
    bundle = make_subject_access_bundle(actor=officer, child=owen)
    content = bundle.content
    models = {s["model"] for s in content["sections"]}
    assert {"placements.Placement", "accounts.Allocation", "children.Relationship"} <= models
    record = {f["name"]: f["value"] for f in content["record"]["fields"]}
    assert record["legal_first_name"] == owen.legal_first_name
    assert any(v["model"] == "children.Child" for v in content["field_history"])
    viewers = [e for e in content["access_log"] if e["event"] == CHILD_VIEWED]
    assert viewers and viewers[0]["who"] == str(scenario.users["team_manager"])
    assert content["bundle"]["made_by"] == "Rowan Records"


def test_third_parties_are_marked_for_redaction_and_not_removed(scenario, officer, owen):
    content = make_subject_access_bundle(actor=officer, child=owen).content
    relationship = _fields(content, "children.Relationship")
    birth_parent = next(f for f in relationship if f["value"] == BIRTH_PARENT)
    assert birth_parent["third_party"]
    sibling = next(f for f in relationship if f["name"] == "related_child" and f["value"])
    assert sibling["third_party"] and sibling["value"] == str(scenario.children["other"])
    placement = _fields(content, "placements.Placement")
    assert next(f for f in placement if f["name"] == "household")["third_party"]
    assert not next(f for f in placement if f["name"] == "child")["third_party"]
    allocation = _fields(content, "accounts.Allocation")
    worker = next(
        f for f in allocation if f["name"] == "worker" and f["value"] == str(scenario.users["social_worker"])
    )
    assert not worker["third_party"]  # the council's staff are not third parties
    assert not any(f["third_party"] for f in content["record"]["fields"])


def test_making_a_bundle_is_audited_with_who_for_whom_and_when(officer, owen):
    bundle = make_subject_access_bundle(actor=officer, child=owen)
    event = AuditEvent.objects.get(event_type=SUBJECT_ACCESS_BUNDLE_MADE)
    assert (event.actor, event.child_id, event.object_id) == (officer, owen.pk, str(bundle.pk))
    assert bundle.created_by == officer and bundle.created_at


@pytest.mark.parametrize("username", ["team_manager", "administrator", "analyst", "social_worker"])
def test_only_a_records_officer_makes_a_bundle(scenario, owen, username):
    with pytest.raises(ValidationError) as error:
        make_subject_access_bundle(actor=scenario.users[username], child=owen)
    assert NOT_A_RECORDS_OFFICER in error.value.messages
    assert not SubjectAccessBundle.objects.exists()


def test_a_restricted_childs_bundle_needs_a_grant(scenario, officer):
    rhea = scenario.children["restricted"]
    with pytest.raises(ValidationError):
        make_subject_access_bundle(actor=officer, child=rhea)
    AccessGrantFactory(child=rhea, user=officer)
    assert make_subject_access_bundle(actor=officer, child=rhea).child == rhea


def test_a_carers_bundle_marks_the_other_carer_and_the_children_but_not_their_own_details(scenario, officer):
    household = scenario.households["own"]
    carer = household.members.get(full_name="Test Carer")
    carer.role = MemberRole.APPROVED_CARER
    carer.save(update_fields=["role"])
    HouseholdMemberFactory(household=household, full_name="Other Carer", role=MemberRole.APPROVED_CARER)
    content = make_subject_access_bundle(actor=officer, carer=carer).content
    assert content["sections"][0]["title"] == "The carer"
    members = (
        content["sections"][0]["rows"]
        + next(s for s in content["sections"][1:] if s["model"] == "households.HouseholdMember")["rows"]
    )
    names = {f["value"]: f["third_party"] for r in members for f in r["fields"] if f["name"] == "full_name"}
    assert names == {"Test Carer": False, "Other Carer": True}
    assert not any(f["third_party"] for f in content["record"]["fields"])  # their household, their address
    placement = _fields(content, "placements.Placement")
    assert next(f for f in placement if f["name"] == "child")["third_party"]


def test_the_pdf_shows_everything_with_third_parties_highlighted(officer, owen):
    bundle = make_subject_access_bundle(actor=officer, child=owen)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bundle_pdf(bundle))).pages)
    assert owen.legal_first_name in text
    assert BIRTH_PARENT in text
    assert "third party: for redaction" in text
    assert "OFFICIAL-SENSITIVE" in text


def test_the_json_is_plain_json(officer, owen):
    bundle = make_subject_access_bundle(actor=officer, child=owen)
    again = json.loads(json.dumps(bundle.content))
    assert again["bundle"]["subject"] == {"kind": "child", "id": owen.pk, "name": owen.display_name}


def test_a_carers_bundle_holds_the_messages_they_were_sent(scenario, officer):
    from steadfast.carer_messages.models import CarerMessage

    household = scenario.households["own"]
    carer = household.members.get(full_name="Test Carer")
    carer.role = MemberRole.APPROVED_CARER
    carer.save(update_fields=["role"])
    CarerMessage.objects.create(
        carer=scenario.users["foster_carer"], subject="Your meeting", body="See the portal", link="/portal/"
    )
    content = make_subject_access_bundle(actor=officer, carer=carer).content
    messages = [s for s in content["sections"] if s["model"] == "carer_messages.CarerMessage"]
    assert messages and any(f["value"] == "Your meeting" for r in messages[0]["rows"] for f in r["fields"])
