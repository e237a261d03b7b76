"""Carers' logs: read as the household's and the child's records show them, with tone cues only
for those who read the household's logs as the fostering service; written as the carers and
their supervising social worker write them on the pages."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from steadfast.accounts import access
from steadfast.accounts.models import Role, Scope, User
from steadfast.carer_logs import services as log_services
from steadfast.carer_logs.models import CarerLog, CarerLogReply, LogCategory, SignificantEvent
from steadfast.carer_logs.tone import tone_cues
from steadfast.households.models import Household

from .auth import require
from .fields import Day, Id, text
from .paging import ChildRecordsQuery, Page, of_the_children, page_of
from .people import PersonOut, person
from .problems import PROBLEMS, Problem, not_found
from .reading import audit_read

router = Router(tags=["Carers' logs"])

MAY_NOT_WRITE = (
    "Only the household's carers, or its supervising social worker or fostering team manager, "
    "may write a log for this household."
)

CategoryCode = Literal[tuple(LogCategory.values)]
SignificantEventCode = Literal[tuple(value for value in SignificantEvent.values if value)]


class ReplyOut(Schema):
    id: int
    text: str
    written_by: PersonOut | None
    written_at: datetime.datetime


class ToneCueOut(Schema):
    phrase: str
    theme: str
    why: str
    start: int = Field(description="Where the phrase starts in what_happened (a character offset)")
    end: int = Field(description="Where the phrase ends in what_happened (a character offset)")


class CarerLogOut(Schema):
    id: int
    household_id: int
    child_id: int = Field(description="The child the log is about")
    written_by: PersonOut | None
    date: datetime.date
    category: str
    what_happened: str
    significant_event: str | None = Field(description="The significant event it records; null for none")
    reviewed_at: datetime.datetime | None
    reviewed_by: PersonOut | None
    review_comment: str | None = Field(
        description="The supervising social worker's comment; only for the fostering service, null otherwise"
    )
    replies: list[ReplyOut] = Field(description="What the fostering service wrote back to the carers")
    tone_cues: list[ToneCueOut] | None = Field(
        description=(
            "The phrases the tone cues picked out, each with its theme and why: only for those who "
            "read the household's logs as the fostering service, null otherwise. A prompt to "
            "look closer, never a score."
        )
    )
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class CarerLogFilters(ChildRecordsQuery):
    household_id: Id | None = Field(None, description="Only the logs of this household")


class CarerLogIn(Schema):
    household_id: Id
    child_id: Id = Field(description="A child living with the household on the log's date")
    date: Day
    category: CategoryCode
    what_happened: text(20000)
    significant_event: SignificantEventCode | None = Field(
        None, description="A significant event the log records, which tells the social workers at once"
    )


def _named(user: User) -> Q:
    """Logs about children the caller may name on a household's record they read as the fostering
    service (`access.children_named_on_household`): a restricted child's logs stay with those
    who may see the child."""
    return Q(child__restricted=False) | Q(child__in=access.children_visible_to(user).values("pk"))


def _carer_households(user: User) -> QuerySet[Household]:
    """A foster carer's own household, whose logs their portal shows; none for anyone else."""
    if user.role != Role.FOSTER_CARER:
        return Household.objects.none()
    return access.households_visible_to(user)


def _readable(user: User) -> QuerySet[CarerLog]:
    """Every log the caller may come to, as the pages select them: a household's logs for those
    who read its fostering record (`selectors.logs_of_household`), a carer's own household's
    (`selectors.logs_written_in_household`), and the logs about each child the caller may see
    (`selectors.logs_of_child`). Whether each may be read from the child's record is asked of
    each log by `_Reader.out` (`access.can_read_carer_logs_about_child`)."""
    of_households = CarerLog.objects.filter(
        _named(user),
        Q(household__in=access.households_with_fostering_access(user).values("pk"))
        | Q(household__in=_carer_households(user).values("pk")),
    ).values("pk")
    about_children = CarerLog.objects.filter(child__in=access.children_visible_to(user).values("pk")).values(
        "pk"
    )
    return CarerLog.objects.filter(pk__in=of_households.union(about_children)).select_related(
        "created_by", "reviewed_by", "child"
    )


def _with_replies(logs: QuerySet[CarerLog]) -> QuerySet[CarerLog]:
    return logs.prefetch_related(
        Prefetch(
            "replies",
            queryset=CarerLogReply.objects.select_related("created_by").order_by("created_at", "id"),
            to_attr="replies_in_order",
        )
    )


class _Reader:
    """How the caller reads logs: with tone cues and the review comment for the households in
    `with_cues` (those `access.can_see_tone_signal` allows), and otherwise only as the carers'
    portal or the child's record shows them."""

    def __init__(self, user: User, *, with_cues: set[int]) -> None:
        self.user = user
        self.with_cues = with_cues
        self.own = set(_carer_households(user).values_list("pk", flat=True))

    @classmethod
    def of_page(cls, user: User, logs: list[CarerLog]) -> "_Reader":
        """`access.can_see_tone_signal` for each of the page's households at once (the
        households among them the caller has fostering access to), in one query however many."""
        household_ids = sorted({log.household_id for log in logs})
        return cls(
            user,
            with_cues=set(
                access.households_with_fostering_access(user)
                .filter(pk__in=household_ids)
                .values_list("pk", flat=True)
            ),
        )

    def out(self, log: CarerLog) -> dict | None:
        """The log as the caller reads it; None when the caller reaches it only through a child
        whose logs they may not read from the child's record."""
        fostering = log.household_id in self.with_cues
        if not (
            fostering
            or log.household_id in self.own
            or access.can_read_carer_logs_about_child(self.user, log.child)
        ):
            return None
        return _out(log, fostering=fostering)


