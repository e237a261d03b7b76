import datetime
import json

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from steadfast.accounts.models import Role
from steadfast.audit.models import AuditEvent
from steadfast.subject_access.drawing import draw_and_keep_pdf
from steadfast.subject_access.models import SubjectAccessBundle
from steadfast.subject_access.services import SUBJECT_ACCESS_BUNDLE_DOWNLOADED, make_subject_access_bundle
from tests.factories import UserFactory
from tests.scenario import USERNAMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.RECORDS_OFFICER)


def test_a_records_officer_finds_a_child_makes_a_bundle_and_downloads_it(client, scenario, officer):
    owen = scenario.children["own"]
    client.force_login(officer)
    page = client.get("/records/bundles/add/", {"reference": owen.child_identifier}).content.decode()
    assert f"Make the bundle about {owen.display_name}" in page
    response = client.post("/records/bundles/make/", {"child": owen.pk})
    bundle = SubjectAccessBundle.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/records/bundles/{bundle.pk}/"
    page = client.get(f"/records/bundles/{bundle.pk}/").content.decode()
    assert owen.display_name in page and "The PDF is being prepared" in page
    assert f'href="/records/bundles/{bundle.pk}/">Refresh this page' in page
    assert "bundle.pdf" not in page
    download = client.get(f"/records/bundles/{bundle.pk}/bundle.json")
    assert download["Content-Disposition"] == f'attachment; filename="subject-access-bundle-{bundle.pk}.json"'
    assert json.loads(download.content)["bundle"]["subject"]["id"] == owen.pk
    # Until the worker has drawn it, the PDF's address leads back to the page, and nothing is read.
    early = client.get(f"/records/bundles/{bundle.pk}/bundle.pdf")
    assert early.status_code == 302 and early["Location"] == f"/records/bundles/{bundle.pk}/"
    assert not AuditEvent.objects.filter(event_type=SUBJECT_ACCESS_BUNDLE_DOWNLOADED, details__format="pdf")
    draw_and_keep_pdf(bundle.pk)
    assert "Download the bundle as a PDF" in client.get(f"/records/bundles/{bundle.pk}/").content.decode()
    pdf = client.get(f"/records/bundles/{bundle.pk}/bundle.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == f'attachment; filename="subject-access-bundle-{bundle.pk}.pdf"'
    formats = AuditEvent.objects.filter(event_type=SUBJECT_ACCESS_BUNDLE_DOWNLOADED, actor=officer)
    assert sorted(e.details["format"] for e in formats) == ["json", "pdf"]


def test_a_records_officer_finds_a_households_carers_by_its_reference(client, scenario, officer):
    household = scenario.households["other"]
    from tests.factories import HouseholdMemberFactory

    HouseholdMemberFactory(household=household, full_name="Ada Approved", role="approved_carer")
    client.force_login(officer)
    page = client.get("/records/bundles/add/", {"reference": household.reference}).content.decode()
    assert "Make the bundle about Ada Approved" in page


def test_a_records_officer_reads_no_case_record_page(client, scenario, officer):
    client.force_login(officer)
    assert client.get(f"/children/{scenario.children['own'].pk}/").status_code == 404
    assert client.get(f"/households/{scenario.households['own'].pk}/").status_code == 404


def test_a_restricted_child_is_not_found_without_a_grant_and_cannot_be_bundled(client, scenario, officer):
    rhea = scenario.children["restricted"]
    client.force_login(officer)
    page = client.get("/records/bundles/add/", {"reference": rhea.child_identifier}).content.decode()
    assert "No child or household you may make a bundle for has that reference" in page
    assert client.post("/records/bundles/make/", {"child": rhea.pk}).status_code == 404
    assert not SubjectAccessBundle.objects.exists()


def test_a_missing_reference_says_what_to_enter(client, officer):
    client.force_login(officer)
    page = client.get("/records/bundles/add/", {"reference": " "}).content.decode()
    assert "Enter a child identifier or a household reference" in page


@pytest.mark.parametrize(
    "bad",
    [{"child": "x"}, {"carer": ""}, {}, {"child": "999999"}, {"child": "9" * 20}, {"carer": "²"}],
)
def test_a_bad_request_to_make_a_bundle_is_404_not_an_error(client, officer, bad):
    client.force_login(officer)
    assert client.post("/records/bundles/make/", bad).status_code == 404


@pytest.mark.parametrize("username", USERNAMES)
def test_every_other_role_gets_404_from_every_bundle_page(client, scenario, username):
    bundle = make_subject_access_bundle(
        actor=UserFactory(role=Role.RECORDS_OFFICER), child=scenario.children["own"]
    )
    client.force_login(scenario.users[username])
    for path in (
        "/records/bundles/",
        "/records/bundles/add/",
        f"/records/bundles/{bundle.pk}/",
        f"/records/bundles/{bundle.pk}/bundle.json",
        f"/records/bundles/{bundle.pk}/bundle.pdf",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/records/bundles/{bundle.pk}/draw-pdf/").status_code == 404
    assert client.post("/records/bundles/make/", {"child": scenario.children["own"].pk}).status_code == 404
    assert SubjectAccessBundle.objects.count() == 1


def test_a_bundle_about_a_restricted_child_is_404_to_an_officer_without_the_grant(client, scenario, officer):
    from tests.factories import AccessGrantFactory

    rhea = scenario.children["restricted"]
    granted = UserFactory(role=Role.RECORDS_OFFICER)
    AccessGrantFactory(child=rhea, user=granted)
    bundle = make_subject_access_bundle(actor=granted, child=rhea)
    draw_and_keep_pdf(bundle.pk)
    client.force_login(officer)
    assert client.get(f"/records/bundles/{bundle.pk}/").status_code == 404
    assert client.get(f"/records/bundles/{bundle.pk}/bundle.pdf").status_code == 404
    assert client.post(f"/records/bundles/{bundle.pk}/draw-pdf/").status_code == 404
    assert rhea.display_name not in client.get("/records/bundles/").content.decode()


def test_the_list_of_bundles_costs_the_same_however_many_there_are(client, scenario, officer):
    from tests.queries import queries_for

    client.force_login(officer)
    make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    before = queries_for(client, "/records/bundles/")
    for _ in range(3):
        make_subject_access_bundle(actor=officer, child=scenario.children["other"])
    assert queries_for(client, "/records/bundles/") == before


def test_a_pdf_that_could_not_be_drawn_says_so_and_is_asked_for_again(client, scenario, officer, monkeypatch):
    from steadfast.subject_access import drawing

    client.force_login(officer)
    bundle = make_subject_access_bundle(actor=officer, child=scenario.children["own"])

    def fails(bundle):
        raise OSError("no fonts")

    monkeypatch.setattr(drawing, "bundle_pdf", fails)
    with pytest.raises(OSError):
        draw_and_keep_pdf(bundle.pk)
    page = client.get(f"/records/bundles/{bundle.pk}/").content.decode()
    assert "The PDF could not be prepared" in page and "Try preparing the PDF again" in page
    response = client.post(f"/records/bundles/{bundle.pk}/draw-pdf/", follow=True)
    assert "The PDF is being prepared" in response.content.decode()
    bundle.refresh_from_db()
    assert bundle.pdf_failed_at is None
    assert DBTaskResult.objects.filter(task_path__endswith="draw_bundle_pdf").count() == 2
    monkeypatch.undo()
    assert draw_and_keep_pdf(bundle.pk) == "drawn"
    # Asked again once it is drawn (a second tab, say), nothing more is queued.
    client.post(f"/records/bundles/{bundle.pk}/draw-pdf/")
    assert DBTaskResult.objects.filter(task_path__endswith="draw_bundle_pdf").count() == 2


def test_a_drawing_lost_for_a_quarter_of_an_hour_may_be_asked_for_again(client, scenario, officer):
    client.force_login(officer)
    bundle = make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    SubjectAccessBundle.objects.filter(pk=bundle.pk).update(
        pdf_requested_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    assert "The PDF could not be prepared" in client.get(f"/records/bundles/{bundle.pk}/").content.decode()


def test_a_bundle_made_before_pdfs_were_drawn_in_the_background_offers_to_prepare_one(
    client, scenario, officer
):
    client.force_login(officer)
    bundle = make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    SubjectAccessBundle.objects.filter(pk=bundle.pk).update(pdf_requested_at=None)
    assert "Prepare the PDF" in client.get(f"/records/bundles/{bundle.pk}/").content.decode()
    client.post(f"/records/bundles/{bundle.pk}/draw-pdf/")
    assert "The PDF is being prepared" in client.get(f"/records/bundles/{bundle.pk}/").content.decode()
