"""A form sent twice is acted on once.

The same post can come twice: a double click sends the form twice, a browser asked to reload
the page a form answered sends it again, and going back to a form reloads it with the person's
words restored and sends it again. The first post claims its fingerprint once the CSRF check has
passed and before its view runs (a unique row, committed at once); a second post with the same
fingerprint within SAME_FORM_WINDOW is not passed to the view, but sent where the first one's
answer went, with a message saying it was already sent. While the first is still being answered,
the second waits for it, briefly; a claim left unanswered for longer than any request may run
(its process died) is let go, so the post can be sent again.

The fingerprint of a post to a view that adds a record (marked with `sent_once`) is the
session, the path and every field but the CSRF token, so that a form drawn again and filled in
the same is the same; for any other form, the path and every field, CSRF token included, which
Django draws afresh for every page, so that only the very same form sent again is the same.

A post whose answer is not a redirect (a form shown again with its errors, a refusal, an
error) gives its claim up, so that sending it again is tried afresh. Posts without a CSRF token,
and drafts saving themselves (`X-Autosave`), which send the same form on purpose, pass through.
"""

import contextlib
import datetime
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .models import SentForm

ALREADY_SENT = "You had already sent this, so it was not sent again."
STILL_SENDING = (
    "This was sent a moment ago and is still being saved. Check whether it was saved before sending it again."
)
# Within this time of the first, the same form is the same post sent again; after it, a new one.
SAME_FORM_WINDOW = datetime.timedelta(minutes=10)
# A claim still unanswered after this long belongs to a request that died (its process killed,
# its server restarted) before it could answer or give the claim up: no request runs this long,
# as gunicorn ends a worker after its timeout (60 seconds), so the post may be sent again.
ABANDONED_AFTER = datetime.timedelta(seconds=90)
# How long a second post waits for the first one's answer, and how often it looks.
WAIT_SECONDS = 10.0
LOOK_EVERY_SECONDS = 0.1
FORM_BODIES = ("application/x-www-form-urlencoded", "multipart/form-data")
TOKEN_FIELD = "csrfmiddlewaretoken"
REDIRECTS = (301, 302, 303, 307, 308)


def sent_once(view: Callable) -> Callable:
    """Mark a view that adds a record: the same form filled in the same way and sent again in
    the same session, even from the page drawn again, adds it once."""
    view.sent_once = True
    return view


def uploads_to_disk(view: Callable) -> Callable:
    """Mark a view whose uploads go to temporary files on disk, never into memory, whatever
    their size: the middleware sets the upload handlers before anything reads the body. The view
    must be exempt from the CSRF middleware, which would read the body first, and check the token
    itself (`csrf_protect` on what it calls)."""
    view.uploads_to_disk = True
    return view


def fingerprint(request: HttpRequest, *, by_content: bool = False) -> str | None:
    """The post's fingerprint (see the module's docstring), or None for a post this middleware
    leaves alone."""
    if request.method != "POST" or request.headers.get("X-Autosave"):
        return None
    if request.content_type not in FORM_BODIES or TOKEN_FIELD not in request.POST:
        return None
    session = getattr(request, "session", None)
    if by_content and (session is None or not session.session_key):
        by_content = False
    fields = [
        f"{name}={value}"
        for name, values in sorted(request.POST.lists())
        if not (by_content and name == TOKEN_FIELD)
        for value in values
    ]
    files = [f"{name}:{f.name}:{f.size}" for name, sent in sorted(request.FILES.lists()) for f in sent]
    whose = [f"session:{session.session_key}"] if by_content else []
    return hashlib.sha256("\0".join([*whose, request.path, *fields, *files]).encode()).hexdigest()


def _give_up(claim: SentForm) -> None:
    """Let the post be sent again. With the database gone, the claim stays until it is let go
    (`sent_forms.forget_old_sent_forms`), and the same post sent again waits, then is told to
    check what was saved."""
    with contextlib.suppress(DatabaseError):
        claim.delete()


class ResubmissionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        claim = getattr(request, "_sent_form", None)
        if claim is not None:
            if response.status_code in REDIRECTS and response.get("Location"):
                SentForm.objects.filter(pk=claim.pk).update(answered_with=response["Location"])
            else:
                _give_up(claim)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args, view_kwargs
    ) -> HttpResponse | None:
        if getattr(view_func, "uploads_to_disk", False) and request.method == "POST":
            request.upload_handlers = [TemporaryFileUploadHandler(request)]
        sent = fingerprint(request, by_content=getattr(view_func, "sent_once", False))
        if sent is None:
            return None
        while True:
            try:
                with transaction.atomic():
                    request._sent_form = SentForm.objects.create(fingerprint=sent)
                return None
            except IntegrityError:
                earlier = self._wait_for_answer(sent)
                if earlier is not None:
                    return self._answered_already(request, earlier)
                # The first post gave its claim up, or it is too old to count: try again.

    @staticmethod
    def _wait_for_answer(sent: str) -> str | None:
        """Where the first post's answer went; "" if it is still being answered after the
        wait; None if it gave its claim up, was sent longer ago than SAME_FORM_WINDOW, or was
        left unanswered longer than ABANDONED_AFTER (and is let go)."""
        waited = 0.0
        while True:
            earlier = (
                SentForm.objects.filter(fingerprint=sent).values("pk", "answered_with", "sent_at").first()
            )
            if earlier is None:
                return None
            age = timezone.now() - earlier["sent_at"]
            if age > SAME_FORM_WINDOW or (not earlier["answered_with"] and age > ABANDONED_AFTER):
                SentForm.objects.filter(pk=earlier["pk"], answered_with=earlier["answered_with"]).delete()
                return None
            if earlier["answered_with"] or waited >= WAIT_SECONDS:
                return earlier["answered_with"]
            time.sleep(LOOK_EVERY_SECONDS)
            waited += LOOK_EVERY_SECONDS

    @staticmethod
    def _answered_already(request: HttpRequest, answered_with: str) -> HttpResponse:
        if answered_with:
            messages.info(request, ALREADY_SENT)
            return HttpResponseRedirect(answered_with, status=303)
        messages.warning(request, STILL_SENDING)
        return HttpResponseRedirect(request.get_full_path(), status=303)


class NoStoreMiddleware:
    """Every response Steadfast draws itself (a page, a download, a chart, an error) tells
    browsers and proxies to keep no copy: a page may show a child's record, and a shared or
    lost computer must not hand one back from its cache. The static files, which WhiteNoise
    answers further down the chain, keep their long caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            patch_cache_control(response, no_store=True, private=True)
        return response
