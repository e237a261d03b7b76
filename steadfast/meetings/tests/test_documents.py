import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from steadfast.concerns.models import MeetingKind
from steadfast.meetings.documents import minutes_content, minutes_docx, minutes_pdf
from steadfast.meetings.models import (
    ActionReview,
    ActionStatus,
    Basis,
    ChairRole,
    Column,
    Invitee,
    InviteeGroup,
    InviteeRole,
    LearningTheme,
    MeetingPoint,
    MeetingStatus,
    OwnerKind,
    PointMarker,
    ReviewOutcome,
    StabilityAction,
    StabilityMeeting,
    StabilityScore,
)

pytestmark = pytest.mark.django_db

HELD_AT = timezone.make_aware(datetime.datetime(2026, 11, 5, 14, 0))
EARLIER = timezone.make_aware(datetime.datetime(2026, 8, 3, 10, 0))

SCORES = {
    "carer": (4, "Evenings are hard since the school exclusion."),
    "child": (7, "I like my room and the dog."),
    "social_worker": (5, "Strong bond with the carer, but school is fragile."),
}
ACTIONS = (
    ("Arrange respite one weekend a month", "Evenings calmer, carer reports rest"),
    ("Meet the school about a part-time timetable", "Attending every morning for four weeks"),
)


def _meeting(scenario, **fields) -> StabilityMeeting:
    values = {
        "child": scenario.children["own"],
        "household": scenario.households["own"],
        "kind": MeetingKind.PLACEMENT_STABILITY,
        "status": MeetingStatus.DRAFT,
        "scheduled_at": HELD_AT,
        "venue": "Family room, Northbridge Civic Centre",
        "chair": scenario.users["team_manager"],
        "chair_role": ChairRole.TEAM_MANAGER,
    }
    return StabilityMeeting.objects.create(**(values | fields))


def _invitees(scenario, meeting) -> dict[str, Invitee]:
    return {
        "child": Invitee.objects.create(
            meeting=meeting,
            name="Owen Example",
            role=InviteeRole.CHILD,
            group=InviteeGroup.CORE,
            attended=True,
        ),
        "carer": Invitee.objects.create(
            meeting=meeting,
            user=scenario.users["foster_carer"],
            name="Test Carer",
            role=InviteeRole.CARER,
            group=InviteeGroup.CORE,
            attended=True,
        ),
        "social_worker": Invitee.objects.create(
            meeting=meeting,
            user=scenario.users["social_worker"],
            name=str(scenario.users["social_worker"]),
            role=InviteeRole.SOCIAL_WORKER,
            group=InviteeGroup.CORE,
            attended=True,
        ),
        "iro": Invitee.objects.create(
            meeting=meeting,
            user=scenario.users["iro"],
            name=str(scenario.users["iro"]),
            role=InviteeRole.IRO,
            group=InviteeGroup.VIEWS_SOUGHT,
            attended=False,
        ),
    }


def _actions(scenario, meeting, actions=ACTIONS) -> list[StabilityAction]:
    made = []
    for number, (what, measure) in enumerate(actions):
        owner = {"owner_kind": OwnerKind.WORKER, "owner": scenario.users["social_worker"]}
        if number % 2:
            owner = {"owner_kind": OwnerKind.CARER, "owner_name": "Test Carer"}
        made.append(
            StabilityAction.objects.create(
                meeting=meeting,
                child=meeting.child,
                what=what,
                due_date=datetime.date(2026, 12, 1) + datetime.timedelta(days=number),
                measure=measure,
                status=ActionStatus.AGREED,
                **owner,
            )
        )
    return made


def _held_meeting(scenario) -> StabilityMeeting:
    """A placement stability meeting with everything recorded, a manager's authorisation, and
    an earlier meeting where the carer scored too."""
    earlier = _meeting(scenario, scheduled_at=EARLIER, status=MeetingStatus.DRAFT)
    earlier_carer = _invitees(scenario, earlier)["carer"]
    StabilityScore.objects.create(meeting=earlier, invitee=earlier_carer, score=6, reason="Settling in.")

    meeting = _meeting(
        scenario,
        status=MeetingStatus.AUTHORISED,
        authorised_by=scenario.users["fostering_team_manager"],
        authorised_at=HELD_AT + datetime.timedelta(days=2),
        opening="We are here to support Owen and his carer after a hard few weeks.",
        perspective="The carer feels worn out; Owen feels settled at home.",
        summary="Everyone wants Owen to stay. Respite and school support first.",
        next_review_date=datetime.date(2027, 1, 14),
    )
    people = _invitees(scenario, meeting)
    MeetingPoint.objects.create(
        meeting=meeting,
        column=Column.WORRIED,
        text="Two exclusions this term",
        said_by=people["social_worker"],
        basis=Basis.FACT,
        marker=PointMarker.RISK,
    )
    MeetingPoint.objects.create(
        meeting=meeting,
        column=Column.WORKING_WELL,
        text="Owen and the carer walk the dog together every day",
        said_by=people["child"],
        basis=Basis.FACT,
        marker=PointMarker.STRENGTH,
    )
    MeetingPoint.objects.create(
        meeting=meeting,
        column=Column.NEEDS_TO_HAPPEN,
        text="Some rest for the carer",
        said_by=people["carer"],
        basis=Basis.OPINION,
    )
    for key, (score, reason) in SCORES.items():
        StabilityScore.objects.create(meeting=meeting, invitee=people[key], score=score, reason=reason)
    _actions(scenario, meeting)
    return meeting


