import pytest

from steadfast.accounts.models import User
from steadfast.carer_messages.models import CarerMessage
from steadfast.demo.carers_portal import DEMO_CONTACTS, seed_carers_portal_demo
from steadfast.demo.services import seed_demo_authority
from steadfast.households.models import Household
from steadfast.meetings.models import MeetingStatus
from steadfast.meetings.notifications import INVITATION_SUBJECT
from steadfast.meetings.selectors import meetings_for_carer

pytestmark = pytest.mark.django_db


def test_the_demo_carer_has_an_action_what_was_agreed_and_a_meeting_to_give_views_for(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo_authority(children=64, password="demo-password-for-tests")
    assert seed_carers_portal_demo() is None  # seeding gave the carer theirs, once only
    carer = User.objects.get(username="foster.carer")
    meetings = meetings_for_carer(carer, Household.objects.get(members__user=carer))
    agreed = meetings.get(status=MeetingStatus.AUTHORISED)
    upcoming = meetings.get(status=MeetingStatus.PLANNED)

    client.force_login(carer)
    page = client.get("/portal/").content.decode()
    assert "Keep a short diary of the evenings" in page
    assert f"/portal/meetings/{agreed.pk}/agreed/" in page
    assert f"/portal/meetings/{upcoming.pk}/views/" in page
    assert client.get(f"/portal/meetings/{agreed.pk}/agreed/").status_code == 200
    assert client.get(f"/portal/meetings/{upcoming.pk}/views/").status_code == 200
    help_page = client.get("/portal/help/ask/").content.decode()
    assert DEMO_CONTACTS["duty_line"] in help_page and DEMO_CONTACTS["out_of_hours"] in help_page
    messages = list(CarerMessage.objects.filter(carer=carer).order_by("created_at"))
    invitation = next(m for m in messages if m.subject == INVITATION_SUBJECT)
    assert invitation.created_at < agreed.scheduled_at  # told before the meeting, not after
