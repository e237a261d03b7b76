"""A meeting's minutes as a document to send: a tagged PDF and a Word file, both laid out from
one plain structure (`minutes_content`), so the two always say the same thing. Written for
carers, children and their families as much as for workers: plain headings, every score beside
its reason, differences shown and never averaged.

Both are laid out to be filed as an authority files its papers: on A4, with the protective
marking OFFICIAL-SENSITIVE at the top and bottom of every page, the title at the top and
"Page X of Y" at the bottom."""

import io
import re
from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from steadfast.core.exports import PROTECTIVE_MARKING
from steadfast.core.jinja2 import govuk_date

from .models import (
    ActionReview,
    ActionStatus,
    Column,
    Invitee,
    InviteeRole,
    MeetingPoint,
    MeetingStatus,
    StabilityAction,
    StabilityMeeting,
)
from .rules import ScoreRow, spread
from .selectors import actions_to_review, invitees_of, score_table_for, supervision_scale_for

LANGUAGE = "en-GB"
NOT_RECORDED = "Not recorded."
NOT_AUTHORISED = "Not yet authorised"

# A4, in millimetres, and the margins both documents leave: wide enough at the top and bottom
# for the marking, the title and the page numbers, and for a hole punch at the side.
PAGE_SIZE_MM = (210, 297)
MARGINS_MM = {"top": 25, "right": 20, "bottom": 25, "left": 20}
# How far the header and footer sit from the edge of the paper, inside those margins.
HEADER_DISTANCE_MM = 10

# What the minutes say about the Child's Plan before a manager authorises them, by where the
# record has got to. Nothing here says the plan is authorised: only authorisation does.
ACTIONS_BEFORE_AUTHORISATION = {
    MeetingStatus.PLANNED: "Once a manager authorises these minutes, the actions join the Child's Plan.",
    MeetingStatus.DRAFT: (
        "These minutes are still being written up. Once a manager authorises them, the actions "
        "join the Child's Plan."
    ),
    MeetingStatus.AWAITING_AUTHORISATION: (
        "These minutes are waiting for a manager to authorise them. Once a manager authorises "
        "them, the actions join the Child's Plan."
    ),
    MeetingStatus.RETURNED: (
        "A manager returned these minutes with comments. Once they are changed and a manager "
        "authorises them, the actions join the Child's Plan."
    ),
}
ACTIONS_SOME_ALREADY_IN_PLAN = (
    "These minutes were authorised before and reopened to be corrected. The actions agreed then "
    "are still part of the Child's Plan; an action marked Proposed joins it once a manager "
    "authorises these minutes again."
)
ACTIONS_ALL_ALREADY_IN_PLAN = (
    "These minutes were authorised before and reopened to be corrected. The actions agreed then "
    "are still part of the Child's Plan."
)

COLUMN_HEADINGS = {
    Column.WORRIED: "What we are worried about",
    Column.WORKING_WELL: "What is working well",
    Column.NEEDS_TO_HAPPEN: "What needs to happen",
}


