"""Reads about restricted records' reviews, already narrowed to what the user may see."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.households.models import Household

from .models import RestrictionReview
from .rules import NOT_YET_DUE, ReviewSchedule, review_schedule


def reviews_of(
    *, child: Child | None = None, household: Household | None = None
) -> QuerySet[RestrictionReview]:
    """The record's reviews, latest first, with who made them."""
    return RestrictionReview.objects.filter(child=child, household=household).select_related("created_by")


def _with_review_dates(records: QuerySet, field: str) -> QuerySet:
    """Each record with the day of its latest review and the first moment its history holds it
    as restricted. Restricted records are few, so a subquery each costs little."""
    history = records.model.history.model
    return records.annotate(
        last_reviewed_at=Subquery(
            RestrictionReview.objects.filter(**{field: OuterRef("pk")})
            .order_by("-reviewed_at")
            .values("reviewed_at")[:1]
        ),
        restricted_since=Subquery(
            history.objects.filter(id=OuterRef("pk"), restricted=True)
            .order_by("history_date")
            .values("history_date")[:1]
        ),
    )


def schedule_for(record: Child | Household, *, today: datetime.date) -> ReviewSchedule:
    """When the restricted record was last reviewed and when its next review is due."""
    field = "child" if isinstance(record, Child) else "household"
    annotated = _with_review_dates(type(record).objects.filter(pk=record.pk), field).values(
        "last_reviewed_at", "restricted_since", "created_at"
    )[0]
    return _schedule(annotated, today=today)


def _as_date(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else moment.date()


def _schedule(row: dict, *, today: datetime.date) -> ReviewSchedule:
    return review_schedule(
        last_reviewed=_as_date(row["last_reviewed_at"]),
        restricted_since=_as_date(row["restricted_since"]) or _as_date(row["created_at"]) or today,
        today=today,
        every_days=settings.RESTRICTED_RECORD_REVIEW_DAYS,
        warn_days=settings.RESTRICTED_RECORD_REVIEW_WARNING_DAYS,
    )


@dataclass(frozen=True)
class RestrictedRecord:
    kind: str  # "child" or "household"
    pk: int
    name: str
    schedule: ReviewSchedule


def restricted_records_for_review(
    user: User, *, today: datetime.date, due_only: bool = True
) -> list[RestrictedRecord]:
    """The restricted children and households the user may review (a manager granted them by
    name), with their schedules, overdue first; with `due_only`, only those due or overdue.
    Nothing is said about restricted records the user may not see. Two queries."""
    found: list[RestrictedRecord] = []
    children = _with_review_dates(access.restricted_children_reviewable_by(user), "child")
    households = _with_review_dates(access.restricted_households_reviewable_by(user), "household")
    for child in children:
        schedule = _schedule(vars(child), today=today)
        found.append(RestrictedRecord("child", child.pk, child.display_name, schedule))
    for household in households:
        schedule = _schedule(vars(household), today=today)
        found.append(RestrictedRecord("household", household.pk, household.name, schedule))
    if due_only:
        found = [r for r in found if r.schedule.state != NOT_YET_DUE]
    return sorted(found, key=lambda r: (r.schedule.next_due, r.kind, r.name))
