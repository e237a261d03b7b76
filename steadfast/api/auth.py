"""Who is calling: a bearer token, a person's own or a registered system's, acting as its
account under the same access policy as the pages, with its scopes on top."""

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle, SimpleRateThrottle

from steadfast.accounts.models import Scope
from steadfast.accounts.tokens import Bearer, bearer_of

from .problems import Problem


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Bearer | None:
        # A write sent with an Idempotency-Key has had its token looked up by the middleware.
        bearer = getattr(request, "api_bearer", None) or bearer_of(token)
        if bearer is not None:
            # The services and the audit trail name the account the token acts as.
            request.user = bearer.user
        return bearer


def bearer(request: HttpRequest) -> Bearer:
    return request.auth


def require(request: HttpRequest, scope: Scope) -> Bearer:
    """The caller's bearer, if its token holds `scope`; a 403 problem if not. Asked before any
    record is looked up, so the answer says nothing about the record."""
    caller = bearer(request)
    if not caller.may(scope):
        raise Problem(
            403,
            "insufficient-scope",
            "This token may not do this",
            f"This needs a token with the scope {scope.value}.",
        )
    return caller


class _FromSettings:
    """A throttle whose rate is read from the settings at each call, so that a change to them
    (in a test, say) holds without a restart."""

    def get_rate(self) -> str:
        return f"{settings.API_CALLS_PER_MINUTE}/min"

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.parse_rate(self.get_rate())
        return super().allow_request(request)


class PerToken(_FromSettings, SimpleRateThrottle):
    """At most `API_CALLS_PER_MINUTE` calls a minute for each token, counted in this process's
    cache (so per web server process, unless the cache is shared)."""

    scope = "token"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        caller = getattr(request, "auth", None)
        if caller is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": caller.token_id}


class PerAddress(_FromSettings, AnonRateThrottle):
    """As many calls a minute from one address without a token in force: the token endpoint,
    and calls whose token is wrong."""


def throttles() -> list[SimpleRateThrottle]:
    return [PerToken(), PerAddress()]
