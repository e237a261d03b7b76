import pytest
from django.core.exceptions import ValidationError

from steadfast.audit.models import AuditEvent
from steadfast.households import services
from steadfast.households.models import Household, MemberRole
from steadfast.households.selectors import household_labels
from tests.factories import HouseholdFactory, HouseholdMemberFactory, UserFactory, years_ago

pytestmark = pytest.mark.django_db


def _household(**overrides):
    fields = {
        "actor": UserFactory(role="fostering_team_manager"),
        "name": "The Testwell household",
        "reference": "FH-TEST1",
        "address_line_1": "1 Test Road",
        "town": "Testtown",
        "postcode": "ZZ1 1ZZ",
        "approval_kind": "long_term",
        "approval_date": years_ago(2),
        "approved_places": 2,
    }
    return services.add_household(**fields | overrides)


def test_a_household_its_members_and_a_provider_are_recorded_and_audited():
    household = _household()
    carer_account = UserFactory(role="foster_carer", team=None)
    member = services.add_household_member(
        actor=household.created_by,
        household=household,
        full_name="Tess Testwell",
        role="approved_carer",
        user=carer_account,
    )
    provider = services.add_provider(actor=household.created_by, name="Test House", kind="childrens_home")
    assert member.user == carer_account
    assert provider.history.get().history_user == household.created_by
    events = (
        AuditEvent.objects.filter(household_id=household.pk)
        .values_list("event_type", flat=True)
        .order_by("id")
    )
    assert list(events) == [services.HOUSEHOLD_ADDED, services.HOUSEHOLD_MEMBER_ADDED]
    assert AuditEvent.objects.filter(event_type=services.PROVIDER_ADDED).exists()


def test_an_approval_age_range_the_wrong_way_round_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError):
        _household(approved_age_from=12, approved_age_to=5)
    assert not Household.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_household_is_labelled_by_its_name_reference_and_approved_carers_in_one_place():
    home = HouseholdFactory(name="The Whitlock household", reference="FH-0042")
    assert home.label == "The Whitlock household (FH-0042)"
    HouseholdMemberFactory(household=home, full_name="Sam Whitlock")
    HouseholdMemberFactory(household=home, full_name="Jan Whitlock")
    HouseholdMemberFactory(household=home, full_name="Kit Whitlock", role=MemberRole.CARERS_CHILD)
    assert home.carer_names == "Jan Whitlock and Sam Whitlock"
    assert home.label == "The Whitlock household (FH-0042; Jan Whitlock and Sam Whitlock)"
    assert household_labels([home.pk]) == {home.pk: home.label}
