"""Reads of the reminder ledger: always a person's own reminders, and only the names of the
children and households they may still see."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from steadfast.accounts import access
from steadfast.accounts.models import User

from .models import Reminder

NO_LONGER_A_CHILD = "a child you no longer work with"
NO_LONGER_A_HOUSEHOLD = "a household you no longer work with"


def reminders_for(user: User) -> QuerySet[Reminder]:
    """The user's reminders and escalations not dismissed, newest first."""
    return Reminder.objects.filter(recipient=user, dismissed_at__isnull=True).select_related("owner")


def unread_reminder_count(user: User) -> int:
    return reminders_for(user).filter(read_at__isnull=True).count()


def get_reminder_for_user_or_404(user: User, pk: object) -> Reminder:
    """The user's own reminder; anyone else's answers 404, as one that does not exist, and is
    traced as a refused request."""
    try:
        return Reminder.objects.get(pk=pk, recipient=user)
    except Reminder.DoesNotExist:
        access.refused(user, Reminder.objects.all(), "reminder", pk)
        raise Http404("No such reminder") from None
    except (ValueError, TypeError):
        raise Http404("No such reminder") from None


@dataclass(frozen=True)
class ListedReminder:
    reminder: Reminder
    about: str  # whom the work is about, in the words the user may see
    can_open: bool  # whether the place to act is one the user may still open


def listed(user: User, reminders: list[Reminder]) -> list[ListedReminder]:
    """Each reminder with the child or household it is about, named only if the user may still
    see them; otherwise in neutral words, and without the link that would answer 404."""
    child_ids = {r.child_id for r in reminders if r.child_id is not None}
    household_ids = {r.household_id for r in reminders if r.household_id is not None}
    children = (
        {c.pk: c.display_name for c in access.children_visible_to(user).filter(pk__in=child_ids)}
        if child_ids
        else {}
    )
    households = (
        dict(access.households_visible_to(user).filter(pk__in=household_ids).values_list("pk", "name"))
        if household_ids
        else {}
    )
    rows = []
    for reminder in reminders:
        if reminder.child_id is not None:
            about = children.get(reminder.child_id, NO_LONGER_A_CHILD)
            can_open = reminder.child_id in children
        elif reminder.household_id is not None:
            about = households.get(reminder.household_id, NO_LONGER_A_HOUSEHOLD)
            can_open = reminder.household_id in households
        else:
            about, can_open = "", True
        rows.append(ListedReminder(reminder, about, can_open))
    return rows