def _out(log: CarerLog, *, fostering: bool) -> dict:
    return {
        "id": log.pk,
        "household_id": log.household_id,
        "child_id": log.child_id,
        "written_by": person(log.created_by),
        "date": log.date,
        "category": log.category,
        "what_happened": log.what_happened,
        "significant_event": log.significant_event or None,
        "reviewed_at": log.reviewed_at,
        "reviewed_by": person(log.reviewed_by),
        "review_comment": log.review_comment if fostering else None,
        "replies": [
            {
                "id": reply.pk,
                "text": reply.text,
                "written_by": person(reply.created_by),
                "written_at": reply.created_at,
            }
            for reply in log.replies_in_order
        ],
        "tone_cues": (
            [
                {
                    "phrase": cue.phrase,
                    "theme": str(cue.theme),
                    "why": cue.why,
                    "start": cue.start,
                    "end": cue.end,
                }
                for cue in tone_cues(log.what_happened)
            ]
            if fostering
            else None
        ),
        "version": log.version,
        "created_at": log.created_at,
        "updated_at": log.updated_at,
    }


def _visible_log(user: User, log_id: int) -> dict:
    log = _with_replies(_readable(user).filter(pk=log_id)).first()
    item = None
    if log is not None:
        with_cues = {log.household_id} if access.can_see_tone_signal(user, log.household_id) else set()
        item = _Reader(user, with_cues=with_cues).out(log)
    if item is None:
        access.refused(user, CarerLog.objects.all(), "carer_log", log_id)
        raise not_found("carer log")
    return item


@router.get("", response={200: Page[CarerLogOut], **PROBLEMS}, summary="List carers' logs")
def carer_log_list(request: HttpRequest, filters: Query[CarerLogFilters]) -> dict:
    """The carers' logs the caller may read, in the order they last changed: a household's logs
    for its supervising social worker and fostering team, with their tone cues; the logs about
    a child for those who work with the child, without them. A log about a restricted child is
    listed only for those who may see the child."""
    require(request, Scope.READ)
    logs = _readable(request.user)
    if filters.household_id is not None:
        logs = logs.filter(household_id=filters.household_id)
    logs = of_the_children(logs, filters)
    page = page_of(_with_replies(logs), filters, lambda log: log)
    reader = _Reader.of_page(request.user, page["items"])
    # A log the caller may not read is left out of its page; the cursor still moves past it.
    page["items"] = [item for item in map(reader.out, page["items"]) if item is not None]
    audit_read(
        request,
        what="carer logs",
        child_ids=[item["child_id"] for item in page["items"]],
        household_ids=[item["household_id"] for item in page["items"]],
    )
    return page


@router.get("/{log_id}", response={200: CarerLogOut, **PROBLEMS}, summary="Read a carer's log")
def carer_log_detail(request: HttpRequest, log_id: Path[Id]) -> dict:
    """One log, with the replies to the carers; its tone cues and review comment only for the
    fostering service."""
    require(request, Scope.READ)
    item = _visible_log(request.user, log_id)
    audit_read(request, what="carer log", child_ids=[item["child_id"]], household_ids=[item["household_id"]])
    return item


def _may_write(user: User, household: Household) -> bool:
    """As the pages allow: the household's own carers (their portal), and the supervising social
    worker or fostering team manager who records the household's fostering work."""
    if user.role == Role.FOSTER_CARER:
        return access.fostering_access_to_household(user, household)
    return access.can_record_fostering_work(user, household)


# The service names the child `child`; the API, `child_id`.
_API_FIELDS = {"child": "child_id"}


@router.post("", response={201: CarerLogOut, **PROBLEMS}, summary="Write a carer's log")
def carer_log_write(request: HttpRequest, payload: CarerLogIn) -> Status:
    """Write a log about a child living with the household on its date, as the carers do in
    their portal and the supervising social worker does for them. A significant event tells
    the child's social worker and the household's supervising social worker once saved."""
    require(request, Scope.WRITE_LOGS)
    user = request.user
    household = access.households_visible_to(user).filter(pk=payload.household_id).first()
    if household is None:
        access.refused(user, Household.objects.all(), "household", payload.household_id)
        raise not_found("household")
    if not _may_write(user, household):
        raise Problem(403, "not-permitted", "Not permitted", MAY_NOT_WRITE)
    child = access.children_named_on_household(user, household).filter(pk=payload.child_id).first()
    if child is None:
        raise Problem(
            422,
            "refused",
            "The log cannot be written",
            log_services.NOT_PLACED,
            errors={"child_id": log_services.NOT_PLACED},
        )
    try:
        log = log_services.write_carer_log(
            actor=user,
            household=household,
            child=child,
            date=payload.date,
            category=payload.category,
            what_happened=payload.what_happened,
            significant_event=payload.significant_event or SignificantEvent.NONE,
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {_API_FIELDS.get(field, field): messages for field, messages in error.error_dict.items()}
        ) from None
    return Status(201, _visible_log(user, log.pk))
