"""Run the stability signal rules over every placement's past, week by week, and print how
they would have done: for homes that later ended unplanned, how many were signalled and how
many weeks before; for homes that held, how many signals fired on them. See docs/rules.md."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from steadfast.signals import rules
from steadfast.signals.selectors import signal_settings_in_force
from steadfast.signals.situations import placement_histories

WINDOW_WEEKS = 12


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})" if whole else f"{part} of 0"


def report(result: rules.Replay) -> list[str]:
    """The figures of one replay, as lines of plain text."""
    median = result.median_weeks_before_ending
    lines = [
        f"  Placements that ended unplanned, signalled before the ending: "
        f"{_share(result.ended_unplanned_signalled, result.ended_unplanned)}",
        "  Whole weeks from the first signal to the ending: "
        + (f"median {median:g}; " if median is not None else "none signalled; ")
        + "; ".join(f"{label}: {count}" for label, count in result.distribution()),
        f"  Placements that held, signalled: {_share(result.held_signalled, result.held)}; "
        f"signals on them (each rule once a placement): {result.signals_on_held}",
        f"  Placements ended without saying whether planned (counted nowhere else): {result.ending_unknown}",
        "  By rule: unplanned endings signalled, homes that held signalled",
    ]
    for rule in result.by_rule:
        lines.append(
            f"    {rules.RULE_NAMES[rule.rule]:<40} "
            f"{rule.unplanned_endings_signalled:>6} {rule.held_signalled:>6}"
        )
    return lines


class Command(BaseCommand):
    help = "Replay the stability signal rules over every placement's weekly snapshots and print the figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=datetime.date.fromisoformat,
            help="Replay only from this day (YYYY-MM-DD), for example when the authority began "
            "recording visits and supervision in Steadfast; placements that ended before it are left out.",
        )

    def handle(self, *args, since: datetime.date | None = None, **options) -> None:
        started = time.perf_counter()
        today = timezone.localdate()
        settings = signal_settings_in_force()
        histories = placement_histories(today=today, since=since)
        built = time.perf_counter()
        whole = rules.replay(histories, settings)
        windowed = rules.replay(histories, settings, window_weeks=WINDOW_WEEKS)
        finished = time.perf_counter()
        snapshots = sum(len(h.snapshots) for h in histories)
        out = [
            f"Replayed {len(histories)} placements ({snapshots} weekly snapshots) up to {today.isoformat()}"
            + (f", from {since.isoformat()}" if since else "")
            + ", with the signal settings in force.",
            "",
            "Over the whole of each placement:",
            *report(whole),
            "",
            f"Within the {WINDOW_WEEKS} weeks before each ending, or before the last snapshot of a placement "
            "that has not ended:",
            *report(windowed),
            "",
            f"Took {finished - started:.1f} s: {built - started:.1f} s to build the snapshots, "
            f"{finished - built:.1f} s to replay them twice.",
        ]
        self.stdout.write("\n".join(out))