@dataclass(frozen=True)
class Facts:
    """Labelled values, one to a line: a label and what it says."""

    kind: ClassVar[str] = "facts"
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Text:
    """Paragraphs of someone's words, under an optional label."""

    kind: ClassVar[str] = "text"
    paragraphs: tuple[str, ...]
    label: str = ""


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table whose first row names its columns."""

    kind: ClassVar[str] = "table"
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Facts | Text | Bullets | Table


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class MinutesContent:
    """Everything the minutes say, in reading order, with no layout."""

    title: str
    kind: str
    child_name: str
    authority: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    # What the document is, under the authority's name at its top: "minutes", or another record
    # laid out the same way (a Safety and Well-being Grid).
    document_name: str = "minutes"
    marking: str = PROTECTIVE_MARKING


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in re.split(r"\n+", text or "") if line.strip())


def _text(text: str, *, label: str = "", empty: str = NOT_RECORDED) -> Text:
    return Text(paragraphs=_paragraphs(text) or (empty,), label=label)


def _date(value: object) -> str:
    return govuk_date(value) if value else ""


def _attended(value: bool | None) -> str:
    return {True: "Came", False: "Did not come"}.get(value, "Not recorded")


def _previous(row: ScoreRow) -> str:
    if row.previous is None:
        return "No score last time"
    change = row.change or 0
    if change == 0:
        return f"{row.previous} (no change)"
    direction = "up" if change > 0 else "down"
    return f"{row.previous} ({direction} {abs(change)})"


def _spread_sentence(rows: list[ScoreRow]) -> str:
    lowest_highest = spread(row.score for row in rows)
    if lowest_highest is None:
        return "No scores were recorded."
    lowest, highest = lowest_highest
    if len(rows) == 1:
        return f"One person gave a score: {lowest}."
    if lowest == highest:
        return f"Everyone gave the same score: {lowest}."
    return f"The scores ranged from {lowest} (lowest) to {highest} (highest)."


def _supervision_sentence(scale: object) -> str:
    if scale is None:
        return "No placement stability scale has been recorded in the carer's supervision yet."
    return (
        f"In the carer's supervision on {_date(scale.session.date)}, the placement stability scale "
        f"was {scale.score}: {scale.reason}"
    )


def _meeting_for_minutes(meeting: StabilityMeeting) -> StabilityMeeting:
    return StabilityMeeting.objects.select_related(
        "child", "household", "chair", "authorised_by", "reviews", "placement"
    ).get(pk=meeting.pk)


def _about(meeting: StabilityMeeting) -> Section:
    rows = [
        ("Child or young person", str(meeting.child)),
        ("Meeting", meeting.get_kind_display()),
        ("Date and time", _date(meeting.scheduled_at)),
        ("Where", meeting.venue),
        ("Chaired by", meeting.chair_label),
    ]
    if meeting.household is not None:
        rows.append(("Home", meeting.household.name))
    if meeting.reviews is not None:
        rows.append(("Looks back at", f"The meeting on {_date(meeting.reviews.scheduled_at)}"))
    if meeting.placement is not None and meeting.placement.end_date:
        rows.append(("The home ended on", _date(meeting.placement.end_date)))
    return Section(heading="About this meeting", blocks=(Facts(rows=tuple(rows)),))


def _who_came(invitees: list[Invitee]) -> Section:
    if not invitees:
        return Section(heading="Who came", blocks=(Text(paragraphs=("Nobody was recorded as invited.",)),))
    table = Table(
        caption="Everyone invited, and whether they came",
        headers=("Name", "Role", "Invited as", "Came to the meeting"),
        rows=tuple(
            (i.name, i.get_role_display(), i.get_group_display(), _attended(i.attended)) for i in invitees
        ),
    )
    return Section(heading="Who came", blocks=(table,))


VIEWS_PROMPTS = (
    ("worries", "What they are worried about"),
    ("working_well", "What is working well"),
    ("needs_to_happen", "What needs to happen"),
    ("support_offered", "What support they can offer"),
)


def _views_before(invitees: list[Invitee]) -> Section:
    """What each person said before the meeting, the child's first, in their own words."""
    given = sorted((i for i in invitees if i.has_views), key=lambda i: i.role != InviteeRole.CHILD)
    if not given:
        return Section(
            heading="What people told us before the meeting",
            blocks=(Text(paragraphs=("Nobody's views were recorded before the meeting.",)),),
        )
    blocks: list[Block] = []
    for invitee in given:
        who = f"{invitee.name} ({invitee.get_role_display()})"
        if invitee.views_gathered:
            who += f", gathered {invitee.get_views_gathered_display().lower()}"
        blocks.extend(
            _text(getattr(invitee, field), label=f"{who}: {label.lower()}")
            for field, label in VIEWS_PROMPTS
            if getattr(invitee, field).strip()
        )
    return Section(heading="What people told us before the meeting", blocks=tuple(blocks))


def _why_we_met(meeting: StabilityMeeting) -> Section:
    blocks: list[Block] = [_text(meeting.opening, label="The chair's opening")]
    prompts = (
        (meeting.perspective, "How each person sees what is happening"),
        (meeting.impact, "The impact on the child and the family"),
        (meeting.solutions, "Ideas that could help"),
    )
    blocks.extend(_text(text, label=label) for text, label in prompts if text.strip())
    return Section(heading="Why we met", blocks=tuple(blocks))


