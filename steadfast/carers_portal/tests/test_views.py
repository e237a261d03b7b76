import pytest

from tests.factories import ChildFactory, PlacementFactory, days_ago

pytestmark = pytest.mark.django_db

STAFF = [
    "social_worker",
    "team_manager",
    "supervising_social_worker",
    "fostering_team_manager",
    "iro",
    "analyst",
    "administrator",
]


def test_a_carer_is_sent_from_the_start_page_to_their_portal(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert client.get("/").url == "/portal/"


def test_the_portal_shows_the_carers_household_and_the_children_living_there_now(client, scenario):
    moved_on = ChildFactory(legal_first_name="Morwenna")
    PlacementFactory(
        child=moved_on,
        household=scenario.households["own"],
        ended=True,
        start_date=days_ago(400),
        end_date=days_ago(300),
    )
    client.force_login(scenario.users["foster_carer"])
    page = client.get("/portal/").content.decode()
    assert "The Own household" in page
    assert scenario.children["own"].display_name in page
    assert "Morwenna" not in page
    # A restricted child's record stays with those granted it by name.
    assert scenario.children["restricted"].display_name not in page


@pytest.mark.parametrize(
    "path",
    ["/children/", "/households/", "/children/{child}/", "/households/{household}/", "/admin/"],
)
def test_staff_pages_answer_404_to_a_carer(client, scenario, path):
    client.force_login(scenario.users["foster_carer"])
    path = path.format(child=scenario.children["own"].pk, household=scenario.households["own"].pk)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("role", STAFF)
def test_the_portal_answers_404_to_staff(client, scenario, role):
    client.force_login(scenario.users[role])
    assert client.get("/portal/").status_code == 404


def test_the_portal_asks_someone_signed_out_to_sign_in(client, scenario):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_opening_the_portal_is_logged(client, scenario):
    from steadfast.audit.models import AuditEvent

    client.force_login(scenario.users["foster_carer"])
    client.get("/portal/")
    assert AuditEvent.objects.filter(
        actor=scenario.users["foster_carer"],
        event_type="HOUSEHOLD_VIEWED",
        household_id=scenario.households["own"].pk,
    ).exists()
