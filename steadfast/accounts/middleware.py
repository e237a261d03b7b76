"""What every request of a signed-in person passes through: the session's limits, the second
factor, and working out what the user may see once per request that changes nothing."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from . import access, signing_in

# Requests that read only. A request that saves may change what its user sees (a grant, an
# allocation, a placement), so it asks the access rules afresh each time.
READING_METHODS = frozenset({"GET", "HEAD"})

# The pages a session waiting for its second factor may open, besides those open to anyone.
PAGES_WHILE_WAITING = {
    "code": {
        "accounts:login-code",
        "accounts:passkey-sign-in-begin",
        "accounts:passkey-sign-in-complete",
        "accounts:logout",
    },
    "set-up": {"accounts:authenticator-set-up", "accounts:confirm", "accounts:logout"},
}
WAITING_PAGE = {"code": "accounts:login-code", "set-up": "accounts:authenticator-set-up"}


class SessionLimitsMiddleware:
    """Signs out a session 30 minutes after its last request, 10 hours after it began, or once
    an administrator has ended the person's sessions, saying why on the sign-in page it goes
    to. A switched-off account is already signed out by Django, which no longer finds the user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            reason = signing_in.end_reason(request.session, request.user, now)
            if reason is not None:
                logout(request)
                messages.info(request, reason)
            else:
                signing_in.note_activity(request.session, now)
        return self.get_response(request)


class SecondFactorMiddleware:
    """A signed-in session that still owes its second factor, or must set one up, may open only
    the page that asks for it (and sign out); every other page sends it there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        waiting = signing_in.waiting_for(request)
        if waiting is None or not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in PAGES_WHILE_WAITING[waiting]:
            return None
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(WAITING_PAGE[waiting])}?{query}")


class VisibilityMiddleware:
    """Works out what the user may see once per request that changes nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in READING_METHODS:
            access.remember_visibility(request.user)
        return self.get_response(request)
