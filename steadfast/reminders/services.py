"""The sweep that raises reminders and escalations, the digest emails, and a person reading or
dismissing their own reminders.

The sweep is safe to run again and to run twice at once: a reminder is one row per (recipient,
work, stage), held so by a unique constraint, and a sweep raises only the rows it inserts
itself. Emails go in a daily digest; each row is marked as emailed, inside a transaction that
locks it, before the email is sent, so no reminder is ever emailed twice."""

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from steadfast.accounts.models import Role, User
from steadfast.accounts.selectors import manager_of
from steadfast.my_work.work import WorkItem, all_open_work
from steadfast.support_requests.services import escalate_late_support_requests

from . import notifications, rules
from .models import Reminder, ReminderKind, ReminderStage, ScheduledRun

# How many keys go into one query when looking up which reminders exist already.
KEYS_PER_QUERY = 500
# How long the record of a queued slot, and a finished sweep's result, are kept.
KEEP_SCHEDULE_RECORDS_FOR = datetime.timedelta(days=30)
NOT_YOURS = "A reminder is read or dismissed only by the person it was raised for."


@dataclass(frozen=True)
class SweepOutcome:
    reminders: int
    escalations: int
    late_requests_escalated: int
    digests: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class _Candidate:
    recipient: User
    owner: User
    stage: str
    kind: str
    item: WorkItem


def _owners(items: list[WorkItem]) -> dict[int, User]:
    """The owners of the work, by id, with what `manager_of` reads already loaded."""
    owner_ids = {i.owner_id for i in items if i.owner_id is not None}
    return User.objects.filter(pk__in=owner_ids).select_related("team__manager", "line_manager").in_bulk()


def _candidates(items: list[WorkItem], *, today: datetime.date) -> list[_Candidate]:
    """Every reminder and escalation the work calls for today, whether raised before or not."""
    owners = _owners(items)
    escalate_after = settings.REMINDER_ESCALATION_WORKING_DAYS
    candidates = []
    for item in items:
        # Work nobody owns (a child with no social worker allocated) has no one to remind; team
        # oversight lists it for the managers.
        owner = owners.get(item.owner_id)
        if owner is None:
            continue
        # Foster carers are told what is theirs in their portal; reminders are for staff.
        if owner.is_active and owner.role != Role.FOSTER_CARER:
            stage = rules.reminder_stage(overdue=item.overdue)
            candidates.append(_Candidate(owner, owner, stage, ReminderKind.REMINDER, item))
        if rules.escalation_is_due(
            kind=item.kind, overdue=item.overdue, due=item.due, today=today, working_days=escalate_after
        ):
            manager = manager_of(owner)
            if manager is not None:
                candidates.append(
                    _Candidate(manager, owner, ReminderStage.ESCALATED, ReminderKind.ESCALATION, item)
                )
    return candidates


def _raised_already(candidates: list[_Candidate]) -> set[tuple[int, str, str]]:
    """(recipient, key, stage) of the candidates already in the ledger."""
    keys = sorted({c.item.key for c in candidates})
    recipients = {c.recipient.pk for c in candidates}
    found: set[tuple[int, str, str]] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        found.update(
            Reminder.objects.filter(
                key__in=keys[start : start + KEYS_PER_QUERY], recipient_id__in=recipients
            ).values_list("recipient_id", "key", "stage")
        )
    return found


def _raise(candidate: _Candidate) -> Reminder | None:
    """Insert the reminder, or nothing if another sweep inserted it since this one looked."""
    item = candidate.item
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                recipient=candidate.recipient,
                key=item.key,
                stage=candidate.stage,
                kind=candidate.kind,
                work_kind=item.kind,
                title=item.title,
                url=item.url,
                due=item.due,
                owner=candidate.owner,
                child_id=item.child_id,
                household_id=item.household_id,
            )
    except IntegrityError:
        return None


def raise_notice(
    *,
    recipient: User,
    key: str,
    work_kind: str,
    title: str,
    url: str,
    owner: User | None,
    now: datetime.datetime,
    child_id: int | None = None,
    household_id: int | None = None,
) -> Reminder:
    """Tell `recipient` in Steadfast, at once, of something that has happened rather than work
    falling due (an emergency opening of a record, say): a reminder row due today, in their list
    of reminders. The caller emails them itself, so the row is marked as emailed and the morning
    digest leaves it out. Raised once per (recipient, key)."""
    notice, _ = Reminder.objects.get_or_create(
        recipient=recipient,
        key=key,
        stage=ReminderStage.DUE,
        defaults={
            "kind": ReminderKind.REMINDER,
            "work_kind": work_kind,
            "title": title,
            "url": url,
            "due": timezone.localdate(now),
            "owner": owner,
            "child_id": child_id,
            "household_id": household_id,
            "emailed_at": now,
        },
    )
    return notice


