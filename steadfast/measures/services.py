"""Working out the service measures and keeping the result, so that no view waits for them.

Working the measures out reads every placement, concern and meeting of the authority and takes
seconds at 20,000 children, so it is done in the background (`refresh_measures`, queued by the
schedule every few minutes and after the daily sweep) whenever a record the measures read has
changed, and the result is stored in `MeasuresResult`, one row for each year asked for. A view
shows the newest stored row for its year (`measures_to_show`), with the time it was worked out;
only when none is stored yet (a fresh install, or a year first asked for) does the request work
them out itself, and store them for every later view.

A stored result is never changed but to say it is the newest again: a row holds the figures for
one year and one state of the records (a unique constraint on the year and the fingerprint), so
two workers storing the same figures at once store them once, and a worker that read the records
earlier never hides a newer result. Each process keeps the last few results it has read, decoded,
by their row and fingerprint, so the charts and downloads of a page do not decode them again.
"""

import datetime
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import report, selectors, service_measures, stability_measures, stored_form, survival
from .models import MeasuresResult
from .report import (
    STORED_FORM,
    YEAR_CHOSEN,
    YEAR_LATEST,
    YEAR_PUBLISHED,
    DfeFigures,
    Figures,
    WorkedOut,
    latest_year_ended,
    year_to_open,
)

KEEP_RESULTS_PER_YEAR = 2
"""Results kept for each year: the newest and the one before, which a view that began reading
it a moment before the newest was stored may still be reading."""

# The modules whose code decides a figure: a change to any of them (a rule corrected) makes the
# stored figures out of date, as a change to a record does.
_COUNTING_MODULES = (
    report,
    selectors,
    service_measures,
    stability_measures,
    stored_form,
    survival,
)


@cache
def _counting_code() -> str:
    digest = hashlib.sha256()
    for module in _COUNTING_MODULES:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def measures_fingerprint(*, today: datetime.date) -> str:
    """What the figures for `today` would be worked out from: the records as they stand (one
    query, `selectors.records_version`), the day, the local timescale for plans, and the
    code that counts and the form it stores them in. Equal fingerprints mean equal figures,
    stored alike."""
    described = (
        selectors.records_version(),
        today.isoformat(),
        settings.PLAN_AUTHORISATION_WORKING_DAYS,
        _counting_code(),
        STORED_FORM.shape,
    )
    return hashlib.sha256(repr(described).encode()).hexdigest()


# Stored results already read in this process, decoded, by (row, fingerprint), most recently
# used last: a stored row's figures never change, so what was read once stays true.
_DECODED_KEPT = 8
_decoded: OrderedDict[tuple[int, str], tuple[Figures, DfeFigures | None]] = OrderedDict()
_decoded_lock = threading.Lock()


def _figures_of(pk: int, fingerprint: str):
    key = (pk, fingerprint)
    with _decoded_lock:
        if key in _decoded:
            _decoded.move_to_end(key)
            return _decoded[key]
    stored = MeasuresResult.objects.filter(pk=pk).values_list("figures", flat=True).first()
    if stored is None:
        return None
    figures, dfe = STORED_FORM.from_json(stored)
    with _decoded_lock:
        _decoded[key] = (figures, dfe)
        while len(_decoded) > _DECODED_KEPT:
            _decoded.popitem(last=False)
    return figures, dfe


def stored_measures(year_ending: datetime.date, *, with_children: bool = False) -> WorkedOut | None:
    """The newest stored result for the year ending `year_ending` that this code can read, or
    None. With `with_children`, also the children behind each of the Department's measures, which
    only their lists need. One query, and one more the first time this process reads the row."""
    columns = ["pk", "fingerprint", "day", "worked_out_at", "plan_days"]
    for _ in range(2):
        row = (
            MeasuresResult.objects.filter(year_ending=year_ending, shape=STORED_FORM.shape)
            .order_by("-worked_out_at", "-pk")
            .values(*columns, *(["children"] if with_children else []))
            .first()
        )
        if row is None:
            return None
        found = _figures_of(row["pk"], row["fingerprint"])
        # A row let go of between the two reads has a newer one in its place: read again.
        if found is None:
            continue
        figures, dfe = found
        return WorkedOut(
            day=row["day"],
            worked_out_at=row["worked_out_at"],
            plan_days=row["plan_days"],
            figures=figures,
            dfe=dfe,
            children=STORED_FORM.from_json(row["children"]) if with_children else None,
        )
    return None


def _store(year: datetime.date, result: WorkedOut, *, fingerprint: str) -> None:
    try:
        with transaction.atomic():
            MeasuresResult.objects.create(
                year_ending=year,
                day=result.day,
                worked_out_at=result.worked_out_at,
                fingerprint=fingerprint,
                shape=STORED_FORM.shape,
                plan_days=result.plan_days,
                figures=STORED_FORM.to_json((result.figures, result.dfe)),
                children=STORED_FORM.to_json(result.children),
            )
    except IntegrityError:
        # These records have been worked out for this year already, by another worker at the
        # same moment or before a change since undone: the figures are the same, so the stored
        # row stands, as the newest if this work began later.
        MeasuresResult.objects.filter(
            year_ending=year, fingerprint=fingerprint, worked_out_at__lt=result.worked_out_at
        ).update(worked_out_at=result.worked_out_at, updated_at=timezone.now())


