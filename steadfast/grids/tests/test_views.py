import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from pypdf import PdfReader

from steadfast.audit.models import AuditEvent
from steadfast.core.exports import PROTECTIVE_MARKING
from steadfast.grids import services
from steadfast.grids.documents import grid_pdf
from steadfast.grids.models import Grid, GridScore, GridStatement
from steadfast.grids.views import GRID_DOWNLOADED, GRID_VIEWED
from steadfast.meetings.tests.helpers import an_arranged_meeting
from tests.queries import queries_for

from .helpers import a_contributor, a_grid

pytestmark = pytest.mark.django_db


def _full_grid(scenario, *, days_ago: int = 1) -> Grid:
    grid = a_grid(scenario, days_ago=days_ago)
    actor = scenario.users["social_worker"]
    worker = grid.contributors.get()
    carer = a_contributor(scenario, grid)
    services.add_grid_statement(
        actor=actor,
        grid=grid,
        section="working_well",
        text="Pat reads with Owen",
        contributor=carer,
        basis="fact",
        marker="strength",
    )
    services.add_grid_statement(
        actor=actor,
        grid=grid,
        section="worried",
        text="Owen was hit at contact",
        contributor=worker,
        basis="fact",
        marker="harm",
    )
    services.add_grid_statement(
        actor=actor,
        grid=grid,
        section="worried",
        text="Contact may upset him again",
        contributor=worker,
        basis="hypothesis",
        marker="risk",
    )
    services.record_grid_score(actor=actor, grid=grid, contributor=carer, score=7, reason="Settled at home")
    services.record_grid_score(
        actor=actor, grid=grid, contributor=worker, score=4, reason="Contact worries me"
    )
    services.save_impact_statement(
        actor=actor,
        grid=grid,
        seen_version=grid.version,
        impact_statement="Owen feels safe at home.",
        childs_words="I like my room",
    )
    services.add_grid_step(
        actor=actor,
        grid=grid,
        what="Supervised contact only",
        owner_kind="worker",
        owner=actor,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
        measure="No more incidents at contact",
    )
    grid.refresh_from_db()
    return grid


def _paths(grid: Grid) -> list[str]:
    statement = grid.statements.first()
    score = grid.scores.first()
    step = grid.steps.first()
    return [
        f"/children/{grid.child_id}/grids/make/",
        f"/grids/{grid.pk}/",
        f"/grids/{grid.pk}/contributors/add/",
        f"/grids/{grid.pk}/statements/add/",
        f"/grids/{grid.pk}/statements/{statement.pk}/change/",
        f"/grids/{grid.pk}/statements/{statement.pk}/withdraw/",
        f"/grids/{grid.pk}/scores/add/",
        f"/grids/{grid.pk}/scores/{score.pk}/withdraw/",
        f"/grids/{grid.pk}/impact/",
        f"/grids/{grid.pk}/steps/add/",
        f"/grids/{grid.pk}/steps/{step.pk}/withdraw/",
        f"/grids/{grid.pk}/finish/",
        f"/grids/{grid.pk}/grid.pdf",
        f"/grids/{grid.pk}/grid.docx",
    ]


def test_a_worker_outside_the_team_gets_404_on_every_grid_page(client, scenario):
    grid = _full_grid(scenario)
    client.force_login(scenario.users["other_social_worker"])
    for path in [*_paths(grid), f"/grids/{grid.pk}/reopen/"]:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"reason": "x"}).status_code == 404, path
    step = grid.steps.first()
    assert client.post(f"/grids/{grid.pk}/steps/{step.pk}/to-meeting/").status_code == 404


def test_a_foster_carer_and_an_analyst_read_no_grid(client, scenario):
    grid = _full_grid(scenario)
    for who in ("foster_carer", "analyst"):
        client.force_login(scenario.users[who])
        assert client.get(f"/grids/{grid.pk}/").status_code == 404


def test_an_iro_reads_and_writes_the_grid_of_a_child_they_review(client, scenario):
    grid = _full_grid(scenario)
    client.force_login(scenario.users["iro"])
    for path in _paths(grid):
        assert client.get(path).status_code == 200, path


def test_the_social_worker_makes_a_grid_from_the_childs_record_and_the_read_is_audited(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/children/{child.pk}/grids/make/" in record
    day = timezone.localdate()
    response = client.post(
        f"/children/{child.pk}/grids/make/",
        {"context": "direct_work", "date-day": day.day, "date-month": day.month, "date-year": day.year},
    )
    grid = Grid.objects.get()
    assert response["Location"] == f"/grids/{grid.pk}/"
    page = client.get(f"/grids/{grid.pk}/").content.decode()
    assert "Questions to ask, and learning from serious case reviews" in page
    assert "disguised compliance" in page
    assert AuditEvent.objects.filter(event_type=GRID_VIEWED, child_id=child.pk).exists()


def test_a_grid_in_a_meeting_is_made_by_choosing_the_meeting(client, scenario):
    meeting = an_arranged_meeting(scenario)
    client.force_login(scenario.users["social_worker"])
    response = client.post(f"/children/{meeting.child_id}/grids/make/", {"context": "stability_meeting"})
    assert "Choose the stability meeting the Grid was made in" in response.content.decode()
    client.post(
        f"/children/{meeting.child_id}/grids/make/", {"context": "stability_meeting", "meeting": meeting.pk}
    )
    assert Grid.objects.get().meeting == meeting


def test_statements_and_scores_are_added_one_at_a_time(client, scenario):
    grid = a_grid(scenario)
    carer = a_contributor(scenario, grid)
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/grids/{grid.pk}/statements/add/",
        {
            "section": "worried",
            "text": "Owen was hit",
            "contributor": carer.pk,
            "basis": "fact",
            "marker": "harm",
        },
    )
    assert response.status_code == 302
    assert GridStatement.objects.get().contributor == carer
    response = client.post(
        f"/grids/{grid.pk}/scores/add/", {"contributor": carer.pk, "score": "11", "reason": "Settled"}
    )
    assert services.SCORE_RANGE in response.content.decode()
    client.post(f"/grids/{grid.pk}/scores/add/", {"contributor": carer.pk, "score": "7", "reason": "Settled"})
    assert GridScore.objects.get().score == 7
    page = client.get(f"/grids/{grid.pk}/").content.decode()
    assert "Owen was hit" in page and "Pat Carer, carer; fact" in page


