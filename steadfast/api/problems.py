"""Every error the API answers with, in one shape: problem details (RFC 9457), as
`application/problem+json`, with a message for each field where a field was wrong."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from ninja import Schema

from steadfast.accounts import access
from steadfast.accounts.models import User
from steadfast.core.errors import StaleEditError

MEDIA_TYPE = "application/problem+json"
# Problem types are named, not located: `urn:steadfast:problem:<name>`; docs/api.md lists them.
TYPE_PREFIX = "urn:steadfast:problem:"


class FieldProblem(Schema):
    field: str
    message: str


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldProblem] = []
    # Given with a refused stale change: the version the record is at now.
    current_version: int | None = None


class Problem(Exception):
    """Raise to answer with a problem. `errors` maps a field to its message."""

    def __init__(
        self,
        status: int,
        name: str,
        title: str,
        detail: str = "",
        *,
        errors: dict[str, str] | None = None,
        current_version: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.name = name
        self.title = title
        self.detail = detail
        self.errors = errors or {}
        self.current_version = current_version
        self.headers = headers or {}


# The problems any call may answer with, for its OpenAPI description.
PROBLEMS = {status: ProblemOut for status in (400, 401, 403, 404, 409, 422, 429)}


def problem_response(request: HttpRequest, problem: Problem) -> JsonResponse:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + problem.name,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.path,
        "errors": [{"field": field, "message": message} for field, message in problem.errors.items()],
    }
    if problem.current_version is not None:
        body["current_version"] = problem.current_version
    body.update(getattr(problem, "extra", {}))
    response = JsonResponse(body, status=problem.status, content_type=MEDIA_TYPE)
    for name, value in problem.headers.items():
        response[name] = value
    return response


def visible_or_404(user: User, visible: QuerySet, pk: int, *, what: str) -> Any:
    """The record `pk` among those `visible` to `user`; otherwise a 404 problem, the same as for a
    record that does not exist, and, where it does exist, the refusal traced as a page's is."""
    record = visible.filter(pk=pk).first()
    if record is None:
        access.refused(user, visible.model._default_manager.all(), what, pk)
        raise not_found(what)
    return record


def not_found(what: str = "record") -> Problem:
    """The one answer for a record that does not exist and a record the caller may not see."""
    return Problem(404, "not-found", f"No such {what}", f"There is no {what} with this id that you may see.")


@contextmanager
def refusing_stale(model: type, pk: int) -> Iterator[None]:
    """Turn a stale change refused by a service into a 409 problem with the version the record
    is at now, for the caller to read it again."""
    try:
        yield
    except StaleEditError:
        current = model._default_manager.filter(pk=pk).values_list("version", flat=True).first()
        raise Problem(
            409,
            "stale-version",
            "The record changed since that version",
            "Someone changed the record after the version you sent. Read it again, and send your "
            "change with its version now.",
            current_version=current,
        ) from None
