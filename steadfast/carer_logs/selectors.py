"""Reads about carer logs: a household's logs in the order the supervising social worker reads
them, the tone trend, what the household's and the child's records show, and the households
with logs left unreviewed too long."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.households.models import Household
from steadfast.households.selectors import household_labels

from . import rules
from .models import CarerLog, CarerLogReply, LogReviewPolicy
from .tone import THEME_LABELS, Cue, Theme, tone_cues


def policy_in_force() -> rules.Policy:
    row = LogReviewPolicy.objects.first()
    return rules.Policy(review_within_days=row.review_within_days) if row else rules.DEFAULT_POLICY


def _named(viewer: User, household: Household) -> Q:
    """Logs about the children the viewer may name on the household's record: a restricted
    child's logs stay with those who may see the child."""
    return Q(child__in=access.children_named_on_household(viewer, household).values("pk"))


def logs_of_household(household: Household, *, viewer: User) -> QuerySet[CarerLog]:
    """The household's logs the viewer may read; `unreviewed_logs` and `reviewed_logs` order them
    as the logs page shows them."""
    return CarerLog.objects.filter(_named(viewer, household), household=household).select_related(
        "child", "created_by", "reviewed_by"
    )


def unreviewed_logs(household: Household, *, viewer: User) -> QuerySet[CarerLog]:
    """Oldest first: the SSW reads them in the order they happened."""
    return logs_of_household(household, viewer=viewer).filter(reviewed_at__isnull=True).order_by("date", "id")


def reviewed_logs(household: Household, *, viewer: User) -> QuerySet[CarerLog]:
    """Newest first."""
    return (
        logs_of_household(household, viewer=viewer).filter(reviewed_at__isnull=False).order_by("-date", "-id")
    )


def logs_of_child(child: Child) -> QuerySet[CarerLog]:
    """Logs about a child, newest first, for the child's record (no tone cues there)."""
    return CarerLog.objects.filter(child=child).order_by("-date", "-id")


def logs_written_in_household(household: Household, *, carer: User) -> QuerySet[CarerLog]:
    """What the carer sees in their portal: their household's logs about children they may name,
    newest first, with the replies to them (never the review comment, which the page leaves out)."""
    return (
        CarerLog.objects.filter(_named(carer, household), household=household)
        .select_related("child")
        .prefetch_related(Prefetch("replies", queryset=CarerLogReply.objects.select_related("created_by")))
        .order_by("-date", "-id")
    )


def replies_to(log: CarerLog) -> QuerySet[CarerLogReply]:
    """The replies to the carers on a log, oldest first, as a conversation reads."""
    return log.replies.select_related("created_by").order_by("created_at", "id")


@dataclass
class TrendWeek:
    starts: datetime.date
    logs: int = 0
    with_cues: int = 0
    themes: Counter = field(default_factory=Counter)

    def theme_labels(self) -> list[str]:
        return [THEME_LABELS[t] for t in Theme if self.themes[t]]


@dataclass
class ToneTrend:
    weeks: list[TrendWeek]

    @property
    def logs(self) -> int:
        return sum(w.logs for w in self.weeks)

    @property
    def with_cues(self) -> int:
        return sum(w.with_cues for w in self.weeks)

    def theme_labels(self) -> list[str]:
        themes = Counter()
        for week in self.weeks:
            themes.update(week.themes)
        return [THEME_LABELS[t] for t in Theme if themes[t]]

    def summary(self) -> str:
        """One plain line: how many logs had cues, and which themes, never a score."""
        if not self.logs:
            return f"No logs in the last {len(self.weeks)} weeks."
        if not self.with_cues:
            return f"No tone cues in the {self.logs} logs of the last {len(self.weeks)} weeks."
        this_week = self.weeks[-1].with_cues
        return (
            f"Tone cues in {self.with_cues} of {self.logs} logs in the last {len(self.weeks)} weeks "
            f"({this_week} this week): {', '.join(self.theme_labels()).lower()}."
        )


