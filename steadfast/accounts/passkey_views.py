"""Passkeys: the pages to add, name and remove one from Your account, and the four JSON
endpoints django-otp-webauthn's scripts call to make a passkey and to use one at sign-in in place
of the code. The endpoints are the library's views with Steadfast's rules: a passkey is added
only by someone who has just confirmed who they are and has an authenticator app, it is used
only as the second step of signing in, each one that fails counts as a wrong guess, and every
message is Steadfast's own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django_otp import login as second_factor_login
from django_otp_webauthn import exceptions
from django_otp_webauthn.utils import rewrite_exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from steadfast.audit.addresses import client_address
from steadfast.audit.services import record_event

from . import passkeys, second_factor, services, signing_in
from .decorators import confirmation_redirect, confirmation_required
from .forms import PasskeyNameForm
from .views import locked_out

PASSKEY_NAMED_MESSAGE = "Your passkey is now called {name}"
PASSKEY_REMOVED_MESSAGE = "Your passkey {name} has been removed"
SECOND_FACTOR_PASSED = "SECOND_FACTOR_PASSED"


# The pages -----------------------------------------------------------------------------------


@confirmation_required
def passkey_add(request: HttpRequest) -> HttpResponse:
    """Add a passkey: a button that asks the browser to make one (through the library's script);
    once it is made, the script goes on to the page that names it. Without JavaScript the page
    says so, and the authenticator app's code still signs the person in."""
    user = request.user
    count = passkeys.passkeys_for(user).count()
    refused = None
    if second_factor.authenticator_for(user) is None:
        refused = passkeys.AUTHENTICATOR_FIRST
    elif count >= passkeys.MOST_PASSKEYS:
        refused = passkeys.TOO_MANY
    return render(
        request,
        "accounts/passkey_add.html",
        {"refused": refused, "configuration": passkeys.script_configuration(request)},
    )


def passkey_name(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    passkey = get_object_or_404(passkeys.passkeys_for(user), pk=pk)
    form = PasskeyNameForm(request.POST or None, initial={"name": passkey.name})
    if request.method == "POST" and form.is_valid():
        try:
            passkey = services.rename_passkey(actor=user, passkey=passkey, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, PASSKEY_NAMED_MESSAGE.format(name=passkey.name))
            return redirect("accounts:account")
    return render(
        request,
        "accounts/passkey_name.html",
        {"form": form, "passkey": passkey, "has_errors": bool(form.errors)},
    )


def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    passkey = get_object_or_404(passkeys.passkeys_for(user), pk=pk)
    if (confirm := confirmation_redirect(request)) is not None:
        return confirm
    if request.method == "POST":
        services.remove_passkey(actor=user, passkey=passkey)
        messages.success(request, PASSKEY_REMOVED_MESSAGE.format(name=passkey.name))
        return redirect("accounts:account")
    others = passkeys.passkeys_for(user).exclude(pk=passkey.pk).exists()
    return render(request, "accounts/passkey_remove.html", {"passkey": passkey, "passkeys_left": others})


# The endpoints the library's scripts call ----------------------------------------------------


class Refused(exceptions.OTPWebAuthnApiError):
    """A ceremony Steadfast will not take part in now; its detail is shown to the person."""

    status_code = 400
    default_code = "refused"


class NotHere(exceptions.OTPWebAuthnApiError):
    """Nothing to do here for this session: answered as a page that is not there."""

    status_code = 404
    default_code = "not_found"
    default_detail = passkeys.NO_PASSKEY_NEEDED


class LockedOut(exceptions.OTPWebAuthnApiError):
    """Too many wrong guesses for this account or from this address: answered as any sign-in
    page is then (`views.locked_out`)."""

    status_code = 429
    default_code = "locked_out"


class _SteadfastCeremony:
    """The library answers its own errors in JSON, with its own words; an error it does not
    know it re-raises, which would be a server error. Here every error answers in JSON with
    Steadfast's message, and a request that is not JSON at all (the library would read the form
    instead) is refused the same way."""

    refused_detail = passkeys.NOT_ADDED

    def _parse_request_data(self, request: HttpRequest):
        if request.body and request.content_type.split(";", 1)[0] != "application/json":
            raise exceptions.MalformedRequest()
        data = super()._parse_request_data(request)
        if not isinstance(data, dict):
            raise exceptions.MalformedRequest()
        return data

    def handle_exception(self, exc: Exception) -> HttpResponse:
        if isinstance(exc, LockedOut):
            return locked_out(self.request)
        if isinstance(exc, Refused | NotHere):
            detail, status, code = exc.detail, exc.status_code, exc.code
        elif isinstance(exc, exceptions.OTPWebAuthnApiError):
            detail, status, code = self.refused_detail, 400, exc.code
        elif isinstance(exc, KeyError | TypeError | ValueError):
            # An answer shaped unlike any browser's: the library reads it before checking it.
            detail, status, code = self.refused_detail, 400, "malformed_request"
        else:
            raise exc
        self.failed(exc)
        return JsonResponse({"detail": str(detail), "code": code}, status=status)

    def failed(self, exc: Exception) -> None:
        """What else happens when a ceremony fails (nothing, unless a subclass says)."""


class _Registration(_SteadfastCeremony):
    def check_can_register(self) -> None:
        user = self.request.user
        if not signing_in.recently_confirmed(self.request, timezone.now()):
            raise Refused(passkeys.CONFIRM_FIRST)
        if second_factor.authenticator_for(user) is None:
            raise Refused(passkeys.AUTHENTICATOR_FIRST)
        if passkeys.passkeys_for(user).count() >= passkeys.MOST_PASSKEYS:
            raise Refused(passkeys.TOO_MANY)


class PasskeyRegistrationBegin(_Registration, BeginCredentialRegistrationView):
    pass


class PasskeyRegistrationComplete(_Registration, CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs) -> HttpResponse:
        user = self.request.user
        state = self.get_state()
        try:
            with rewrite_exceptions():
                passkey = services.add_passkey(
                    actor=user, helper=self.get_helper(), state=state, response=self.request.data
                )
        except ValidationError as error:
            raise Refused(error.messages[0]) from error
        return JsonResponse(
            {"id": passkey.pk, "redirect_url": reverse("accounts:passkey-name", args=[passkey.pk])}
        )


class _SignIn(_SteadfastCeremony):
    refused_detail = passkeys.NOT_ACCEPTED

    def check_can_authenticate(self) -> None:
        user = self.request.user
        if signing_in.waiting_for(self.request) != "code" or not passkeys.has_passkey(user):
            raise NotHere()
        if signing_in.locked_out(self.request, username=user.get_username()):
            raise LockedOut()


class PasskeySignInBegin(_SignIn, BeginCredentialAuthenticationView):
    pass


class PasskeySignInComplete(_SignIn, CompleteCredentialAuthenticationView):
    def failed(self, exc: Exception) -> None:
        # A passkey that is not accepted is a wrong guess, as a wrong code is: audited, and
        # counted towards a lockout; the tenth answers the lockout (views.locked_out) instead.
        # Only while a passkey is owed: a body sent by a session with none to give is refused
        # (it is read before that is known) but guesses nothing.
        if not isinstance(exc, NotHere) and signing_in.waiting_for(self.request) == "code":
            user = self.request.user
            signing_in.guess_failed(
                self.request, username=user.get_username(), step="second factor (passkey)"
            )

    def complete_auth(self, device) -> None:
        second_factor_login(self.request, device)
        signing_in.second_factor_verified(self.request)
        record_event(
            actor=self.request.user,
            event_type=SECOND_FACTOR_PASSED,
            details={"kind": "passkey", "passkey_id": device.pk},
            ip_address=client_address(self.request),
        )


passkey_registration_begin = PasskeyRegistrationBegin.as_view()
passkey_registration_complete = PasskeyRegistrationComplete.as_view()
passkey_sign_in_begin = PasskeySignInBegin.as_view()
passkey_sign_in_complete = PasskeySignInComplete.as_view()
