"""A person's own personal access tokens for the API: the list, making one (after confirming who
they are, and shown once), and revoking one. Foster carers and connected systems hold none, and
are answered 404; a token that is not the person's own is answered 404 too."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from . import selectors, tokens
from .decorators import confirmation_redirect
from .forms import ApiTokenForm
from .models import ApiToken

TOKEN_REVOKED_MESSAGE = "Your token {name} has been revoked. Anything using it can no longer call the API"


def _holder_or_404(request: HttpRequest) -> None:
    if not tokens.may_hold_personal_tokens(request.user):
        raise Http404


def _own_token_or_404(request: HttpRequest, pk: int) -> ApiToken:
    _holder_or_404(request)
    return get_object_or_404(selectors.personal_tokens_of(request.user), pk=pk)


def api_token_list(request: HttpRequest) -> HttpResponse:
    _holder_or_404(request)
    return render(
        request,
        "accounts/api_token_list.html",
        {"tokens": list(selectors.personal_tokens_of(request.user)), "scope_words": tokens.scope_words},
    )


def api_token_create(request: HttpRequest) -> HttpResponse:
    """Make a token: its name, scopes and expiry. Made, it is shown on the answer to the form
    (which no browser keeps: every page is sent with Cache-Control: no-store), and never again."""
    _holder_or_404(request)
    if (confirm := confirmation_redirect(request)) is not None:
        return confirm
    user = request.user
    form = ApiTokenForm(request.POST or None, longest_days=settings.API_PERSONAL_TOKEN_MAX_DAYS)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = tokens.issue_personal_token(
                actor=user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return render(
                request,
                "accounts/api_token_created.html",
                {
                    "token": token,
                    "raw": raw,
                    "expires_on": form.cleaned_data["expires_on"],
                    "scope_words": tokens.scope_words,
                },
            )
    return render(request, "accounts/api_token_create.html", {"form": form, "has_errors": bool(form.errors)})


def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _own_token_or_404(request, pk)
    if request.method == "POST":
        try:
            tokens.revoke_token(actor=request.user, token=token)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, TOKEN_REVOKED_MESSAGE.format(name=token.name))
        return redirect("accounts:api-token-list")
    if token.state != "active":
        return redirect("accounts:api-token-list")
    return render(request, "accounts/api_token_revoke.html", {"token": token})
