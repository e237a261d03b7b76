import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from steadfast.accounts.models import AllocationRole
from steadfast.audit.models import AuditEvent
from steadfast.core.errors import STALE_EDIT
from steadfast.my_work import work
from steadfast.words_and_pictures import services
from steadfast.words_and_pictures.forms import StoryUploadForm
from steadfast.words_and_pictures.models import StoryVersion, WordsAndPicturesStory
from steadfast.words_and_pictures.uploads import (
    FILE_DAMAGED,
    FILE_EMPTY,
    FILE_NOT_ALLOWED,
    FILE_TOO_BIG,
    PICTURE_NOT_ALLOWED,
    checked_document,
)
from steadfast.words_and_pictures.views import STORY_FILE_VIEWED, STORY_VIEWED
from tests.factories import AllocationFactory, PlacementFactory, days_ago
from tests.queries import queries_for

from .helpers import PDF_BYTES, png_bytes

pytestmark = pytest.mark.django_db


def _story(scenario, child="own"):
    return WordsAndPicturesStory.objects.get(child=scenario.children[child])


def _a_child_without_a_story(scenario, *, placed_days_ago=200, worker="social_worker", name="Nia"):
    placement = PlacementFactory(
        household=scenario.households["own"],
        start_date=days_ago(placed_days_ago),
        child__legal_first_name=name,
    )
    AllocationFactory(child=placement.child, worker=scenario.users[worker], role=AllocationRole.SOCIAL_WORKER)
    return placement.child


def _upload(client, child, content: bytes, name: str, *, seen_version):
    return client.post(
        f"/children/{child.pk}/words-and-pictures/upload/",
        {
            "title": "Why I live with Sam and Jo",
            "made_by": "Priya and Ava",
            "seen_version": seen_version,
            "document": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


# --- Uploading --------------------------------------------------------------------------------------


def test_the_social_worker_uploads_a_story_and_the_first_version_is_kept(client, scenario):
    child = scenario.children["own"]
    story = _story(scenario)
    client.force_login(scenario.users["social_worker"])
    response = _upload(client, child, PDF_BYTES, "story.pdf", seen_version=story.version)
    assert response.status_code == 302
    story.refresh_from_db()
    assert [v.number for v in story.versions.all()] == [2, 1]
    latest = story.versions.first()
    assert latest.document_type == "pdf" and bytes(latest.document) == PDF_BYTES
    assert AuditEvent.objects.filter(event_type=services.STORY_UPDATED, child_id=child.pk).exists()
    page = client.get(f"/children/{child.pk}/words-and-pictures/").content.decode()
    assert "Download the story (PDF)" in page
    assert f"/children/{child.pk}/words-and-pictures/versions/1/" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (png_bytes(), "story.pdf", None),  # a PNG named .pdf is a PNG
        (PDF_BYTES, "story.png", None),  # a PDF named .png is a PDF
        (b"\x00\x01random bytes\xff" * 10, "story.pdf", FILE_NOT_ALLOWED),
        (b"", "story.pdf", FILE_EMPTY),
    ],
)
def test_an_upload_is_taken_for_what_it_holds_not_its_name(client, scenario, content, name, message):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    response = _upload(client, child, content, name, seen_version=_story(scenario).version)
    if message is None:
        assert response.status_code == 302
        kind = _story(scenario).versions.first().document_type
        assert kind == ("png" if content.startswith(b"\x89PNG") else "pdf")
    else:
        assert response.status_code == 200
        assert (message or "Choose the file with the child") in response.content.decode().replace(
            "&#39;", "'"
        )
        assert _story(scenario).versions.count() == 1


def test_an_oversize_upload_is_refused_and_nothing_is_saved(client, scenario, monkeypatch):
    from steadfast.words_and_pictures import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 50)
    client.force_login(scenario.users["social_worker"])
    response = _upload(
        client, scenario.children["own"], PDF_BYTES, "story.pdf", seen_version=_story(scenario).version
    )
    assert response.status_code == 200 and FILE_TOO_BIG in response.content.decode()
    assert _story(scenario).versions.count() == 1


