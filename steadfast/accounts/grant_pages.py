"""The pages that grant and revoke access to one record by name, the same for a child's record and
a household's. The record's own view finds the record and asks the access policy whether the
person may grant access to it (answering 404 otherwise) before handing over to these."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from steadfast.core.errors import StaleEditError

from .forms import AccessGrantForm, GrantRevokeForm
from .models import AccessGrant, GrantKind
from .selectors import grantable_people
from .services import grant_access, revoke_access

ACCESS_GRANTED_MESSAGE = "{person} can now see this record"
ACCESS_REVOKED_MESSAGE = "{person} can no longer see this record by name"
EMERGENCY_ACCESS_ENDED_MESSAGE = "{person}'s emergency access to this record has ended"
# What a refused revocation lists of the grant's changes: when it was revoked, and by whom.
GRANT_SHOWN_WHEN_STALE = ("revoked_at",)


def grant_page(request: HttpRequest, *, record, record_name: str, back_url: str) -> HttpResponse:
    """The form that grants someone access to `record` (a child or a household) by name, and
    its answer: back to the record once granted."""
    form = AccessGrantForm(request.POST if request.method == "POST" else None, people=grantable_people())
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        try:
            grant_access(
                actor=request.user,
                user=person,
                reason=form.cleaned_data["reason"],
                **{record._meta.model_name: record},
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, ACCESS_GRANTED_MESSAGE.format(person=person.get_full_name()))
            return redirect(back_url)
    context = {
        "form": form,
        "record_name": record_name,
        "back_url": back_url,
        "restricted": record.restricted,
    }
    return render(request, "accounts/grant_access.html", context)


def revoke(request: HttpRequest, grant: AccessGrant, *, record_name: str, back_url: str) -> HttpResponse:
    """Revoke the grant, or end an emergency opening early, and say so back on the record. A
    grant that changed after the record page was drawn (revoked meanwhile) is not revoked
    again: a page says so, and who did it and when."""
    form = GrantRevokeForm(request.POST)
    if form.is_valid():
        try:
            revoke_access(actor=request.user, grant=grant, seen_version=form.cleaned_data["seen_version"])
        except StaleEditError as error:
            form.refuse_as_stale(error, grant, viewer=request.user, fields=GRANT_SHOWN_WHEN_STALE)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            emergency = grant.kind == GrantKind.EMERGENCY
            ended = EMERGENCY_ACCESS_ENDED_MESSAGE if emergency else ACCESS_REVOKED_MESSAGE
            messages.success(request, ended.format(person=grant.user.get_full_name()))
            return redirect(back_url)
    context = {"form": form, "grant": grant, "record_name": record_name, "back_url": back_url}
    return render(request, "accounts/grant_revoke.html", context)
