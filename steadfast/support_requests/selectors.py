"""Reads about requests for help: who may see which, which are late, who hears of them."""

import datetime

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role, User
from steadfast.accounts.selectors import current_supervising_social_worker_for, manager_of
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.households.selectors import carers_prefetch

from .models import OPEN_STATUSES, SupportRequest, SupportRequestStatus, SupportRequestTimescale
from .rules import DEFAULT_TIMESCALE, Timescale


def timescale_in_force() -> Timescale:
    row = SupportRequestTimescale.objects.first()
    if row is None:
        return DEFAULT_TIMESCALE
    return Timescale(
        acknowledge_working_days=row.acknowledge_working_days,
        urgent_working_days=row.urgent_working_days,
        soon_working_days=row.soon_working_days,
        routine_working_days=row.routine_working_days,
    )


def _listed(requests: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    return requests.select_related("household", "child", "escalated_to", "created_by").prefetch_related(
        carers_prefetch("household__members")
    )


def support_requests_visible_to(user: User) -> QuerySet[SupportRequest]:
    """The requests for help a member of staff may read: every request of a household they have
    fostering access to, unless it is about a child they may not name there (a restricted child
    not granted to them), and every request about a child they may see."""
    if not getattr(user, "is_authenticated", False) or user.role == Role.FOSTER_CARER:
        return SupportRequest.objects.none()
    seen = access.children_visible_to(user).values("pk")
    # Two lists of ids, each found through its own index, rather than one condition that the
    # database would check against every request, child and household in the authority.
    of_households = SupportRequest.objects.filter(
        Q(child__isnull=True) | ~Q(child__in=access.restricted_children_hidden_from(user).values("pk")),
        household__in=access.households_with_fostering_access(user).values("pk"),
    ).values("pk")
    about_children = SupportRequest.objects.filter(child__in=seen).values("pk")
    return _listed(SupportRequest.objects.filter(pk__in=of_households.union(about_children)))


def get_support_request_for_user_or_404(user: User, pk: object) -> SupportRequest:
    try:
        return support_requests_visible_to(user).get(pk=pk)
    except SupportRequest.DoesNotExist:
        access.refused(user, SupportRequest.objects.all(), "support_request", pk)
        raise Http404("No such request for help") from None
    except (ValueError, TypeError):
        raise Http404("No such request for help") from None


def support_requests_of_carer(carer: User, household: Household) -> QuerySet[SupportRequest]:
    """The carer's household's requests, except those about a child the carer may not name
    (a restricted child's record stays with those granted it by name)."""
    named = access.children_named_on_household(carer, household).values("pk")
    return _listed(
        SupportRequest.objects.filter(Q(child__isnull=True) | Q(child__in=named), household=household)
    )


def get_carer_support_request_or_404(carer: User, household: Household, pk: object) -> SupportRequest:
    try:
        return support_requests_of_carer(carer, household).get(pk=pk)
    except (SupportRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("No such request for help") from None


def late_q(today: datetime.date) -> Q:
    """Open requests past the day they were due to be acknowledged or answered (the database's
    side of `rules.lateness`)."""
    return Q(status__in=OPEN_STATUSES, responded_at__isnull=True) & (
        Q(acknowledged_at__isnull=True, acknowledgement_due__lt=today) | Q(response_due__lt=today)
    )


def support_requests_needing_escalation(*, today: datetime.date) -> QuerySet[SupportRequest]:
    """Open requests that are late and not yet with a manager: what the escalation sweep takes
    to a manager. `rules.needs_escalation` gives each one's reason."""
    return (
        SupportRequest.objects.filter(late_q(today))
        .exclude(status=SupportRequestStatus.ESCALATED)
        .select_related("household")
        .order_by("asked_at", "pk")
    )


def open_support_requests_for(user: User, *, today: datetime.date) -> QuerySet[SupportRequest]:
    """The open requests of the households the user has fostering access to: escalated ones
    first, then late ones, then by the day an answer is due."""
    return (
        support_requests_visible_to(user)
        .filter(
            status__in=OPEN_STATUSES, household__in=access.households_with_fostering_access(user).values("pk")
        )
        .annotate(
            precedence=Case(
                When(status=SupportRequestStatus.ESCALATED, then=Value(0)),
                When(late_q(today), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("precedence", "response_due", "asked_at", "pk")
    )


def support_requests_of_household(household: Household, *, viewer: User) -> QuerySet[SupportRequest]:
    return support_requests_visible_to(viewer).filter(household=household)


def support_requests_of_child(child: Child, *, viewer: User) -> QuerySet[SupportRequest]:
    return support_requests_visible_to(viewer).filter(child=child)


def record_section(viewer: User, *, household: Household | None = None, child: Child | None = None) -> dict:
    """What a household's or a child's record shows of its requests for help."""
    if household is not None:
        requests = support_requests_of_household(household, viewer=viewer)
        can_ask = access.can_ask_for_help(viewer, household)
    else:
        requests = support_requests_of_child(child, viewer=viewer)
        can_ask = False
    return {
        "requests": list(requests[:20]),
        "household": household,
        "show_child": household is not None,
        "can_ask": can_ask,
        "today": timezone.localdate(),
    }


def manager_to_escalate_to(household: Household) -> User | None:
    """The fostering team manager of the household's supervising social worker: their team's
    manager, or else their line manager."""
    allocation = current_supervising_social_worker_for(household)
    return manager_of(allocation.worker) if allocation is not None else None