class TestUploadFormTakesAnyBytes(TestCase):
    @given(content=st.binary(max_size=3000), name=st.sampled_from(["a.pdf", "a.png", "a.docx", "a", "a.exe"]))
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_any_file_is_accepted_as_what_it_is_or_refused_with_a_plain_message(self, content, name):
        form = StoryUploadForm(
            {"title": "My story", "made_by": "Priya", "seen_version": "1"},
            {"document": SimpleUploadedFile(name, content)},
        )
        if form.is_valid():
            assert form.cleaned_data["document"].document_type in ("pdf", "png", "jpeg", "docx")
        else:
            messages = set(form.errors["document"])
            assert messages <= {
                FILE_DAMAGED,
                FILE_EMPTY,
                FILE_NOT_ALLOWED,
                FILE_TOO_BIG,
                PICTURE_NOT_ALLOWED,
            } | {"Choose the file with the child's story in it"}


def test_the_document_is_served_only_through_an_audited_view_that_no_cache_keeps(client, scenario):
    child = scenario.children["own"]
    version = services.upload_story(
        actor=scenario.users["social_worker"],
        child=child,
        title="My story",
        made_by="Priya",
        document=checked_document(png_bytes()),
        seen_version=_story(scenario).version,
    )
    client.force_login(scenario.users["team_colleague"])
    response = client.get(f"/words-and-pictures/documents/{version.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(
        event_type=STORY_FILE_VIEWED, child_id=child.pk, actor=scenario.users["team_colleague"]
    ).exists()


@pytest.mark.parametrize("who", ["other_social_worker", "foster_carer", "other_team_manager"])
def test_someone_who_may_not_see_the_child_gets_404_for_the_story_its_files_and_its_forms(
    client, scenario, who
):
    child = scenario.children["own"]
    version = services.upload_story(
        actor=scenario.users["social_worker"],
        child=child,
        title="My story",
        made_by="Priya",
        document=checked_document(PDF_BYTES),
        seen_version=_story(scenario).version,
    )
    page = StoryVersion.objects.get(story__child=child, number=1).pages.get()
    client.force_login(scenario.users[who])
    for path in (
        f"/children/{child.pk}/words-and-pictures/",
        f"/children/{child.pk}/words-and-pictures/versions/1/",
        f"/children/{child.pk}/words-and-pictures/upload/",
        f"/children/{child.pk}/words-and-pictures/write/",
        f"/children/{child.pk}/words-and-pictures/shared/",
        f"/words-and-pictures/documents/{version.pk}/",
        f"/words-and-pictures/pictures/{page.pk}/",
    ):
        assert client.get(path).status_code == 404, path


def test_an_iro_reads_the_story_but_may_not_change_it(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["iro"])
    assert client.get(f"/children/{child.pk}/words-and-pictures/").status_code == 200
    assert client.get(f"/children/{child.pk}/words-and-pictures/upload/").status_code == 404
    assert AuditEvent.objects.filter(event_type=STORY_VIEWED, child_id=child.pk).exists()
    with pytest.raises(ValidationError):
        services.record_story_shared(
            actor=scenario.users["iro"],
            story=_story(scenario),
            shared_on=timezone.localdate(),
            shared_how="in_person",
            seen_version=_story(scenario).version,
        )


# --- Writing pages ------------------------------------------------------------------------------


