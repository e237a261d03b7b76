"""Team oversight: a manager's dashboard of what needs attention in their line, and the list
behind each count, on screen and as CSV and Excel."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.decorators import confirmation_redirect
from steadfast.assessments.rules import IMPACT_ASSESSMENT_DUE_DAYS, LOW_RATING
from steadfast.audit.services import record_event
from steadfast.core import exports
from steadfast.core.exports import download_url, requested_format, table_response
from steadfast.core.pagination import paginate
from steadfast.my_work.work import WORK_KINDS
from steadfast.signals.rules import RULE_NAMES
from steadfast.signals.selectors import rules_shown_to
from steadfast.words_and_pictures.rules import STORY_AFTER_NEW_PLACEMENT_DAYS, STORY_REVIEW_MONTHS

from . import selectors
from .forms import Filters, OversightFilterForm, SignalFilterForm, filters_from
from .selectors import children_with_signals, signal_counts_for

OVERSIGHT_LIST_EXPORTED = "OVERSIGHT_LIST_EXPORTED"


def _filters(request: HttpRequest) -> Filters:
    return filters_from(request, OversightFilterForm(request.GET or None, user=request.user))


def _manager_or_404(request: HttpRequest) -> None:
    if not access.can_see_oversight(request.user):
        raise Http404


# The lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OversightList:
    name: str  # the list's part of the URL, and its name in the audit trail
    heading: str
    description: str
    kind: str = ""  # a work list: the kind of work it holds (a key of work.WORK_KINDS)
    at_least: int = 0  # a placement list: the fewest placements in the last 12 months
    # An assessment list: "siblings", "impact_low" or "impact_overdue", read by `_assessment_list`
    # and drawn by `oversight/<table>_table.html`.
    table: str = ""


def _work_list(name: str, kind: str, description: str) -> OversightList:
    return OversightList(name=name, heading=WORK_KINDS[kind], description=description, kind=kind)


WORK_LISTS = {
    spec.name: spec
    for spec in (
        _work_list(
            "concerns-awaiting-a-decision",
            "concern_triage",
            "Stability concerns raised and not yet decided: a meeting, or another response with its reason.",
        ),
        _work_list(
            "meetings-late",
            "meeting_late",
            "Stability meetings not held within their timescale, the longest late first.",
        ),
        _work_list(
            "plans-awaiting-authorisation",
            "plan_authorisation",
            "Meeting records sent to a manager to authorise the plan.",
        ),
        _work_list(
            "actions-overdue",
            "action_overdue",
            "Stability Actions past their date without an update: where the plan is drifting.",
        ),
        _work_list(
            "visits-overdue",
            "visit_overdue",
            "Children whose statutory visit is overdue under the visiting policy.",
        ),
        _work_list(
            "supervision-overdue",
            "supervision_overdue",
            "Fostering households whose supervision is overdue under the supervision policy.",
        ),
        _work_list(
            "logs-unreviewed",
            "logs_unreviewed",
            "Households with carers' logs not reviewed within the time the review policy allows.",
        ),
        _work_list(
            "words-and-pictures-missing",
            "story_missing",
            "Children in care with no words and pictures story, due within "
            f"{STORY_AFTER_NEW_PLACEMENT_DAYS} days of their current placement beginning.",
        ),
        _work_list(
            "words-and-pictures-overdue",
            "story_overdue",
            "Children whose words and pictures story is overdue: due "
            f"{STORY_REVIEW_MONTHS} months after it was last updated, or within "
            f"{STORY_AFTER_NEW_PLACEMENT_DAYS} days of a move to a new home.",
        ),
        _work_list(
            "childs-voice-not-followed-through",
            "voice_not_followed_through",
            "Meetings and significant decisions of the last year where the child's views were not "
            "sought, or, 10 working days after, nothing is recorded of what changed because of "
            "them or the child has not been told.",
        ),
        _work_list(
            "requests-late",
            "request_late",
            "Carers' requests for help not acknowledged or answered in time.",
        ),
    )
}
PLACEMENT_LISTS = {
    spec.name: spec
    for spec in (
        OversightList(
            name="two-or-more-placements",
            heading="Children with 2 or more placements in the last 12 months",
            description=(
                "Stability should be considered from a child's second move. Children with no "
                "stability meeting held or planned since their second placement began come first."
            ),
            at_least=selectors.TWO_OR_MORE,
        ),
        OversightList(
            name="three-or-more-placements",
            heading="Children with 3 or more placements in the last 12 months",
            description=(
                "Three or more placements in a year is the Department for Education's measure of "
                "instability. Children with no stability meeting held or planned since their second "
                "placement began come first."
            ),
            at_least=selectors.THREE_OR_MORE,
        ),
    )
}
ASSESSMENT_LISTS = {
    spec.name: spec
    for spec in (
        OversightList(
            name="siblings-apart-unassessed",
            heading="Brothers and sisters living apart with no sibling assessment",
            description=(
                "Children living in a different home from a brother or sister linked in their "
                "relationships, with no sibling assessment of the two: each child's needs, their "
                "relationship and whether they should live together should be assessed."
            ),
            table="siblings",
        ),
        OversightList(
            name="impact-ratings-low",
            heading="Households with a low rating in their latest impact and stress assessment",
            description=(
                f"Fostering households whose latest impact and stress assessment rates a part of "
                f"their life {LOW_RATING} or lower, from 0 (not coping at all) to 10 (coping well)."
            ),
            table="impact_low",
        ),
        OversightList(
            name="impact-assessments-overdue",
            heading="Households overdue an impact and stress assessment",
            description=(
                "Fostering households caring for a child whose impact and stress assessment is "
                f"overdue: one is due {IMPACT_ASSESSMENT_DUE_DAYS} days after the last or, with none, "
                "after the earliest current placement began. The longest overdue first."
            ),
            table="impact_overdue",
        ),
    )
}
LISTS = WORK_LISTS | PLACEMENT_LISTS | ASSESSMENT_LISTS
LIST_NAMES = tuple(LISTS)

WORK_HEADERS = ("Child", "Household", "What", "Detail", "Worker", "Team", "Due", "Days late")
PLACEMENT_HEADERS = (
    "Child",
    "Child identifier",
    "Social worker",
    "Team",
    "Placements in the last 12 months",
    "Second placement began",
    "Stability considered since the second move",
    "Current home",
)


def _work_rows(rows: list[selectors.WorkRow]) -> list[tuple]:
    return [
        (
            row.child.display_name if row.child else "",
            row.household.label if row.household else "",
            row.item.title,
            row.item.detail,
            row.worker,
            row.team,
            row.item.due,
            row.days_late,
        )
        for row in rows
    ]


def _placement_rows(children) -> list[tuple]:
    return [
        (
            child.display_name,
            child.child_identifier,
            child.social_worker_name or "Not allocated",
            child.team_name or "",
            child.placements_last_12_months,
            child.second_move,
            selectors.stability_considered(child).text,
            child.current_home or "No current home",
        )
        for child in children
    ]


SIBLINGS_HEADERS = ("Child", "Child identifier", "Social worker", "Team", "Current home", "Brother or sister")
IMPACT_LOW_HEADERS = (
    "Household",
    "Reference",
    "Assessed on",
    "Low ratings",
    "Supervising social worker",
    "Team",
)
IMPACT_OVERDUE_HEADERS = (
    "Household",
    "Reference",
    "Last assessed",
    "Due by",
    "Days late",
    "Supervising social worker",
    "Team",
)


def _low_ratings_text(household) -> str:
    return "; ".join(f"{r.get_domain_display()}: {r.rating}" for r in household.low_ratings)


def _siblings_rows(rows: list[selectors.SiblingsApartRow]) -> list[tuple]:
    return [
        (
            row.child.display_name,
            row.child.child_identifier,
            row.child.social_worker_name or "Not allocated",
            row.child.team_name or "",
            row.child.current_home or "No current home",
            row.sibling_named,
        )
        for row in rows
    ]


def _impact_low_rows(households) -> list[tuple]:
    return [
        (
            h.name,
            h.reference,
            h.latest_assessed_on,
            _low_ratings_text(h),
            h.supervising_worker_name or "Not allocated",
            h.team_name or "",
        )
        for h in households
    ]


def _impact_overdue_rows(households, today: datetime.date) -> list[tuple]:
    return [
        (
            h.name,
            h.reference,
            h.latest_assessed_on or "Never",
            h.due_on,
            (today - h.due_on).days,
            h.supervising_worker_name or "Not allocated",
            h.team_name or "",
        )
        for h in households
    ]


def _assessment_list(
    request: HttpRequest, spec: OversightList, today: datetime.date, filters: Filters
) -> tuple[list, tuple[str, ...], list[tuple]]:
    """An assessment list's items, its download's headers and its download's rows."""
    line = {"today": today, "team_id": filters.team_id, "worker_id": filters.worker_id}
    if spec.table == "siblings":
        items = selectors.siblings_apart_rows(request.user, **line)
        return items, SIBLINGS_HEADERS, _siblings_rows(items)
    if spec.table == "impact_low":
        items = selectors.with_low_ratings(
            list(selectors.households_with_low_impact_ratings(request.user, **line))
        )
        return items, IMPACT_LOW_HEADERS, _impact_low_rows(items)
    items = selectors.with_due_on(list(selectors.households_overdue_impact(request.user, **line)))
    return items, IMPACT_OVERDUE_HEADERS, _impact_overdue_rows(items, today)


