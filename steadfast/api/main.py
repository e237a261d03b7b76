"""The API: one NinjaAPI, its errors as problem details, its routers, and the OpenAPI document
it describes itself with."""

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from steadfast.core.errors import StaleEditError

from . import (
    actions,
    allocations,
    carer_logs,
    children,
    concerns,
    households,
    legal_statuses,
    meetings,
    oauth,
    placements,
    plans,
    signals,
    support_requests,
    visits,
)
from .auth import BearerToken, throttles
from .problems import MEDIA_TYPE, Problem, not_found, problem_response

logger = logging.getLogger(__name__)

DESCRIPTION = """Steadfast's records for the authority's other systems: its case system, its data
warehouse, its integration platform. Every call acts as an account (a person's, through their
personal access token, or a registered system's, through OAuth2 client credentials) and sees and
changes only what that account may on the pages. A record the account may not see is answered
404, as one that does not exist. Errors are problem details (RFC 9457)."""


# What each answer means, as the OpenAPI document and the reference page say it.
MEANINGS = {
    "200": "Done: the record or page asked for",
    "201": "Added: the new record",
    "400": "Not understood: a malformed cursor, query or header",
    "401": "No token, or one that is wrong, expired or revoked",
    "403": "The token lacks the scope, or the account may not do this",
    "404": "No such record, or none that the account may see",
    "409": "Changed since the version sent, or already recorded",
    "422": "Not valid: each field's problem is given",
    "429": "Too many calls: wait, then send again",
}
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": True,
    "description": "A value of your own, unique to this write, sent again unchanged when you retry it",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
}


class StayingPut(NinjaAPI):
    """A NinjaAPI whose OpenAPI document says what it really does: problems sent as
    `application/problem+json`, the Idempotency-Key every POST needs, and how systems get a token."""

    def get_openapi_schema(self, **kwargs: Any) -> dict:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                if method == "post" and operation.get("security") != []:
                    operation.setdefault("parameters", []).insert(0, IDEMPOTENCY_KEY)
                for status, response in operation.get("responses", {}).items():
                    response["description"] = MEANINGS.get(status, response.get("description", ""))
                    if int(status) >= 400 and "content" in response:
                        response["content"] = {MEDIA_TYPE: response["content"]["application/json"]}
        schemes = schema["components"].setdefault("securitySchemes", {})
        schemes["ClientCredentials"] = {
            "type": "oauth2",
            "description": "For registered systems: exchange the client id and secret for a token.",
            "flows": {"clientCredentials": {"tokenUrl": "/api/v1/oauth/token", "scopes": {}}},
        }
        return schema


api = StayingPut(
    title="Steadfast API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=BearerToken(),
    throttle=throttles(),
    # The reference page is Steadfast's own (views.api_docs), drawn from this document.
    docs_url=None,
    openapi_url="/openapi.json",
)


def _field(location: tuple) -> str:
    # Pydantic's location starts with where the value was sent (body, query, path, header).
    parts = [str(part) for part in location[1:]] or [str(part) for part in location]
    if parts and parts[0] in {"payload", "query", "data"} and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, str] = {}
    for error in exc.errors:
        errors.setdefault(_field(tuple(error.get("loc", ()))) or "body", error.get("msg", "Not valid"))
    return problem_response(
        request,
        Problem(
            422,
            "invalid",
            "The request is not valid",
            "Put right the fields named and send it again.",
            errors=errors,
        ),
    )


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
    return problem_response(request, exc)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, not_found())


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem_response(
        request,
        Problem(
            401,
            "unauthenticated",
            "A valid token is needed",
            "Send a token that is in force as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": 'Bearer realm="steadfast"'},
        ),
    )


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return problem_response(
        request,
        Problem(
            429,
            "too-many-requests",
            "Too many requests",
            "This token has made too many calls in the last minute. Wait, then send again.",
        ),
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, Problem(exc.status_code, "bad-request", str(exc), str(exc)))


@api.exception_handler(StaleEditError)
def _stale(request: HttpRequest, exc: StaleEditError) -> HttpResponse:
    return problem_response(
        request,
        Problem(
            409,
            "stale-version",
            "The record changed since that version",
            "Read the record again, and send your change with its version now.",
        ),
    )


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: " ".join(messages) for field, messages in exc.message_dict.items()}
    else:
        errors = {"body": " ".join(exc.messages)}
    return problem_response(
        request,
        Problem(422, "refused", "The change cannot be made", " ".join(errors.values()), errors=errors),
    )


@api.exception_handler(Exception)
def _fault(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API call failed: %s %s", request.method, request.path)
    return problem_response(
        request,
        Problem(500, "fault", "Something went wrong", "Nothing was saved. Try again later."),
    )


api.add_router("/oauth/", oauth.router)
api.add_router("/children/", children.router)
api.add_router("/placements/", placements.router)
api.add_router("/households/", households.router)
api.add_router("/allocations/", allocations.router)
api.add_router("/children/", legal_statuses.router)
api.add_router("/children/", plans.router)
api.add_router("/concerns/", concerns.router)
api.add_router("/meetings/", meetings.router)
api.add_router("/actions/", actions.router)
api.add_router("/signals/", signals.router)
api.add_router("/carer-logs/", carer_logs.router)
api.add_router("/support-requests/", support_requests.router)
api.add_router("/visits/", visits.router)
