from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.audit.services import record_view
from steadfast.children.models import Child
from steadfast.core.child_texts import ChildText, ChildTextPart, child_text_pdf
from steadfast.core.errors import StaleEditError
from steadfast.meetings.selectors import get_meeting_for_user_or_404
from steadfast.placements.selectors import current_placement_for

from . import selectors, services
from .forms import PLAN_PARTS, ChildFriendlyPlanForm, SharedForm, StoryUploadForm, StoryWriteForm
from .models import ChildFriendlyPlan, StoryForm, StoryPage, StoryVersion
from .uploads import CONTENT_TYPES, EXTENSIONS

STORY_VIEWED = "WORDS_AND_PICTURES_STORY_VIEWED"
STORY_FILE_VIEWED = "WORDS_AND_PICTURES_FILE_VIEWED"
PLAN_VIEWED = "CHILD_FRIENDLY_PLAN_VIEWED"
PLAN_DOWNLOADED = "CHILD_FRIENDLY_PLAN_DOWNLOADED"

STORY_SAVED_MESSAGE = "The words and pictures story has been saved as version {number}."
STORY_SHARED_MESSAGE = "The story has been recorded as shared with {name}."
PLAN_DRAFTED_MESSAGE = (
    "A child-friendly plan has been drafted from the plan. Read it and change it before you share it."
)
PLAN_SAVED_MESSAGE = "The child-friendly plan has been saved."
PLAN_SHARED_MESSAGE = "The child-friendly plan has been recorded as shared with {name}."


# --- The story ----------------------------------------------------------------------------------


def _readable_child_or_404(request: HttpRequest, child_id: int) -> Child:
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_read_words_and_pictures(request.user, child):
        raise Http404
    return child


def _writable_child_or_404(request: HttpRequest, child_id: int) -> Child:
    child = _readable_child_or_404(request, child_id)
    if not access.can_write_words_and_pictures(request.user, child):
        raise Http404
    return child


def _story_page(request: HttpRequest, child: Child, version: StoryVersion | None) -> HttpResponse:
    today = timezone.localdate()
    status = selectors.story_status_of(child, current_placement=current_placement_for(child), today=today)
    record_view(actor=request.user, event_type=STORY_VIEWED, child_id=child.pk)
    shown = version or status.latest
    return render(
        request,
        "words_and_pictures/story_detail.html",
        {
            "child": child,
            "status": status,
            "shown": shown,
            "pages": list(shown.pages.defer("picture")) if shown else [],
            "versions": list(selectors.versions_of(status.story)) if status.story else [],
            "can_write": access.can_write_words_and_pictures(request.user, child),
            "today": today,
        },
    )


def story_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's story as it is now, its versions, and when it is next due."""
    return _story_page(request, _readable_child_or_404(request, child_id), None)


def story_version(request: HttpRequest, child_id: int, number: int) -> HttpResponse:
    """An earlier version of the child's story, as it was."""
    child = _readable_child_or_404(request, child_id)
    version = StoryVersion.objects.defer("document").filter(story__child=child, number=number).first()
    if version is None:
        raise Http404
    return _story_page(request, child, version)