def raise_reminders(*, work: Iterable[WorkItem], today: datetime.date) -> list[Reminder]:
    """Raise what the due work calls for and has not been raised: a reminder to the person whose
    work it is when it falls due and again when it becomes overdue, and an escalation to their
    manager once it has been overdue `REMINDER_ESCALATION_WORKING_DAYS` working days. Returns
    the reminders this call inserted; running it again inserts none."""
    candidates = _candidates(list(work), today=today)
    existing = _raised_already(candidates)
    raised = []
    for candidate in candidates:
        if (candidate.recipient.pk, candidate.item.key, candidate.stage) in existing:
            continue
        reminder = _raise(candidate)
        if reminder is not None:
            raised.append(reminder)
    return raised


def _unsent() -> QuerySet[Reminder]:
    return Reminder.objects.filter(emailed_at__isnull=True, read_at__isnull=True, dismissed_at__isnull=True)


@transaction.atomic
def _claim_unsent(recipient: User, *, now: datetime.datetime) -> list[Reminder]:
    """The recipient's reminders not yet emailed, read or dismissed, marked as emailed under a
    lock: a sweep running at the same moment skips them, or finds them marked."""
    claimed = list(_unsent().filter(recipient=recipient).select_for_update(skip_locked=True))
    Reminder.objects.filter(pk__in=[r.pk for r in claimed]).update(emailed_at=now)
    return claimed


def send_reminder_digests(*, now: datetime.datetime) -> int:
    """Email each person with an email address one digest of their reminders and escalations
    not yet emailed, read or dismissed. Returns how many digests were sent."""
    recipients = User.objects.filter(pk__in=_unsent().values("recipient_id"), is_active=True).exclude(
        email=""
    )
    sent = 0
    for recipient in recipients:
        claimed = _claim_unsent(recipient, now=now)
        if claimed:
            sent += notifications.send_digest(recipient, claimed)
    return sent


def sweep_reminders(*, today: datetime.date, send_digests: bool) -> SweepOutcome:
    """One sweep: escalate the late requests for help, then raise the reminders and escalations
    all the open work of the authority calls for, and, for the daily sweep, send the digests."""
    late = escalate_late_support_requests(today=today)
    raised = raise_reminders(work=all_open_work(today=today), today=today)
    escalations = sum(1 for r in raised if r.kind == ReminderKind.ESCALATION)
    return SweepOutcome(
        reminders=len(raised) - escalations,
        escalations=escalations,
        late_requests_escalated=len(late),
        digests=send_reminder_digests(now=timezone.now()) if send_digests else 0,
    )


def forget_old_runs(*, now: datetime.datetime) -> None:
    """Let go of the records of queued slots, and the results of finished sweeps, older than
    KEEP_SCHEDULE_RECORDS_FOR."""
    before = now - KEEP_SCHEDULE_RECORDS_FOR
    ScheduledRun.objects.filter(slot__lt=before).delete()
    DBTaskResult.objects.finished().filter(
        finished_at__lt=before, task_path__startswith="steadfast.reminders.tasks."
    ).delete()


def mark_reminder_read(*, actor: User, reminder: Reminder) -> Reminder:
    """The recipient has read the reminder. Only their own: the view finds it through them."""
    if reminder.recipient_id != actor.pk:
        raise PermissionError(NOT_YOURS)
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        reminder.save(update_fields=["read_at", "updated_at"])
    return reminder


def mark_all_reminders_read(*, actor: User) -> int:
    """The person has read every reminder on their list; how many were unread."""
    return Reminder.objects.filter(recipient=actor, dismissed_at__isnull=True, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now()
    )


def dismiss_reminder(*, actor: User, reminder: Reminder) -> Reminder:
    """The recipient takes the reminder off their list; it stays in the ledger, so it is not
    raised again."""
    if reminder.recipient_id != actor.pk:
        raise PermissionError(NOT_YOURS)
    now = timezone.now()
    reminder.read_at = reminder.read_at or now
    reminder.dismissed_at = reminder.dismissed_at or now
    reminder.save(update_fields=["read_at", "dismissed_at", "updated_at"])
    return reminder
