"""Reads of what the service has told foster carers, and whom they call."""

from dataclasses import dataclass

from django.db.models import QuerySet

from steadfast.accounts.models import User
from steadfast.accounts.selectors import current_supervising_social_worker_for
from steadfast.households.models import Household

from .models import CarerMessage, PortalContacts


def carers_of_household(household: Household | int | None) -> list[User]:
    """The household's members who sign in to the portal."""
    if household is None:
        return []
    household_id = getattr(household, "pk", household)
    return list(User.objects.filter(household_membership__household_id=household_id).order_by("pk"))


def supervising_social_worker_name(household: Household) -> str:
    allocation = current_supervising_social_worker_for(household)
    return str(allocation.worker) if allocation else ""


def messages_for_carer(carer: User) -> QuerySet[CarerMessage]:
    """What the service has told the carer, newest first: their own messages and no one else's."""
    return CarerMessage.objects.filter(carer=carer).order_by("-created_at", "-id")


@dataclass(frozen=True)
class ContactsForCarer:
    """Whom a carer calls, and on what number. A worker's account holds no telephone number, so
    the supervising social worker is reached through the duty line."""

    supervising_social_worker: str
    duty_line: str
    duty_line_hours: str
    out_of_hours: str


def contacts_for_carer(household: Household) -> ContactsForCarer:
    """The household's supervising social worker and the numbers the administrator set (the
    newest row); blank numbers when none are set."""
    numbers = PortalContacts.objects.first()
    return ContactsForCarer(
        supervising_social_worker=supervising_social_worker_name(household),
        duty_line=numbers.duty_line if numbers else "",
        duty_line_hours=numbers.duty_line_hours if numbers else "",
        out_of_hours=numbers.out_of_hours if numbers else "",
    )
