"""Reads for separation of duties: accounts waiting for a person's confirmation, the account
changes a person may read, and the people refused records most often."""

import datetime

from django.db.models import Count, F, Max, Q, QuerySet, Sum, Value
from django.db.models.functions import Concat
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role, User
from steadfast.audit.models import AuditEvent, RefusedRequest

from .services import ACCOUNT_CHANGE_KINDS

# How far back the list of refused requests looks.
REFUSALS_DAYS = 7


def awaiting_confirmation_by(user: User) -> QuerySet[User]:
    """The accounts `user` may confirm now (see `access.may_confirm`), the longest waiting
    first."""
    if not access.can_confirm_accounts(user):
        return User.objects.none()
    waiting = (
        User.objects.filter(is_active=True, confirmed_at__isnull=True, confirmation_refused_at__isnull=True)
        .exclude(pk=user.pk)
        .exclude(confirmation_asked_by=user)
    )
    usable_manager = (
        Q(team__manager__isnull=False)
        & ~Q(team__manager=F("pk"))
        & Q(team__manager__is_active=True)
        & Q(team__manager__activated_at__isnull=False)
        & Q(team__manager__confirmed_at__isnull=False)
        & Q(team__manager__role__in=access.MANAGER_ROLES)
    )
    if user.role == Role.SECURITY_OFFICER:
        waiting = waiting.exclude(usable_manager)
    else:
        waiting = waiting.filter(team__manager=user).filter(usable_manager)
    return waiting.select_related("team", "confirmation_asked_by").order_by("confirmation_asked_at", "pk")


def _about_watched(user: User) -> Q:
    people = access.watched_people(user)
    if people is None:
        return Q()
    return Q(object_type=User._meta.label, object_id__in=[str(pk) for pk in people])


def account_changes_for(user: User, *, person: User | None = None, kind: str = "") -> QuerySet[AuditEvent]:
    """The account and team changes `user` may read, the latest first: for a manager, changes
    to the accounts of the people in their line; for a security officer, every one. `person`
    narrows them to changes to that person's account or made by them; `kind` to one kind."""
    if not access.can_watch_accounts(user):
        return AuditEvent.objects.none()
    changes = AuditEvent.objects.filter(_about_watched(user), event_type__in=ACCOUNT_CHANGE_KINDS)
    if person is not None:
        changes = changes.filter(Q(object_type=User._meta.label, object_id=str(person.pk)) | Q(actor=person))
    if kind:
        changes = changes.filter(event_type=kind)
    return changes.select_related("actor").order_by("-occurred_at", "-id")


def people_for_account_filter(user: User) -> QuerySet[User]:
    people = access.watched_people(user)
    everyone = User.objects.all() if people is None else User.objects.filter(pk__in=people)
    return everyone.order_by("last_name", "first_name", "username")


def _refusals_seen_by(user: User, now: datetime.datetime) -> QuerySet[RefusedRequest]:
    if not access.can_watch_accounts(user):
        return RefusedRequest.objects.none()
    since = now - datetime.timedelta(days=REFUSALS_DAYS)
    refusals = RefusedRequest.objects.filter(last_at__gte=since)
    people = access.watched_people(user)
    if people is not None:
        refusals = refusals.filter(actor__in=people)
    return refusals


def most_refused(user: User, *, now: datetime.datetime | None = None) -> QuerySet:
    """The people refused records most often in the last REFUSALS_DAYS days, as `user` may
    read them: one row each, with their attempts, how many records, and when last."""
    return (
        _refusals_seen_by(user, now or timezone.now())
        .values("actor", "actor__first_name", "actor__last_name", "actor__username", "actor__role")
        .annotate(
            attempts=Sum("attempts"),
            records=Count(Concat("record_type", Value(":"), "record_id"), distinct=True),
            last_at=Max("last_at"),
        )
        .order_by("-attempts", "-last_at", "actor")
    )


def refusals_of(
    user: User, person: User, *, now: datetime.datetime | None = None
) -> QuerySet[RefusedRequest]:
    """One person's refused requests in the last REFUSALS_DAYS days, the latest first: one row
    per record and hour."""
    return _refusals_seen_by(user, now or timezone.now()).filter(actor=person).order_by("-last_at", "-id")


def watched_person_or_none(user: User, pk: object) -> User | None:
    """A person whose account changes and refusals `user` may read, or None."""
    people = access.watched_people(user)
    found = User.objects.filter(pk=pk)
    if people is not None:
        found = found.filter(pk__in=people)
    return found.first()
