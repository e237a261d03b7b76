"""The sweep: what it raises, for whom, once; the digest emails it sends, once; and the late
requests for help it escalates."""

import datetime
from dataclasses import replace

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from steadfast.accounts.models import Role
from steadfast.core.working_days import add_working_days
from steadfast.reminders import notifications, services
from steadfast.reminders.models import Reminder
from steadfast.support_requests.models import SupportRequest, SupportRequestStatus
from steadfast.support_requests.tests.helpers import a_request
from tests.factories import UserFactory

from .helpers import a_supervision, a_visit, give_everyone_an_email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails(scenario):
    give_everyone_an_email(scenario)


def _today() -> datetime.date:
    return timezone.localdate()


def _ledger() -> list[tuple[str, str, str]]:
    return sorted(Reminder.objects.values_list("recipient__username", "stage", "kind"))


def test_work_falling_due_raises_one_reminder_to_its_owner(scenario):
    raised = services.raise_reminders(work=[a_visit(scenario, overdue=False)], today=_today())
    assert [(r.recipient, r.stage, r.kind, r.title) for r in raised] == [
        (scenario.users["social_worker"], "due", "reminder", "Statutory visit due")
    ]
    reminder = raised[0]
    owen = scenario.children["own"]
    assert (reminder.child_id, reminder.household_id, reminder.url) == (
        owen.pk,
        None,
        f"/children/{owen.pk}/",
    )
    assert reminder.owner == scenario.users["social_worker"] and reminder.read_at is None


def test_raising_again_raises_nothing(scenario):
    work = [a_visit(scenario), a_supervision(scenario, due=_today())]
    assert len(services.raise_reminders(work=work, today=_today())) == 2
    assert services.raise_reminders(work=work, today=_today()) == []
    assert Reminder.objects.count() == 2


def test_work_becoming_overdue_raises_a_second_reminder(scenario):
    due = _today() - datetime.timedelta(days=1)
    services.raise_reminders(work=[a_visit(scenario, due=due, overdue=False)], today=due)
    services.raise_reminders(work=[a_visit(scenario, due=due, overdue=True)], today=_today())
    assert _ledger() == [("social_worker", "due", "reminder"), ("social_worker", "overdue", "reminder")]


def test_overdue_work_goes_to_the_owners_team_manager_after_five_working_days(scenario):
    due = datetime.date(2026, 11, 2)
    visit = a_visit(scenario, due=due)
    services.raise_reminders(work=[visit], today=add_working_days(due, 4))
    assert _ledger() == [("social_worker", "overdue", "reminder")]
    raised = services.raise_reminders(work=[visit], today=add_working_days(due, 5))
    assert [(r.recipient.username, r.stage, r.kind, r.owner.username) for r in raised] == [
        ("team_manager", "escalated", "escalation", "social_worker")
    ]
    assert services.raise_reminders(work=[visit], today=add_working_days(due, 9)) == []


def test_the_working_days_before_escalating_are_a_setting(scenario, settings):
    settings.REMINDER_ESCALATION_WORKING_DAYS = 2
    due = datetime.date(2026, 11, 2)
    services.raise_reminders(work=[a_visit(scenario, due=due)], today=add_working_days(due, 2))
    assert ("team_manager", "escalated", "escalation") in _ledger()


def test_without_a_team_manager_the_escalation_goes_to_the_line_manager(scenario):
    worker = UserFactory(team=None, line_manager=scenario.users["other_team_manager"])
    due = datetime.date(2026, 11, 2)
    services.raise_reminders(work=[a_visit(scenario, due=due, owner=worker)], today=add_working_days(due, 5))
    assert ("other_team_manager", "escalated", "escalation") in _ledger()


def test_with_no_manager_there_is_no_one_to_escalate_to(scenario):
    # The other supervising social worker's team has no manager, and they have no line manager.
    due = datetime.date(2026, 11, 2)
    visit = a_visit(scenario, due=due, owner=scenario.users["other_supervising_social_worker"])
    services.raise_reminders(work=[visit], today=add_working_days(due, 20))
    assert _ledger() == [("other_supervising_social_worker", "overdue", "reminder")]