def test_a_stale_impact_statement_is_refused_keeping_what_was_typed(client, scenario):
    grid = a_grid(scenario)
    client.force_login(scenario.users["social_worker"])
    seen = grid.version
    services.save_impact_statement(
        actor=scenario.users["team_manager"],
        grid=grid,
        seen_version=seen,
        impact_statement="First",
        childs_words="",
    )
    response = client.post(
        f"/grids/{grid.pk}/impact/", {"impact_statement": "Mine", "childs_words": "", "seen_version": seen}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "What changed after you opened it" in page and "Mine" in page
    grid.refresh_from_db()
    assert grid.impact_statement == "First"


def test_a_finished_grid_shows_no_change_links_and_its_forms_answer_404(client, scenario):
    grid = _full_grid(scenario)
    client.force_login(scenario.users["social_worker"])
    assert client.post(f"/grids/{grid.pk}/finish/", {"seen_version": grid.version}).status_code == 302
    page = client.get(f"/grids/{grid.pk}/").content.decode()
    assert "Record a score" not in page and "Reopen the Grid" in page
    assert client.get(f"/grids/{grid.pk}/scores/add/").status_code == 404


def test_the_childs_record_draws_the_scores_over_time_with_their_table(client, scenario):
    _full_grid(scenario, days_ago=40)
    _full_grid(scenario, days_ago=2)
    client.force_login(scenario.users["social_worker"])
    page = client.get(f"/children/{scenario.children['own'].pk}/").content.decode()
    assert 'id="grid-scores-chart"' in page and 'src="data:image/svg+xml;base64,' in page
    table = page.split('id="grid-scores-table"')[1].split("</table>")[0]
    assert table.count("<tr") == 3
    assert "Steps from Grids" in page


def test_the_childs_record_makes_the_same_queries_however_many_grids(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    _full_grid(scenario, days_ago=30)
    before = queries_for(client, f"/children/{child.pk}/")
    for days in (3, 5, 7):
        _full_grid(scenario, days_ago=days)
    assert queries_for(client, f"/children/{child.pk}/") == before


def test_the_grid_page_makes_the_same_queries_however_many_statements(client, scenario):
    grid = _full_grid(scenario)
    client.force_login(scenario.users["social_worker"])
    before = queries_for(client, f"/grids/{grid.pk}/")
    carer = a_contributor(scenario, grid, name="Sam Parent", role="parent")
    for n in range(4):
        services.add_grid_statement(
            actor=scenario.users["social_worker"],
            grid=grid,
            section="good_looks_like",
            text=f"Good {n}",
            contributor=carer,
            basis="opinion",
        )
    assert queries_for(client, f"/grids/{grid.pk}/") == before


def test_the_pdf_and_word_documents_carry_the_marking_and_the_sections(client, scenario):
    grid = _full_grid(scenario)
    client.force_login(scenario.users["social_worker"])
    response = client.get(f"/grids/{grid.pk}/grid.docx")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        text = "".join(docx.read(name).decode() for name in docx.namelist() if name.endswith(".xml"))
    for words in (
        PROTECTIVE_MARKING,
        "What&apos;s working well?" if "&apos;" in text else "What's working well?",
        "What are we worried about?",
        "Harm",
        "Risk",
        "Strengths",
        "Impact statement",
        "In the child",
        "What needs to happen?",
        "Owen was hit at contact",
        "Hypothesis",
    ):
        assert words in text, words
    pdf = client.get(f"/grids/{grid.pk}/grid.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type=GRID_DOWNLOADED, child_id=grid.child_id).count() == 2


def test_the_grid_pdf_says_the_marking_and_the_sections(scenario):
    grid = _full_grid(scenario)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(grid_pdf(grid))).pages)
    for words in (PROTECTIVE_MARKING, "working well", "worried about", "Impact statement", "Settled at home"):
        assert words in text, words


def test_the_make_page_offers_a_stability_meeting_only_once_one_has_started(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    assert "A stability meeting" not in client.get(f"/children/{child.pk}/grids/make/").content.decode()
    an_arranged_meeting(scenario)
    assert "A stability meeting" in client.get(f"/children/{child.pk}/grids/make/").content.decode()
