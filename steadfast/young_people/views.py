"""The child's own page, open without a sign-in through a single-use link, and the staff pages
that send the link, stop it, and read what the child sent."""

import datetime
import functools
import hashlib
from collections.abc import Callable

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from steadfast.accounts import access
from steadfast.audit.addresses import client_address
from steadfast.audit.services import record_event, record_view
from steadfast.core import views as core_views
from steadfast.core.errors import StaleEditError
from steadfast.core.jinja2 import govuk_date

from . import selectors, services
from .drawings import CONTENT_TYPE
from .forms import InvitationForm, MyViewsForm, RevokeForm, SafetyActedForm, WordForm
from .models import ChildsDrawing, ChildsViews, PageVersion, SentHow, ViewsInvitation

INVITATION_SENT_MESSAGE = "The link has been sent. It works until {until}."
INVITATION_REVOKED_MESSAGE = "The link has been stopped. It no longer opens anything."
ACTED_MESSAGE = "What you did has been saved."
WRONG_WORD = "That is not your word. Check it and try again."
NO_MORE_TRIES = "The word has been typed wrongly too many times. Ask your social worker for a new link."

# Requests to the page from one address: for one link, and for all links together, within
# the window. More are answered 429 until the window has passed.
REQUESTS_PER_LINK = 30
REQUESTS_PER_ADDRESS = 200
WINDOW_SECONDS = 10 * 60
# A second send from the same page, a moment after the first (a double tap, the page sent again)
# is told it was sent already; later, a used link answers as every link that does not work.
SECOND_SEND_MINUTES = 60
# The field only the form asking for the word sends, which tells it from the views sent again.
OPENING_AGAIN = "opening_again"


# --- The child's own page -----------------------------------------------------------------------


def _exposed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The headers of a page opened from a link in a message: the address, which holds the
    link's token, is sent to no other site, and no search engine keeps the page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _counted(key: str, limit: int) -> bool:
    """Count one more request under `key`; whether it is over `limit` in the window."""
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the count expired between the two calls: this is the first again
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return False


def _too_many(request: HttpRequest, token: str) -> bool:
    address = client_address(request) or "unknown"
    per_link = hashlib.sha256(f"{address}\0{token}".encode()).hexdigest()
    per_address = hashlib.sha256(address.encode()).hexdigest()
    over_link = _counted(f"my-views:link:{per_link}", REQUESTS_PER_LINK)
    over_address = _counted(f"my-views:address:{per_address}", REQUESTS_PER_ADDRESS)
    return over_link or over_address


def _not_found(request: HttpRequest) -> HttpResponse:
    """The answer to a link that does not work, for whatever reason: the very page of an address
    that never existed, so that nobody can tell a used, stopped or expired link from a made-up one."""
    return core_views.page_not_found(request)


def _refused(request: HttpRequest, invitation: ViewsInvitation, reason: str) -> HttpResponse:
    services.note_page_use(invitation=invitation, event_type=services.PAGE_REFUSED, reason=reason)
    return _not_found(request)


# No CSRF check: the page carries no ambient authority to borrow (no session, no cookie), only
# the token in its address, which a forging site would need to know already. And with
# `Referrer-Policy: no-referrer` the browser sends `Origin: null`, which the check refuses.
@csrf_exempt
@login_not_required
@_exposed
def my_views(request: HttpRequest, token: str) -> HttpResponse:
    """The child's own page, through the link sent to them. It opens no session and shows only
    the form: no surname, no worker beyond a first name, nothing of a meeting but its kind and
    date. A link that is unknown, stopped, expired or used answers as an address that never
    existed, except that a used link opens again with the child's own word."""
    if _too_many(request, token):
        return render(request, "young_people/my_views_too_many.html", status=429)
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        return _not_found(request)
    if invitation.revoked_at is not None:
        return _refused(request, invitation, "revoked")
    if invitation.used_at is not None:
        return _used(request, invitation)
    if not selectors.invitation_open(invitation):
        return _refused(request, invitation, "expired")
    return _send(request, invitation)


def _page(invitation: ViewsInvitation) -> dict:
    """What the page may show of the record: the child's first name, the worker's, and the
    meeting's kind and date."""
    child, sender = invitation.child, invitation.created_by
    return {
        "younger": invitation.page_version == PageVersion.YOUNGER,
        "first_name": child.preferred_name or child.legal_first_name,
        "worker_first_name": sender.first_name if sender is not None else "",
        "meeting_kind": invitation.meeting.get_kind_display() if invitation.meeting_id else "",
        "meeting_date": invitation.meeting.scheduled_at if invitation.meeting_id else None,
        "purpose": invitation.purpose,
    }


