"""Asking someone to confirm who they are (their password, and their code if they have a second
factor) before a sensitive step: downloading a whole list, or changing their second factor."""

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from . import signing_in


def confirmation_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where to send someone who has not signed in or confirmed who they are within the
    re-authentication window (the confirm page, which brings them back), or None if they have.
    For a view to call once it has decided the person may have what they asked for, so that
    someone who may not is still answered 404."""
    if signing_in.recently_confirmed(request, timezone.now()):
        return None
    return HttpResponseRedirect(
        f"{reverse('accounts:confirm')}?{urlencode({'next': request.get_full_path()})}"
    )


def confirmation_required(view: Callable) -> Callable:
    """Marks a view of the person's own account that first asks them to confirm who they are."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return confirmation_redirect(request) or view(request, *args, **kwargs)

    return wrapped
