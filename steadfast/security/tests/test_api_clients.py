"""The administrators' pages of API credentials: registering a system (its secret shown once),
revoking one, and every personal access token in force. Anyone but an administrator gets 404.
And the admin of people offers no "Connected system" role."""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steadfast.accounts import tokens
from steadfast.accounts.models import ApiClient, ApiToken, Role, Scope, User
from steadfast.audit.models import AuditEvent
from tests.factories import TeamFactory, UserFactory
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db

CLIENTS = "/security/api-clients/"
REGISTER = "/security/api-clients/register/"
TOKENS = "/security/api-tokens/"
SECRET = re.compile(r"sfc_[A-Za-z0-9_-]{20,}")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def an_administrator() -> User:
    return UserFactory(role=Role.ADMINISTRATOR, username="admin.person", is_staff=True, is_superuser=True)


def a_system(administrator: User, *, name: str = "Case management system", teams=()) -> tuple[ApiClient, str]:
    return tokens.register_client(
        actor=administrator, name=name, scopes=[Scope.READ, Scope.WRITE_CHILDREN], teams=list(teams)
    )


def a_personal_token(user: User, name: str = "Visits spreadsheet") -> ApiToken:
    token, _ = tokens.issue_personal_token(
        actor=user,
        name=name,
        scopes=[Scope.READ],
        expires_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return token


# Who may open them -----------------------------------------------------------------------------


def test_every_page_answers_everyone_but_an_administrator_404(scenario):
    administrator = scenario.users["administrator"]
    client, _ = a_system(administrator)
    token = a_personal_token(scenario.users["social_worker"])
    paths = (
        CLIENTS,
        REGISTER,
        f"/security/api-clients/{client.pk}/revoke/",
        TOKENS,
        f"/security/api-tokens/{token.pk}/revoke/",
    )
    for username in USERNAMES:
        user = scenario.users[username]
        browser = signed_in(user)
        for path in paths:
            expected = 200 if username == "administrator" else 404
            assert browser.get(path).status_code == expected, (username, path)
            if username != "administrator":
                assert browser.post(path).status_code == 404, (username, path)
    client.refresh_from_db()
    token.refresh_from_db()
    assert client.revoked_at is None and token.revoked_at is None
    assert ApiClient.objects.count() == 1


def test_a_security_officer_and_an_unconfirmed_administrator_get_404():
    officer = UserFactory(role=Role.SECURITY_OFFICER)
    unconfirmed = UserFactory(role=Role.ADMINISTRATOR, confirmed_at=None)
    for user in (officer, unconfirmed):
        assert signed_in(user).get(CLIENTS).status_code == 404


def test_the_administrators_account_page_links_to_the_registered_systems():
    page = signed_in(an_administrator()).get("/accounts/").content.decode()
    assert f'href="{CLIENTS}"' in page


# Registering and revoking a system ------------------------------------------------------------


def test_an_administrator_registers_a_system_and_sees_its_secret_once():
    administrator = an_administrator()
    north, south = TeamFactory(name="North"), TeamFactory(name="South")
    browser = signed_in(administrator)
    form = browser.get(REGISTER).content.decode()
    assert 'value="write:children"' in form and f'value="{north.pk}"' in form

    answer = browser.post(
        REGISTER,
        {"name": "Case management system", "scopes": ["read", "write:children"], "teams": [north.pk]},
    )
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    html = answer.content.decode()
    client = ApiClient.objects.get()
    secrets = set(SECRET.findall(html))
    assert len(secrets) == 1
    secret = secrets.pop()
    assert client.client_id in html
    assert (
        f"curl -X POST https://testserver/api/v1/oauth/token -d grant_type=client_credentials "
        f"-d client_id={client.client_id} -d client_secret=&lt;secret&gt;"
    ) in html
    assert list(client.teams.all()) == [north]
    assert client.scopes == ["read", "write:children"]
    assert client.registered_by == administrator
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret) is not None
    assert south not in client.teams.all()

    listed = browser.get(CLIENTS).content.decode()
    assert secret not in listed
    assert "Case management system" in listed and client.client_id in listed
    assert "North" in listed and Scope.WRITE_CHILDREN.label in listed
    assert ">Active</strong>" in listed
    assert AuditEvent.objects.filter(event_type=tokens.CLIENT_REGISTERED, actor=administrator).exists()


def test_the_list_says_when_a_system_last_called():
    administrator = an_administrator()
    client, secret = a_system(administrator)
    browser = signed_in(administrator)
    assert "Never" in browser.get(CLIENTS).content.decode()
    token = tokens.issue_client_token(client_id=client.client_id, secret=secret)
    used = timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 30))
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=used)
    older = tokens.issue_client_token(client_id=client.client_id, secret=secret)
    ApiToken.objects.filter(pk=older.pk).update(last_used_at=used - datetime.timedelta(days=5))
    assert "4 March 2026 at 09:30" in browser.get(CLIENTS).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "A system", "scopes": []}, tokens.NO_SCOPE),
        ({"name": "", "scopes": ["read"]}, tokens.CLIENT_NAME_MISSING),
        ({"name": "A system", "scopes": ["everything"]}, "Choose what the system may do from the list"),
        ({"name": "A system", "scopes": ["read"], "teams": ["999999"]}, "Choose teams from the list"),
        ({"name": "A system", "scopes": ["read"], "teams": ["north"]}, "Choose teams from the list"),
        ({"name": "case MANAGEMENT system", "scopes": ["read"]}, "is already registered"),
    ],
)
def test_the_register_form_says_what_is_wrong(data, message):
    administrator = an_administrator()
    a_system(administrator)
    answer = signed_in(administrator).post(REGISTER, data)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert ApiClient.objects.count() == 1


