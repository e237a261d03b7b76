"""The pages for opening a record in an emergency and for the list of openings: who reaches
them, confirming who you are first, what the record then shows, and the 404 page unchanged."""

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from steadfast.accounts import access, signing_in
from steadfast.accounts.models import AccessGrant, GrantKind, Role
from steadfast.accounts.services import BREAK_GLASS_ENDED, BREAK_GLASS_OPENED, open_emergency_access
from steadfast.audit.models import AuditEvent
from steadfast.emergency_access import services
from steadfast.emergency_access.forms import CONFIRM_UNDERSTOOD
from steadfast.emergency_access.views import OPENED_MESSAGE
from tests.factories import UserFactory
from tests.scenario import STAFF_USERNAMES, USERNAMES

pytestmark = pytest.mark.django_db

OPEN = "/emergency-openings/open/"
LIST = "/emergency-openings/"
REASON = "Police called out of hours about a missing child"

CASEWORK = {
    "team_manager",
    "other_team_manager",
    "fostering_team_manager",
    "social_worker",
    "team_colleague",
    "assistant_team_manager",
    "senior_practitioner",
    "other_social_worker",
    "supervising_social_worker",
    "other_supervising_social_worker",
    "iro",
    "iro_colleague",
    "placement_support_worker",
}
MANAGERS = {
    "team_manager",
    "other_team_manager",
    "fostering_team_manager",
    "assistant_team_manager",
    "senior_practitioner",
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(scenario, child="other", **extra):
    return {
        "child_identifier": scenario.children[child].child_identifier,
        "reason": REASON,
        "understood": "on",
        **extra,
    }


def _move_back(client: Client, by: datetime.timedelta) -> None:
    session = client.session
    for key in (signing_in.SIGNED_IN_AT, signing_in.CONFIRMED_AT):
        if key in session:
            session[key] = session[key] - by.total_seconds()
    session.save()


@pytest.mark.parametrize("username", USERNAMES)
def test_the_opening_page_is_for_staff_in_a_casework_role_and_404_for_everyone_else(scenario, username):
    response = _client(scenario.users[username]).get(OPEN)
    assert response.status_code == (200 if username in CASEWORK else 404)


@pytest.mark.parametrize("username", USERNAMES)
def test_the_list_of_openings_is_for_managers_and_404_for_everyone_else(scenario, username):
    response = _client(scenario.users[username]).get(LIST)
    assert response.status_code == (200 if username in MANAGERS else 404)


def test_signed_out_visitors_are_sent_to_sign_in(scenario):
    for url in (OPEN, LIST):
        assert Client().get(url)["Location"].startswith("/accounts/login/")


def test_opening_asks_to_confirm_who_you_are_first(scenario):
    client = _client(scenario.users["social_worker"])
    _move_back(client, datetime.timedelta(minutes=6))
    for response in (client.get(OPEN), client.post(OPEN, _form(scenario))):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/confirm/?next=")
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()
    confirmed = client.post(
        "/accounts/confirm/", {"password": "a-test-password-123", "next": OPEN}, follow=True
    )
    assert "You have confirmed it is you" in confirmed.content.decode()
    assert f'href="{OPEN}"' in confirmed.content.decode()
    assert client.get(OPEN).status_code == 200


def test_a_worker_opens_a_record_sees_it_with_a_banner_and_it_is_audited(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    client = _client(worker)
    assert client.get(f"/children/{child.pk}/").status_code == 404
    response = client.post(OPEN, _form(scenario))
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.pk}/"
    grant = AccessGrant.objects.get(kind=GrantKind.EMERGENCY, user=worker)
    page = client.get(f"/children/{child.pk}/").content.decode()
    ends = timezone.localtime(grant.expires_at)
    assert OPENED_MESSAGE.split("{")[0] in page
    assert "Your emergency access to this record ends at" in page
    assert f"{ends:%H:%M}" in page
    assert REASON in page
    assert AuditEvent.objects.filter(event_type=BREAK_GLASS_OPENED, child_id=child.pk, actor=worker).exists()


def test_a_missing_and_a_restricted_record_give_the_same_page(scenario):
    client = _client(scenario.users["other_social_worker"])
    pages = []
    for identifier in ("NO-SUCH-CHILD", scenario.children["restricted"].child_identifier):
        response = client.post(OPEN, {"child_identifier": identifier, "reason": REASON, "understood": "on"})
        assert response.status_code == 200
        page = response.content.decode().replace(identifier, "IDENTIFIER")
        pages.append(_without_tokens(page))
    assert pages[0] == pages[1]
    assert escape(services.NO_RECORD_TO_OPEN) in pages[0]
    assert scenario.children["restricted"].legal_first_name not in pages[0]
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()


def _without_tokens(page: str) -> str:
    import re

    page = re.sub(r'nonce="[^"]*"', "", page)
    page = re.sub(r'(data-[\w-]+)="\d+"', r"\1", page)  # the session's seconds left
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_bad_input_is_answered_with_the_error_summary_and_keeps_what_was_typed(scenario):
    client = _client(scenario.users["social_worker"])
    page = client.post(OPEN, {"child_identifier": "", "reason": "urgent", "understood": ""}).content.decode()
    assert "govuk-error-summary" in page
    assert escape(services.ENTER_IDENTIFIER) in page
    assert escape(CONFIRM_UNDERSTOOD) in page
    page = client.post(OPEN, _form(scenario, reason="urgent")).content.decode()
    assert services.REASON_TOO_SHORT in page
    assert scenario.children["other"].child_identifier in page  # kept in the box
    page = client.post(OPEN, _form(scenario, child_identifier="X" * 300, reason="x" * 5000)).content.decode()
    assert "govuk-error-summary" in page
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()


def test_a_child_already_seen_is_shown_without_an_opening(scenario):
    client = _client(scenario.users["social_worker"])
    response = client.post(OPEN, _form(scenario, child="own"), follow=True)
    assert "You can already see this record" in response.content.decode()
    assert not AccessGrant.objects.filter(kind=GrantKind.EMERGENCY).exists()


def test_the_record_shows_the_opening_to_its_managers_who_can_end_it_early(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    _client(worker).post(OPEN, _form(scenario))
    grant = AccessGrant.objects.get(kind=GrantKind.EMERGENCY)
    manager = _client(scenario.users["other_team_manager"])
    page = manager.get(f"/children/{child.pk}/").content.decode()
    assert 'id="emergency-grants"' in page
    assert REASON in page
    assert "End emergency access" in page
    assert "Your emergency access" not in page  # the banner is the opener's alone
    ended = manager.post(
        f"/children/{child.pk}/grants/{grant.pk}/revoke/", {"seen_version": grant.version}, follow=True
    ).content.decode()
    assert "emergency access to this record has ended" in ended
    assert AuditEvent.objects.filter(event_type=BREAK_GLASS_ENDED, child_id=child.pk).exists()
    assert _client(worker).get(f"/children/{child.pk}/").status_code == 404


def test_the_record_closes_at_the_end_even_mid_day_with_the_cache_on(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    client = _client(worker)
    client.post(OPEN, _form(scenario))
    grant = AccessGrant.objects.get(kind=GrantKind.EMERGENCY)
    assert client.get(f"/children/{child.pk}/").status_code == 200
    assert client.get(f"/children/{child.pk}/").status_code == 200  # from the kept answer

    class AtTheEnd:
        """The access rules' clock at the grant's end; the session's own clock is untouched."""

        @staticmethod
        def now():
            return grant.expires_at

        @staticmethod
        def localdate(value=None):
            return timezone.localdate(value or grant.expires_at)

    with mock.patch.object(access, "timezone", AtTheEnd):
        assert client.get(f"/children/{child.pk}/").status_code == 404


def test_the_list_shows_openings_of_children_the_manager_oversees_and_names_only_those_they_see(scenario):
    opener = scenario.users["social_worker"]
    _client(opener).post(OPEN, _form(scenario))
    # The child's team manager sees the child: named, with a link.
    page = _client(scenario.users["other_team_manager"]).get(LIST).content.decode()
    assert scenario.children["other"].display_name in page
    assert opener.get_full_name() in page
    assert REASON in page
    # The opener's own manager oversees the opener, but does not see the child.
    page = _client(scenario.users["team_manager"]).get(LIST).content.decode()
    assert opener.get_full_name() in page
    assert scenario.children["other"].display_name not in page
    assert "A child you do not oversee" in page
    # A manager with neither sees nothing of it.
    page = _client(scenario.users["fostering_team_manager"]).get(LIST).content.decode()
    assert opener.get_full_name() not in page
    assert "No records have been opened in an emergency" in page


def test_a_security_officer_sees_every_opening_naming_no_child(scenario):
    opener = scenario.users["social_worker"]
    _client(opener).post(OPEN, _form(scenario))
    officer = UserFactory(role=Role.SECURITY_OFFICER, username="security_officer")
    page = _client(officer).get(LIST).content.decode()
    assert opener.get_full_name() in page and REASON in page
    assert scenario.children["other"].display_name not in page
    assert "A child you do not oversee" in page


def test_the_list_leaves_out_openings_older_than_ninety_days(scenario):
    worker, child = scenario.users["social_worker"], scenario.children["other"]
    grant = open_emergency_access(
        actor=worker, child=child, reason=REASON, expires_at=timezone.now() + datetime.timedelta(hours=4)
    )
    AccessGrant.objects.filter(pk=grant.pk).update(created_at=timezone.now() - datetime.timedelta(days=91))
    page = _client(scenario.users["other_team_manager"]).get(LIST).content.decode()
    assert "No records have been opened in an emergency" in page


def test_the_list_takes_the_same_number_of_queries_however_many_openings(
    scenario, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    manager = _client(scenario.users["other_team_manager"])
    child = scenario.children["other"]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert manager.get(LIST).status_code == 200
        return len(queries)

    open_emergency_access(
        actor=scenario.users["social_worker"],
        child=child,
        reason=REASON,
        expires_at=timezone.now() + datetime.timedelta(hours=4),
    )
    one = count()
    for name in ("team_colleague", "iro", "supervising_social_worker", "placement_support_worker"):
        open_emergency_access(
            actor=scenario.users[name],
            child=child,
            reason=REASON,
            expires_at=timezone.now() + datetime.timedelta(hours=4),
        )
    assert count() == one


def test_the_404_page_offers_the_way_in_to_casework_staff_and_is_the_same_for_a_missing_and_a_hidden_record(
    scenario,
):
    client = _client(scenario.users["other_social_worker"])
    hidden_path = f"/children/{scenario.children['restricted'].pk}/"
    hidden, missing = client.get(hidden_path), client.get("/children/999999/")
    assert hidden.status_code == missing.status_code == 404
    # The same page, but for the address itself (the timeout warning's form returns to it).
    assert _without_tokens(hidden.content.decode()).replace(hidden_path, "PATH") == _without_tokens(
        missing.content.decode()
    ).replace("/children/999999/", "PATH")
    assert OPEN in hidden.content.decode()
    analyst_page = _client(scenario.users["analyst"]).get("/children/999999/").content.decode()
    assert OPEN not in analyst_page


@pytest.mark.parametrize("username", STAFF_USERNAMES)
def test_the_children_list_links_to_the_opening_page_for_casework_staff(scenario, username):
    page = _client(scenario.users[username]).get("/children/").content.decode()
    assert (OPEN in page) is (username in CASEWORK)


@given(identifier=st.text(max_size=40), reason=st.text(max_size=600))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_input_is_answered_without_error_and_never_opens_a_restricted_record(
    scenario, identifier, reason
):
    client = _client(scenario.users["other_social_worker"])
    for typed in (identifier, f"{scenario.children['restricted'].child_identifier}{identifier[:1]}"):
        response = client.post(OPEN, {"child_identifier": typed, "reason": reason, "understood": "on"})
        assert response.status_code in (200, 302)
    assert not AccessGrant.objects.filter(
        child=scenario.children["restricted"], kind=GrantKind.EMERGENCY
    ).exists()
