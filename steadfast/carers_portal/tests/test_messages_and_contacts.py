"""What the carer was told, listed in their portal for them alone, and the numbers to call that
an administrator sets, on the portal's help pages."""

import datetime
import html

import pytest
from django.conf import settings
from django.utils import timezone

from steadfast.accounts.models import HouseholdAllocation, Role
from steadfast.carer_messages import notifications
from steadfast.carer_messages.models import PHONE_NUMBER_INVALID, CarerMessage, PortalContacts
from steadfast.support_requests import services as help_services
from tests.factories import HouseholdMemberFactory, UserFactory
from tests.queries import queries_for
from tests.scenario import STAFF_USERNAMES

pytestmark = pytest.mark.django_db

DUTY_LINE = "01632 960 001"
OUT_OF_HOURS = "01632 960 999"


def _tell(carer, subject: str, *, link: str = "/portal/") -> CarerMessage:
    notifications.tell_carers(
        [carer], subject=subject, body=f"{subject}, in full.", link=link, about="a test"
    )
    return CarerMessage.objects.filter(carer=carer).first()


def _another_carer(scenario):
    other = UserFactory(username="other_carer", role=Role.FOSTER_CARER, team=None)
    HouseholdMemberFactory(household=scenario.households["other"], user=other)
    return other


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_carer_reads_what_they_were_told_newest_first_with_a_link_to_each_page(client, scenario):
    carer = scenario.users["foster_carer"]
    older = _tell(carer, "The older message", link="/portal/help/")
    CarerMessage.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    _tell(carer, "The newer message", link="/portal/logs/")
    client.force_login(carer)
    page = _page(client, "/portal/messages/")
    assert page.index("The newer message") < page.index("The older message")
    assert "The older message, in full." in page
    assert 'href="/portal/help/">The older message</a>' in page


def test_the_carer_sees_only_their_own_messages(client, scenario):
    other = _another_carer(scenario)
    _tell(scenario.users["foster_carer"], "For the Own household's carer")
    _tell(other, "For the other carer")
    client.force_login(other)
    page = _page(client, "/portal/messages/")
    assert "For the other carer" in page
    assert "For the Own household's carer" not in page
    assert "For the Own household's carer" not in _page(client, "/portal/")


@pytest.mark.parametrize("role", STAFF_USERNAMES)
def test_the_messages_page_answers_404_to_staff(client, scenario, role):
    _tell(scenario.users["foster_carer"], "Something")
    client.force_login(scenario.users[role])
    assert client.get("/portal/messages/").status_code == 404


def test_the_messages_are_paginated(client, scenario):
    carer = scenario.users["foster_carer"]
    for n in range(settings.PAGE_SIZE + 1):
        _tell(carer, f"Message number {n:02d}")
    client.force_login(carer)
    first = _page(client, "/portal/messages/")
    assert f"Message number {settings.PAGE_SIZE:02d}" in first and "Message number 00" not in first
    assert 'href="?page=2"' in first
    assert "Message number 00" in _page(client, "/portal/messages/?page=2")


def test_the_messages_page_costs_the_same_queries_however_many_messages(client, scenario):
    carer = scenario.users["foster_carer"]
    _tell(carer, "The first")
    client.force_login(carer)
    one = queries_for(client, "/portal/messages/")
    for n in range(5):
        _tell(carer, f"Another {n}")
    assert queries_for(client, "/portal/messages/") == one


def test_the_portal_home_links_to_the_messages_and_shows_the_latest(client, scenario):
    carer = scenario.users["foster_carer"]
    client.force_login(carer)
    page = _page(client, "/portal/")
    assert 'href="/portal/messages/"' in page and "We have not told you anything here yet." in page
    _tell(carer, "Your request for help has been answered", link="/portal/help/")
    assert 'href="/portal/help/">Your request for help has been answered</a>' in _page(client, "/portal/")


# The numbers to call -----------------------------------------------------------------------


def _numbers(**extra) -> PortalContacts:
    return PortalContacts.objects.create(
        duty_line=DUTY_LINE,
        duty_line_hours="Monday to Friday, 9am to 5pm",
        out_of_hours=OUT_OF_HOURS,
        **extra,
    )


def _help_paths(scenario) -> list[str]:
    request = help_services.ask_for_help(
        actor=scenario.users["foster_carer"],
        household=scenario.households["own"],
        child=None,
        kind="advice",
        urgency="soon",
        what_is_needed="Advice on bedtimes.",
    )
    return ["/portal/help/", "/portal/help/ask/", f"/portal/help/{request.pk}/", "/portal/contacts/"]


def test_the_help_pages_give_the_numbers_the_administrator_set_and_the_workers_name(client, scenario):
    _numbers()
    client.force_login(scenario.users["foster_carer"])
    ssw = scenario.users["supervising_social_worker"].get_full_name()
    for path in _help_paths(scenario):
        page = _page(client, path)
        assert f'href="tel:01632960001">{DUTY_LINE}</a>' in page, path
        assert f'href="tel:01632960999">{OUT_OF_HOURS}</a>' in page, path
        assert "999" in page, path
        if path != "/portal/help/ask/":
            assert ssw in page, path
    assert DUTY_LINE in _page(client, "/portal/")


def test_the_newest_numbers_are_in_force(client, scenario):
    old = _numbers()
    PortalContacts.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    PortalContacts.objects.create(
        duty_line="01632 960 555", duty_line_hours="Every day", out_of_hours="0800 1"
    )
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/contacts/")
    assert "01632 960 555" in page and DUTY_LINE not in page


def test_without_numbers_the_help_pages_say_to_ask_for_them(client, scenario):
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/contacts/")
    assert "Not set up here yet: ask your supervising social worker for it." in page
    assert 'href="tel:999"' in page


def test_asking_for_help_says_truthfully_who_sees_it_and_when(client, scenario):
    _numbers()
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/help/ask/")
    assert "straight away" not in page
    assert "emailed when you send this, and it appears in their work list" in page
    assert "When they read it depends on when they are next working." in page
    assert "If it cannot wait, call the fostering duty line on" in page


def test_an_administrator_sets_the_numbers_and_a_wrong_one_is_refused_with_a_clear_message(client, scenario):
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, team=None)
    client.force_login(admin)
    form = {"duty_line": "not a number", "duty_line_hours": "Monday to Friday", "out_of_hours": OUT_OF_HOURS}
    response = client.post("/admin/carer_messages/portalcontacts/add/", form)
    assert response.status_code == 200 and PHONE_NUMBER_INVALID in html.unescape(response.content.decode())
    assert not PortalContacts.objects.exists()
    response = client.post("/admin/carer_messages/portalcontacts/add/", form | {"duty_line": DUTY_LINE})
    assert response.status_code == 302
    saved = PortalContacts.objects.get()
    assert (saved.duty_line, saved.created_by, saved.updated_by) == (DUTY_LINE, admin, admin)


@pytest.mark.parametrize("role", ["team_manager", "supervising_social_worker"])
def test_only_an_administrator_sets_the_numbers(client, scenario, role):
    user = scenario.users[role]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    assert client.get("/admin/carer_messages/portalcontacts/add/").status_code in (302, 403, 404)


def test_without_a_supervising_social_worker_asking_for_help_says_no_one_is_emailed(client, scenario):
    HouseholdAllocation.objects.filter(household=scenario.households["own"]).delete()
    client.force_login(scenario.users["foster_carer"])
    page = _page(client, "/portal/help/ask/")
    assert "Your supervising social worker is emailed" not in page
    assert "so no one is emailed when you send this. Call the fostering duty line" in page
