"""What the README says each demo sign-in sees, checked against the default demo: the figures
are read from the README itself, so a change to the demo that the README does not follow, or
the other way round, fails here."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from steadfast.accounts.access import children_visible_to
from steadfast.accounts.models import User
from steadfast.carer_logs.models import CarerLog
from steadfast.carers_portal import selectors as portal
from steadfast.demo.rules import working_day_on_or_after
from steadfast.demo.services import seed_demo_authority
from steadfast.households.models import Household
from steadfast.support_requests.models import SupportRequest

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("readme-demo")]

DEFAULT_CHILDREN = 400  # "The figures are for the default demo of 400 children."
README = Path(settings.BASE_DIR) / "README.md"
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _row(username: str) -> str:
    """The README's line for `username` in the table of demo sign-ins."""
    return next(line for line in README.read_text().splitlines() if line.startswith(f"| `{username}` |"))


def _number(text: str, pattern: str) -> int:
    found = re.search(pattern, text)
    assert found, f"the README no longer says {pattern!r}"
    value = found.group(1).replace(",", "")
    return WORDS[value] if value in WORDS else int(value)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The default demo, seeded once for the module and rolled back after it."""
    assert f"default demo of {DEFAULT_CHILDREN} children" in README.read_text()
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo_authority(children=DEFAULT_CHILDREN, password="demo-password-for-tests")
        yield
        transaction.set_rollback(True)


def test_the_demo_carer_sees_what_the_readme_says(client, demo):
    row = _row("foster.carer")
    carer = User.objects.get(username="foster.carer")
    household = Household.objects.get(members__user=carer)
    today = timezone.localdate()

    children = portal.children_placed_with_carer(carer, household)
    assert children.count() == _number(row, r"the (\w+) children living there now")
    actions = portal.carer_actions(carer, household)
    assert actions.count() == _number(row, r"(\w+) action of theirs from an authorised stability meeting")
    invitations = list(portal.carer_invitations(carer, household))
    assert "an invitation to a meeting a week after the demo is seeded" in row
    # A week on, or the first working day after that.
    assert [timezone.localdate(i.meeting.scheduled_at) for i in invitations] == [
        working_day_on_or_after(today + datetime.timedelta(days=7))
    ]
    logs = CarerLog.objects.filter(household=household)
    assert logs.count() == _number(row, r"their (\d+) logs of the last ten weeks")
    assert logs.filter(reviewed_at__isnull=False).count() == _number(row, r"(\d+) of them read")
    requests = SupportRequest.objects.filter(household=household)
    assert requests.count() == _number(row, r"(\d+) requests for help, in every state")

    client.force_login(carer)
    page = client.get("/portal/").content.decode()
    assert actions.first().what in page
    assert f"/portal/meetings/{invitations[0].meeting_id}/views/" in page


@pytest.mark.parametrize(
    ("username", "pattern"),
    [
        ("social.worker", r"\((\d+) in all\)"),
        ("other.social.worker", r"the South team's (\d+) children"),
        ("team.manager", r"The North team's (\d+) children"),
        ("iro", r"in the demo (\d+) children"),
    ],
)
def test_each_sign_in_sees_as_many_children_as_the_readme_says(demo, username, pattern):
    user = User.objects.get(username=username)
    assert children_visible_to(user).count() == _number(_row(username), pattern)
