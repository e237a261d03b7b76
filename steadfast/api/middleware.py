"""Writes sent with an `Idempotency-Key` are done once (see `IdempotentRequest`).

The write and the keeping of its answer are one transaction, so a write is never done without
its answer kept, nor its answer kept without the write. A second request with the same key
waits for the first (the key's row is locked until it commits), then is given the first's
answer with `Idempotent-Replayed: true`. An answer that is not a success is not kept, and
whatever the request wrote is undone, so the same key may be sent again once the request is
put right."""

import datetime
import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from steadfast.accounts.tokens import bearer_of

from .models import IdempotentRequest
from .problems import Problem, problem_response

API_PREFIX = "/api/v1/"
# How long an answer is kept: a retry comes within minutes; a day covers a system down overnight.
KEPT_FOR = datetime.timedelta(days=1)
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADER = "Idempotency-Key"
KEY_MISSING = (
    "Send an Idempotency-Key header with every POST: a value of your own, unique to this "
    "write (a UUID, say), sent again unchanged if you retry it."
)
KEY_MALFORMED = "An Idempotency-Key is 1 to 255 printable ASCII characters."
KEY_REUSED = "This Idempotency-Key was sent before with a different request. Use a new key for a new write."


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\0".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _well_formed(key: str) -> bool:
    return 1 <= len(key) <= 255 and key.isascii() and key.isprintable()


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in WRITES or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.path.startswith(API_PREFIX + "oauth/"):
            return self.get_response(request)
        key = request.headers.get(HEADER)
        if key is None:
            if request.method == "POST":
                return problem_response(
                    request,
                    Problem(
                        400,
                        "idempotency-key-missing",
                        "Idempotency-Key missing",
                        KEY_MISSING,
                        errors={HEADER: KEY_MISSING},
                    ),
                )
            return self.get_response(request)
        if not _well_formed(key):
            return problem_response(
                request,
                Problem(
                    400,
                    "idempotency-key-malformed",
                    "Idempotency-Key malformed",
                    KEY_MALFORMED,
                    errors={HEADER: KEY_MALFORMED},
                ),
            )
        scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
        caller = bearer_of(raw.strip()) if scheme.lower() == "bearer" else None
        if caller is None:
            return self.get_response(request)  # the API answers 401
        # The API's authentication takes the bearer found here rather than look it up again.
        request.api_bearer = caller
        return self._once(request, user_id=caller.user.pk, key=key)

    def _once(self, request: HttpRequest, *, user_id: int, key: str) -> HttpResponse:
        fingerprint = _fingerprint(request)
        with transaction.atomic():
            # The account's answers older than a day are let go as it writes again, so nothing
            # need sweep them, and its old keys may be used anew.
            IdempotentRequest.objects.filter(
                user_id=user_id, created_at__lt=timezone.now() - KEPT_FOR
            ).delete()
            try:
                with transaction.atomic():
                    # Locks the key's row until this transaction ends: a second request with
                    # the same key waits here, then finds the answer.
                    claim = IdempotentRequest.objects.create(
                        user_id=user_id, key=key, fingerprint=fingerprint, status=0, content_type=""
                    )
            except IntegrityError:
                return self._replay(request, user_id=user_id, key=key, fingerprint=fingerprint)
            response = self.get_response(request)
            if 200 <= response.status_code < 300 and not response.streaming:
                claim.status = response.status_code
                claim.body = response.content.decode()
                claim.content_type = response.get("Content-Type", "")
                claim.save(update_fields=["status", "body", "content_type"])
            else:
                transaction.set_rollback(True)
        return response

    @staticmethod
    def _replay(request: HttpRequest, *, user_id: int, key: str, fingerprint: str) -> HttpResponse:
        earlier = IdempotentRequest.objects.get(user_id=user_id, key=key)
        if earlier.fingerprint != fingerprint:
            return problem_response(
                request,
                Problem(
                    422,
                    "idempotency-key-reused",
                    "Idempotency-Key used before",
                    KEY_REUSED,
                    errors={HEADER: KEY_REUSED},
                ),
            )
        response = HttpResponse(earlier.body, status=earlier.status, content_type=earlier.content_type)
        response["Idempotent-Replayed"] = "true"
        return response