def tone_trend(household: Household, *, viewer: User, today: datetime.date | None = None) -> ToneTrend:
    """For each of the last weeks, how many logs were written and how many had tone cues, with
    their themes. One query; the cues are worked out in Python from the lexicon."""
    today = today or timezone.localdate()
    weeks = [TrendWeek(starts=monday) for monday in rules.trend_weeks(today)]
    by_start = {w.starts: w for w in weeks}
    texts = CarerLog.objects.filter(
        _named(viewer, household), household=household, date__gte=weeks[0].starts, date__lte=today
    ).values_list("date", "what_happened")
    for day, text in texts:
        week = by_start[rules.week_of(day)]
        week.logs += 1
        cues = tone_cues(text)
        if cues:
            week.with_cues += 1
            week.themes.update({c.theme for c in cues})
    return ToneTrend(weeks=weeks)


def highlighted(text: str, cues: list[Cue]) -> list[tuple[str, Cue | None]]:
    """The text cut into pieces, each with the cue it is, or None: the template escapes each
    piece and marks the cued ones."""
    pieces, at = [], 0
    for cue in cues:
        if cue.start > at:
            pieces.append((text[at : cue.start], None))
        pieces.append((text[cue.start : cue.end], cue))
        at = cue.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


@dataclass(frozen=True)
class LogsSummary:
    unreviewed: int
    overdue: int
    review_within_days: int
    trend: ToneTrend
    can_write: bool


def logs_summary_for_household(household: Household, *, viewer: User) -> LogsSummary | None:
    """What the household's record shows of its logs to the fostering service; None for anyone
    else (a child's social worker who sees the household only as the child's home, its carers)."""
    if not access.can_read_fostering_record(viewer, household):
        return None
    policy = policy_in_force()
    today = timezone.localdate()
    counts = CarerLog.objects.filter(
        _named(viewer, household), household=household, reviewed_at__isnull=True
    ).aggregate(
        unreviewed=Count("pk"), overdue=Count("pk", filter=Q(date__lt=rules.overdue_before(today, policy)))
    )
    return LogsSummary(
        unreviewed=counts["unreviewed"],
        overdue=counts["overdue"],
        review_within_days=policy.review_within_days,
        trend=tone_trend(household, viewer=viewer, today=today),
        can_write=access.can_record_fostering_work(viewer, household),
    )


@dataclass(frozen=True)
class OverdueHousehold:
    household_id: int
    label: str  # `Household.label`
    overdue: int
    oldest: datetime.date


def households_with_overdue_logs(viewer: User) -> list[OverdueHousehold]:
    """The households the viewer sees as the fostering service with logs unreviewed past the
    policy, the one with the oldest such log first. Three queries, however many households."""
    cutoff = rules.overdue_before(timezone.localdate(), policy_in_force())
    rows = (
        CarerLog.objects.filter(
            Q(child__restricted=False) | Q(child__in=access.children_visible_to(viewer).values("pk")),
            household__in=access.households_with_fostering_access(viewer).values("pk"),
            reviewed_at__isnull=True,
            date__lt=cutoff,
        )
        .values("household_id", "household__name")
        .annotate(overdue=Count("pk"), oldest=Min("date"))
        .order_by("oldest", "household__name")
    )
    labels = household_labels(r["household_id"] for r in rows)
    return [
        OverdueHousehold(r["household_id"], labels[r["household_id"]], r["overdue"], r["oldest"])
        for r in rows
    ]


# How many logs the child's record lists.
LOGS_ON_CHILD_RECORD = 5


def logs_about_child_for(child: Child, *, viewer: User) -> list[CarerLog] | None:
    """The latest logs about a child the viewer can see, for the child's record; None for those
    who do not read them there."""
    if not access.can_read_carer_logs_about_child(viewer, child):
        return None
    return list(logs_of_child(child)[:LOGS_ON_CHILD_RECORD])