def test_a_story_written_as_pages_with_a_picture_starts_the_story_of_a_child_without_one(client, scenario):
    child = _a_child_without_a_story(scenario)
    client.force_login(scenario.users["social_worker"])
    assert (
        "no words and pictures story yet"
        in client.get(f"/children/{child.pk}/words-and-pictures/").content.decode()
    )
    response = client.post(
        f"/children/{child.pk}/words-and-pictures/write/",
        {
            "title": "My story",
            "made_by": "Priya and Nia",
            "seen_version": "0",
            "page_1_text": "When you were little you lived with your mum.",
            "page_1_picture": SimpleUploadedFile("house.jpg", png_bytes()),
            "page_2_text": "",
            "page_3_text": "Now you live with Sam and Jo.",
        },
    )
    assert response.status_code == 302
    version = WordsAndPicturesStory.objects.get(child=child).versions.get()
    pages = list(version.pages.all())
    assert [(p.number, p.picture_type) for p in pages] == [(1, "png"), (2, "")]
    assert pages[1].text == "Now you live with Sam and Jo."
    picture = client.get(f"/words-and-pictures/pictures/{pages[0].pk}/")
    assert picture.status_code == 200 and "no-store" in picture["Cache-Control"]


def test_editing_the_pages_keeps_the_old_version_and_the_picture_unless_it_is_unticked(client, scenario):
    child = _a_child_without_a_story(scenario)
    actor = scenario.users["social_worker"]
    first = services.write_story(
        actor=actor,
        child=child,
        title="My story",
        made_by="Priya",
        pages=[
            services.PageInput("Page one.", checked_document(png_bytes())),
            services.PageInput("Page two."),
        ],
        seen_version=0,
    )
    story = first.story
    client.force_login(actor)
    form = client.get(f"/children/{child.pk}/words-and-pictures/write/").content.decode()
    assert "Keep the picture on page 1" in form and "Page one." in form
    response = client.post(
        f"/children/{child.pk}/words-and-pictures/write/",
        {
            "title": "My story",
            "made_by": "Priya",
            "seen_version": str(story.version),
            "page_1_text": "Page one, changed.",
            "page_1_keep": "on",
            "page_2_text": "Page two.",
        },
    )
    assert response.status_code == 302
    second = story.versions.first()
    assert second.number == 2 and second.pages.get(number=1).picture_type == "png"
    assert first.pages.get(number=1).text == "Page one."


def test_a_story_changed_meanwhile_is_not_replaced_and_what_was_typed_is_kept(client, scenario):
    child = scenario.children["own"]
    seen = _story(scenario).version
    services.write_story(
        actor=scenario.users["team_colleague"],
        child=child,
        title="A colleague's story",
        made_by="Colleague",
        pages=[services.PageInput("Their page.")],
        seen_version=seen,
    )
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/children/{child.pk}/words-and-pictures/write/",
        {"title": "Mine", "made_by": "Priya", "seen_version": str(seen), "page_1_text": "My words, kept."},
    )
    page = response.content.decode().replace("&#39;", "'")
    assert response.status_code == 200 and STALE_EDIT in page and "My words, kept." in page
    assert _story(scenario).versions.count() == 2


def test_a_story_with_no_words_and_no_pictures_is_refused(client, scenario):
    client.force_login(scenario.users["social_worker"])
    child = scenario.children["own"]
    response = client.post(
        f"/children/{child.pk}/words-and-pictures/write/",
        {
            "title": "Mine",
            "made_by": "Priya",
            "seen_version": str(_story(scenario).version),
            "page_1_text": "  ",
        },
    )
    assert response.status_code == 200 and services.PAGES_NEEDED in response.content.decode()


# --- Sharing and being due ------------------------------------------------------------------------


def test_sharing_the_story_is_recorded_with_when_and_how(client, scenario):
    child = scenario.children["own"]
    today = timezone.localdate()
    client.force_login(scenario.users["social_worker"])
    response = client.post(
        f"/children/{child.pk}/words-and-pictures/shared/",
        {
            "seen_version": str(_story(scenario).version),
            "shared_on-day": today.day,
            "shared_on-month": today.month,
            "shared_on-year": today.year,
            "shared_how": "in_person",
        },
    )
    assert response.status_code == 302
    story = _story(scenario)
    assert story.last_shared_on == today and story.shared_how == "in_person"
    record = client.get(f"/children/{child.pk}/").content.decode()
    assert "read together in person" in record