@given(
    name=st.text(max_size=200),
    scopes=st.lists(st.sampled_from([*Scope.values, "", "admin"]), max_size=3),
    teams=st.lists(st.text(max_size=6), max_size=2),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_input_to_the_register_form_breaks_it(name, scopes, teams):
    administrator = User.objects.filter(username="admin.person").first() or an_administrator()
    before = ApiClient.objects.count()
    answer = signed_in(administrator).post(REGISTER, {"name": name, "scopes": scopes, "teams": teams})
    assert answer.status_code == 200
    registered = ApiClient.objects.count() - before
    assert ("System registered" in answer.content.decode()) == (registered == 1)


def test_an_administrator_revokes_a_system_after_confirming():
    administrator = an_administrator()
    client, secret = a_system(administrator)
    token = tokens.issue_client_token(client_id=client.client_id, secret=secret)
    browser = signed_in(administrator)
    path = f"/security/api-clients/{client.pk}/revoke/"
    asked = browser.get(path)
    assert asked.status_code == 200
    assert "Revoke Case management system" in asked.content.decode()
    client.refresh_from_db()
    assert client.revoked_at is None
    done = browser.post(path, follow=True)
    assert done.redirect_chain == [(CLIENTS, 302)]
    html = done.content.decode()
    assert "Case management system has been revoked" in html
    assert ">Revoked</strong>" in html and path not in html
    assert tokens.bearer_of(token.raw) is None
    assert tokens.issue_client_token(client_id=client.client_id, secret=secret) is None
    assert tokens.CLIENT_ALREADY_REVOKED in browser.post(path, follow=True).content.decode()
    assert browser.get(path)["Location"] == CLIENTS


def test_an_unknown_system_is_answered_404():
    browser = signed_in(an_administrator())
    assert browser.get("/security/api-clients/999999/revoke/").status_code == 404
    assert browser.post("/security/api-clients/999999/revoke/").status_code == 404


# Personal access tokens in force ----------------------------------------------------------------


def test_an_administrator_sees_every_personal_token_in_force_and_revokes_one():
    administrator = an_administrator()
    worker = UserFactory(first_name="Wendy", last_name="Worker")
    in_force = a_personal_token(worker, "Visits spreadsheet")
    revoked = a_personal_token(worker, "Old script")
    tokens.revoke_token(actor=worker, token=revoked)
    expired = a_personal_token(worker, "Last year's report")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client, secret = a_system(administrator)
    systems = tokens.issue_client_token(client_id=client.client_id, secret=secret)

    browser = signed_in(administrator)
    html = browser.get(TOKENS).content.decode()
    assert "Wendy Worker" in html and "Visits spreadsheet" in html
    assert "Old script" not in html and "Last year" not in html
    assert f"/security/api-tokens/{systems.pk}/revoke/" not in html
    assert f"/security/api-tokens/{in_force.pk}/revoke/" in html

    path = f"/security/api-tokens/{in_force.pk}/revoke/"
    assert "Revoke Wendy Worker's token Visits spreadsheet" in unescape(browser.get(path).content.decode())
    done = browser.post(path, follow=True)
    assert done.redirect_chain == [(TOKENS, 302)]
    assert "Wendy Worker's token Visits spreadsheet has been revoked" in unescape(done.content.decode())
    in_force.refresh_from_db()
    assert in_force.revoked_at is not None
    event = AuditEvent.objects.filter(event_type=tokens.TOKEN_REVOKED).latest("pk")
    assert (event.actor, event.object_id) == (administrator, str(in_force.pk))
    assert browser.get(f"/security/api-tokens/{systems.pk}/revoke/").status_code == 404


def test_the_lists_take_the_same_queries_however_many_rows(django_assert_max_num_queries):
    administrator = an_administrator()
    browser = signed_in(administrator)
    a_system(administrator, teams=[TeamFactory()])
    a_personal_token(UserFactory())
    counts = {}
    for path in (CLIENTS, TOKENS):
        with django_assert_max_num_queries(40) as few:
            browser.get(path)
        counts[path] = len(few.captured_queries)
    for n in range(8):
        a_system(administrator, name=f"System {n}", teams=[TeamFactory(), TeamFactory()])
        a_personal_token(UserFactory())
    for path in (CLIENTS, TOKENS):
        with django_assert_max_num_queries(counts[path]):
            assert browser.get(path).status_code == 200


# The admin of people -------------------------------------------------------------------------------


def test_the_admin_offers_no_connected_system_role_and_still_works():
    administrator = an_administrator()
    browser = signed_in(administrator)
    add = browser.get("/admin/accounts/user/add/")
    assert add.status_code == 200
    html = add.content.decode()
    assert 'value="social_worker"' in html
    assert 'value="connected_system"' not in html

    person = UserFactory(team=TeamFactory())
    change = browser.get(f"/admin/accounts/user/{person.pk}/change/")
    assert change.status_code == 200
    assert 'value="connected_system"' not in change.content.decode()

    made = browser.post(
        "/admin/accounts/user/add/",
        {
            "username": "sneaky.system",
            "first_name": "Sneaky",
            "last_name": "System",
            "email": "sneaky@example.invalid",
            "role": Role.CONNECTED_SYSTEM,
            "team": "",
            "line_manager": "",
            "mobile_number": "",
        },
    )
    assert made.status_code == 200  # the form again, with its error
    assert not User.objects.filter(username="sneaky.system").exists()


def test_a_systems_account_shows_its_role_in_the_admin_but_it_cannot_be_changed_there():
    administrator = an_administrator()
    client, _ = a_system(administrator)
    page = signed_in(administrator).get(f"/admin/accounts/user/{client.account_id}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Connected system" in html
    assert 'name="role"' not in html