def _assessment_cards(request: HttpRequest, today: datetime.date, filters: Filters) -> list[dict]:
    line = {"today": today, "team_id": filters.team_id, "worker_id": filters.worker_id}
    counts = {
        "siblings": len(selectors.siblings_apart_rows(request.user, **line)),
        "impact_low": selectors.households_with_low_impact_ratings(request.user, **line).count(),
        "impact_overdue": selectors.households_overdue_impact(request.user, **line).count(),
    }
    return [
        {"heading": spec.heading, "count": counts[spec.table], "url": _list_url(spec.name, filters.query)}
        for spec in ASSESSMENT_LISTS.values()
    ]


def _signal_cards(request: HttpRequest, today: datetime.date, filters: Filters) -> list[dict]:
    """For each signal in use, how many children in the manager's line have it to consider,
    linking to the signals list narrowed to it, with the same filters."""
    counts = signal_counts_for(
        request.user, today=today, team_id=filters.team_id, worker_id=filters.worker_id
    )
    url = reverse("oversight:signals")
    return [
        {
            "heading": RULE_NAMES[rule],
            "count": count,
            "url": f"{url}?{filters.query + '&' if filters.query else ''}rule={rule}",
        }
        for rule, count in counts.items()
    ]


# The pages ------------------------------------------------------------------------------------


