"""A bundle's PDF, drawn in the background: queued with the bundle and run by the django-tasks-db
worker (`manage.py db_worker`), as in production."""

import datetime

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from steadfast.accounts.models import Role
from steadfast.subject_access import drawing, rules
from steadfast.subject_access.models import SubjectAccessBundle
from steadfast.subject_access.services import make_subject_access_bundle
from tests.factories import UserFactory
from tests.worker import run_the_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.RECORDS_OFFICER)


def test_the_worker_draws_the_pdf_queued_with_the_bundle_once(scenario, officer, signal_handlers):
    bundle = make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    second = make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    assert (
        DBTaskResult.objects.filter(task_path="steadfast.subject_access.tasks.draw_bundle_pdf").count() == 2
    )
    run_the_worker()
    assert set(DBTaskResult.objects.values_list("status", "return_value")) == {
        (TaskResultStatus.SUCCESSFUL, drawing.DRAWN)
    }
    for made in (bundle, second):
        made.refresh_from_db()
        assert bytes(made.pdf).startswith(b"%PDF") and made.pdf_made_at and made.pdf_failed_at is None
    # Queued again by mistake, it is not drawn twice.
    assert drawing.draw_and_keep_pdf(bundle.pk) == drawing.NOTHING_TO_DRAW


def test_a_drawing_that_fails_is_marked_on_the_bundle_and_the_task(
    scenario, officer, monkeypatch, signal_handlers
):
    def fails(bundle):
        raise OSError("no fonts")

    monkeypatch.setattr(drawing, "bundle_pdf", fails)
    bundle = make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    run_the_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    bundle.refresh_from_db()
    assert bundle.pdf is None and bundle.pdf_failed_at is not None


def test_a_pdf_drawn_while_the_record_was_destroyed_is_not_kept(scenario, officer, monkeypatch):
    bundle = make_subject_access_bundle(actor=officer, child=scenario.children["own"])
    drawn_from_before = drawing.bundle_pdf

    def destroyed_meanwhile(bundle):
        pdf = drawn_from_before(bundle)
        SubjectAccessBundle.objects.filter(pk=bundle.pk).update(pdf=b"")  # as destruction leaves it
        return pdf

    monkeypatch.setattr(drawing, "bundle_pdf", destroyed_meanwhile)
    assert drawing.draw_and_keep_pdf(bundle.pk) == drawing.NOTHING_TO_DRAW
    assert bytes(SubjectAccessBundle.objects.get(pk=bundle.pk).pdf) == b""
    monkeypatch.undo()
    assert drawing.draw_and_keep_pdf(bundle.pk) == drawing.NOTHING_TO_DRAW
    SubjectAccessBundle.objects.filter(pk=bundle.pk).delete()
    assert drawing.draw_and_keep_pdf(bundle.pk) == drawing.NOTHING_TO_DRAW


NOW = timezone.now()


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"kept": True, "requested_at": NOW}, rules.PDF_READY),
        ({"requested_at": NOW}, rules.PDF_BEING_PREPARED),
        ({"requested_at": NOW - datetime.timedelta(minutes=14)}, rules.PDF_BEING_PREPARED),
        ({"requested_at": NOW - datetime.timedelta(minutes=16)}, rules.PDF_FAILED),
        ({"requested_at": NOW, "failed_at": NOW}, rules.PDF_FAILED),
        ({}, rules.PDF_NOT_DRAWN),
        ({"emptied": True, "requested_at": NOW}, rules.PDF_DESTROYED),
        ({"emptied": True}, rules.PDF_DESTROYED),
    ],
)
def test_where_a_pdf_stands(fields, state):
    given = {"kept": False, "emptied": False, "requested_at": None, "failed_at": None} | fields
    assert rules.pdf_state(**given, now=NOW) == state