def test_a_late_request_for_help_is_not_escalated_a_second_time_by_the_reminders(scenario):
    due = datetime.date(2026, 11, 2)
    late = replace(a_supervision(scenario, due=due), kind="request_late", title="Request for help late")
    services.raise_reminders(work=[late], today=add_working_days(due, 20))
    assert _ledger() == [("supervising_social_worker", "overdue", "reminder")]


def test_work_nobody_owns_has_no_one_to_remind(scenario):
    unowned = replace(a_visit(scenario, due=datetime.date(2026, 11, 2)), owner_id=None, team_id=None)
    services.raise_reminders(work=[unowned], today=datetime.date(2026, 12, 1))
    assert _ledger() == []


def test_a_foster_carer_is_not_sent_reminders(scenario):
    carer = scenario.users["foster_carer"]
    assert carer.role == Role.FOSTER_CARER
    services.raise_reminders(work=[a_visit(scenario, owner=carer)], today=_today())
    assert _ledger() == []


def test_work_of_someone_whose_account_is_off_still_escalates_to_their_manager(scenario):
    worker = scenario.users["social_worker"]
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    due = datetime.date(2026, 11, 2)
    services.raise_reminders(work=[a_visit(scenario, due=due)], today=add_working_days(due, 5))
    assert _ledger() == [("team_manager", "escalated", "escalation")]


def test_the_database_holds_one_reminder_per_recipient_work_and_stage(scenario):
    (reminder,) = services.raise_reminders(work=[a_visit(scenario)], today=_today())
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            recipient=reminder.recipient,
            key=reminder.key,
            stage=reminder.stage,
            kind=reminder.kind,
            work_kind=reminder.work_kind,
            title=reminder.title,
            url=reminder.url,
            due=reminder.due,
        )


def test_a_sweep_that_loses_the_race_to_another_raises_nothing_and_carries_on(scenario, monkeypatch):
    """Two sweeps at once both find the supervision reminder missing; the other inserts it first."""
    visit, supervision = a_visit(scenario), a_supervision(scenario, due=_today())
    (first,) = services.raise_reminders(work=[supervision], today=_today())
    monkeypatch.setattr(services, "_raised_already", lambda candidates: set())
    raised = services.raise_reminders(work=[supervision, visit], today=_today())
    assert [r.recipient.username for r in raised] == ["social_worker"]  # the visit's, not the supervision's
    assert Reminder.objects.filter(key=supervision.key).get() == first
    assert Reminder.objects.count() == 2


# The sweep and its digests --------------------------------------------------------------------


def _sweep(*, digests=True) -> services.SweepOutcome:
    return services.sweep_reminders(today=_today(), send_digests=digests)


# The test authority (tests/scenario.py) has nine pieces of work, all long overdue: three
# children's statutory visits, and three households' supervision and unannounced visits.
# The supervising social worker of the other household has no manager to escalate to.
SCENARIO_DIGESTS = [
    "fostering_team_manager@example.invalid",
    "other_social_worker@example.invalid",
    "other_supervising_social_worker@example.invalid",
    "other_team_manager@example.invalid",
    "social_worker@example.invalid",
    "supervising_social_worker@example.invalid",
    "team_manager@example.invalid",
]


def test_the_daily_sweep_emails_each_person_one_digest_and_running_it_again_emails_nothing(scenario):
    mail.outbox.clear()
    first = _sweep()
    assert first == services.SweepOutcome(reminders=9, escalations=7, late_requests_escalated=0, digests=7)
    assert sorted(m.to[0] for m in mail.outbox) == SCENARIO_DIGESTS
    again = _sweep()
    assert again == services.SweepOutcome(reminders=0, escalations=0, late_requests_escalated=0, digests=0)
    assert len(mail.outbox) == 7 and Reminder.objects.count() == 16