def _list_url(name: str, query: str) -> str:
    url = reverse("oversight:list", args=[name])
    return f"{url}?{query}" if query else url


def oversight_index(request: HttpRequest) -> HttpResponse:
    _manager_or_404(request)
    today = timezone.localdate()
    filters = _filters(request)
    counts = selectors.placement_list_counts(
        request.user, today=today, team_id=filters.team_id, worker_id=filters.worker_id
    )
    work = Counter(
        row.item.kind
        for row in selectors.team_work_rows(
            request.user,
            today=today,
            kinds={spec.kind for spec in WORK_LISTS.values()},
            team_id=filters.team_id,
            worker_id=filters.worker_id,
        )
    )
    work_cards = [
        {"heading": spec.heading, "count": work[spec.kind], "url": _list_url(spec.name, filters.query)}
        for spec in WORK_LISTS.values()
    ]
    placement_cards = [
        {"heading": spec.heading, "count": counts[spec.at_least], "url": _list_url(spec.name, filters.query)}
        for spec in PLACEMENT_LISTS.values()
    ]
    return render(
        request,
        "oversight/index.html",
        {
            "filters": filters,
            "work_cards": work_cards,
            "placement_cards": placement_cards,
            "assessment_cards": _assessment_cards(request, today, filters),
            "signal_cards": _signal_cards(request, today, filters),
            "today": today,
        },
    )


