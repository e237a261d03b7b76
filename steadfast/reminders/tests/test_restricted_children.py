"""The sweep tells each owner of their own work, counting what they may see, as My work does: a
restricted child's carer logs never make a household's logs late for someone who may not see
the child."""

import pytest
from django.utils import timezone

from steadfast.reminders import services
from steadfast.reminders.models import Reminder
from steadfast.signals.tests.helpers import a_log

pytestmark = pytest.mark.django_db


def test_a_restricted_childs_unreviewed_logs_raise_no_reminder_for_those_who_may_not_see_them(scenario):
    rhea, home = scenario.children["restricted"], scenario.households["own"]
    a_log(rhea, home, days_ago=40)
    services.sweep_reminders(today=timezone.localdate(), send_digests=False)
    ssw = scenario.users["supervising_social_worker"]
    assert not Reminder.objects.filter(recipient=ssw, work_kind="logs_unreviewed").exists()


def test_the_childs_own_logs_still_raise_one(scenario):
    owen, home = scenario.children["own"], scenario.households["own"]
    a_log(owen, home, days_ago=40)
    services.sweep_reminders(today=timezone.localdate(), send_digests=False)
    ssw = scenario.users["supervising_social_worker"]
    assert Reminder.objects.filter(recipient=ssw, work_kind="logs_unreviewed").exists()