def _columns(meeting: StabilityMeeting) -> list[Section]:
    points = MeetingPoint.objects.filter(meeting=meeting).select_related("said_by").order_by("id")
    by_column: dict[str, list[MeetingPoint]] = {column: [] for column in Column.values}
    for point in points:
        by_column[point.column].append(point)
    sections = []
    for column in Column.values:
        said = by_column[column]
        if not said:
            blocks: tuple[Block, ...] = (Text(paragraphs=("Nothing was recorded here.",)),)
        else:
            with_marker = column != Column.NEEDS_TO_HAPPEN
            headers = ("What was said", "Who said it", "Fact, opinion or hypothesis")
            headers += ("What kind of point",) if with_marker else ()
            rows = []
            for point in said:
                row = (
                    point.text,
                    f"{point.said_by.name} ({point.said_by.get_role_display()})",
                    point.get_basis_display(),
                )
                rows.append(row + ((point.get_marker_display(),) if with_marker else ()))
            blocks = (Table(caption="Each point and who made it", headers=headers, rows=tuple(rows)),)
        sections.append(Section(heading=COLUMN_HEADINGS[column], blocks=blocks))
    return sections


def _scores(meeting: StabilityMeeting) -> Section:
    rows = score_table_for(meeting)
    blocks: list[Block] = [
        Text(
            paragraphs=(
                "Everyone at the meeting said how stable the home feels, from 0 to 10, where 10 "
                "is the most stable, and why. Each score is shown with its reason. The scores are "
                "not added up or averaged: where people see things differently, that matters.",
                _spread_sentence(rows),
            )
            + ((_supervision_sentence(supervision_scale_for(meeting)),) if meeting.household_id else ())
        )
    ]
    if rows:
        blocks.append(
            Table(
                caption="Each person's score and their reason",
                headers=("Name", "Role", "Score", "Why they gave this score", "Their score last time"),
                rows=tuple((r.name, r.role, str(r.score), r.reason, _previous(r)) for r in rows),
            )
        )
    return Section(heading="How stable the home feels (0 to 10)", blocks=tuple(blocks))


def _action_reviews(meeting: StabilityMeeting) -> list[Section]:
    actions = actions_to_review(meeting).prefetch_related(
        Prefetch("reviews", queryset=ActionReview.objects.filter(meeting=meeting), to_attr="reviewed_here")
    )
    rows = []
    for action in actions:
        review = action.reviewed_here[0] if action.reviewed_here else None
        rows.append(
            (
                action.what,
                action.owner_label,
                review.get_progress_display() if review else "Not yet reviewed",
                review.evidence if review else "",
            )
        )
    reviewed: Block = (
        Table(
            caption="How each action from the last meeting went",
            headers=("What was agreed", "Who was doing it", "How far it got", "What shows this"),
            rows=tuple(rows),
        )
        if rows
        else Text(paragraphs=("There were no actions to look back at.",))
    )
    outcome = meeting.get_outcome_display() if meeting.outcome else "Not yet decided."
    return [
        Section(heading="How the actions went", blocks=(reviewed,)),
        Section(heading="What we decided", blocks=(Text(paragraphs=(outcome,)),)),
    ]


def _actions(meeting: StabilityMeeting) -> Section:
    actions = (
        StabilityAction.objects.filter(meeting=meeting).select_related("owner").order_by("due_date", "id")
    )
    rows = tuple(
        (a.what, a.owner_label, _date(a.due_date), a.measure, a.get_status_display()) for a in actions
    )
    if not rows:
        return Section(heading="Stability Actions", blocks=(Text(paragraphs=("No actions were agreed.",)),))
    intro = Text(
        paragraphs=(
            "What will happen, who will do it, by when, and how everyone will know it has worked.",
            _actions_and_the_plan(meeting, [a.status for a in actions]),
        )
    )
    table = Table(
        caption="The Stability Actions",
        headers=("What will happen", "Who will do it", "By when", "How we will know it worked", "Status"),
        rows=rows,
    )
    return Section(heading="Stability Actions", blocks=(intro, table))


def _looking_back(meeting: StabilityMeeting) -> list[Section]:
    themes = meeting.theme_labels()
    return [
        Section(heading="What happened", blocks=(_text(meeting.what_happened),)),
        Section(heading="What we learned", blocks=(_text(meeting.lessons),)),
        Section(heading="Repair and relationships", blocks=(_text(meeting.repair_and_relationships),)),
        Section(
            heading="Themes for learning",
            blocks=(
                Bullets(items=tuple(themes)) if themes else Text(paragraphs=("No themes were chosen.",)),
            ),
        ),
    ]


def _authorised(meeting: StabilityMeeting) -> bool:
    return meeting.status == MeetingStatus.AUTHORISED and meeting.authorised_by is not None


