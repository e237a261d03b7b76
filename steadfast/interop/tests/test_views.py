"""The administrators' pages for importing SSDA903 files."""

import csv
import html
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from steadfast.audit.models import AuditEvent
from steadfast.children.models import Child
from steadfast.interop import services, views
from steadfast.interop.models import ImportRun, ImportRunStatus
from steadfast.interop.ssda903 import tables, validation
from steadfast.interop.ssda903.reading import collection_from_rows

from .test_import_export import EPISODES, HEADER

pytestmark = pytest.mark.django_db

LIST = "/interop/ssda903/import/"


def csv_file(name, table, rows, year=2026):
    columns = tables.tables_for(year)[table]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns)
    writer.writeheader()
    writer.writerows([{c: row.get(c, "") for c in columns} for row in rows])
    return SimpleUploadedFile(name, text.getvalue().encode(), content_type="text/csv")


@pytest.fixture
def admin(scenario):
    return scenario.users["administrator"]


@pytest.fixture
def upload_root(tmp_path, settings):
    settings.SSDA903_UPLOAD_ROOT = tmp_path / "uploads"
    return settings.SSDA903_UPLOAD_ROOT


def upload(client, header=HEADER, episodes=EPISODES):
    return client.post(
        LIST,
        {
            "year": "2026",
            "files": [
                csv_file("header.csv", "Header", header),
                csv_file("episodes.csv", "Episodes", episodes),
            ],
        },
    )


@pytest.mark.parametrize("who", ["team_manager", "social_worker", "analyst", "iro"])
def test_anyone_but_an_administrator_gets_404(client, scenario, who, admin):
    user = scenario.users[who]
    run = ImportRun.objects.create(year=2026, folder="x", created_by=admin)
    client.force_login(user)
    assert client.get(LIST).status_code == 404
    assert client.post(LIST, {"year": "2026"}).status_code == 404
    assert client.get(f"{LIST}{run.pk}/").status_code == 404


def test_an_administrator_uploads_the_files_and_the_import_is_queued(client, admin, upload_root):
    client.force_login(admin)
    page = client.get(LIST).content.decode()
    assert "No files have been imported yet." in page and 'type="file"' in page and "multiple" in page
    response = upload(client)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{run.pk}/"
    assert run.created_by == admin and run.files == ["header.csv", "episodes.csv"]
    assert sorted(p.name for p in Path(run.folder).iterdir()) == ["00-header.csv", "01-episodes.csv"]
    assert Path(run.folder).is_relative_to(upload_root)
    assert DBTaskResult.objects.filter(task_path__endswith="run_import").exists()
    assert AuditEvent.objects.filter(event_type=services.IMPORT_RUN_ASKED, actor=admin).exists()
    page = client.get(f"{LIST}{run.pk}/").content.decode()
    assert "The import is waiting to start." in page and "Refresh this page" in page
    assert AuditEvent.objects.filter(event_type=views.IMPORT_RUN_VIEWED, actor=admin).exists()


def test_an_upload_without_files_or_with_another_kind_of_file_is_refused_plainly(client, admin, upload_root):
    client.force_login(admin)
    page = html.unescape(client.post(LIST, {"year": "2026"}).content.decode())
    assert "Choose the year's SSDA903 CSV files" in page
    sent = SimpleUploadedFile("episodes.xlsx", b"PK", content_type="application/octet-stream")
    page = client.post(LIST, {"year": "2026", "files": [sent]}).content.decode()
    assert "episodes.xlsx is not a CSV file" in page
    assert not ImportRun.objects.exists()


def test_files_over_the_cap_are_refused(client, admin, upload_root, monkeypatch):
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 100)
    client.force_login(admin)
    page = upload(client).content.decode()
    assert "The files together must be smaller than 200 MB" in page
    assert not ImportRun.objects.exists()


def test_the_worker_imports_the_run_and_the_page_gives_what_changed_and_the_rules(client, admin, upload_root):
    client.force_login(admin)
    upload(client)
    run = ImportRun.objects.get()
    assert services.carry_out_import_run(run_id=run.pk) == ImportRunStatus.IMPORTED
    run.refresh_from_db()
    assert not Path(run.folder).exists()
    assert Child.objects.filter(child_identifier__in=["C1", "C2", "C3"], created_by=admin).count() == 3
    page = client.get(f"{LIST}{run.pk}/").content.decode()
    assert "3 children added, 0 changed, 0 unchanged." in page
    found = validation.validate(collection_from_rows({"Header": HEADER, "Episodes": EPISODES}, year=2026))
    assert found.ran and not found.problems.is_empty()
    for code, message, *_ in found.summary().iter_rows():
        assert code in page and html.escape(message) in page
    assert "Refresh this page" not in page
    upload(client)
    again = ImportRun.objects.order_by("-pk").first()
    services.carry_out_import_run(run_id=again.pk)
    page = client.get(f"{LIST}{again.pk}/").content.decode()
    assert "Nothing changed" in page


