"""Reads about Safety and Well-being Grids: one Grid as the user may see it, a child's Grids,
their scores over time, and the steps from Grids that stay on the child's record."""

import base64

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.core import charts
from steadfast.meetings.models import StabilityMeeting

from .models import Grid, GridContributor, GridScore, GridSection, GridStatement, GridStep
from .rules import GivenScore, ScoresOverTime, scores_over_time

# How many of a child's Grids their record lists, newest first, and how many the chart draws.
GRIDS_SHOWN = 10


def get_grid_for_user_or_404(user: User, pk: object) -> Grid:
    """The Grid, if the user may see its child and read its Grids; otherwise 404, as if there
    were none."""
    try:
        grid = (
            Grid.objects.filter(child__in=access.children_visible_to(user).values("pk"))
            .select_related("child", "meeting", "finished_by")
            .get(pk=pk)
        )
    except Grid.DoesNotExist:
        access.refused(user, Grid.objects.all(), "grid", pk)
        raise Http404("No such Grid") from None
    except (ValueError, TypeError):
        raise Http404("No such Grid") from None
    if not access.can_see_grids(user, grid.child):
        raise Http404("No such Grid")
    return grid


def grids_of_child(child: object) -> QuerySet[Grid]:
    """The child's Grids, newest first, each with its scores and their contributors."""
    return (
        Grid.objects.filter(child=child)
        .select_related("meeting")
        .prefetch_related(Prefetch("scores", queryset=GridScore.objects.select_related("contributor")))
    )


def meetings_for_grid(child: object) -> QuerySet[StabilityMeeting]:
    """The child's stability meetings a Grid can be made in: those that have started (a
    cancelled one was never held)."""
    return StabilityMeeting.objects.filter(child=child, scheduled_at__lte=timezone.now()).order_by(
        "-scheduled_at"
    )


def contributors_of(grid: Grid) -> QuerySet[GridContributor]:
    return grid.contributors.select_related("user")


def statements_by_section(grid: Grid) -> dict[str, list[GridStatement]]:
    """The Grid's statements under each section, in one query: within a section, harm before
    risk before complicating factors, and safety before strengths, each kept apart."""
    sections: dict[str, list[GridStatement]] = {section: [] for section in GridSection.values}
    for statement in grid.statements.select_related("contributor"):
        sections[statement.section].append(statement)
    return sections


def scores_of(grid: Grid) -> list[GridScore]:
    """Every contributor's score, lowest first: each kept, none averaged."""
    return list(grid.scores.select_related("contributor").order_by("score", "contributor__name"))


def steps_of(grid: Grid) -> QuerySet[GridStep]:
    return grid.steps.select_related("owner", "stability_action")


def steps_from_grids(child: object) -> QuerySet[GridStep]:
    """The steps of the child's Grids that did not join a meeting's Stability Actions: they stay
    on the Grid and are shown on the child's record."""
    return (
        GridStep.objects.filter(grid__child=child, stability_action__isnull=True)
        .select_related("owner", "grid")
        .order_by("due_date", "pk")
    )


def scores_over_time_for(child: object) -> ScoresOverTime:
    """Each contributor's score on each of the child's latest Grids that have scores."""
    latest = list(
        Grid.objects.filter(child=child, scores__isnull=False)
        .distinct()
        .order_by("-date", "-pk")
        .values_list("pk", flat=True)[:GRIDS_SHOWN]
    )
    given = [
        GivenScore(
            grid_id=s.grid_id,
            date=s.grid.date,
            person_key=s.contributor.person_key,
            person=f"{s.contributor.name} ({s.contributor.get_role_display().lower()})",
            score=s.score,
        )
        for s in GridScore.objects.filter(grid__in=latest)
        .select_related("grid", "contributor")
        .order_by("grid__date", "grid_id", "contributor_id")
    ]
    return scores_over_time(given)


def scores_chart(over_time: ScoresOverTime, *, child_name: str) -> tuple[str, str]:
    """The scores over time as an SVG image written into the page (a `data:` address, which the
    content security policy allows), and its one-line summary for the image's alt text. Each
    person is a line of their own: the chart draws each score, never an average."""
    summary = (
        f"Safety and well-being scores for {child_name} from {len(over_time.people)} "
        f"{'person' if len(over_time.people) == 1 else 'people'} on {len(over_time.dates)} "
        f"{'date' if len(over_time.dates) == 1 else 'dates'}; each score is in the table below."
    )
    svg = charts.line_chart(
        title=f"Safety and well-being scores for {child_name}",
        description=summary,
        # Short months, so that ten dates fit under the plot; the table beside it gives them whole.
        categories=[f"{date.day} {date:%b}\n{date.year}" for date in over_time.dates],
        lines=[
            charts.Line(person, [(i, score) for i, score in enumerate(scores)])
            for person, scores in zip(over_time.people, over_time.scores, strict=True)
        ],
        y_max=10,
        y_ticks=[(value, str(value)) for value in (0, 2, 4, 6, 8, 10)],
        y_label="Score (10 safe and well, 0 not safe)",
        notes=["Each person's score is drawn as they gave it: scores are never averaged."],
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), summary
