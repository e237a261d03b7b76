"""Writing a year's SSDA903 Header and Episodes from Steadfast's records, in the Department's
column order, dates dd/mm/yyyy.

An episode an import brought in is written as it was kept (`interop.ReturnEpisode`), so a folder
imported and exported gives back its rows. A placement recorded in Steadfast with no kept episode
is written as an episode of its own, its codes the first the code lists give for its choices
(`codes.*_TO_DOMAIN`): its category of need is not recorded, and is left blank. A child's codes
are the ones kept from the import while they still map to the record's choices; otherwise the
first code for the choice.
"""

import csv
import datetime
from collections.abc import Iterator, Mapping
from pathlib import Path

from django.db.models import Prefetch, Q

from steadfast.children.models import Child, LegalStatus
from steadfast.interop.models import ReturnEpisode, ReturnHeader
from steadfast.placements.models import Placement

from . import codes, tables

FILE_NAMES = {"Header": "header.csv", "Episodes": "episodes.csv"}


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _code_for(choice: str, mapping: Mapping[str, object], *, kept: str = "") -> str:
    """The kept code while it still maps to `choice`; else the first code mapping to it."""
    if kept and mapping.get(kept) == choice:
        return kept
    return next((code for code, value in mapping.items() if value == choice), "")


def _first_code_of_reason(reason: str, mapping: Mapping[str, tuple[str, bool]]) -> str:
    return next((code for code, (value, _planned) in mapping.items() if value == reason), "")


def _header_row(child: Child, *, year: int) -> dict[str, str]:
    kept: ReturnHeader | None = getattr(child, "return_header", None)
    return {
        "CHILD": child.child_identifier,
        "SEX": _code_for(child.sex, codes.SEX_TO_DOMAIN(year), kept=kept.sex if kept else ""),
        "DOB": _day(child.date_of_birth),
        "ETHNIC": _code_for(
            child.ethnicity, codes.ETHNICITY_TO_DOMAIN(year), kept=kept.ethnic if kept else ""
        ),
        "UPN": kept.upn if kept else "",
        "MOTHER": kept.mother if kept else "",
        "MC_DOB": kept.mc_dob if kept else "",
    }


def _kept_row(child: Child, episode: ReturnEpisode) -> dict[str, str]:
    return {
        "CHILD": child.child_identifier,
        "DECOM": _day(episode.decom),
        "RNE": episode.rne,
        "LS": episode.ls,
        "CIN": episode.cin,
        "PLACE": episode.place,
        "PLACE_PROVIDER": episode.place_provider,
        "DEC": _day(episode.dec),
        "REC": episode.rec,
        "REASON_PLACE_CHANGE": episode.reason_place_change,
        "HOME_POST": episode.home_post,
        "PL_POST": episode.pl_post,
        "URN": episode.urn,
    }


def _derived_rows(child: Child, *, kept_placements: set[int], year: int) -> Iterator[dict[str, str]]:
    """An episode for each placement recorded in Steadfast that no kept episode stands for."""
    placements = sorted(child.placements.all(), key=lambda p: p.start_date)
    statuses = sorted(child.legal_statuses.all(), key=lambda s: s.start_date)
    ended_on = {p.end_date: p for p in placements if p.end_date}
    starts = {p.start_date for p in placements}
    for placement in placements:
        if placement.pk in kept_placements:
            continue
        status = next((s for s in reversed(statuses) if s.start_date <= placement.start_date), None)
        before = ended_on.get(placement.start_date)
        agency = placement.placement_type == "foster_agency"
        kind = "foster_approved_carer" if agency else placement.placement_type
        continues = placement.end_date in starts
        if placement.end_date is None:
            rec = ""
        elif continues:
            rec = codes.EPISODE_CONTINUES
        else:
            rec = _first_code_of_reason(placement.end_reason, codes.REASON_CEASED_TO_DOMAIN(year)) or "E8"
        yield {
            "CHILD": child.child_identifier,
            "DECOM": _day(placement.start_date),
            "RNE": "P" if before is not None else "S",
            "LS": _code_for(status.status, codes.LEGAL_STATUS_TO_DOMAIN(year)) if status else "",
            "CIN": "",
            "PLACE": _code_for(kind, codes.PLACEMENT_TYPE_TO_DOMAIN(year)),
            "PLACE_PROVIDER": "PR4" if agency else "",
            "DEC": _day(placement.end_date),
            "REC": rec,
            "REASON_PLACE_CHANGE": _first_code_of_reason(
                before.end_reason, codes.REASON_PLACE_CHANGE_TO_DOMAIN(year)
            )
            if before is not None
            else "",
            "HOME_POST": "",
            "PL_POST": getattr(placement.household, "postcode", ""),
            "URN": "",
        }


def _in_year(row: Mapping[str, str], *, start: datetime.date, end: datetime.date) -> bool:
    decom = datetime.datetime.strptime(row["DECOM"], tables.DATE_FORMAT).date()
    dec = datetime.datetime.strptime(row["DEC"], tables.DATE_FORMAT).date() if row["DEC"] else None
    return decom <= end and (dec is None or dec >= start)


def year_rows(*, year: int) -> dict[str, list[dict[str, str]]]:
    """The Header and Episodes rows of the collection year ending 31 March `year`: every child
    with an episode open at some time in the year, and those episodes, by child and start."""
    start, end = datetime.date(year - 1, 4, 1), datetime.date(year, 3, 31)
    in_care = Q(placements__start_date__lte=end) & (
        Q(placements__end_date__isnull=True) | Q(placements__end_date__gte=start)
    )
    kept_in_year = Q(return_episodes__decom__lte=end) & (
        Q(return_episodes__dec__isnull=True) | Q(return_episodes__dec__gte=start)
    )
    children = (
        Child.objects.filter(in_care | kept_in_year)
        .distinct()
        .order_by("child_identifier")
        .select_related("return_header")
        .prefetch_related(
            Prefetch("placements", queryset=Placement.objects.select_related("household")),
            Prefetch("legal_statuses", queryset=LegalStatus.objects.all()),
            Prefetch("return_episodes", queryset=ReturnEpisode.objects.order_by("decom")),
        )
    )
    header: list[dict[str, str]] = []
    episodes: list[dict[str, str]] = []
    for child in children:
        kept = list(child.return_episodes.all())
        rows = [_kept_row(child, e) for e in kept]
        rows += _derived_rows(child, kept_placements={e.placement_id for e in kept}, year=year)
        rows = [r for r in rows if _in_year(r, start=start, end=end)]
        if not rows:
            continue
        rows.sort(key=lambda r: datetime.datetime.strptime(r["DECOM"], tables.DATE_FORMAT))
        header.append(_header_row(child, year=year))
        episodes.extend(rows)
    return {"Header": header, "Episodes": episodes}


def export_year(folder: Path, *, year: int) -> dict[str, int]:
    """Write the year's Header and Episodes into `folder` as CSV files; how many rows each has."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    columns = tables.tables_for(year)
    for table, rows in year_rows(year=year).items():
        with (folder / FILE_NAMES[table]).open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns[table])
            writer.writeheader()
            writer.writerows(rows)
        written[table] = len(rows)
    return written