def _pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_pdf_holds_the_childs_name_scores_and_actions(scenario):
    meeting = _held_meeting(scenario)
    reader = PdfReader(io.BytesIO(minutes_pdf(meeting)))
    text = _pdf_text(reader)
    assert "Owen Example" in text
    assert "5 November 2026 at 14:00" in text
    assert "Family room, Northbridge Civic Centre" in text
    for score, reason in SCORES.values():
        assert f"{score} {reason}" in text  # each score beside its reason
    assert "The scores ranged from 4 (lowest) to 7 (highest)." in text
    assert "6 (down 2)" in text  # the carer's score at the earlier meeting
    assert "average" not in text.replace("not added up or averaged", "")
    for what, measure in ACTIONS:
        assert what in text
        assert measure in text
    assert str(scenario.users["social_worker"]) in text
    assert "Test Carer (the carer)" in text
    assert "1 December 2026" in text
    assert f"Authorised by {scenario.users['fostering_team_manager']} on 7 November 2026" in text
    assert "14 January 2027" in text


def test_the_pdf_is_tagged_titled_and_in_british_english(scenario):
    reader = PdfReader(io.BytesIO(minutes_pdf(_held_meeting(scenario))))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == "Minutes: Placement stability meeting for Owen Example, 5 November 2026"


def test_the_pdf_says_who_came_and_who_did_not(scenario):
    meeting = _held_meeting(scenario)
    text = _pdf_text(PdfReader(io.BytesIO(minutes_pdf(meeting))))
    assert "Who came" in text
    assert "Test Carer Carer Core group Came" in text
    assert f"{scenario.users['iro']} Independent reviewing officer Views sought Did not come" in text


def test_the_word_file_holds_the_childs_name_scores_and_actions(scenario):
    meeting = _held_meeting(scenario)
    document = docx.Document(io.BytesIO(minutes_docx(meeting)))
    text = _docx_text(document)
    assert "Owen Example" in text
    for score, reason in SCORES.values():
        assert f"| {score} | {reason} |" in text
    for what, measure in ACTIONS:
        assert what in text
        assert measure in text
    assert "Everyone wants Owen to stay. Respite and school support first." in text
    assert document.core_properties.title == (
        "Minutes: Placement stability meeting for Owen Example, 5 November 2026"
    )


def test_the_word_file_uses_heading_styles_and_header_rows(scenario):
    document = docx.Document(io.BytesIO(minutes_docx(_held_meeting(scenario))))
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert headings["Placement stability meeting for Owen Example"] == "Heading 1"
    for heading in (
        "Who came",
        "Why we met",
        "What we are worried about",
        "What is working well",
        "What needs to happen",
        "How stable the home feels (0 to 10)",
        "Stability Actions",
        "Next review",
    ):
        assert headings[heading] == "Heading 2"
    score_table = next(t for t in document.tables if t.rows[0].cells[2].text == "Score")
    action_table = next(t for t in document.tables if t.rows[0].cells[0].text == "What will happen")
    for table in (score_table, action_table):
        header = table.rows[0]._tr.trPr
        assert header is not None
        assert (
            header.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
        )


def test_unauthorised_minutes_say_so(scenario):
    meeting = _meeting(scenario)
    text = _docx_text(docx.Document(io.BytesIO(minutes_docx(meeting))))
    assert "Not yet authorised" in text
    assert "No actions were agreed." in text


def test_a_review_meetings_document_shows_how_each_action_went_and_the_outcome(scenario):
    reviewed = _held_meeting(scenario)
    respite, school = reviewed.actions.order_by("due_date")
    review = _meeting(
        scenario,
        kind=MeetingKind.REVIEW,
        reviews=reviewed,
        scheduled_at=HELD_AT + datetime.timedelta(days=60),
        outcome=ReviewOutcome.SUPPORT_CONTINUES,
    )
    ActionReview.objects.create(
        meeting=review, action=respite, progress=ActionStatus.DONE, evidence="Two respite weekends taken"
    )
    ActionReview.objects.create(
        meeting=review,
        action=school,
        progress=ActionStatus.PARTLY_DONE,
        evidence="Timetable agreed, not started",
    )
    pdf_text = _pdf_text(PdfReader(io.BytesIO(minutes_pdf(review))))
    word_text = _docx_text(docx.Document(io.BytesIO(minutes_docx(review))))
    for text in (pdf_text, word_text):
        assert "How the actions went" in text
        assert "Two respite weekends taken" in text
        assert "Timetable agreed, not started" in text
        assert "Partly done" in text
        assert "Support continues" in text
    assert "Done | Two respite weekends taken" in word_text


