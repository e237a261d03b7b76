"""The administrators' pages for importing a year's SSDA903 files: upload them, then follow the
import run in the background to its report. Anyone else is answered 404."""

import re
import uuid
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from steadfast.accounts import access
from steadfast.audit.services import record_event
from steadfast.core.middleware import uploads_to_disk

from . import selectors, services
from .forms import MAX_UPLOAD_BYTES, TOO_LARGE, ImportForm
from .models import ImportRunStatus

IMPORT_RUN_VIEWED = "IMPORT_RUN_VIEWED"
RUNS_SHOWN = 20


def _administrator_or_404(request: HttpRequest) -> None:
    if not access.can_import_returns(request.user):
        raise Http404


def _upload_root() -> Path:
    """Where uploads wait for the worker: a folder the web and worker processes share."""
    return Path(settings.SSDA903_UPLOAD_ROOT)


def _keep(files) -> tuple[Path, list[str]]:
    """Copy the uploaded files, piece by piece, into a folder of the run's own."""
    folder = _upload_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    names = []
    for number, sent in enumerate(files):
        name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(sent.name).name)
        with (folder / f"{number:02}-{name}").open("wb") as target:
            for chunk in sent.chunks():
                target.write(chunk)
        names.append(sent.name)
    return folder, names


@csrf_exempt
@uploads_to_disk
def import_list(request: HttpRequest) -> HttpResponse:
    """Exempt only so that the uploads go to disk before anything reads the body; the view it
    calls checks the token as every form does."""
    _administrator_or_404(request)
    return _import_list(request)


@csrf_protect
def _import_list(request: HttpRequest) -> HttpResponse:
    too_large = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES
    if request.method == "POST" and not too_large:
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            folder, names = _keep(form.cleaned_data["files"])
            run = services.ask_for_import(
                actor=request.user, year=form.cleaned_data["year"], folder=folder, files=names
            )
            return redirect("interop:import-detail", run.pk)
    else:
        form = ImportForm()
    runs = list(selectors.import_runs()[:RUNS_SHOWN])
    return render(
        request,
        "interop/import_list.html",
        {"form": form, "runs": runs, "too_large": TOO_LARGE if too_large else ""},
    )


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator_or_404(request)
    run = get_object_or_404(selectors.import_runs(), pk=pk)
    record_event(actor=request.user, event_type=IMPORT_RUN_VIEWED, subject=run)
    return render(
        request,
        "interop/import_detail.html",
        {"run": run, "Status": ImportRunStatus, "children_done": selectors.children_done(run)},
    )
