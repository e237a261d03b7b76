import base64

import pytest

from steadfast.accounts.models import Scope
from steadfast.accounts.tokens import register_client

from .conftest import Api


@pytest.fixture
def system(scenario):
    north = scenario.users["social_worker"].team
    client, secret = register_client(
        actor=scenario.users["administrator"],
        name="Test case system",
        scopes=[Scope.READ, Scope.WRITE_CHILDREN],
        teams=[north],
    )
    return client, secret


def _token(client, **form):
    return client.post("/api/v1/oauth/token", form)


def test_a_registered_system_gets_a_token_that_reads_its_teams_children(scenario, client, system):
    registered, secret = system
    response = _token(
        client, grant_type="client_credentials", client_id=registered.client_id, client_secret=secret
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "read write:children"
    assert "no-store" in response["Cache-Control"]
    children = Api(body["access_token"]).get("/children/").json()["items"]
    assert {child["id"] for child in children} == {scenario.children["own"].pk}


def test_credentials_may_come_as_http_basic(scenario, client, system):
    registered, secret = system
    basic = base64.b64encode(f"{registered.client_id}:{secret}".encode()).decode()
    response = client.post(
        "/api/v1/oauth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert response.status_code == 200


def test_a_token_may_be_narrowed_to_some_of_the_systems_scopes(scenario, client, system):
    registered, secret = system
    body = _token(
        client,
        grant_type="client_credentials",
        client_id=registered.client_id,
        client_secret=secret,
        scope="read",
    ).json()
    assert body["scope"] == "read"


@pytest.mark.parametrize(
    "change",
    [{"client_secret": "sfc_wrong"}, {"client_id": "sfclient_unknown"}, {"scope": "read write:logs"}],
)
def test_wrong_credentials_or_scopes_are_refused_alike(scenario, client, system, change):
    registered, secret = system
    form = {"grant_type": "client_credentials", "client_id": registered.client_id, "client_secret": secret}
    response = _token(client, **(form | change))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response["Content-Type"] == "application/problem+json"


def test_another_grant_is_refused(scenario, client, system):
    response = _token(client, grant_type="password", username="x", password="y")
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_a_revoked_system_gets_no_token_and_its_tokens_stop(scenario, client, system):
    from steadfast.accounts.tokens import revoke_client

    registered, secret = system
    form = {"grant_type": "client_credentials", "client_id": registered.client_id, "client_secret": secret}
    api = Api(_token(client, **form).json()["access_token"])
    revoke_client(actor=scenario.users["administrator"], client=registered)
    assert api.get("/children/").status_code == 401
    assert _token(client, **form).status_code == 401


def test_a_system_may_add_a_child_and_then_sees_it(scenario, client, system):
    registered, secret = system
    form = {"grant_type": "client_credentials", "client_id": registered.client_id, "client_secret": secret}
    api = Api(_token(client, **form).json()["access_token"])
    added = api.post(
        "/children/",
        {
            "child_identifier": "SYS-1",
            "legal_first_name": "Testcase",
            "legal_last_name": "Systemchild",
            "date_of_birth": "2012-01-01",
            "sex": "male",
            "ethnicity": "white_british",
            "social_worker": "social_worker",
        },
    )
    assert added.status_code == 201, added.json()
    assert api.get(f"/children/{added.json()['id']}").status_code == 200