def _send(request: HttpRequest, invitation: ViewsInvitation) -> HttpResponse:
    listeners = selectors.listeners_for(invitation.child)
    bound = request.method == "POST"
    form = MyViewsForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        listeners=listeners,
        younger=invitation.page_version == PageVersion.YOUNGER,
        for_meeting=invitation.meeting_id is not None,
    )
    if bound and form.is_valid():
        try:
            views = services.send_childs_views(invitation=invitation, sent=form.sent())
        except services.AlreadySent as sent:
            return _already_sent(request, invitation, sent.used_at)
        except ValidationError as error:
            if error.messages == [services.ALREADY_USED]:
                return _refused(request, invitation, "expired")
            form.add_service_error(error)
        else:
            return render(
                request,
                "young_people/my_views_sent.html",
                {
                    **_page(invitation),
                    "worried": views.worried_about_safety,
                    "with_word": bool(form.sent().word),
                },
            )
    else:
        services.note_page_use(invitation=invitation, event_type=services.PAGE_OPENED)
    return render(
        request,
        "young_people/my_views.html",
        {**_page(invitation), "form": form, "has_errors": bool(form.errors), "listeners": listeners},
    )


def _already_sent(request: HttpRequest, invitation: ViewsInvitation, used_at) -> HttpResponse:
    if timezone.now() - used_at > datetime.timedelta(minutes=SECOND_SEND_MINUTES):
        return _refused(request, invitation, "used")
    services.note_page_use(invitation=invitation, event_type=services.PAGE_REFUSED, reason="sent again")
    return render(
        request, "young_people/my_views_already_sent.html", {**_page(invitation), "used_at": used_at}
    )


def _used(request: HttpRequest, invitation: ViewsInvitation) -> HttpResponse:
    """A used link: a send made again a moment later is told it arrived the first time; with the
    child's word, the page shows what they sent; otherwise it does not work."""
    if request.method == "POST" and OPENING_AGAIN not in request.POST:
        return _already_sent(request, invitation, invitation.used_at)
    if not services.word_tries_left(invitation):
        return _refused(request, invitation, "used")
    form = WordForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if services.check_word(invitation=invitation, word=form.cleaned_data["word"]):
            services.note_page_use(invitation=invitation, event_type=services.PAGE_OPENED, reason="with word")
            views = ChildsViews.objects.prefetch_related("drawings").get(invitation=invitation)
            return render(
                request,
                "young_people/my_views_again.html",
                {
                    **_page(invitation),
                    "views": views,
                    "feedback": selectors.what_has_happened_for(invitation),
                },
            )
        invitation.refresh_from_db(fields=["word_failures"])
        form.add_error("word", WRONG_WORD if services.word_tries_left(invitation) else NO_MORE_TRIES)
    elif not form.is_bound:
        services.note_page_use(
            invitation=invitation, event_type=services.PAGE_OPENED, reason="asked for word"
        )
    return render(
        request,
        "young_people/my_views_word.html",
        {**_page(invitation), "form": form, "has_errors": bool(form.errors), "opening_again": OPENING_AGAIN},
    )


# --- Staff --------------------------------------------------------------------------------------


def _child_to_invite_or_404(request: HttpRequest, child_id: int):
    child = access.get_child_for_user_or_404(request.user, child_id)
    if not access.can_change_child(request.user, child):
        raise Http404
    return child


