import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from steadfast.audit.models import AuditEvent
from steadfast.core.child_texts import CHECK_READING_AGE
from steadfast.core.errors import STALE_EDIT
from steadfast.core.exports import PROTECTIVE_MARKING
from steadfast.meetings import services as meeting_services
from steadfast.meetings.models import OwnerKind
from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit, an_authorised_meeting
from steadfast.words_and_pictures import services
from steadfast.words_and_pictures.drafting import by_day, draft_from_plan
from steadfast.words_and_pictures.models import ChildFriendlyPlan
from steadfast.words_and_pictures.views import PLAN_DOWNLOADED, PLAN_VIEWED

pytestmark = pytest.mark.django_db


def _drafted(scenario):
    meeting = an_authorised_meeting(scenario)
    return services.draft_child_friendly_plan(actor=scenario.users["social_worker"], meeting=meeting)


def test_dates_are_written_as_a_child_reads_them():
    assert by_day(datetime.date(2026, 3, 3), year_of=datetime.date(2026, 1, 1)) == "by 3 March"
    assert by_day(datetime.date(2027, 3, 3), year_of=datetime.date(2026, 12, 1)) == "by 3 March 2027"


def test_the_draft_speaks_to_the_child_names_who_will_help_by_first_name_and_says_by_when(scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    sw = scenario.users["social_worker"]
    due = timezone.localdate() + datetime.timedelta(days=20)
    meeting_services.add_stability_action(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        what="visit you every week after school",
        owner_kind=OwnerKind.WORKER,
        owner=sw,
        due_date=due,
        measure="Owen says he sees his social worker often",
    )
    meeting_services.add_stability_action(
        actor=scenario.users["senior_practitioner"],
        meeting=meeting,
        what="Take you swimming on Saturdays",
        owner_kind=OwnerKind.CARER,
        owner_name="Samira Okafor",
        due_date=due,
        measure="Owen goes swimming",
    )
    draft = draft_from_plan(meeting)
    text = " ".join((draft.talked_about, draft.agreed, draft.who_will_help))
    assert "you" in text.lower()
    assert (
        f"{sw.first_name}, your social worker, will do this {by_day(due, year_of=due)}" in draft.who_will_help
    )
    assert "Samira, your carer, will do this" in draft.who_will_help
    assert "Okafor" not in draft.who_will_help
    assert "- Visit you every week after school." in draft.agreed
    # The supervising social worker is named by first name only: no job title.
    ssw = scenario.users["supervising_social_worker"]
    assert f"- {ssw.first_name} will do this" in draft.who_will_help
    assert "supervising" not in draft.who_will_help.lower()
    # Short sentences: none longer than 25 words.
    for line in text.splitlines():
        for sentence in line.replace("!", ".").replace("?", ".").split(". "):
            assert len(sentence.split()) <= 25, sentence


def test_a_plan_is_drafted_only_once_the_stability_plan_is_authorised(client, scenario):
    meeting = a_meeting_ready_to_submit(scenario)
    with pytest.raises(Exception, match="authorised"):
        services.draft_child_friendly_plan(actor=scenario.users["social_worker"], meeting=meeting)


def test_drafting_from_the_record_opens_the_draft_to_edit_with_its_reading_age(client, scenario):
    meeting = an_authorised_meeting(scenario)
    child = meeting.child
    client.force_login(scenario.users["social_worker"])
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert f"/meetings/{meeting.pk}/child-friendly-plan/draft/" in record
    response = client.post(f"/meetings/{meeting.pk}/child-friendly-plan/draft/")
    assert response.status_code == 302 and response["Location"].endswith("/child-friendly-plan/edit/")
    page = client.get(response["Location"]).content.decode()
    assert 'id="reading-age"' in page and "About " in page
    assert AuditEvent.objects.filter(event_type=services.PLAN_DRAFTED, child_id=child.pk).exists()
    # Drafting again keeps the plan drafted, never drafts over it.
    plan = ChildFriendlyPlan.objects.get(meeting=meeting)
    client.post(f"/meetings/{meeting.pk}/child-friendly-plan/draft/")
    assert ChildFriendlyPlan.objects.get(meeting=meeting).pk == plan.pk


def test_checking_the_reading_age_saves_nothing_and_keeps_what_was_typed(client, scenario):
    plan = _drafted(scenario)
    client.force_login(scenario.users["social_worker"])
    long_words = (
        "Notwithstanding considerable organisational complexities, professionals "
        "collaboratively institutionalised comprehensive accommodation arrangements."
    )
    response = client.post(
        f"/meetings/{plan.meeting_id}/child-friendly-plan/edit/",
        {
            "seen_version": plan.version,
            "talked_about": long_words,
            "agreed": "We agreed.",
            "who_will_help": "Sam will help.",
            "action": CHECK_READING_AGE,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and long_words in page
    assert "Shorter sentences and shorter words make it easier to read." in page
    plan.refresh_from_db()
    assert plan.talked_about != long_words


def test_the_social_worker_edits_the_plan_and_a_stale_edit_is_refused(client, scenario):
    plan = _drafted(scenario)
    client.force_login(scenario.users["social_worker"])
    form = {
        "seen_version": plan.version,
        "talked_about": "We met to talk about you.",
        "agreed": "- You will go swimming.",
        "who_will_help": "- Sam will take you by 3 March.",
    }
    assert client.post(f"/meetings/{plan.meeting_id}/child-friendly-plan/edit/", form).status_code == 302
    plan.refresh_from_db()
    assert plan.agreed == "- You will go swimming."
    page = client.get(f"/meetings/{plan.meeting_id}/child-friendly-plan/").content.decode()
    assert "<li>You will go swimming.</li>" in page and 'id="reading-age"' in page
    assert AuditEvent.objects.filter(event_type=PLAN_VIEWED, child_id=plan.child_id).exists()
    stale = client.post(f"/meetings/{plan.meeting_id}/child-friendly-plan/edit/", {**form, "agreed": "Lost?"})
    assert stale.status_code == 200 and STALE_EDIT in stale.content.decode().replace("&#39;", "'")
    assert "Lost?" in stale.content.decode()


def test_the_pdf_carries_the_protective_marking_on_every_page(client, scenario):
    plan = _drafted(scenario)
    client.force_login(scenario.users["team_colleague"])
    response = client.get(f"/meetings/{plan.meeting_id}/child-friendly-plan/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    for page in reader.pages:
        text = page.extract_text()
        assert PROTECTIVE_MARKING in text and "Page " in text
    assert "What we agreed" in "".join(p.extract_text() for p in reader.pages)
    assert AuditEvent.objects.filter(event_type=PLAN_DOWNLOADED, child_id=plan.child_id).exists()


def test_sharing_the_plan_with_the_child_is_recorded(client, scenario):
    plan = _drafted(scenario)
    today = timezone.localdate()
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/meetings/{plan.meeting_id}/child-friendly-plan/shared/",
        {
            "seen_version": plan.version,
            "shared_on-day": today.day,
            "shared_on-month": today.month,
            "shared_on-year": today.year,
            "shared_how": "on_paper",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.shared_on == today and plan.shared_how == "on_paper"
    assert "Shared" in client.get(f"/children/{plan.child_id}/").content.decode()


@pytest.mark.parametrize("who", ["other_social_worker", "foster_carer", "other_team_manager"])
def test_someone_who_may_not_see_the_child_gets_404_for_every_page_of_the_plan(client, scenario, who):
    plan = _drafted(scenario)
    client.force_login(scenario.users[who])
    for suffix in ("", "edit/", "pdf/", "shared/", "draft/"):
        assert client.get(f"/meetings/{plan.meeting_id}/child-friendly-plan/{suffix}").status_code == 404
    assert client.post(f"/meetings/{plan.meeting_id}/child-friendly-plan/draft/").status_code == 404


def test_an_iro_reads_the_plan_but_may_not_edit_or_draft_it(client, scenario):
    plan = _drafted(scenario)
    client.force_login(scenario.users["iro"])
    assert client.get(f"/meetings/{plan.meeting_id}/child-friendly-plan/").status_code == 200
    assert client.get(f"/meetings/{plan.meeting_id}/child-friendly-plan/edit/").status_code == 404
