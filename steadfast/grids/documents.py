"""A Grid as a document to send: a tagged PDF and a Word file laid out as the meeting minutes
are (`meetings.documents`), with the same protective marking on every page, from one plain
structure (`grid_content`), so the two always say the same thing. Every statement says who
contributed it and whether it is a fact, an opinion or a hypothesis; every score stands beside
its reason, and differing scores are shown as they are, never averaged."""

from django.conf import settings

from steadfast.core.jinja2 import govuk_date
from steadfast.meetings.documents import (
    Facts,
    MinutesContent,
    Section,
    Table,
    Text,
    content_docx,
    content_pdf,
)
from steadfast.meetings.models import PointMarker
from steadfast.meetings.rules import spread

from . import selectors
from .models import Grid, GridSection, GridStatement

DOCUMENT_NAME = "Safety and Well-being Grid"
NOTHING_RECORDED = "Nothing recorded."
# The parts of the two sections that keep their statements apart, in the order they are shown.
PARTS = {
    GridSection.WORKING_WELL: ((PointMarker.SAFETY, "Safety"), (PointMarker.STRENGTH, "Strengths")),
    GridSection.WORRIED: (
        (PointMarker.HARM, "Harm"),
        (PointMarker.RISK, "Risk"),
        (PointMarker.COMPLICATING, "Complicating factors"),
    ),
    GridSection.GOOD_LOOKS_LIKE: (("", ""),),
}


def _statement_rows(statements: list[GridStatement]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (s.text, f"{s.contributor.name} ({s.contributor.get_role_display().lower()})", s.get_basis_display())
        for s in statements
    )


def _statements(section: str, statements: list[GridStatement]) -> Section:
    blocks = []
    for marker, label in PARTS[section]:
        these = [s for s in statements if s.marker == marker]
        caption = label or GridSection(section).label
        if these:
            blocks.append(
                Table(
                    caption=caption,
                    headers=("Statement", "Contributed by", "Fact, opinion or hypothesis"),
                    rows=_statement_rows(these),
                )
            )
        else:
            blocks.append(Text(paragraphs=(NOTHING_RECORDED,), label=label))
    return Section(heading=GridSection(section).label, blocks=tuple(blocks))


def grid_content(grid: Grid) -> MinutesContent:
    """What the Grid says, in the order the Grid lays it out. The number of queries does not
    grow with the number of contributors, statements, scores or steps."""
    child = grid.child.display_name
    contributors = list(selectors.contributors_of(grid))
    statements = selectors.statements_by_section(grid)
    scores = selectors.scores_of(grid)
    steps = list(selectors.steps_of(grid))
    context = grid.get_context_display()
    if grid.meeting_id:
        context = f"{context}: {grid.meeting.get_kind_display()} on {govuk_date(grid.meeting.scheduled_at)}"
    low_high = spread(s.score for s in scores)
    score_note = (
        f"Scores range from {low_high[0]} to {low_high[1]}. Each person's score is kept as they gave it."
        if low_high
        else "No scores recorded."
    )
    sections = [
        Section(
            heading="About this Grid",
            blocks=(
                Facts(
                    rows=(
                        ("Child", child),
                        ("Date", govuk_date(grid.date)),
                        ("Where it was used", context),
                        ("Status", grid.get_status_display()),
                    )
                ),
            ),
        ),
        Section(
            heading="Who contributed",
            blocks=(
                Table(
                    caption="Contributors",
                    headers=("Name", "Role"),
                    rows=tuple((c.name, c.get_role_display()) for c in contributors),
                ),
            ),
        ),
        _statements(GridSection.WORKING_WELL, statements[GridSection.WORKING_WELL]),
        _statements(GridSection.WORRIED, statements[GridSection.WORRIED]),
        Section(
            heading="Impact statement",
            blocks=(
                Text(
                    paragraphs=tuple(p for p in grid.impact_statement.splitlines() if p.strip())
                    or (NOTHING_RECORDED,)
                ),
                Text(
                    paragraphs=tuple(p for p in grid.childs_words.splitlines() if p.strip())
                    or (NOTHING_RECORDED,),
                    label="In the child's words",
                ),
            ),
        ),
        Section(
            heading="Safety and well-being scores",
            blocks=(
                Text(paragraphs=(score_note,)),
                *(
                    (
                        Table(
                            caption="Each person's score, 10 (safe and well) to 0",
                            headers=("Who", "Score", "Why"),
                            rows=tuple(
                                (
                                    f"{s.contributor.name} ({s.contributor.get_role_display().lower()})",
                                    str(s.score),
                                    s.reason,
                                )
                                for s in scores
                            ),
                        ),
                    )
                    if scores
                    else ()
                ),
            ),
        ),
        _statements(GridSection.GOOD_LOOKS_LIKE, statements[GridSection.GOOD_LOOKS_LIKE]),
        Section(
            heading="What needs to happen?",
            blocks=(
                Table(
                    caption="Steps",
                    headers=("What", "Who", "By when", "How we will know", "Stability Action"),
                    rows=tuple(
                        (
                            s.what,
                            s.owner_label,
                            govuk_date(s.due_date),
                            s.measure,
                            "Added to the meeting's actions" if s.stability_action_id else "On this Grid",
                        )
                        for s in steps
                    ),
                )
                if steps
                else Text(paragraphs=(NOTHING_RECORDED,)),
            ),
        ),
    ]
    return MinutesContent(
        title=f"{DOCUMENT_NAME} for {child}, {govuk_date(grid.date)}",
        kind=DOCUMENT_NAME,
        child_name=child,
        authority=settings.AUTHORITY_NAME,
        sections=tuple(sections),
        document_name=DOCUMENT_NAME,
    )


def grid_pdf(grid: Grid) -> bytes:
    return content_pdf(grid_content(grid))


def grid_docx(grid: Grid) -> bytes:
    return content_docx(grid_content(grid))