def invitation_add(request: HttpRequest, child_id: int) -> HttpResponse:
    """Send a child a link to their own page, or show it as a code to scan in the room."""
    child = _child_to_invite_or_404(request, child_id)
    meetings = selectors.meetings_to_invite_for(child)
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        meetings=meetings,
        initial={"meeting": request.GET.get("meeting", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.invite_child_to_give_views(
                actor=request.user,
                child=child,
                purpose=data["purpose"],
                meeting=form.chosen_meeting(),
                page_version=data["page_version"],
                days=data["days"],
                sent_how=data["sent_how"],
                email=data["email"],
                mobile=data["mobile"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            invitation = issued.invitation
            if invitation.sent_how != SentHow.QR:
                messages.success(
                    request, INVITATION_SENT_MESSAGE.format(until=govuk_date(invitation.expires_at))
                )
                return redirect(f"{reverse('children:child-detail', args=[child.pk])}#childs-own-views")
            # The code is shown once, now: the token is kept nowhere, so this page cannot be
            # drawn again.
            link = f"{settings.SITE_URL}{reverse('young_people:my-views', args=[issued.token])}"
            qr = segno.make(link, error="m").svg_inline(scale=6, title="A code to scan with a phone's camera")
            return render(
                request,
                "young_people/invitation_code.html",
                {"child": child, "invitation": invitation, "qr": qr, "link": link},
            )
    return render(
        request,
        "young_people/invitation_add.html",
        {"child": child, "form": form, "has_errors": bool(form.errors)},
    )


def _invitation_or_404(request: HttpRequest, pk: int) -> ViewsInvitation:
    invitation = ViewsInvitation.objects.filter(pk=pk).select_related("child", "meeting").first()
    if invitation is None:
        raise Http404
    _child_to_invite_or_404(request, invitation.child_id)
    return invitation


def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop a link, so that it opens nothing any more."""
    invitation = _invitation_or_404(request, pk)
    form = RevokeForm(
        request.POST if request.method == "POST" else None, initial={"seen_version": invitation.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_views_invitation(
                actor=request.user, invitation=invitation, seen_version=form.cleaned_data["seen_version"]
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, invitation, viewer=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, INVITATION_REVOKED_MESSAGE)
            return redirect(
                f"{reverse('children:child-detail', args=[invitation.child_id])}#childs-own-views"
            )
    return render(
        request,
        "young_people/invitation_revoke.html",
        {"invitation": invitation, "child": invitation.child, "form": form, "has_errors": bool(form.errors)},
    )


def _views_or_404(request: HttpRequest, pk: int) -> ChildsViews:
    views = selectors.views_of_child_by_pk(pk)
    if views is None:
        raise Http404
    child = access.get_child_for_user_or_404(request.user, views.child_id)
    if not access.can_read_childs_own_views(request.user, child):
        raise Http404
    return views


def views_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the child sent, their drawings shown through `drawing`; a message for one
    person only is shown to that person alone."""
    views = _views_or_404(request, pk)
    record_view(actor=request.user, event_type=services.VIEWS_VIEWED, child_id=views.child_id)
    private_for_viewer = bool(views.private_message) and views.private_for_user_id == request.user.pk
    if private_for_viewer:
        record_event(
            actor=request.user,
            event_type=services.PRIVATE_MESSAGE_READ,
            subject=views,
            child_id=views.child_id,
        )
    worker = selectors.social_worker_of(views.child)
    if views.read_at is None and worker is not None and worker.pk == request.user.pk:
        services.note_childs_views_read(actor=request.user, views=views)
    return render(
        request,
        "young_people/views_detail.html",
        {
            "views": views,
            "child": views.child,
            "private_for_viewer": private_for_viewer,
            "may_act": access.can_change_child(request.user, views.child),
        },
    )


def views_acted(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what was done after a child said they may not be safe or happy where they live."""
    views = _views_or_404(request, pk)
    if not (access.can_change_child(request.user, views.child) and views.worried_about_safety):
        raise Http404
    form = SafetyActedForm(
        request.POST if request.method == "POST" else None,
        initial={"seen_version": views.version, "what_was_done": views.what_was_done},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_safety_acted_on(
                actor=request.user,
                views=views,
                what_was_done=form.cleaned_data["what_was_done"],
                seen_version=form.cleaned_data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, views, viewer=request.user, fields=["what_was_done", "acted_at"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, ACTED_MESSAGE)
            return redirect("young_people:views-detail", pk=views.pk)
    return render(
        request,
        "young_people/views_acted.html",
        {"views": views, "child": views.child, "form": form, "has_errors": bool(form.errors)},
    )


def drawing(request: HttpRequest, pk: int) -> HttpResponse:
    """A child's drawing or photo, for staff who may read what the child sent; never at a public
    address, never kept by the browser, and each look audited."""
    found = ChildsDrawing.objects.filter(pk=pk).select_related("views").first()
    if found is None:
        raise Http404
    views = _views_or_404(request, found.views_id)
    record_event(
        actor=request.user, event_type=services.DRAWING_VIEWED, subject=found, child_id=views.child_id
    )
    response = HttpResponse(bytes(found.image), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="drawing-{found.pk}.webp"'
    return response
