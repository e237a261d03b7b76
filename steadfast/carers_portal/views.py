from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.audit.services import CHILD_VIEWED, HOUSEHOLD_VIEWED, record_event, record_view
from steadfast.carer_messages import selectors as carer_messages
from steadfast.concerns.models import RaisedBy
from steadfast.concerns.services import raise_stability_concern
from steadfast.concerns.views import CONCERN_RAISED_MESSAGE
from steadfast.core.errors import StaleEditError
from steadfast.core.middleware import sent_once
from steadfast.core.pagination import paginate
from steadfast.meetings.forms import VIEW_FIELDS, VIEWS_SHOWN_WHEN_STALE, ViewsForm
from steadfast.meetings.models import InviteeRole
from steadfast.meetings.selectors import views_link_open
from steadfast.meetings.services import record_views
from steadfast.meetings.views import MEETING_VIEWED, VIEWS_REQUEST_OPENED

from . import selectors
from .forms import PortalConcernRaiseForm

PORTAL_VIEWS_SAVED = (
    "Thank you. Your views have been sent to the people preparing the meeting. You can change "
    "them here until the meeting starts."
)


def portal_home(request: HttpRequest) -> HttpResponse:
    carer = request.user
    household = access.get_carer_household_or_404(carer)
    record_view(actor=carer, event_type=HOUSEHOLD_VIEWED, household_id=household.pk)
    children = selectors.what_carer_needs_to_know(carer, household)
    for child in children:
        record_view(actor=carer, event_type=CHILD_VIEWED, child_id=child.pk)
    return render(
        request,
        "carers_portal/portal_home.html",
        {
            "household": household,
            "children": children,
            "supervising_social_worker": carer_messages.supervising_social_worker_name(household),
            "contacts": carer_messages.contacts_for_carer(household),
            "latest_message": carer_messages.messages_for_carer(carer).first(),
            "actions": list(selectors.carer_actions(carer, household)),
            "invitations": list(selectors.carer_invitations(carer, household)),
            "agreed": list(selectors.agreed_meetings(carer, household)),
            "today": timezone.localdate(),
        },
    )


def portal_meeting_views(request: HttpRequest, pk: int) -> HttpResponse:
    """The carer gives their views before a meeting they are invited to, and sees what they
    sent; they can change it until the meeting starts, and then it is read-only."""
    carer = request.user
    household = access.get_carer_household_or_404(carer)
    invitation = selectors.get_carer_invitation_or_404(carer, household, pk)
    meeting = invitation.meeting
    is_open = views_link_open(meeting)
    if not is_open and not invitation.has_views:
        raise Http404("No such meeting")
    record_event(
        actor=carer,
        event_type=VIEWS_REQUEST_OPENED,
        subject=invitation,
        child_id=meeting.child_id,
        details={"invitee": invitation.pk},
    )
    initial = {field: getattr(invitation, field) for field in VIEW_FIELDS}
    form = ViewsForm(
        request.POST if request.method == "POST" and is_open else None,
        initial=initial | {"seen_version": invitation.version},
        for_child=invitation.role == InviteeRole.CHILD,
    )
    if form.is_bound and form.is_valid():
        try:
            record_views(
                actor=carer,
                invitee=invitation,
                **{f: form.cleaned_data[f] for f in VIEW_FIELDS},
                seen_version=form.cleaned_data["seen_version"],
            )
        except StaleEditError as error:
            form.refuse_as_stale(error, invitation, viewer=carer, fields=VIEWS_SHOWN_WHEN_STALE)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PORTAL_VIEWS_SAVED)
            return redirect("portal:portal-home")
    return render(
        request,
        "carers_portal/portal_meeting_views.html",
        {"form": form, "meeting": meeting, "invitation": invitation, "is_open": is_open},
    )


def portal_meeting_agreed(request: HttpRequest, pk: int) -> HttpResponse:
    """What was agreed at an authorised meeting, in plain words: who was there, the chair's
    summary, the actions and the next review. Not the worries, and not anyone's score."""
    carer = request.user
    household = access.get_carer_household_or_404(carer)
    meeting = selectors.get_agreed_meeting_or_404(carer, household, pk)
    record_view(actor=carer, event_type=MEETING_VIEWED, child_id=meeting.child_id)
    return render(
        request,
        "carers_portal/portal_meeting_agreed.html",
        {
            "meeting": meeting,
            "present": list(selectors.who_was_there(meeting)),
            "actions": list(selectors.actions_agreed_at(meeting)),
        },
    )


@sent_once
def portal_concern_raise(request: HttpRequest) -> HttpResponse:
    """The carer says their home is under strain, about a child living with them now."""
    carer = request.user
    household = access.get_carer_household_or_404(carer)
    form = PortalConcernRaiseForm(
        request.POST if request.method == "POST" else None,
        children=selectors.children_placed_with_carer(carer, household),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            raise_stability_concern(
                actor=carer,
                child=data["child"],
                urgency=data["urgency"],
                factors=data["factors"],
                what_is_happening=data["what_is_happening"],
                raised_by=RaisedBy.CARER,
                raised_by_name=carer.get_full_name(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, CONCERN_RAISED_MESSAGE)
            return redirect("portal:portal-home")
    return render(request, "carers_portal/portal_concern_raise.html", {"form": form})


def portal_message_list(request: HttpRequest) -> HttpResponse:
    """What the service has told the carer, newest first, as they were emailed (or would have
    been, had they an address)."""
    carer = request.user
    household = access.get_carer_household_or_404(carer)
    page, query = paginate(request, carer_messages.messages_for_carer(carer))
    return render(
        request,
        "carers_portal/portal_message_list.html",
        {"household": household, "page": page, "query": query, "carer_messages": list(page.object_list)},
    )


def portal_contacts(request: HttpRequest) -> HttpResponse:
    """Whom to call, and when: the supervising social worker, the duty line, out of hours."""
    household = access.get_carer_household_or_404(request.user)
    return render(
        request,
        "carers_portal/portal_contacts.html",
        {"household": household, "contacts": carer_messages.contacts_for_carer(household)},
    )
