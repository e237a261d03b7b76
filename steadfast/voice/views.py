from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from steadfast.accounts import access
from steadfast.audit.services import record_event, record_view
from steadfast.core.child_texts import ChildText, ChildTextPart, child_text_pdf
from steadfast.core.errors import StaleEditError
from steadfast.core.forms import GovukForm
from steadfast.core.jinja2 import govuk_date
from steadfast.core.middleware import sent_once
from steadfast.meetings.models import MeetingStatus
from steadfast.meetings.selectors import get_meeting_for_user_or_404

from . import rules, selectors, services
from .forms import DecisionVoiceForm, FeedbackForm, FeedbackSharedForm, InfluenceForm, VoiceForm
from .models import Influence, VoiceRecord

VOICE_VIEWED = "CHILDS_VOICE_VIEWED"
FEEDBACK_DOWNLOADED = "CHILDS_VOICE_FEEDBACK_DOWNLOADED"
VOICE_SAVED_MESSAGE = "The child's voice has been recorded."
INFLUENCE_SAVED_MESSAGE = "What changed because of what the child asked for has been recorded."
FEEDBACK_SAVED_MESSAGE = "What you will tell the child has been saved. Check it reads well, then share it."
FEEDBACK_SHARED_MESSAGE = "It is recorded that the child was told what came of their views."
FEEDBACK_TITLE = "What happened because you told us what you think"
# The heading of what the child is told, on the page, in the PDF and on their own page.
FEEDBACK_HEADING = "What has happened because you spoke"


def _record_or_404(request: HttpRequest, pk: object, *, change: bool = False) -> VoiceRecord:
    """The voice record, if the user may read the child's voice (and, with `change`, record
    it); otherwise 404, as if there were none."""
    try:
        record = selectors.voice_record_with_counts(int(str(pk)))
    except ValueError:
        raise Http404 from None
    if record is None:
        raise Http404
    child = access.get_child_for_user_or_404(request.user, record.child_id)
    if not access.can_see_childs_voice(request.user, child) or (
        change and not access.can_record_childs_voice(request.user)
    ):
        raise Http404
    return record


def _saved(
    request: HttpRequest,
    form: GovukForm,
    *,
    act: Callable[[], Any],
    stale: Any,
    message: str,
    to: Callable[[Any], str],
) -> HttpResponse | None:
    """On a valid post, `act` through a service, and go to `to(what it saved)` with `message`; None, with the
    service's refusal against the form's fields, when it refused. A refusal because `stale` moved
    on since the page was drawn shows what changed meanwhile, keeping what was typed."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = act()
    except StaleEditError as error:
        if stale is None:
            form.add_service_error(error)
        else:
            form.refuse_as_stale(error, stale, viewer=request.user)
    except ValidationError as error:
        form.add_service_error(error)
    else:
        messages.success(request, message)
        return redirect(to(saved))
    return None


@sent_once
def meeting_voice_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Record, or change, the child's voice in a stability meeting."""
    meeting = get_meeting_for_user_or_404(request.user, meeting_id)
    if not (
        access.can_record_childs_voice(request.user)
        and access.can_see_childs_voice(request.user, meeting.child)
        and meeting.status != MeetingStatus.CANCELLED
    ):
        raise Http404
    record = selectors.voice_record_of_meeting(meeting)
    initial = _initial(record) if record else {"seen_version": 0, "heard_by": "The people at the meeting"}
    form = VoiceForm(request.POST if request.method == "POST" else None, initial=initial)
    done = _saved(
        request,
        form,
        act=lambda: services.record_voice_for_meeting(
            actor=request.user,
            meeting=meeting,
            views=form.views(),
            seen_version=form.cleaned_data["seen_version"],
        ),
        stale=record,
        message=VOICE_SAVED_MESSAGE,
        to=lambda saved: reverse("meetings:meeting-detail", args=[meeting.pk]) + "#childs-voice",
    )
    return done or render(
        request,
        "voice/voice_record.html",
        {
            "form": form,
            "child": meeting.child,
            "meeting": meeting,
            "childs_views": selectors.childs_views_for(meeting),
            "back_url": reverse("meetings:meeting-detail", args=[meeting.pk]),
        },
    )


