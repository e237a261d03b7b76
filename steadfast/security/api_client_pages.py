"""The administrators' pages of API credentials: the systems registered to call the API
(registering one, shown its secret once, and revoking one), and every personal access token in
force (revoking one). Anyone but an administrator is answered 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from steadfast.accounts import access, tokens
from steadfast.accounts import selectors as account_selectors
from steadfast.accounts.models import ApiClient, ApiToken

from .forms import ApiClientRegisterForm

CLIENT_REVOKED_MESSAGE = "{name} has been revoked. Its tokens no longer work and it can get no more"
TOKEN_REVOKED_MESSAGE = "{person}'s token {name} has been revoked"


def _administrator_or_404(request: HttpRequest) -> None:
    if not access.can_manage_api_clients(request.user):
        raise Http404


def api_client_list(request: HttpRequest) -> HttpResponse:
    _administrator_or_404(request)
    return render(
        request,
        "security/api_client_list.html",
        {"clients": list(account_selectors.api_clients_with_last_use()), "scope_words": tokens.scope_words},
    )


def api_client_register(request: HttpRequest) -> HttpResponse:
    """Register a system. Registered, its client id and secret are shown on the answer to the
    form (which no browser keeps: every page is sent with Cache-Control: no-store), the secret
    never again."""
    _administrator_or_404(request)
    form = ApiClientRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = tokens.register_client(
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                teams=list(form.cleaned_data["teams"]),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return render(
                request,
                "security/api_client_registered.html",
                {
                    "client": client,
                    "secret": secret,
                    "host": request.get_host(),
                    "scope_words": tokens.scope_words,
                },
            )
    return render(
        request, "security/api_client_register.html", {"form": form, "has_errors": bool(form.errors)}
    )


def api_client_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator_or_404(request)
    client = get_object_or_404(ApiClient, pk=pk)
    if request.method == "POST":
        try:
            tokens.revoke_client(actor=request.user, client=client)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, CLIENT_REVOKED_MESSAGE.format(name=client.name))
        return redirect("security:api-client-list")
    if client.revoked_at is not None:
        return redirect("security:api-client-list")
    return render(request, "security/api_client_revoke.html", {"client": client})


def api_token_list(request: HttpRequest) -> HttpResponse:
    """Every personal access token in force, whoever holds it."""
    _administrator_or_404(request)
    return render(
        request,
        "security/api_token_list.html",
        {"tokens": list(account_selectors.personal_tokens_in_force()), "scope_words": tokens.scope_words},
    )


def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _administrator_or_404(request)
    token: ApiToken = get_object_or_404(
        ApiToken.objects.filter(client__isnull=True).select_related("user"), pk=pk
    )
    if request.method == "POST":
        try:
            tokens.revoke_token(actor=request.user, token=token)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, TOKEN_REVOKED_MESSAGE.format(person=token.user, name=token.name))
        return redirect("security:api-token-list")
    if token.state != "active":
        return redirect("security:api-token-list")
    return render(request, "security/api_token_revoke.html", {"token": token})