def test_a_child_without_a_story_is_their_social_workers_work_and_in_team_oversight(client, scenario):
    child = _a_child_without_a_story(scenario, placed_days_ago=60)
    [item] = [
        i
        for i in work.work_for(scenario.users["social_worker"], today=timezone.localdate())
        if i.child_id == child.pk and i.kind.startswith("story")
    ]
    assert item.kind == "story_missing" and item.overdue
    assert item.due == days_ago(60) + datetime.timedelta(days=28)
    client.force_login(scenario.users["team_manager"])
    listed = client.get("/oversight/words-and-pictures-missing/").content.decode()
    assert child.display_name in listed


def test_a_story_not_updated_for_a_year_is_overdue(client, scenario):
    story = _story(scenario)
    WordsAndPicturesStory.objects.filter(pk=story.pk).update(last_updated_on=days_ago(400))
    [item] = [
        i
        for i in work.work_for(scenario.users["social_worker"], today=timezone.localdate())
        if i.child_id == story.child_id and i.kind.startswith("story")
    ]
    assert item.kind == "story_overdue" and item.overdue
    client.force_login(scenario.users["team_manager"])
    assert (
        scenario.children["own"].display_name
        in client.get("/oversight/words-and-pictures-overdue/").content.decode()
    )
    record = client.get(f"/children/{story.child_id}/").content.decode()
    assert "Overdue" in record.split('id="story-due"')[1].split("</dd>")[0]


def _children_due(scenario, n: int, start: int) -> None:
    """n children without a story and n whose story is a year and more old."""
    for i in range(start, start + n):
        _a_child_without_a_story(
            scenario, name=f"Missing{i}", worker=("social_worker", "team_colleague")[i % 2]
        )
        old = _a_child_without_a_story(
            scenario, name=f"Old{i}", worker=("social_worker", "team_colleague")[i % 2]
        )
        story = WordsAndPicturesStory.objects.create(child=old, last_updated_on=days_ago(500))
        StoryVersion.objects.create(story=story, number=1, form="written", title="Old", made_by="Someone")


def test_my_work_and_the_oversight_lists_cost_the_same_queries_however_many_children_are_due(
    client, scenario
):
    client.force_login(scenario.users["team_manager"])
    paths = (
        "/",
        "/oversight/",
        "/oversight/words-and-pictures-missing/",
        "/oversight/words-and-pictures-overdue/",
    )
    _children_due(scenario, 1, 0)
    before = {path: queries_for(client, path) for path in paths}
    _children_due(scenario, 5, 1)
    assert {path: queries_for(client, path) for path in paths} == before


def test_the_childs_record_shows_the_story_in_a_fixed_number_of_queries(client, scenario):
    child = scenario.children["own"]
    client.force_login(scenario.users["social_worker"])
    path = f"/children/{child.pk}/"
    before = queries_for(client, path)
    for _ in range(3):
        services.write_story(
            actor=scenario.users["social_worker"],
            child=child,
            title="Again",
            made_by="Priya",
            pages=[services.PageInput("More.")],
            seen_version=_story(scenario).version,
        )
    assert queries_for(client, path) == before


def test_a_subject_access_bundle_names_the_storys_file_rather_than_copying_its_bytes(scenario):
    from steadfast.subject_access.bundle import STORED_FILE, bundle_content

    child = scenario.children["own"]
    services.upload_story(
        actor=scenario.users["social_worker"],
        child=child,
        title="My story",
        made_by="Priya",
        document=checked_document(PDF_BYTES),
        seen_version=_story(scenario).version,
    )
    content = bundle_content(made_by=scenario.users["team_manager"], made_at=timezone.now(), child=child)
    values = [f["value"] for s in content["sections"] for r in s["rows"] for f in r["fields"]]
    assert STORED_FILE.format(size=len(PDF_BYTES)) in values
    assert not any(isinstance(v, str) and "%PDF" in v for v in values)
