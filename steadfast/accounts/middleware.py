"""Works out what the user may see once per request that changes nothing."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import access

# Requests that read only. A request that saves may change what its user sees (a grant, an
# allocation, a placement), so it asks the access rules afresh each time.
READING_METHODS = frozenset({"GET", "HEAD"})


class VisibilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in READING_METHODS:
            access.remember_visibility(request.user)
        return self.get_response(request)