def _initial(record: VoiceRecord) -> dict[str, Any]:
    yes_no = {True: "yes", False: "no", None: None}
    return {
        "seen_version": record.version,
        "views_sought": yes_no[record.views_sought],
        "how_sought": record.how_sought,
        "advocate_helped": yes_no[record.advocate_helped] if record.views_sought else None,
        "not_sought_reason": record.not_sought_reason,
        "child_said": record.child_said,
        "own_words": record.own_words,
        "heard_by": record.heard_by,
        "decision": record.decision,
        "decided_on": record.decided_on,
        "decision_maker": record.decision_maker,
    }


@sent_once
def decision_voice_add(request: HttpRequest, child_id: int) -> HttpResponse:
    """Record a significant decision taken outside a meeting, and the child's voice in it."""
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not (
        access.can_record_childs_voice(request.user) and access.can_see_childs_voice(request.user, child)
    ):
        raise Http404
    form = DecisionVoiceForm(request.POST if request.method == "POST" else None, initial={"seen_version": 0})
    done = _saved(
        request,
        form,
        act=lambda: services.record_voice_for_decision(
            actor=request.user, child=child, decision=form.decision_made(), views=form.views()
        ),
        stale=None,
        message=VOICE_SAVED_MESSAGE,
        to=lambda saved: reverse("voice:voice-record-detail", args=[saved.pk]),
    )
    return done or render(
        request,
        "voice/voice_record.html",
        {"form": form, "child": child, "back_url": reverse("children:child-detail", args=[child.pk])},
    )


@sent_once
def voice_record_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the child's voice in a decision; a meeting's is changed from the meeting."""
    record = _record_or_404(request, pk, change=True)
    if record.meeting_id:
        return redirect("voice:meeting-voice-record", meeting_id=record.meeting_id)
    form = DecisionVoiceForm(request.POST if request.method == "POST" else None, initial=_initial(record))
    done = _saved(
        request,
        form,
        act=lambda: services.change_decision_voice(
            actor=request.user,
            record=record,
            decision=form.decision_made(),
            views=form.views(),
            seen_version=form.cleaned_data["seen_version"],
        ),
        stale=record,
        message=VOICE_SAVED_MESSAGE,
        to=lambda saved: reverse("voice:voice-record-detail", args=[record.pk]),
    )
    return done or render(
        request,
        "voice/voice_record.html",
        {
            "form": form,
            "child": record.child,
            "record": record,
            "back_url": reverse("voice:voice-record-detail", args=[record.pk]),
        },
    )


def voice_record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    record_view(actor=request.user, event_type=VOICE_VIEWED, child_id=record.child_id)
    return render(
        request,
        "voice/voice_record_detail.html",
        {
            "record": record,
            "child": record.child,
            "influences": list(record.influences.all()),
            "childs_views": selectors.childs_views_for(record.meeting) if record.meeting_id else None,
            "stage": record.stage(influence_rows=record.influence_rows),
            "feedback_due": rules.feedback_due(record.decided_on),
            "feedback": _feedback_for_child(record) if record.feedback_text else None,
            "may_record": access.can_record_childs_voice(request.user),
        },
    )


@sent_once
def influence_add(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk, change=True)
    form = InfluenceForm(request.POST if request.method == "POST" else None, initial={"seen_version": 0})
    done = _saved(
        request,
        form,
        act=lambda: services.record_influence(
            actor=request.user,
            record=record,
            asked_for=form.cleaned_data["asked_for"],
            outcome=form.cleaned_data["outcome"],
            explanation=form.cleaned_data["explanation"],
        ),
        stale=None,
        message=INFLUENCE_SAVED_MESSAGE,
        to=lambda saved: reverse("voice:voice-record-detail", args=[record.pk]) + "#influence",
    )
    return done or render(request, "voice/influence_form.html", {"form": form, "record": record})


@sent_once
def influence_change(request: HttpRequest, pk: int) -> HttpResponse:
    influence = Influence.objects.filter(pk=pk).select_related("record").first()
    if influence is None:
        raise Http404
    record = _record_or_404(request, influence.record_id, change=True)
    initial = {
        "seen_version": influence.version,
        "asked_for": influence.asked_for,
        "outcome": influence.outcome,
        "explanation": influence.explanation,
    }
    form = InfluenceForm(request.POST if request.method == "POST" else None, initial=initial)
    done = _saved(
        request,
        form,
        act=lambda: services.change_influence(
            actor=request.user,
            influence=influence,
            asked_for=form.cleaned_data["asked_for"],
            outcome=form.cleaned_data["outcome"],
            explanation=form.cleaned_data["explanation"],
            seen_version=form.cleaned_data["seen_version"],
        ),
        stale=influence,
        message=INFLUENCE_SAVED_MESSAGE,
        to=lambda saved: reverse("voice:voice-record-detail", args=[record.pk]) + "#influence",
    )
    return done or render(
        request, "voice/influence_form.html", {"form": form, "record": record, "influence": influence}
    )


def _feedback_for_child(record: VoiceRecord) -> ChildText:
    return ChildText(
        title=FEEDBACK_TITLE,
        child_name=record.child.display_name,
        parts=(ChildTextPart(heading=FEEDBACK_HEADING, text=record.feedback_text),),
    )


def _draft(record: VoiceRecord, worker: str) -> str:
    about = (
        f"the {record.described} on {govuk_date(record.decided_on)}"
        if record.meeting_id
        else f"the decision on {govuk_date(record.decided_on)}: {record.described}"
    )
    return rules.draft_feedback(
        first_name=record.child.preferred_name or record.child.legal_first_name,
        about=about,
        asked=[rules.Asked(i.asked_for, i.outcome, i.explanation) for i in record.influences.all()],
        worker=worker,
    )


@sent_once
def feedback_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft, check the reading age of, and save what the child will be told."""
    record = _record_or_404(request, pk, change=True)
    initial = {
        "seen_version": record.version,
        "text": record.feedback_text or _draft(record, request.user.get_full_name()),
    }
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    done = None
    if not form.checking:
        done = _saved(
            request,
            form,
            act=lambda: services.write_feedback(
                actor=request.user,
                record=record,
                text=form.cleaned_data["text"],
                seen_version=form.cleaned_data["seen_version"],
            ),
            stale=record,
            message=FEEDBACK_SAVED_MESSAGE,
            to=lambda saved: reverse("voice:feedback-letter", args=[record.pk]),
        )
    return done or render(
        request,
        "voice/feedback_edit.html",
        {
            "form": form,
            "record": record,
            "readability": form.typed_readability(),
            "drafted": not record.feedback_text,
        },
    )


