import pytest
from django.contrib import admin

from steadfast.accounts.views import SIGNED_OUT_MESSAGE
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.placements.models import Placement

pytestmark = pytest.mark.django_db


def test_the_start_page_takes_a_carer_to_their_portal_and_shows_staff_their_work(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    assert client.get("/")["Location"] == "/portal/"
    client.force_login(scenario.users["social_worker"])
    assert client.get("/").status_code == 200


def test_signing_in_returns_to_the_page_asked_for(client, scenario):
    child = scenario.children["own"]
    response = client.post(
        f"/accounts/login/?next=/children/{child.pk}/",
        {"username": "social_worker", "password": "a-test-password-123", "next": f"/children/{child.pk}/"},
    )
    assert response["Location"] == f"/children/{child.pk}/"


@pytest.mark.parametrize("who", ["social_worker", "foster_carer"])
def test_signing_out_says_so_on_the_sign_in_page(client, scenario, who):
    client.force_login(scenario.users[who])
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert SIGNED_OUT_MESSAGE in response.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_signing_in_never_sends_anyone_off_site(client, scenario):
    response = client.post(
        "/accounts/login/",
        {
            "username": "social_worker",
            "password": "a-test-password-123",
            "next": "https://elsewhere.example/",
        },
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize(("username", "lands_on"), [("foster_carer", "/portal/"), ("social_worker", "/")])
def test_signing_in_lands_a_carer_in_their_portal_and_staff_on_their_work(
    client, scenario, username, lands_on
):
    response = client.post(
        "/accounts/login/", {"username": username, "password": "a-test-password-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == lands_on
    assert response.status_code == 200


def test_the_admin_holds_no_case_records():
    registered = set(admin.site._registry)
    assert not registered & {Child, Household, Placement}


def test_an_administrator_manages_accounts_in_the_admin_and_a_manager_cannot(client, scenario):
    client.force_login(scenario.users["administrator"])
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{scenario.users['social_worker'].pk}/change/").status_code == 200
    client.force_login(scenario.users["team_manager"])
    assert client.get("/admin/accounts/user/").status_code == 302
