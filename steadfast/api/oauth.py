"""The OAuth2 token endpoint (RFC 6749, the client credentials grant): a registered system
exchanges its client id and secret for a short-lived bearer token.

The credentials come in the form body or as HTTP Basic (section 2.3.1). Errors carry OAuth's own
`error` and `error_description` beside the problem details every other call answers with, so
that OAuth client libraries read them too."""

import base64
import binascii

from django.conf import settings
from django.http import HttpRequest
from ninja import Form, Router, Schema

from steadfast.accounts.tokens import issue_client_token

from .fields import text
from .problems import PROBLEMS, Problem

router = Router(tags=["Tokens"])

BAD_CLIENT = (
    "The client id or secret is wrong, the system's registration has been revoked, or a scope "
    "asked for is not one it was registered with."
)
BAD_GRANT = "Only the client_credentials grant is offered."


class TokenRequest(Schema):
    grant_type: text(40)
    client_id: text(64, required=False) = ""
    client_secret: text(100, required=False) = ""
    scope: text(300, required=False) = ""


class TokenOut(Schema):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


class OAuthProblem(Problem):
    def __init__(self, status: int, error: str, description: str, **kwargs) -> None:
        super().__init__(status, f"oauth-{error.replace('_', '-')}", description, description, **kwargs)
        self.extra = {"error": error, "error_description": description}


def _basic_credentials(request: HttpRequest) -> tuple[str, str] | None:
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return client_id, secret


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, **PROBLEMS},
    summary="Get a token with client credentials",
    openapi_extra={"security": []},
)
def token(request: HttpRequest, form: Form[TokenRequest]) -> dict:
    """For a registered system: its client id and secret (in the body, or as HTTP Basic) for a
    bearer token that lasts an hour. `scope` narrows the token to some of the system's scopes,
    separated by spaces; without it the token has all of them. Like every answer of the
    service, it is never cached (`Cache-Control: no-store`)."""
    if form.grant_type != "client_credentials":
        raise OAuthProblem(400, "unsupported_grant_type", BAD_GRANT)
    client_id, client_secret = _basic_credentials(request) or (form.client_id, form.client_secret)
    scopes = form.scope.split() or None
    issued = issue_client_token(client_id=client_id, secret=client_secret, scopes=scopes)
    if issued is None:
        raise OAuthProblem(
            401, "invalid_client", BAD_CLIENT, headers={"WWW-Authenticate": 'Basic realm="steadfast"'}
        )
    return {
        "access_token": issued.raw,
        "token_type": "Bearer",
        "expires_in": int(settings.API_CLIENT_TOKEN_LIFETIME.total_seconds()),
        "scope": " ".join(issued.scopes),
    }
