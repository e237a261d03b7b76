import html

import pytest

from steadfast.accounts.models import Role
from steadfast.retention.models import DestructionProposal, ProposalStatus
from steadfast.retention.services import PROPOSER_MAY_NOT_DECIDE, REASON_REQUIRED
from tests.factories import (
    ChildFactory,
    HouseholdAllocationFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    UserFactory,
    years_ago,
)
from tests.queries import queries_for
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(db):
    return UserFactory(role=Role.RECORDS_OFFICER), UserFactory(role=Role.RECORDS_OFFICER)


@pytest.fixture
def old_child(db):
    return ChildFactory(legal_first_name="Agatha", date_of_birth=years_ago(80))


def test_the_list_shows_records_past_retention_and_the_two_officers_decide(client, officers, old_child):
    first, second = officers
    client.force_login(first)
    page = client.get("/records/retention/").content.decode()
    assert old_child.display_name in page
    response = client.post(f"/records/retention/propose/?child={old_child.pk}", {"reason": "Past retention"})
    proposal = DestructionProposal.objects.get()
    assert response["Location"] == f"/records/retention/proposals/{proposal.pk}/"

    listed = client.get("/records/retention/").content.decode()
    assert f"?child={old_child.pk}" not in listed
    assert "proposed for destruction, waiting for a second records officer" in listed

    own = client.get(f"/records/retention/proposals/{proposal.pk}/").content.decode()
    assert "Confirm destruction" not in own
    assert "a different records officer must confirm or refuse it" in own
    client.post(f"/records/retention/proposals/{proposal.pk}/confirm/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED

    other = type(client)()
    other.force_login(second)
    assert "Confirm destruction" in other.get(f"/records/retention/proposals/{proposal.pk}/").content.decode()
    other.post(f"/records/retention/proposals/{proposal.pk}/confirm/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED
    old_child.refresh_from_db()
    assert old_child.legal_first_name != "Agatha"
    assert "Agatha" not in other.get("/records/retention/").content.decode()


def test_the_proposer_confirming_by_hand_is_told_a_second_person_must(client, officers, old_child):
    first, _ = officers
    client.force_login(first)
    client.post(f"/records/retention/propose/?child={old_child.pk}", {"reason": "Past retention"})
    proposal = DestructionProposal.objects.get()
    page = client.post(f"/records/retention/proposals/{proposal.pk}/confirm/", follow=True).content.decode()
    assert PROPOSER_MAY_NOT_DECIDE in page.replace("&#x27;", "'")


def test_a_proposal_without_a_reason_says_so_and_saves_nothing(client, officers, old_child):
    client.force_login(officers[0])
    page = client.post(f"/records/retention/propose/?child={old_child.pk}", {"reason": ""}).content.decode()
    assert REASON_REQUIRED in page
    assert not DestructionProposal.objects.exists()


def test_a_refusal_needs_a_reason_and_keeps_the_record(client, officers, old_child):
    first, second = officers
    client.force_login(first)
    client.post(f"/records/retention/propose/?child={old_child.pk}", {"reason": "Past retention"})
    proposal = DestructionProposal.objects.get()
    client.force_login(second)
    page = client.post(f"/records/retention/proposals/{proposal.pk}/refuse/", {"reason": ""}).content.decode()
    assert "Say why the record should be kept" in page
    client.post(f"/records/retention/proposals/{proposal.pk}/refuse/", {"reason": "A request is open"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REFUSED


@pytest.mark.parametrize(
    "query",
    ["?child=x", "?household=999999", "", "?child=999999", "?child=99999999999999999999", "?household=²"],
)
def test_a_bad_proposal_address_is_404(client, officers, query):
    client.force_login(officers[0])
    assert client.get(f"/records/retention/propose/{query}").status_code == 404


@pytest.mark.parametrize("username", USERNAMES)
def test_every_other_role_gets_404_from_every_retention_page(client, scenario, officers, old_child, username):
    from steadfast.retention.services import propose_destruction

    proposal = propose_destruction(actor=officers[0], child=old_child, reason="Past retention")
    client.force_login(scenario.users[username])
    for path in (
        "/records/retention/",
        f"/records/retention/propose/?child={old_child.pk}",
        f"/records/retention/proposals/{proposal.pk}/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/records/retention/proposals/{proposal.pk}/confirm/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


def test_the_list_costs_the_same_however_many_records_are_past_retention(client, officers):
    client.force_login(officers[0])
    ChildFactory(date_of_birth=years_ago(80))
    before = queries_for(client, "/records/retention/")
    for _ in range(5):
        ChildFactory(date_of_birth=years_ago(80))
    assert queries_for(client, "/records/retention/") == before


def test_the_periods_on_the_page_are_the_settings(client, officers, settings):
    settings.RETENTION_CHILD_UNTIL_AGE = 80
    settings.RETENTION_CARER_YEARS_AFTER_APPROVAL = 12
    settings.RETENTION_AUDIT_YEARS = 6
    client.force_login(officers[0])
    page = client.get("/records/retention/").content.decode()
    assert "Kept until the child is 80, or, for a child who died before 18, 15 years after the death." in page
    assert "Kept 12 years after the household's approval ended" in page
    assert "Kept 6 years." in page


def _retired_household(name: str):
    household = HouseholdFactory(name=name)
    HouseholdAllocationFactory(household=household, start_date=years_ago(20), end_date=years_ago(11))
    HouseholdMemberFactory(household=household, full_name=f"Carer {name.split()[1]}")
    return household


def test_a_household_past_retention_is_named_with_its_reference_and_carers_at_a_flat_cost(client, officers):
    client.force_login(officers[0])
    first = _retired_household("The Quernmore household")
    page = html.unescape(client.get("/records/retention/").content.decode())
    assert first.label in page and "Carer Quernmore" in first.label
    before = queries_for(client, "/records/retention/")
    for name in ("The Arnside household", "The Borrowdale household", "The Cartmel household"):
        _retired_household(name)
    assert queries_for(client, "/records/retention/") == before