def oversight_list(request: HttpRequest, list_name: str) -> HttpResponse:
    _manager_or_404(request)
    spec = LISTS[list_name]
    today = timezone.localdate()
    filters = _filters(request)
    file_format = requested_format(request)
    if spec.table:
        items, headers, export_rows = _assessment_list(request, spec, today, filters)
        if file_format is not None:
            return _export(request, spec, file_format, today, filters, headers, export_rows)
        page, query = paginate(request, items)
        shown = list(page.object_list)
    elif spec.kind:
        rows = selectors.team_work_rows(
            request.user, today=today, kinds={spec.kind}, team_id=filters.team_id, worker_id=filters.worker_id
        )
        if file_format is not None:
            return _export(request, spec, file_format, today, filters, WORK_HEADERS, _work_rows(rows))
        page, query = paginate(request, rows)
        shown = [(row, selectors.how_late(row.item, today)) for row in page.object_list]
    else:
        children = selectors.children_with_placements(
            request.user,
            at_least=spec.at_least,
            today=today,
            team_id=filters.team_id,
            worker_id=filters.worker_id,
        )
        if file_format is not None:
            children = list(children)
            selectors.name_homes(children)
            return _export(
                request, spec, file_format, today, filters, PLACEMENT_HEADERS, _placement_rows(children)
            )
        page, query = paginate(request, children)
        listed = list(page.object_list)
        selectors.name_homes(listed)
        shown = [(child, selectors.stability_considered(child)) for child in listed]
    return render(
        request,
        "oversight/list.html",
        {
            "spec": spec,
            "filters": filters,
            "page": page,
            "query": query,
            "rows": shown,
            "can_arrange_meeting": access.can_arrange_meeting(request.user),
            "can_record_sibling_assessment": access.can_record_sibling_assessment(request.user),
            "today": today,
            "csv_url": download_url(request, "csv"),
            "xlsx_url": download_url(request, "xlsx"),
        },
    )


def _export(
    request: HttpRequest,
    spec: OversightList,
    file_format: str,
    today: datetime.date,
    filters: Filters,
    headers: tuple[str, ...],
    rows: list[tuple],
) -> HttpResponse:
    """The whole list as a download, recorded with its name and length but no one's name, once
    the manager has confirmed who they are."""
    if asked := confirmation_redirect(request):
        return asked
    record_event(
        actor=request.user,
        event_type=OVERSIGHT_LIST_EXPORTED,
        details={
            "list": spec.name,
            "rows": len(rows),
            "format": file_format,
            "team_id": filters.team_id,
            "worker_id": filters.worker_id,
        },
    )
    return table_response(
        file_format=file_format,
        filename=f"{spec.name}-{today.isoformat()}",
        title=spec.heading,
        headers=headers,
        rows=rows,
    )


SIGNALS_EXPORTED = "SIGNALS_EXPORTED"

# What the page shows, one row a signal. Why a signal showed rests on the child's record (the
# dates of missing episodes, allegations and what a carer said), so it is read there, where the
# reading is audited, and not carried out of Steadfast in a file.
SIGNALS_EXPORT_HEADERS = ("Child", "Child identifier", "Home", "Social worker", "Team", "Signal", "Since")


def oversight_signals(request: HttpRequest) -> HttpResponse:
    """The children in the manager's line with signals still to consider; `?format=csv` or
    `?format=xlsx` downloads them, one row for each signal."""
    user = request.user
    if not access.can_consider_signal(user):
        raise Http404
    filters = filters_from(
        request, SignalFilterForm(request.GET or None, user=user, rules=rules_shown_to(user))
    )
    today = timezone.localdate()
    children = children_with_signals(
        user, today=today, team_id=filters.team_id, worker_id=filters.worker_id, rule=filters.rule
    )
    file_format = exports.requested_format(request)
    if file_format is not None:
        if asked := confirmation_redirect(request):
            return asked
        rows = [
            (c.name, c.child_identifier, c.home, c.social_worker, c.team, s.name, s.since)
            for c in children
            for s in c.signals
        ]
        record_event(
            actor=user, event_type=SIGNALS_EXPORTED, details={"format": file_format, "rows": len(rows)}
        )
        return exports.table_response(
            file_format=file_format,
            filename=f"stability-signals-{today.isoformat()}",
            title="Stability signals",
            headers=SIGNALS_EXPORT_HEADERS,
            rows=rows,
        )
    page, query = paginate(request, children)
    return render(
        request,
        "oversight/signals.html",
        {
            "form": filters.form,
            "page": page,
            "query": query,
            "csv_url": exports.download_url(request, "csv"),
            "xlsx_url": exports.download_url(request, "xlsx"),
            "filtered": filters.applied,
            "signal_count": sum(len(c.signals) for c in children),
        },
    )