def _actions_and_the_plan(meeting: StabilityMeeting, statuses: list[str]) -> str:
    """Whether the actions are in the Child's Plan, as the record stands. An action leaves
    "Proposed" only when a manager authorises its meeting, and stays in the plan if the meeting
    is later reopened, so an action that is not Proposed in a record not yet authorised again
    is already in the plan."""
    if _authorised(meeting):
        return (
            f"The plan was authorised by {meeting.authorised_by} on {_date(meeting.authorised_at)}. "
            "These actions are part of the Child's Plan."
        )
    proposed = statuses.count(ActionStatus.PROPOSED)
    if proposed == len(statuses):
        return ACTIONS_BEFORE_AUTHORISATION.get(
            meeting.status, ACTIONS_BEFORE_AUTHORISATION[MeetingStatus.PLANNED]
        )
    return ACTIONS_SOME_ALREADY_IN_PLAN if proposed else ACTIONS_ALL_ALREADY_IN_PLAN


def _authorisation(meeting: StabilityMeeting) -> str:
    """Where the record has got to: who authorised it and when, or why it is not yet authorised."""
    if _authorised(meeting):
        return f"Authorised by {meeting.authorised_by} on {_date(meeting.authorised_at)}"
    if meeting.status == MeetingStatus.AWAITING_AUTHORISATION and meeting.submitted_at:
        return f"{NOT_AUTHORISED}. Sent to a manager to authorise on {_date(meeting.submitted_at)}"
    if meeting.status == MeetingStatus.RETURNED and meeting.returned_at:
        return f"{NOT_AUTHORISED}. A manager returned them with comments on {_date(meeting.returned_at)}"
    if meeting.status == MeetingStatus.PLANNED:
        return f"{NOT_AUTHORISED}. The meeting has not been written up yet"
    return f"{NOT_AUTHORISED}. The record is still being written up"


def minutes_content(meeting: StabilityMeeting) -> MinutesContent:
    """What the minutes of `meeting` say, in the order they say it. The number of queries it
    makes does not grow with the number of people, points, scores or actions."""
    meeting = _meeting_for_minutes(meeting)
    child = str(meeting.child)
    kind = meeting.get_kind_display()
    invitees = list(invitees_of(meeting))
    sections: list[Section] = [
        _about(meeting),
        _who_came(invitees),
        _views_before(invitees),
        _why_we_met(meeting),
    ]
    if meeting.looks_back:
        sections.extend(_looking_back(meeting))
        if meeting.scores.exists():
            sections.append(_scores(meeting))
    else:
        sections.extend(_columns(meeting))
        sections.append(_scores(meeting))
    if meeting.reviews_id is not None:
        sections.extend(_action_reviews(meeting))
    if not meeting.looks_back or meeting.actions.exists():
        sections.append(_actions(meeting))
    sections.append(Section(heading="The chair's summary", blocks=(_text(meeting.summary),)))
    if not meeting.looks_back or meeting.next_review_date:
        next_review = _date(meeting.next_review_date) or "No date has been set yet."
        sections.append(Section(heading="Next review", blocks=(Text(paragraphs=(next_review,)),)))
    sections.append(
        Section(
            heading="Authorisation",
            blocks=(Facts(rows=(("These minutes", _authorisation(meeting)),)),),
        )
    )
    return MinutesContent(
        title=f"Minutes: {kind} for {child}, {_date(timezone.localdate(meeting.scheduled_at))}",
        kind=kind,
        child_name=child,
        authority=settings.AUTHORITY_NAME,
        sections=tuple(sections),
    )


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string that nothing typed into a record can break out of: every
    character but a letter, a digit or a space is written as its code point, so a quote, a
    backslash or "</style>" is only ever text."""
    # An escape is the code point in hex ended by a space, which the escape takes as its own.
    escaped = "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text)
    # Safe: what is left holds only letters, digits, spaces, backslashes and the quotes.
    return mark_safe(f'"{escaped}"')


def minutes_pdf(meeting: StabilityMeeting) -> bytes:
    """The minutes as a tagged PDF (headings, tables and their header cells marked for screen
    readers), in British English, drawn with the system's sans-serif fonts, on A4 with the
    protective marking at the top and bottom of every page, the title at the top and "Page X of
    Y" at the bottom."""
    return content_pdf(minutes_content(meeting))