def _file_response(request: HttpRequest, child_id: int, content: bytes, kind: str, name: str) -> HttpResponse:
    """A file from a child's story: only ever its checked type, never guessed by the browser,
    never kept by a cache, read recorded like the record."""
    record_view(actor=request.user, event_type=STORY_FILE_VIEWED, child_id=child_id)
    response = HttpResponse(bytes(content), content_type=CONTENT_TYPES[kind])
    disposition = "inline" if kind in ("png", "jpeg") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{EXTENSIONS[kind]}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def story_document(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded version's document."""
    version = StoryVersion.objects.select_related("story").filter(pk=pk, form=StoryForm.UPLOADED).first()
    if version is None:
        raise Http404
    child = _readable_child_or_404(request, version.story.child_id)
    return _file_response(
        request, child.pk, version.document, version.document_type, f"story-version-{version.number}"
    )


def story_picture(request: HttpRequest, pk: int) -> HttpResponse:
    """A written page's picture."""
    page = StoryPage.objects.select_related("version__story").filter(pk=pk, picture__isnull=False).first()
    if page is None:
        raise Http404
    child = _readable_child_or_404(request, page.version.story.child_id)
    return _file_response(
        request, child.pk, page.picture, page.picture_type, f"story-page-{page.number}-picture"
    )


def _seen(child: Child) -> int:
    story = selectors.story_of(child)
    return story.version if story else 0


def story_upload(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _writable_child_or_404(request, child_id)
    posted = request.method == "POST"
    form = StoryUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"seen_version": _seen(child)},
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.upload_story(
                actor=request.user,
                child=child,
                title=data["title"],
                made_by=data["made_by"],
                document=data["document"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            _refuse_story_as_stale(request, form, child, error)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, STORY_SAVED_MESSAGE.format(number=version.number))
            return redirect("words_and_pictures:story-detail", child_id=child.pk)
    return render(request, "words_and_pictures/story_upload.html", {"form": form, "child": child})


def _refuse_story_as_stale(request: HttpRequest, form, child: Child, error: StaleEditError) -> None:
    story = selectors.story_of(child)
    if story is None:
        form.add_service_error(error)
    else:
        form.refuse_as_stale(error, story, viewer=request.user)


def story_write(request: HttpRequest, child_id: int) -> HttpResponse:
    """Write the story as pages, or change the pages of its newest written version; either way
    saved as a new version."""
    child = _writable_child_or_404(request, child_id)
    story = selectors.story_of(child)
    latest = selectors.versions_of(story).first() if story else None
    written = latest if latest and latest.form == StoryForm.WRITTEN else None
    existing = list(written.pages.all()) if written else []
    posted = request.method == "POST"
    form = StoryWriteForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        existing_pages=existing,
        initial={
            "seen_version": story.version if story else 0,
            "title": latest.title if latest else "",
            "made_by": latest.made_by if latest else "",
        },
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.write_story(
                actor=request.user,
                child=child,
                title=data["title"],
                made_by=data["made_by"],
                pages=data["pages"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            _refuse_story_as_stale(request, form, child, error)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, STORY_SAVED_MESSAGE.format(number=version.number))
            return redirect("words_and_pictures:story-detail", child_id=child.pk)
    record_view(actor=request.user, event_type=STORY_VIEWED, child_id=child.pk)
    return render(
        request,
        "words_and_pictures/story_write.html",
        {"form": form, "child": child, "editing": written},
    )


def story_shared(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _writable_child_or_404(request, child_id)
    story = selectors.story_of(child)
    if story is None:
        raise Http404
    form = SharedForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": story.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_story_shared(
                actor=request.user,
                story=story,
                shared_on=data["shared_on"],
                shared_how=data["shared_how"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, story, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, STORY_SHARED_MESSAGE.format(name=child.display_name))
            return redirect("words_and_pictures:story-detail", child_id=child.pk)
    return render(
        request,
        "words_and_pictures/shared_form.html",
        {
            "form": form,
            "child": child,
            "what": "words and pictures story",
            "back": ("words_and_pictures:story-detail", {"child_id": child.pk}),
        },
    )


# --- The child-friendly plan --------------------------------------------------------------------


def _plan_or_404(request: HttpRequest, meeting_id: int, *, write: bool = False):
    meeting = get_meeting_for_user_or_404(request.user, meeting_id)
    if not access.can_read_words_and_pictures(request.user, meeting.child):
        raise Http404
    if write and not access.can_write_words_and_pictures(request.user, meeting.child):
        raise Http404
    plan = selectors.child_friendly_plan_of(meeting)
    return meeting, plan


def child_text_of(plan: ChildFriendlyPlan) -> ChildText:
    """The plan as a text for the child (`core.child_texts`)."""
    name = plan.child.display_name
    return ChildText(
        title=f"{plan.child.preferred_name or plan.child.legal_first_name}'s plan",
        child_name=name,
        parts=tuple(ChildTextPart(heading, getattr(plan, field)) for field, heading in PLAN_PARTS),
    )


def child_friendly_plan_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, plan = _plan_or_404(request, meeting_id)
    if plan is None:
        raise Http404
    record_view(actor=request.user, event_type=PLAN_VIEWED, child_id=meeting.child_id)
    return render(
        request,
        "words_and_pictures/child_friendly_plan_detail.html",
        {
            "meeting": meeting,
            "child": meeting.child,
            "plan": plan,
            "text": child_text_of(plan),
            "reauthorised": meeting.authorised_at and meeting.authorised_at > plan.drafted_from_authorised_at,
            "can_write": access.can_write_words_and_pictures(request.user, meeting.child),
        },
    )


def child_friendly_plan_draft(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Draft the plan (a button on the child's record); asked by GET, answers where it is."""
    meeting, plan = _plan_or_404(request, meeting_id, write=True)
    if request.method != "POST":
        if plan is None:
            raise Http404
        return redirect("words_and_pictures:child-friendly-plan-detail", meeting_id=meeting.pk)
    if plan is None:
        try:
            services.draft_child_friendly_plan(actor=request.user, meeting=meeting)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("children:child-detail", pk=meeting.child_id)
        messages.success(request, PLAN_DRAFTED_MESSAGE)
    return redirect("words_and_pictures:child-friendly-plan-edit", meeting_id=meeting.pk)


def child_friendly_plan_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, plan = _plan_or_404(request, meeting_id, write=True)
    if plan is None:
        raise Http404
    form = ChildFriendlyPlanForm(
        request.POST if request.method == "POST" else None,
        initial={"seen_version": plan.version, **{name: getattr(plan, name) for name, _ in PLAN_PARTS}},
    )
    if request.method == "POST" and not form.checking and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_child_friendly_plan(
                actor=request.user,
                plan=plan,
                talked_about=data["talked_about"],
                agreed=data["agreed"],
                who_will_help=data["who_will_help"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, plan, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PLAN_SAVED_MESSAGE)
            return redirect("words_and_pictures:child-friendly-plan-detail", meeting_id=meeting.pk)
    record_view(actor=request.user, event_type=PLAN_VIEWED, child_id=meeting.child_id)
    return render(
        request,
        "words_and_pictures/child_friendly_plan_edit.html",
        {
            "form": form,
            "meeting": meeting,
            "child": meeting.child,
            "plan": plan,
            "readability": form.typed_readability(),
        },
    )


def child_friendly_plan_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, plan = _plan_or_404(request, meeting_id)
    if plan is None:
        raise Http404
    record_view(actor=request.user, event_type=PLAN_DOWNLOADED, child_id=meeting.child_id)
    response = HttpResponse(child_text_pdf(child_text_of(plan)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="child-friendly-plan-{meeting.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def child_friendly_plan_shared(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, plan = _plan_or_404(request, meeting_id, write=True)
    if plan is None:
        raise Http404
    form = SharedForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": plan.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_child_friendly_plan_shared(
                actor=request.user,
                plan=plan,
                shared_on=data["shared_on"],
                shared_how=data["shared_how"],
                seen_version=data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, plan, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PLAN_SHARED_MESSAGE.format(name=meeting.child.display_name))
            return redirect("words_and_pictures:child-friendly-plan-detail", meeting_id=meeting.pk)
    return render(
        request,
        "words_and_pictures/shared_form.html",
        {
            "form": form,
            "child": meeting.child,
            "what": "child-friendly plan",
            "back": ("words_and_pictures:child-friendly-plan-detail", {"meeting_id": meeting.pk}),
        },
    )
