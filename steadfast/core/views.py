"""Pages that belong to no part of the domain: the health check and error pages."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from .errors import database_unavailable

# How long a browser or load balancer is told to wait before trying again when the database is
# down: the service is back within a second of the database.
RETRY_AFTER_SECONDS = 30


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not. Says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/400.html", 400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/403.html", 403)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid CSRF token, most often from a page left open past the
    session, or after signing in or out in another tab."""
    return _error(request, "errors/csrf.html", 403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "errors/404.html", 404)


def _plain_error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    """An error page drawn without the context processors, which ask for the signed-in person
    and so the session and the database: whatever failed, this page still renders."""
    content = loader.render_to_string(template, {"csp_nonce": get_nonce(request)})
    return HttpResponse(content, status=status)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    """503 when the database cannot be reached (the request can be tried again as it is), 500
    for anything else. Django calls this while handling the exception, so it can see it."""
    if database_unavailable(sys.exception()):
        response = _plain_error(request, "errors/503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _plain_error(request, "errors/500.html", 500)