def _let_go_of_old_results(years) -> None:
    """Keep the newest KEEP_RESULTS_PER_YEAR rows of each year, and none the code cannot read."""
    MeasuresResult.objects.exclude(shape=STORED_FORM.shape).delete()
    for year in years:
        rows = MeasuresResult.objects.filter(year_ending=year)
        kept = list(
            rows.order_by("-worked_out_at", "-pk").values_list("pk", flat=True)[:KEEP_RESULTS_PER_YEAR]
        )
        rows.exclude(pk__in=kept).delete()


def work_out_measures(
    *, today: datetime.date, years: list[datetime.date], fingerprint: str | None = None
) -> dict[datetime.date, WorkedOut]:
    """Work the measures out for `today` from the records as they stand, with the Department's
    measures for each of `years`, and store them. A year the records no longer cover (other than
    the latest that has ended, which always has a result, if only to say there are no figures
    for it) is not stored, and its old results are let go of. Returns what was worked out, by
    year."""
    # The fingerprint is taken before the records are read: a change made while they are read
    # may then be counted already, and is counted again on the next run, but is never missed.
    fingerprint = fingerprint or measures_fingerprint(today=today)
    results = report.work_out(today=today, years=years, worked_out_at=timezone.now())
    latest = latest_year_ended(today)
    for year, result in results.items():
        if result.year_ending is None and year != latest:
            MeasuresResult.objects.filter(year_ending=year).delete()
        else:
            _store(year, result, fingerprint=fingerprint)
    _let_go_of_old_results(results)
    return results


def _newest_fingerprints() -> dict[datetime.date, str]:
    newest: dict[datetime.date, str] = {}
    rows = (
        MeasuresResult.objects.filter(shape=STORED_FORM.shape)
        .order_by("year_ending", "-worked_out_at", "-pk")
        .values_list("year_ending", "fingerprint")
    )
    for year, fingerprint in rows:
        newest.setdefault(year, fingerprint)
    return newest


def refresh_measures(*, today: datetime.date) -> list[datetime.date]:
    """The background task's work: for the latest year that has ended and every year with a
    stored result, work the measures out again and store them if the records they read, the day
    or the code that counts have changed since the newest stored result. Returns the years
    worked out; with nothing changed, none (two queries, and nothing written)."""
    fingerprint = measures_fingerprint(today=today)
    newest = _newest_fingerprints()
    years = sorted(
        (year for year in newest.keys() | {latest_year_ended(today)} if newest.get(year) != fingerprint),
        reverse=True,
    )
    if not years:
        return []
    return list(work_out_measures(today=today, years=years, fingerprint=fingerprint))


def measures_to_show(
    *, year_ending: datetime.date | None, today: datetime.date, with_children: bool = False
) -> WorkedOut:
    """What a view shows for the year asked for (None: the latest that has ended): the newest
    stored result, or, when none is stored, the measures worked out now and stored. A year the
    records do not cover shows the latest year's, and is never worked out or stored."""
    latest = latest_year_ended(today)
    asked = year_ending or latest
    found = stored_measures(asked, with_children=with_children)
    if found is not None:
        return found
    if asked == latest:
        return work_out_measures(today=today, years=[latest])[latest]
    # Whether the records cover the year asked for is in the latest year's figures.
    shown = stored_measures(latest, with_children=with_children)
    if shown is not None and asked not in shown.figures.years:
        return shown
    worked_out = work_out_measures(today=today, years=[asked] if shown else [asked, latest])
    if worked_out[asked].year_ending is None:
        return shown or worked_out[latest]
    return worked_out[asked]


def measures_to_open(
    *,
    year_ending: datetime.date | None,
    today: datetime.date,
    published_years: Iterable[int],
    with_children: bool = False,
) -> tuple[WorkedOut, str]:
    """What the measures pages show, and why that year (`report.YEAR_CHOSEN`, `YEAR_PUBLISHED`
    or `YEAR_LATEST`). The year asked for when the records cover it; otherwise (none asked for,
    or one they do not cover) the latest year the records cover that has published figures
    (`published_years`) to compare with, or the latest year that has ended when none has. Never
    the year not yet ended. As `measures_to_show`, from the stored results when there are
    some."""
    if year_ending is not None:
        shown = measures_to_show(year_ending=year_ending, today=today, with_children=with_children)
        if shown.year_ending == year_ending:
            return shown, YEAR_CHOSEN
        # A year the records do not cover shows the latest year's result, which says which
        # years they do cover.
        latest = shown
    else:
        latest = measures_to_show(year_ending=None, today=today, with_children=with_children)
    opened = year_to_open(covered=latest.figures.years, published=published_years)
    if opened is None:
        return latest, YEAR_LATEST
    if opened == latest.year_ending:
        return latest, YEAR_PUBLISHED
    return measures_to_show(year_ending=opened, today=today, with_children=with_children), YEAR_PUBLISHED