def content_pdf(content: MinutesContent) -> bytes:
    """`content` laid out as the minutes are, as a tagged PDF on A4 with the protective marking
    on every page (see `minutes_pdf`)."""
    # Imported here, not at the top: WeasyPrint loads the system's Pango when imported, and the
    # rest of the service must run (and say what is missing) on a server without it.
    import weasyprint
    from weasyprint.urls import URLFetcher

    context = {
        "minutes": content,
        "lang": LANGUAGE,
        "page_size": "{} {}".format(*(f"{mm}mm" for mm in PAGE_SIZE_MM)),
        "margins": " ".join(f"{MARGINS_MM[side]}mm" for side in ("top", "right", "bottom", "left")),
        "marking_css": css_string(content.marking),
        "title_css": css_string(content.title),
    }
    html = render_to_string("meetings/minutes_document.html", context)
    # The minutes carry everything they show; nothing is fetched from anywhere while they are drawn.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    return document.write_pdf(pdf_tags=True)


def _set_language(document: Document) -> None:
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _repeat_as_header(row) -> None:
    """Marks a table row as its header row, which screen readers announce and Word repeats on
    every page the table runs onto."""
    row_properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def _describe_table(table, caption: str) -> None:
    table_properties = table._tbl.tblPr
    described = OxmlElement("w:tblCaption")
    described.set(qn("w:val"), caption)
    table_properties.append(described)


def _add_cell_text(cell, text: str, *, bold: bool = False) -> None:
    paragraphs = _paragraphs(text) or ("",)
    cell.paragraphs[0].add_run(paragraphs[0]).bold = bold
    for more in paragraphs[1:]:
        cell.add_paragraph().add_run(more).bold = bold


def _add_table(document: Document, block: Table) -> None:
    document.add_paragraph(block.caption, style="Caption")
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _describe_table(table, block.caption)
    _repeat_as_header(table.rows[0])
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        _add_cell_text(cell, header, bold=True)
    for values in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _add_cell_text(cell, value)


def _add_facts(document: Document, block: Facts) -> None:
    # A label and its value on one line, rather than a table without a header row, which Word's
    # accessibility checker rightly questions.
    for label, value in block.rows:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _add_block(document: Document, block: Block) -> None:
    if isinstance(block, Facts):
        _add_facts(document, block)
    elif isinstance(block, Text):
        if block.label:
            document.add_heading(block.label, level=3)
        for paragraph in block.paragraphs:
            document.add_paragraph(paragraph)
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    else:
        _add_table(document, block)


def _add_field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice work out as they lay the pages
    out; `shown` is what a reader that does not work fields out shows instead."""

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    for part in (char("begin"), code, char("separate")):
        paragraph.add_run()._r.append(part)
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(char("end"))


def _add_marking(paragraph, marking: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(marking)
    run.bold = True


def _lay_out_pages(document: Document, content: MinutesContent) -> None:
    """A4 portrait with MARGINS_MM; on every page a header with the marking and the title, and
    a footer with the marking and "Page X of Y"."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(mm) for mm in PAGE_SIZE_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = False

    header = section.header
    header.is_linked_to_previous = False
    _add_marking(header.paragraphs[0], content.marking)
    title = header.add_paragraph(style="Header")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(content.title).font.size = Pt(9)

    footer = section.footer
    footer.is_linked_to_previous = False
    _add_marking(footer.paragraphs[0], content.marking)
    numbers = footer.add_paragraph(style="Footer")
    numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
    numbers.add_run("Page ")
    _add_field(numbers, "PAGE", "1")
    numbers.add_run(" of ")
    _add_field(numbers, "NUMPAGES", "1")


def minutes_docx(meeting: StabilityMeeting) -> bytes:
    """The minutes as a Word document with real heading styles, tables whose first row is
    marked as their header, and the document's title set, on A4 with the protective marking in
    the header and footer of every page, the title in the header and "Page X of Y" in the
    footer."""
    return content_docx(minutes_content(meeting))


def content_docx(content: MinutesContent) -> bytes:
    """`content` laid out as the minutes are, as a Word document on A4 with the protective
    marking in the header and footer of every page (see `minutes_docx`)."""
    document = Document()
    document.core_properties.title = content.title
    document.core_properties.author = content.authority
    document.core_properties.language = LANGUAGE
    document.core_properties.category = content.marking
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _set_language(document)
    _lay_out_pages(document, content)
    document.add_paragraph(f"{content.authority}: {content.document_name}")
    document.add_heading(f"{content.kind} for {content.child_name}", level=1)
    for section in content.sections:
        document.add_heading(section.heading, level=2)
        for block in section.blocks:
            _add_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