def test_a_learning_circles_document_shows_what_happened_the_lessons_and_themes(scenario):
    circle = _meeting(
        scenario,
        kind=MeetingKind.LEARNING_CIRCLE,
        what_happened="Owen moved after the carer's illness.",
        lessons="Respite should have been offered in the first month.",
        repair_and_relationships="Owen will keep seeing the carer's dog at weekends.",
        themes=[LearningTheme.SUPPORT, LearningTheme.MATCHING],
        summary="A caring home that needed help sooner.",
    )
    pdf_text = _pdf_text(PdfReader(io.BytesIO(minutes_pdf(circle))))
    word = docx.Document(io.BytesIO(minutes_docx(circle)))
    word_text = _docx_text(word)
    for text in (pdf_text, word_text):
        assert "Reflective learning circle for Owen Example" in text
        assert "Owen moved after the carer's illness." in text
        assert "Respite should have been offered in the first month." in text
        assert "Owen will keep seeing the carer's dog at weekends." in text
        assert "Support" in text
        assert "Matching" in text
        assert "What we are worried about" not in text  # a look back, not the three columns
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Support", "Matching"]


def test_words_that_look_like_markup_are_printed_as_words_and_nothing_is_fetched(scenario, monkeypatch):
    fetched = []

    def refuse(opener, url, *args, **kwargs):
        # The PDF renderer swallows a failed fetch, so what was asked for is noted, not raised.
        fetched.append(url)
        raise OSError("No fetching while drawing the minutes")

    monkeypatch.setattr("urllib.request.OpenerDirector.open", refuse)
    venue = '<img src="http://example.invalid/x.png"> & <b>Room 2</b>'
    meeting = _meeting(scenario, venue=venue)
    assert venue in _pdf_text(PdfReader(io.BytesIO(minutes_pdf(meeting))))
    assert venue in _docx_text(docx.Document(io.BytesIO(minutes_docx(meeting))))
    assert fetched == []


def _queries_for_content(meeting) -> int:
    with CaptureQueriesContext(connection) as queries:
        minutes_content(meeting)
    return len(queries)


def test_building_the_minutes_costs_the_same_queries_however_much_was_recorded(scenario):
    meeting = _held_meeting(scenario)
    review = _meeting(
        scenario, kind=MeetingKind.REVIEW, reviews=meeting, scheduled_at=HELD_AT.replace(month=12)
    )
    reviewed = list(meeting.actions.all())
    ActionReview.objects.create(
        meeting=review, action=reviewed[0], progress=ActionStatus.DONE, evidence="Yes"
    )
    people = _invitees(scenario, review)
    StabilityScore.objects.create(meeting=review, invitee=people["carer"], score=6, reason="Better")
    _actions(scenario, review, actions=ACTIONS[:1])
    few = {m.pk: _queries_for_content(m) for m in (meeting, review)}

    for m in (meeting, review):
        more_people = [
            Invitee.objects.create(
                meeting=m,
                user=scenario.users[key],
                name=str(scenario.users[key]),
                role=InviteeRole.OTHER,
                group=InviteeGroup.CORE,
                attended=True,
            )
            for key in ("placement_support_worker", "supervising_social_worker", "senior_practitioner")
        ]
        for number, person in enumerate(more_people):
            StabilityScore.objects.create(
                meeting=m, invitee=person, score=number + 2, reason=f"Reason {number}"
            )
            MeetingPoint.objects.create(
                meeting=m,
                column=Column.WORRIED,
                text=f"Worry {number}",
                said_by=person,
                basis=Basis.HYPOTHESIS,
                marker=PointMarker.COMPLICATING,
            )
        _actions(scenario, m, actions=[(f"Action {n}", f"Measure {n}") for n in range(4)])
    ActionReview.objects.create(
        meeting=review, action=reviewed[1], progress=ActionStatus.NOT_DONE, evidence="No"
    )

    assert {m.pk: _queries_for_content(m) for m in (meeting, review)} == few


def test_both_documents_hold_the_childs_own_words_and_how_they_were_gathered(scenario):
    meeting = _held_meeting(scenario)
    child = meeting.invitees.get(role=InviteeRole.CHILD)
    child.working_well = "I like walking the dog with Pat."
    child.views_gathered = "direct"
    child.views_recorded_at = timezone.now()
    child.save()
    pdf = _pdf_text(PdfReader(io.BytesIO(minutes_pdf(meeting))))
    word = _docx_text(docx.Document(io.BytesIO(minutes_docx(meeting))))
    for text in (pdf, word):
        assert "I like walking the dog with Pat." in text
        assert "gathered directly from the child" in text
