"""Reads for the service measures: the authority's records as the plain records the pure
measures take. Each is one query, whatever the number of rows, and applies no access policy:
the measures are counts over the whole authority (see docs/access-control.md#service-measures)."""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Exists, Max, OuterRef, Value
from django.utils import timezone

from steadfast.children.models import Child
from steadfast.concerns.models import StabilityConcern
from steadfast.meetings.models import Invitee, InviteeRole, MeetingStatus, StabilityMeeting, StabilityScore
from steadfast.placements.models import Placement
from steadfast.supervision.models import PlacementStabilityScale, SupervisionSession
from steadfast.voice.models import Influence, VoiceRecord

from .service_measures import STABILITY_MEETING_KINDS, ConcernRecord, MeetingRecord, PlacementRecord


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localdate(moment)


def placement_records(*, children: Iterable[int] | None = None) -> list[PlacementRecord]:
    """Every placement (or only those of `children`), with the child's date of birth."""
    placements = Placement.objects.all() if children is None else Placement.objects.filter(child__in=children)
    rows = placements.values_list(
        "pk",
        "child_id",
        "child__date_of_birth",
        "start_date",
        "end_date",
        "placement_type",
        "ending_planned",
        "household_id",
        "provider_id",
    ).order_by()
    return [
        PlacementRecord(
            id=pk,
            child_id=child_id,
            date_of_birth=born,
            start=start,
            end=end,
            kind=kind,
            ending_planned=planned,
            carer=("household", household_id) if household_id else ("provider", provider_id),
        )
        for pk, child_id, born, start, end, kind, planned, household_id, provider_id in rows
    ]


def concern_records() -> list[ConcernRecord]:
    """Every stability concern: whose, when raised and how urgent."""
    rows = StabilityConcern.objects.values_list("child_id", "raised_at", "urgency").order_by()
    return [
        ConcernRecord(child_id, timezone.localdate(raised_at), urgency)
        for child_id, raised_at, urgency in rows
    ]


def meeting_records() -> list[MeetingRecord]:
    """Every stability meeting, with whether the child's own views were recorded for it, and
    from its record of the child's voice, their own words, what changed and when they were told."""
    childs_views = Invitee.objects.filter(
        meeting=OuterRef("pk"), role=InviteeRole.CHILD, views_recorded_at__isnull=False
    )
    influence = Influence.objects.filter(record__meeting=OuterRef("pk"))
    rows = (
        StabilityMeeting.objects.annotate(
            childs_views=Exists(childs_views), influence_recorded=Exists(influence)
        )
        .values_list(
            "child_id",
            "kind",
            "status",
            "scheduled_at",
            "childs_views",
            "submitted_at",
            "authorised_at",
            "themes",
            "voice_record__own_words",
            "influence_recorded",
            "voice_record__fed_back_on",
        )
        .order_by()
    )
    return [
        MeetingRecord(
            child_id=child_id,
            kind=kind,
            status=status,
            on=timezone.localdate(scheduled_at),
            childs_views=views,
            sent_on=_local_day(submitted_at),
            authorised_on=_local_day(authorised_at),
            themes=tuple(themes or ()),
            own_words=bool(own_words),
            influence_recorded=influence_recorded,
            fed_back_on=fed_back_on,
        )
        for (
            child_id,
            kind,
            status,
            scheduled_at,
            views,
            submitted_at,
            authorised_at,
            themes,
            own_words,
            influence_recorded,
            fed_back_on,
        ) in rows
    ]


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def meeting_scores_since(
    first_day: datetime.date, *, today: datetime.date
) -> list[tuple[datetime.date, int, int]]:
    """The members' 0-10 scores at stability meetings held from `first_day` to today: each
    meeting's day, a score, and how many members gave it."""
    rows = (
        StabilityScore.objects.filter(
            meeting__scheduled_at__gte=_start_of(first_day), meeting__kind__in=STABILITY_MEETING_KINDS
        )
        .exclude(meeting__status=MeetingStatus.PLANNED)
        .values_list("meeting_id", "meeting__scheduled_at", "score")
        .annotate(times=Count("pk"))
        .order_by()
    )
    return [
        (day, score, times)
        for _, moment, score, times in rows
        if (day := timezone.localdate(moment)) <= today
    ]


def supervision_scales_since(
    first_day: datetime.date, *, today: datetime.date
) -> list[tuple[datetime.date, int, int]]:
    """The placement stability scales recorded in supervision from `first_day` to today, counted
    by the session's day and the score (a few thousand rows, however many scales)."""
    return list(
        PlacementStabilityScale.objects.filter(session__date__gte=first_day, session__date__lte=today)
        .values_list("session__date", "score")
        .annotate(times=Count("pk"))
        .order_by()
    )


# Every kind of record the measures read, each with the column that changes when it does.
_RECORDS = (
    Child,
    Placement,
    StabilityConcern,
    StabilityMeeting,
    Invitee,
    StabilityScore,
    SupervisionSession,
    PlacementStabilityScale,
    VoiceRecord,
    Influence,
)


def records_version() -> tuple:
    """Something that changes whenever a record the measures read is added, changed or removed:
    how many rows each table holds and when the latest was last changed (every change to a case
    record goes through a service, which sets `updated_at`). One query."""
    counts = [
        model.objects.order_by().values(table=Value(i)).annotate(rows=Count("pk"), last=Max("updated_at"))
        for i, model in enumerate(_RECORDS)
    ]
    rows = counts[0].union(*counts[1:], all=True).order_by()
    return tuple(sorted((row["table"], row["rows"], row["last"]) for row in rows))