def feedback_letter(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    if not record.feedback_text:
        raise Http404
    record_view(actor=request.user, event_type=VOICE_VIEWED, child_id=record.child_id)
    return render(
        request,
        "voice/feedback_letter.html",
        {
            "record": record,
            "letter": _feedback_for_child(record),
            "title": FEEDBACK_TITLE,
            "may_record": access.can_record_childs_voice(request.user),
        },
    )


def feedback_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_or_404(request, pk)
    if not record.feedback_text:
        raise Http404
    record_event(
        actor=request.user,
        event_type=FEEDBACK_DOWNLOADED,
        subject=record,
        child_id=record.child_id,
        details={"format": "pdf"},
    )
    body = child_text_pdf(_feedback_for_child(record))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="feedback-to-the-child-{record.pk}.pdf"'
    return response


@sent_once
def feedback_shared(request: HttpRequest, pk: int) -> HttpResponse:
    """Record when, how and by whom the child was told what came of their views."""
    record = _record_or_404(request, pk, change=True)
    initial: dict[str, Any] = {"seen_version": record.version, "fed_back_by": request.user.get_full_name()}
    if record.fed_back_on:
        initial |= {
            "fed_back_on": record.fed_back_on,
            "fed_back_how": record.fed_back_how,
            "fed_back_by": record.fed_back_by,
        }
    form = FeedbackSharedForm(request.POST if request.method == "POST" else None, initial=initial)
    done = _saved(
        request,
        form,
        act=lambda: services.record_feedback_shared(
            actor=request.user,
            record=record,
            fed_back_on=form.cleaned_data["fed_back_on"],
            fed_back_how=form.cleaned_data["fed_back_how"],
            fed_back_by=form.cleaned_data["fed_back_by"],
            seen_version=form.cleaned_data["seen_version"],
        ),
        stale=record,
        message=FEEDBACK_SHARED_MESSAGE,
        to=lambda saved: reverse("voice:voice-record-detail", args=[record.pk]),
    )
    return done or render(request, "voice/feedback_shared.html", {"form": form, "record": record})
