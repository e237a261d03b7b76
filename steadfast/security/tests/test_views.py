"""Who may open the pages of separation of duties (404 for everyone else), the admin's flow
from a new account to its first record, and refused requests traced without the person being
told anything different."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from steadfast.accounts.models import Role, User
from steadfast.assessments.tests.helpers import (
    a_matching_record,
    a_sibling,
    a_sibling_assessment,
    an_impact_assessment,
)
from steadfast.audit.models import AuditEvent, RefusedRequest
from steadfast.meetings.tests.helpers import a_concern_needing_a_meeting, an_arranged_meeting
from steadfast.reminders.services import raise_reminders
from steadfast.reminders.tests.helpers import a_visit
from steadfast.security import services
from steadfast.support_requests.tests.helpers import a_request
from tests.factories import ChildFactory, UserFactory
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db

PAGES = ("/security/confirmations/", "/security/account-changes/", "/security/refusals/")
WATCHERS = {
    "team_manager",
    "other_team_manager",
    "fostering_team_manager",
    "assistant_team_manager",
    "senior_practitioner",
}
LINK = re.compile(r"/security/activate/[^/\s]+/[^/\s]+/")
NONCE = re.compile(r'(nonce|csrfmiddlewaretoken" value)="[^"]*"')


@pytest.mark.parametrize("who", USERNAMES)
@pytest.mark.parametrize("path", PAGES)
def test_only_managers_open_the_pages(client, scenario, who, path):
    client.force_login(scenario.users[who])
    response = client.get(path, follow=True)
    assert response.status_code == (200 if who in WATCHERS else 404)


@pytest.mark.parametrize("path", PAGES)
def test_a_security_officer_opens_the_pages(client, path):
    client.force_login(UserFactory(role=Role.SECURITY_OFFICER, team=None))
    assert client.get(path).status_code == 200


def test_an_unconfirmed_manager_opens_none_of_them(client, scenario):
    manager = scenario.users["team_manager"]
    User.objects.filter(pk=manager.pk).update(confirmed_at=None)
    client.force_login(manager)
    for path in PAGES:
        assert client.get(path).status_code == 404


def test_the_admin_add_form_has_no_password_and_the_password_page_is_closed(client, scenario):
    client.force_login(scenario.users["administrator"])
    page = client.get("/admin/accounts/user/add/").content.decode()
    assert 'name="username"' in page and 'name="email"' in page
    for field in ('name="password', 'name="usable_password"', 'type="password"'):
        assert field not in page
    change = client.get(f"/admin/accounts/user/{scenario.users['social_worker'].pk}/change/").content.decode()
    assert 'name="password' not in change and 'type="password"' not in change
    assert f"/admin/accounts/user/{scenario.users['social_worker'].pk}/password/" not in change
    assert (
        client.get(f"/admin/accounts/user/{scenario.users['social_worker'].pk}/password/").status_code == 404
    )


def _admin_add(client, scenario, **extra):
    data = {
        "username": "new.manager",
        "first_name": "Nova",
        "last_name": "Manning",
        "email": "nova@example.invalid",
        "role": Role.TEAM_MANAGER,
        "team": scenario.users["team_manager"].team_id,
        "line_manager": "",
        "mobile_number": "",
        "_save": "Save",
    } | extra
    return client.post("/admin/accounts/user/add/", data)


def test_an_administrator_cannot_make_a_case_reader_without_its_owner_and_its_manager(
    client, scenario, django_capture_on_commit_callbacks
):
    """The whole flow: the admin makes a team manager; the admin cannot sign in as it (there is
    no password they know); the owner activates it and still reads nothing, and My work says
    why; the team's manager confirms it; then it reads its team's children."""
    owen = scenario.children["own"]
    client.force_login(scenario.users["administrator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _admin_add(client, scenario)
    assert response.status_code == 302
    made = User.objects.get(username="new.manager")
    assert not made.has_usable_password()
    assert AuditEvent.objects.filter(event_type=services.ACCOUNT_CREATED, object_id=str(made.pk)).exists()
    link = LINK.search(next(m for m in mail.outbox if m.to == ["nova@example.invalid"]).body).group(0)

    owner = Client()
    assert owner.post("/accounts/login/", {"username": "new.manager", "password": ""}).status_code == 200
    page = owner.get(link)
    assert page.status_code == 200 and "Activate your account" in page.content.decode()
    short = owner.post(link, {"new_password1": "short", "new_password2": "short"})
    assert short.status_code == 200 and "govuk-error-summary" in short.content.decode()
    chosen = "violet-harbour-lantern-72"
    done = owner.post(link, {"new_password1": chosen, "new_password2": chosen})
    assert done.status_code == 302
    assert "does not work" in owner.get(link).content.decode()  # once only

    owner.force_login(User.objects.get(pk=made.pk))
    for path in (f"/children/{owen.pk}/", f"/households/{scenario.households['own'].pk}/", "/children/"):
        response = owner.get(path)
        assert response.status_code in (404, 200)
        if response.status_code == 200:
            assert owen.legal_first_name not in response.content.decode()
    assert owner.get(f"/children/{owen.pk}/").status_code == 404
    home = owner.get("/").content.decode()
    assert "waiting to be confirmed by" in home and str(scenario.users["team_manager"]) in home

    manager = Client()
    manager.force_login(scenario.users["team_manager"])
    listed = manager.get("/security/confirmations/").content.decode()
    assert "Nova Manning" in listed
    assert manager.post(f"/security/confirmations/{made.pk}/confirm/").status_code == 302
    assert 'id="none-waiting"' in manager.get("/security/confirmations/").content.decode()

    assert owner.get(f"/children/{owen.pk}/").status_code == 200
    changes = manager.get(f"/security/account-changes/?person={made.pk}").content.decode()
    for kind in ("Account made", "Activated by its owner", "Role and team confirmed"):
        assert kind in changes


def test_confirming_is_refused_with_404_to_anyone_else(client, scenario):
    made = services.create_account(
        actor=scenario.users["administrator"],
        username="waiting",
        email="w@example.invalid",
        role=Role.SOCIAL_WORKER,
        team=scenario.users["team_manager"].team,
    )
    for who in ("administrator", "other_team_manager", "social_worker"):
        client.force_login(scenario.users[who])
        assert client.post(f"/security/confirmations/{made.pk}/confirm/").status_code == 404
        assert client.post(f"/security/confirmations/{made.pk}/refuse/").status_code == 404
    client.force_login(scenario.users["team_manager"])
    assert client.get(f"/security/confirmations/{made.pk}/confirm/").status_code == 405
    assert client.post(f"/security/confirmations/{made.pk}/refuse/").status_code == 302
    made.refresh_from_db()
    assert made.confirmation_refused_at is not None and made.confirmed_at is None


def test_an_admin_role_change_is_listed_for_the_manager_with_before_and_after(client, scenario):
    worker = scenario.users["social_worker"]
    services.change_account(
        actor=scenario.users["administrator"], user=worker, changes={"role": Role.SENIOR_PRACTITIONER}
    )
    client.force_login(scenario.users["team_manager"])
    page = client.get(f"/security/account-changes/?kind={services.ACCOUNT_ROLE_CHANGED}").content.decode()
    assert "Role changed" in page
    assert "role: Child&#39;s social worker to Senior practitioner" in page
    assert str(scenario.users["administrator"]) in page
    # Another team's manager does not see it.
    client.force_login(scenario.users["other_team_manager"])
    assert (
        'id="no-changes"'
        in client.get(f"/security/account-changes/?kind={services.ACCOUNT_ROLE_CHANGED}").content.decode()
    )


def test_a_filter_outside_the_list_is_refused_with_a_message_not_an_error(client, scenario):
    client.force_login(scenario.users["other_team_manager"])
    response = client.get(f"/security/account-changes/?person={scenario.users['social_worker'].pk}&kind=NOPE")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a person from the list" in page and "Choose a kind of change from the list" in page


def _body(response, pk) -> str:
    return NONCE.sub("", response.content.decode()).replace(f"/children/{pk}/", "/children/ID/")


def test_fifty_refused_children_leave_fifty_traces_and_show_on_the_managers_page(client, scenario):
    others = ChildFactory.create_batch(50)
    worker = scenario.users["social_worker"]
    client.force_login(worker)
    for child in others:
        assert client.get(f"/children/{child.pk}/").status_code == 404
    traces = RefusedRequest.objects.filter(actor=worker)
    assert traces.count() == 50
    assert {int(t.record_id) for t in traces} == {c.pk for c in others}
    trace = traces.get(record_id=str(others[0].pk))
    assert trace.record_type == "child" and trace.path == f"/children/{others[0].pk}/"
    assert trace.ip_address == "127.0.0.1" and trace.attempts == 1

    client.force_login(scenario.users["team_manager"])
    page = client.get("/security/refusals/").content.decode()
    assert str(worker) in page and ">50<" in page
    detail = client.get(f"/security/refusals/{worker.pk}/").content.decode()
    assert f"/children/{others[-1].pk}/" in detail  # the latest first
    # Someone outside the manager's line is neither listed nor opened.
    client.force_login(scenario.users["other_team_manager"])
    assert str(worker) not in client.get("/security/refusals/").content.decode()
    assert client.get(f"/security/refusals/{worker.pk}/").status_code == 404


def test_a_missing_record_leaves_no_trace_and_the_404_is_the_same(client, scenario):
    worker = scenario.users["social_worker"]
    client.force_login(worker)
    hidden = scenario.children["other"]
    missing = ChildFactory()
    missing_pk = missing.pk
    missing.delete()
    refused = client.get(f"/children/{hidden.pk}/")
    absent = client.get(f"/children/{missing_pk}/")
    assert refused.status_code == absent.status_code == 404
    assert _body(refused, hidden.pk) == _body(absent, missing_pk)
    assert list(RefusedRequest.objects.values_list("record_id", flat=True)) == [str(hidden.pk)]
    assert client.get("/children/not-a-number/").status_code == 404
    assert RefusedRequest.objects.count() == 1


def test_a_flood_on_one_record_is_one_row_counting_the_attempts(client, scenario):
    worker = scenario.users["social_worker"]
    client.force_login(worker)
    hidden = scenario.children["other"]
    for _ in range(30):
        client.get(f"/children/{hidden.pk}/")
    trace = RefusedRequest.objects.get()
    assert trace.attempts == 30


def test_households_meetings_and_concerns_are_traced_too(client, scenario):
    concern = a_concern_needing_a_meeting(scenario)
    meeting = an_arranged_meeting(scenario)
    home = scenario.households["own"]
    outsider = scenario.users["other_social_worker"]
    client.force_login(outsider)
    assert client.get(f"/households/{home.pk}/").status_code == 404
    assert client.get(f"/concerns/{concern.pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert set(RefusedRequest.objects.filter(actor=outsider).values_list("record_type", "record_id")) == {
        ("household", str(home.pk)),
        ("concern", str(concern.pk)),
        ("meeting", str(meeting.pk)),
    }


def test_requests_for_help_assessments_and_reminders_are_traced_too(client, scenario):
    help_asked = a_request(scenario)
    matching = a_matching_record(scenario)
    sibling = a_sibling_assessment(scenario, a_sibling(scenario))
    impact = an_impact_assessment(scenario)
    (someone_elses,) = raise_reminders(work=[a_visit(scenario)], today=timezone.localdate())
    outsider = scenario.users["other_social_worker"]
    client.force_login(outsider)
    for path in (
        f"/help/{help_asked.pk}/",
        f"/matching/{matching.pk}/",
        f"/sibling-assessments/{sibling.pk}/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/reminders/{someone_elses.pk}/read/").status_code == 404
    assert client.post("/reminders/999999/read/").status_code == 404
    # The child's own worker sees the household as the child's home, not its fostering record.
    client.force_login(scenario.users["social_worker"])
    assert client.get(f"/impact-assessments/{impact.pk}/").status_code == 404
    assert set(RefusedRequest.objects.values_list("actor__username", "record_type", "record_id")) == {
        (outsider.username, "support_request", str(help_asked.pk)),
        (outsider.username, "matching_record", str(matching.pk)),
        (outsider.username, "sibling_assessment", str(sibling.pk)),
        (outsider.username, "reminder", str(someone_elses.pk)),
        (scenario.users["social_worker"].username, "impact_assessment", str(impact.pk)),
    }
