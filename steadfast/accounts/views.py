"""Signing in and out, the second factor, a person's own account (password and second factor),
confirming who you are before a sensitive step, and keeping a session going."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as sign_out
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as second_factor_login

from steadfast.audit.addresses import client_address
from steadfast.audit.services import record_event

from . import access, passkeys, second_factor, services, signing_in, tokens
from .decorators import confirmation_required
from .forms import (
    WRONG_PASSWORD,
    AuthenticatorSetUpForm,
    PasswordChangeGovukForm,
    ReauthenticationForm,
    SecondFactorForm,
    SignInForm,
)

SIGNED_OUT_MESSAGE = "You have signed out"
PASSWORD_CHANGED_MESSAGE = "Your password has been changed"
SECOND_FACTOR_REMOVED_MESSAGE = "Steadfast will no longer ask you for a code when you sign in"
LOCKED_OUT_TITLE = "Too many attempts to sign in"
LOCKED_OUT_MESSAGE = (
    "There have been too many wrong passwords, codes or passkeys for this account, or from this "
    "network. Wait {minutes} minutes, then sign in again"
)
SECOND_FACTOR_PASSED = "SECOND_FACTOR_PASSED"
REAUTHENTICATED = "REAUTHENTICATED"


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Signs out, and says so on the sign-in page it goes back to."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, SIGNED_OUT_MESSAGE)
        return response


login = SignInView.as_view()
logout = SignOutView.as_view()


def _next_url(request: HttpRequest, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes answers once too many wrong guesses have been made: a plain page saying
    how long to wait, whichever sign-in page the guess was made on. A session half-way through
    signing in (waiting for its code) is signed out. A passkey's script, which sent JSON, is
    answered in JSON, with the message it shows."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        sign_out(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.content_type == "application/json":
        return JsonResponse(
            {"detail": LOCKED_OUT_MESSAGE.format(minutes=minutes), "code": "locked_out"},
            status=settings.AXES_HTTP_RESPONSE_CODE,
        )
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a passkey (through its script), the code from the
    authenticator app, or a recovery code."""
    user = request.user
    if signing_in.waiting_for(request) != "code":
        return HttpResponseRedirect(_next_url(request))
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST":
        if signing_in.locked_out(request, username=user.get_username()):
            return locked_out(request)
        if form.is_valid():
            device, waiting = second_factor.check_code(user, form.cleaned_data["code"])
            if device is not None:
                second_factor_login(request, device)
                signing_in.second_factor_verified(request)
                record_event(
                    actor=user,
                    event_type=SECOND_FACTOR_PASSED,
                    details={"kind": device._meta.verbose_name},
                    ip_address=client_address(request),
                )
                return HttpResponseRedirect(_next_url(request))
            if waiting:
                form.add_error("code", second_factor.WAIT_BEFORE_CODE)
            else:
                # The tenth wrong guess answers the lockout page instead (AxesMiddleware).
                signing_in.guess_failed(request, username=user.get_username(), step="second factor")
                form.add_error("code", second_factor.WRONG_CODE)
    return render(
        request,
        "accounts/login_code.html",
        {
            "form": form,
            "next": _next_url(request),
            "has_errors": bool(form.errors),
            "has_passkey": passkeys.has_passkey(user),
            "configuration": passkeys.script_configuration(request),
        },
    )


def account(request: HttpRequest) -> HttpResponse:
    """The person's own account: their password, their second factor (passkeys included) and
    their API tokens."""
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "authenticator": second_factor.authenticator_for(user),
            "recovery_codes_left": second_factor.recovery_codes_left(user),
            "second_factor_required": signing_in.second_factor_required(user),
            "passkeys": passkeys.passkeys_for(user),
            "most_passkeys": passkeys.MOST_PASSKEYS,
            "may_hold_api_tokens": tokens.may_hold_personal_tokens(user),
            "may_manage_api_clients": access.can_manage_api_clients(user),
        },
    )


def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = PasswordChangeGovukForm(user, request.POST or None)
    if request.method == "POST":
        if signing_in.locked_out(request, username=user.get_username()):
            return locked_out(request)
        if form.is_valid():
            services.change_password(actor=user, new_password=form.cleaned_data["new_password1"])
            update_session_auth_hash(request, user)
            messages.success(request, PASSWORD_CHANGED_MESSAGE)
            return redirect("accounts:account")
        if WRONG_PASSWORD in form.errors.get("old_password", []):
            signing_in.guess_failed(request, username=user.get_username(), step="changing a password")
    return render(request, "accounts/password_change.html", {"form": form, "has_errors": bool(form.errors)})