def test_the_sweep_reminds_each_owner_of_their_own_work(scenario):
    _sweep(digests=False)
    owen, rhea = scenario.children["own"], scenario.children["restricted"]
    reminders = Reminder.objects.filter(recipient=scenario.users["social_worker"])
    assert sorted((r.title, r.child_id, r.url, r.stage) for r in reminders) == sorted(
        ("Statutory visit overdue", child.pk, f"/children/{child.pk}/visits/record/", "overdue")
        for child in (owen, rhea)
    )


def test_the_frequent_sweep_raises_reminders_and_the_daily_one_emails_them(scenario):
    mail.outbox.clear()
    assert _sweep(digests=False).reminders == 9
    assert mail.outbox == []
    assert _sweep().digests == 7
    assert _sweep().digests == 0
    assert len(mail.outbox) == 7
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()


def test_the_digest_says_what_kind_of_work_when_it_was_due_and_where_and_names_no_one(scenario, settings):
    settings.SITE_URL = "https://steadfast.example.invalid"
    owen, home = scenario.children["own"], scenario.households["own"]
    due = datetime.date(2026, 11, 2)
    today = add_working_days(due, 5)
    services.raise_reminders(work=[a_supervision(scenario, due=today, overdue=False)], today=today)
    services.raise_reminders(
        work=[a_visit(scenario, due=due, owner=scenario.users["team_manager"])], today=today
    )
    services.raise_reminders(work=[a_visit(scenario, due=datetime.date(2026, 10, 26))], today=today)
    mail.outbox.clear()
    services.send_reminder_digests(now=timezone.now())
    by_recipient = {m.to[0]: m for m in mail.outbox}
    digest = by_recipient["team_manager@example.invalid"]
    assert digest.subject == "Work due or overdue in Steadfast"
    assert digest.body == (
        "Due or overdue for you:\n"
        f"- Statutory visit overdue, due 2 November 2026: https://steadfast.example.invalid/children/{owen.pk}/\n"
        "\n"
        "Overdue for 5 working days or more, in the work of people you manage:\n"
        f"- Statutory visit overdue, due 26 October 2026: https://steadfast.example.invalid/children/{owen.pk}/\n"
        "\n"
        "See all your reminders: https://steadfast.example.invalid/reminders/\n"
        "\n"
        "This email names no one. Sign in to Steadfast to see whom each piece of work is about.\n"
    )
    assert by_recipient["supervising_social_worker@example.invalid"].body.startswith(
        "Due or overdue for you:\n"
        f"- Supervision due, due 9 November 2026: https://steadfast.example.invalid/households/{home.pk}/\n\n"
        "See all your reminders"
    )
    names = [owen.legal_first_name, owen.legal_last_name, owen.display_name, home.name, "Test Carer"]
    names += [u.get_full_name() for u in scenario.users.values()] + [
        u.last_name for u in scenario.users.values()
    ]
    for message in mail.outbox:
        for name in names:
            assert name not in message.subject and name not in message.body, (name, message.to)


def test_reminders_read_or_dismissed_before_the_digest_are_not_emailed(scenario):
    work = [a_visit(scenario), a_visit(scenario, due=_today() - datetime.timedelta(days=1))]
    read, dismissed = services.raise_reminders(work=work, today=_today())
    actor = scenario.users["social_worker"]
    services.mark_reminder_read(actor=actor, reminder=read)
    services.dismiss_reminder(actor=actor, reminder=dismissed)
    mail.outbox.clear()
    assert services.send_reminder_digests(now=timezone.now()) == 0
    assert mail.outbox == []


def test_someone_without_an_email_address_still_has_their_reminders_in_steadfast(scenario):
    worker = scenario.users["social_worker"]
    worker.email = ""
    worker.save(update_fields=["email"])
    mail.outbox.clear()
    assert _sweep().digests == 6
    assert "social_worker@example.invalid" not in [m.to[0] for m in mail.outbox]
    assert Reminder.objects.filter(recipient=worker).count() == 2


