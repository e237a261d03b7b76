"""The `--year` argument the subcommands share."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from ..tables import FIRST_YEAR


def add_year_argument(parser, *, required: bool = False) -> None:
    parser.add_argument(
        "--year",
        type=int,
        required=required,
        help="the collection year, named by the 31 March it ends on (2026 for 2025/26); "
        "by default the latest year ended",
    )


def latest_year_ended(today: datetime.date) -> int:
    return today.year if (today.month, today.day) > (3, 31) else today.year - 1


def year_of(options) -> int:
    year = options.get("year") or latest_year_ended(timezone.localdate())
    if year < FIRST_YEAR:
        raise CommandError(
            f"Collection years before {FIRST_YEAR - 1}/{FIRST_YEAR % 100:02} are not supported."
        )
    return year