def confirm(request: HttpRequest) -> HttpResponse:
    """Enter your password again (and your code, if you have a second factor) before a download
    of a whole list or a change to your second factor. Once confirmed, a link takes the person
    on: a download then starts without leaving this page."""
    user = request.user
    with_code = second_factor.authenticator_for(user) is not None
    next_url = _next_url(request)
    if request.method == "GET" and signing_in.recently_confirmed(request, timezone.now()):
        return render(request, "accounts/confirmed.html", {"next": next_url})
    form = ReauthenticationForm(request.POST or None, user=user, with_code=with_code)
    if request.method == "POST":
        if signing_in.locked_out(request, username=user.get_username()):
            return locked_out(request)
        if form.is_valid():
            device, waiting = (
                second_factor.check_code(user, form.cleaned_data["code"]) if with_code else (True, False)
            )
            if device is not None:
                signing_in.confirmed(request, timezone.now())
                record_event(actor=user, event_type=REAUTHENTICATED, ip_address=client_address(request))
                return HttpResponseRedirect(f"{reverse('accounts:confirm')}?{urlencode({'next': next_url})}")
            form.add_error("code", second_factor.WAIT_BEFORE_CODE if waiting else second_factor.WRONG_CODE)
            guessed = "a code" if not waiting else None
        else:
            guessed = "a password" if WRONG_PASSWORD in form.errors.get("password", []) else None
        if guessed:
            # Counted as a wrong guess; the tenth answers the lockout page instead (AxesMiddleware).
            signing_in.guess_failed(request, username=user.get_username(), step=f"confirming {guessed}")
    return render(
        request,
        "accounts/confirm.html",
        {"form": form, "next": next_url, "has_errors": bool(form.errors)},
    )


@confirmation_required
def authenticator_set_up(request: HttpRequest) -> HttpResponse:
    """Setting up an authenticator app: scan the picture (or type the key), then enter the code
    it shows. Done, the recovery codes are shown, once."""
    user = request.user
    device = second_factor.new_authenticator(user)
    form = AuthenticatorSetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.set_up_authenticator(actor=user, device=device, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            second_factor_login(request, device)
            signing_in.second_factor_verified(request)
            return _show_recovery_codes(request, codes, just_set_up=True)
    return render(
        request,
        "accounts/authenticator_set_up.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_data_uri(device),
            "secret": second_factor.secret_for_typing(device),
            "next": _next_url(request),
            "required": signing_in.second_factor_required(user),
            "replacing": second_factor.authenticator_for(user) is not None,
            "has_errors": bool(form.errors),
        },
    )


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, just_set_up: bool) -> HttpResponse:
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": [second_factor.shown(c) for c in codes],
            "just_set_up": just_set_up,
            "next": _next_url(request, default="accounts:account"),
        },
    )


@require_POST
@confirmation_required
def recovery_codes_make(request: HttpRequest) -> HttpResponse:
    if second_factor.authenticator_for(request.user) is None:
        return redirect("accounts:account")
    codes = services.make_new_recovery_codes(actor=request.user)
    return _show_recovery_codes(request, codes, just_set_up=False)


@confirmation_required
def second_factor_remove(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        try:
            services.remove_second_factor(actor=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, SECOND_FACTOR_REMOVED_MESSAGE)
        return redirect("accounts:account")
    return render(request, "accounts/second_factor_remove.html", {})


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the session's idle clock starts again. Answers the timeout warning's
    script with no content, and a form sent without it by going back to the page it came from."""
    signing_in.note_activity(request.session, timezone.now(), always=True)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return HttpResponseRedirect(_next_url(request))


@login_not_required
def admin_sign_in(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The Django admin's sign-in page sends people to Steadfast's, so that there is one way in,
    with its second factor and its limits on guessing; a password sent to it is never checked."""
    target = request.GET.get("next") or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")


def admin_password_change(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The Django admin's page for changing one's own password is Steadfast's."""
    return redirect("accounts:password-change")