def test_a_mail_server_that_is_down_is_logged_and_the_digest_is_not_sent_again(scenario, monkeypatch, caplog):
    def refuse(messages, *, fail_silently):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("steadfast.core.mail.send_mass_mail", refuse)
    assert _sweep().digests == 0
    assert "Could not send the emails about reminders for user" in caplog.text
    # Emailed at most once: the next daily sweep does not send yesterday's again.
    monkeypatch.undo()
    mail.outbox.clear()
    assert _sweep().digests == 0 and mail.outbox == []


def test_a_sweep_emailing_at_the_same_moment_finds_the_reminders_already_claimed(scenario, monkeypatch):
    services.raise_reminders(work=[a_visit(scenario)], today=_today())
    worker = scenario.users["social_worker"]
    # The other sweep claims the reminder between this one listing recipients and claiming.
    real_claim = services._claim_unsent

    def claimed_by_the_other_sweep_first(recipient, *, now):
        real_claim(recipient, now=now)
        return real_claim(recipient, now=now)

    monkeypatch.setattr(services, "_claim_unsent", claimed_by_the_other_sweep_first)
    mail.outbox.clear()
    assert services.send_reminder_digests(now=timezone.now()) == 0
    assert mail.outbox == []
    assert Reminder.objects.get(recipient=worker).emailed_at is not None


def test_the_sweep_escalates_late_requests_for_help_once_and_reminds_the_manager(
    scenario, django_capture_on_commit_callbacks
):
    late = a_request(scenario)
    past = _today() - datetime.timedelta(days=3)
    SupportRequest.objects.filter(pk=late.pk).update(acknowledgement_due=past, response_due=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert _sweep(digests=False).late_requests_escalated == 1
    late.refresh_from_db()
    assert late.status == SupportRequestStatus.ESCALATED
    assert late.escalated_to == scenario.users["fostering_team_manager"]
    # Escalated before the work was read, so the manager's reminder comes in the same sweep.
    about_the_request = Reminder.objects.filter(url=f"/help/{late.pk}/")
    assert sorted(about_the_request.values_list("recipient__username", "title", "kind")) == [
        ("fostering_team_manager", "Request for help escalated", "reminder"),
        ("supervising_social_worker", "Request for help late", "reminder"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert _sweep(digests=False).late_requests_escalated == 0


def test_the_escalation_heading_counts_the_working_days_set(scenario, settings):
    settings.REMINDER_ESCALATION_WORKING_DAYS = 3
    due = datetime.date(2026, 11, 2)
    raised = services.raise_reminders(work=[a_visit(scenario, due=due)], today=add_working_days(due, 3))
    assert "Overdue for 3 working days or more" in notifications.digest_body(raised)


# Reading and dismissing -----------------------------------------------------------------------


def test_reading_and_dismissing_are_for_the_recipient_alone(scenario):
    (reminder,) = services.raise_reminders(work=[a_visit(scenario)], today=_today())
    for service in (services.mark_reminder_read, services.dismiss_reminder):
        with pytest.raises(PermissionError, match=services.NOT_YOURS):
            service(actor=scenario.users["team_colleague"], reminder=reminder)
    reminder.refresh_from_db()
    assert reminder.read_at is None and reminder.dismissed_at is None


def test_a_dismissed_reminder_is_read_and_stays_in_the_ledger_so_it_is_not_raised_again(scenario):
    visit = a_visit(scenario)
    (reminder,) = services.raise_reminders(work=[visit], today=_today())
    services.dismiss_reminder(actor=scenario.users["social_worker"], reminder=reminder)
    reminder.refresh_from_db()
    assert reminder.read_at is not None and reminder.dismissed_at is not None
    assert services.raise_reminders(work=[visit], today=_today()) == []