def test_a_run_whose_files_cannot_be_read_is_refused_with_the_readings_message(client, admin, upload_root):
    client.force_login(admin)
    client.post(
        LIST, {"year": "2026", "files": [SimpleUploadedFile("episodes.csv", b"", content_type="text/csv")]}
    )
    run = ImportRun.objects.get()
    assert services.carry_out_import_run(run_id=run.pk) == ImportRunStatus.REFUSED
    page = client.get(f"{LIST}{run.pk}/").content.decode()
    assert "Nothing was imported." in page and "is empty. Export the table again" in page


def test_a_run_with_rows_the_import_cannot_use_lists_each(client, admin, upload_root):
    client.force_login(admin)
    upload(client, header=[dict(HEADER[0], SEX="X"), dict(HEADER[1], ETHNIC="XXXX"), *HEADER[2:]])
    run = ImportRun.objects.get()
    assert services.carry_out_import_run(run_id=run.pk) == ImportRunStatus.REFUSED
    page = client.get(f"{LIST}{run.pk}/").content.decode()
    assert "Header line 2: SEX is X" in page and "Header line 3: ETHNIC is XXXX" in page
    # The Department's rule 103 finds the same ethnicity code at fault.
    assert "The ethnicity code is either not valid or has not been entered." in page
    assert not Child.objects.filter(child_identifier="C1").exists()


def test_a_running_and_a_failed_run_say_so(client, admin):
    client.force_login(admin)
    running = ImportRun.objects.create(
        year=2026, folder="x", created_by=admin, status=ImportRunStatus.RUNNING, children_total=7
    )
    assert "Importing the records of 7 children" in client.get(f"{LIST}{running.pk}/").content.decode()
    failed = ImportRun.objects.create(
        year=2026,
        folder="x",
        created_by=admin,
        status=ImportRunStatus.FAILED,
        report={"failure": "Nothing was imported. Child C3: no"},
    )
    assert "Nothing was imported. Child C3: no" in client.get(f"{LIST}{failed.pk}/").content.decode()


def test_the_list_of_runs_asks_the_same_number_of_queries_however_many_runs(client, admin):
    client.force_login(admin)
    ImportRun.objects.create(year=2026, folder="x", created_by=admin)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(5):
        ImportRun.objects.create(year=2026, folder="x", created_by=admin, status=ImportRunStatus.IMPORTED)
    with CaptureQueriesContext(connection) as six:
        page = client.get(LIST).content.decode()
    assert page.count("/interop/ssda903/import/") >= 6
    assert len(six) == len(one)


def test_a_runs_page_asks_a_fixed_number_of_queries(client, admin, django_assert_max_num_queries):
    client.force_login(admin)
    run = ImportRun.objects.create(
        year=2026,
        folder="x",
        created_by=admin,
        status=ImportRunStatus.IMPORTED,
        report={
            "added": 0,
            "changed": 2,
            "unchanged": 0,
            "children": [{"child": "C1", "added": False, "changes": ["a"]}] * 2,
            "rules": [{"code": "101", "message": "m", "table": "Header", "rows": 1}] * 3,
        },
    )
    client.get(f"{LIST}{run.pk}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{LIST}{run.pk}/")
    with django_assert_max_num_queries(len(queries)):
        client.get(f"{LIST}{run.pk}/")
    assert len(queries) < 25


def test_even_a_small_upload_reaches_the_import_as_a_file_on_disk(client, admin, upload_root, monkeypatch):
    kinds = []
    keep = views._keep

    def watched(files):
        kinds.extend(type(sent) for sent in files)
        return keep(files)

    monkeypatch.setattr(views, "_keep", watched)
    client.force_login(admin)

    upload(client)

    assert kinds == [TemporaryUploadedFile, TemporaryUploadedFile]


def test_a_running_import_shows_how_many_children_its_worker_has_been_through(client, admin, tmp_path):
    client.force_login(admin)
    run = ImportRun.objects.create(
        year=2026,
        folder=str(tmp_path),
        created_by=admin,
        status=ImportRunStatus.RUNNING,
        children_total=2500,
    )
    assert "done so far" not in client.get(f"{LIST}{run.pk}/").content.decode()

    for done in range(1, 1201):
        services.note_children_done(tmp_path, done, 2500)

    page = client.get(f"{LIST}{run.pk}/").content.decode()
    assert "1,200 of 2,500 done so far" in page
    services.note_children_done(tmp_path, 2500, 2500)
    assert "2,500 of 2,500 done so far" in client.get(f"{LIST}{run.pk}/").content.decode()
