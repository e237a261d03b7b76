"""The service measures: the page at /measures/, each chart as an SVG image of its own, each
table as a CSV or Excel download, and the children behind a Department for Education measure.

Managers and performance analysts only (`access.can_see_measures`); anyone else gets 404. The
page, charts and tables are counts over the whole authority and name nobody; a list of children
behind a measure shows only the children the user may see, and says how many others it leaves out.
"""

import datetime
import re
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.decorators import confirmation_redirect
from steadfast.audit.services import record_event
from steadfast.core import exports
from steadfast.voice.rules import FEEDBACK_WORKING_DAYS

from . import services
from .forms import WRONG_YEAR, YearForm
from .report import DFE_CHILDREN, YEAR_CHOSEN, Report, published_years

MEASURES_EXPORTED = "MEASURES_EXPORTED"
NO_YEARS = "There are no placement records for a year ending 31 March that has ended yet."
# Four ASCII digits: str.isdigit() also takes other scripts' digits and superscripts, which
# int() may refuse.
YEAR = re.compile(r"[0-9]{4}")


def _report(request: HttpRequest, *, with_children: bool = False) -> tuple[Report, YearForm]:
    """The report of the stored measures for the year in the query string, or, when there is
    none or it is not one the records cover, the year the page opens on
    (`services.measures_to_open`), and the year form, bound when a year was asked for
    (so a wrong one is shown as an error). 404 for anyone who may not see the measures."""
    if not access.can_see_measures(request.user):
        raise Http404("No such page")
    asked = request.GET.get("year")
    year = None
    if asked is not None and YEAR.fullmatch(asked) and int(asked) > 0:
        year = datetime.date(int(asked), 3, 31)
    published = published_years(settings.PUBLISHED_STATISTICS_DIR)
    result, because = services.measures_to_open(
        year_ending=year, today=timezone.localdate(), published_years=published, with_children=with_children
    )
    report = Report(result=result, opened_because=because)
    years = report.figures.years
    form = YearForm({"year": asked} if asked is not None else None, years=years, published=published)
    if asked is not None:
        form.is_valid()
        if because != YEAR_CHOSEN and not form.errors:
            form.add_error("year", WRONG_YEAR)
    elif report.year_ending is not None:
        form = YearForm(initial={"year": report.year_ending.year}, years=years, published=published)
    return report, form


def _year_query(report: Report) -> str:
    return f"?year={report.year_ending.year}" if report.year_ending else ""


LEFT_OUT = (
    "{count} {whose} records have impossible dates (such as a date of birth after a placement "
    "began) and {are} left out of every figure here until they are corrected"
)


def _left_out(request: HttpRequest, report: Report) -> dict[str, Any] | None:
    """The children left out of the figures for an impossible date: how many, said plainly, and
    those the user may see, to follow and correct; None when no one is left out."""
    left_out = report.figures.left_out
    if not left_out:
        return None
    count = len(left_out)
    children = list(
        access.children_visible_to(request.user)
        .filter(pk__in=sorted(left_out))
        .order_by("legal_last_name", "legal_first_name", "pk")
    )
    return {
        "text": LEFT_OUT.format(
            count=count, whose="child's" if count == 1 else "children's", are="is" if count == 1 else "are"
        ),
        "children": children,
        "others": count - len(children),
    }


def measures(request: HttpRequest) -> HttpResponse:
    report, form = _report(request)
    tables = {key: report.table(key) for key in report.TABLES}
    charts = {key: report.chart(key) for key in report.CHARTS}
    return render(
        request,
        "measures/measures.html",
        {
            "report": report,
            "form": form,
            "tables": tables,
            "charts": charts,
            "year_query": _year_query(report),
            "no_years": NO_YEARS if report.year_ending is None else "",
            "children_lists": [(key, label) for key, (_, label) in DFE_CHILDREN.items()],
            "left_out": _left_out(request, report),
            "feedback_days": FEEDBACK_WORKING_DAYS,
        },
    )


def measures_chart(request: HttpRequest, chart: str) -> HttpResponse:
    report, _ = _report(request)
    found = report.chart(chart)
    if found is None:
        raise Http404("No such chart")
    return HttpResponse(found.draw(), content_type="image/svg+xml; charset=utf-8")


def _export(
    request: HttpRequest, report: Report, *, key: str, file_format: str, title: str, headers, rows
) -> HttpResponse:
    if asked := confirmation_redirect(request):
        return asked
    rows = list(rows)
    record_event(
        actor=request.user,
        event_type=MEASURES_EXPORTED,
        details={
            "table": key,
            "format": file_format,
            "rows": len(rows),
            "year": report.year_ending.year if report.year_ending else None,
        },
    )
    return exports.table_response(
        file_format=file_format, filename=key, title=title, headers=headers, rows=rows
    )


def measures_table_export(request: HttpRequest, table: str, file_format: str) -> HttpResponse:
    report, _ = _report(request)
    found = report.table(table)
    if found is None or file_format not in exports.FORMATS:
        raise Http404("No such table")
    return _export(
        request,
        report,
        key=table,
        file_format=file_format,
        title=found.title,
        headers=found.headers,
        rows=found.rows,
    )


def _children_behind(request: HttpRequest, measure: str) -> tuple[Report, str, list, int]:
    """The report, the list's heading, the children behind the measure whom the user may see
    (each with their placements during the year and the 2 years), and how many others there are.
    All from the same stored result as the page; only the names are read now, and only of the
    children the user may see."""
    report, _ = _report(request, with_children=True)
    if measure not in DFE_CHILDREN or report.dfe is None:
        raise Http404("No such list")
    counted = report.dfe_children(measure)
    visible = access.children_visible_to(request.user)
    shown_ids = counted & frozenset(visible.values_list("pk", flat=True))
    placements = report.dfe_child_placements(shown_ids)
    children = [
        (child, *placements[child.pk])
        for child in visible.filter(pk__in=sorted(shown_ids)).order_by(
            "legal_last_name", "legal_first_name", "pk"
        )
    ]
    return report, DFE_CHILDREN[measure][1], children, len(counted) - len(children)


def measures_children(request: HttpRequest, measure: str) -> HttpResponse:
    report, heading, children, others = _children_behind(request, measure)
    return render(
        request,
        "measures/measures_children.html",
        {
            "report": report,
            "measure": measure,
            "heading": heading,
            "children": children,
            "others": others,
            "year_query": _year_query(report),
        },
    )


def measures_children_export(request: HttpRequest, measure: str, file_format: str) -> HttpResponse:
    if file_format not in exports.FORMATS:
        raise Http404("No such format")
    report, _, children, _ = _children_behind(request, measure)
    return _export(
        request,
        report,
        key=f"children-{measure}",
        file_format=file_format,
        title="Children",
        headers=("Child", "Date of birth", "Placements during the year", "Placements during the 2 years"),
        rows=[
            (child.display_name, child.date_of_birth, in_year, in_two) for child, in_year, in_two in children
        ],
    )
