"""The pages of separation of duties: activating an account, confirming accounts, the account
changes and the refused requests. Anyone who may not open one is answered 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.accounts.models import Role, Team, User
from steadfast.core.pagination import paginate

from . import selectors, services
from .forms import AccountChangesFilterForm, ActivationForm
from .tokens import account_for_activation

ACTIVATED_MESSAGE = "Your account is activated. Sign in with your username and the password you chose."
CONFIRMED_MESSAGE = "You confirmed {name} as {role}. They can now read the records their work gives them."
REFUSED_MESSAGE = (
    "You refused {name}'s role and team. They read no record; the administrator is to correct the account."
)


@login_not_required
def account_activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The owner chooses their password through the link sent to them. A link that is wrong,
    used or out of date says so, and what to do."""
    user = account_for_activation(uidb64, token)
    if user is None:
        return render(request, "security/account_activate_failed.html")
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.activate_account(user=user, password=form.cleaned_data["new_password1"])
        messages.success(request, ACTIVATED_MESSAGE)
        return redirect("accounts:login")
    return render(
        request,
        "security/account_activate.html",
        {"form": form, "account": user, "has_errors": bool(form.errors)},
    )


def _confirmer_or_404(request: HttpRequest) -> None:
    if not access.can_confirm_accounts(request.user):
        raise Http404


def confirmation_list(request: HttpRequest) -> HttpResponse:
    _confirmer_or_404(request)
    accounts = list(selectors.awaiting_confirmation_by(request.user))
    return render(request, "security/confirmation_list.html", {"accounts": accounts})


def _waiting_account_or_404(request: HttpRequest, pk: int) -> User:
    _confirmer_or_404(request)
    account = selectors.awaiting_confirmation_by(request.user).filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


@require_POST
def account_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    account = _waiting_account_or_404(request, pk)
    try:
        services.confirm_account(actor=request.user, account=account)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, CONFIRMED_MESSAGE.format(name=account, role=account.get_role_display().lower())
        )
    return redirect("security:confirmation-list")


@require_POST
def account_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    account = _waiting_account_or_404(request, pk)
    try:
        services.refuse_account(actor=request.user, account=account)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, REFUSED_MESSAGE.format(name=account))
    return redirect("security:confirmation-list")


def _watcher_or_404(request: HttpRequest) -> None:
    if not access.can_watch_accounts(request.user):
        raise Http404


def _described(events: list, *, names: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    """Each change with its before and after in words: roles by their names, people and teams
    by theirs."""
    roles = dict(Role.choices)

    def word(field: str, value: Any) -> str:
        if value is None or value == "":
            return "none"
        if field == "role":
            return str(roles.get(value, value))
        if field in ("team",):
            return names["team"].get(value, f"team {value}")
        if field in ("line_manager", "manager"):
            return names["user"].get(value, f"person {value}")
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    described = []
    for event in events:
        before = event.details.get("before", {})
        after = event.details.get("after", {})
        lines = [
            f"{field.replace('_', ' ')}: {word(field, before.get(field))} to {word(field, after[field])}"
            if field in before
            else f"{field.replace('_', ' ')}: {word(field, after[field])}"
            for field in after
        ]
        if not after and event.details.get("fields"):
            lines.append("changed: " + ", ".join(f.replace("_", " ") for f in event.details["fields"]))
        described.append(
            {
                "event": event,
                "kind": services.ACCOUNT_CHANGE_KINDS.get(event.event_type, event.event_type),
                "account": names["account"].get(event.object_id, ""),
                "lines": lines,
            }
        )
    return described


def _names_for(events: list) -> dict[str, dict]:
    people: set[int] = set()
    teams: set[int] = set()
    accounts: set[str] = set()
    for event in events:
        if event.object_type == User._meta.label:
            accounts.add(event.object_id)
        elif event.object_type == Team._meta.label:
            teams.add(int(event.object_id))
        for side in ("before", "after"):
            values = event.details.get(side, {})
            for field in ("line_manager", "manager"):
                if isinstance(values.get(field), int):
                    people.add(values[field])
            if isinstance(values.get("team"), int):
                teams.add(values["team"])
    account_ids = [int(a) for a in accounts if a.isdigit()]
    users = {u.pk: str(u) for u in User.objects.filter(pk__in=people | set(account_ids))}
    team_names = dict(Team.objects.filter(pk__in=teams).values_list("pk", "name"))
    return {
        "user": users,
        "team": team_names,
        "account": {str(pk): users.get(pk, "") for pk in account_ids}
        | {
            e.object_id: f"Team: {team_names.get(int(e.object_id), e.object_id)}"
            for e in events
            if e.object_type == Team._meta.label
        },
    }


def account_change_list(request: HttpRequest) -> HttpResponse:
    _watcher_or_404(request)
    form = AccountChangesFilterForm(request.GET or None, user=request.user)
    person, kind = None, ""
    if form.is_valid():
        person, kind = form.cleaned_data["person"], form.cleaned_data["kind"]
    changes = selectors.account_changes_for(request.user, person=person, kind=kind) if not form.errors else []
    page, query = paginate(request, changes)
    events = list(page.object_list)
    return render(
        request,
        "security/account_change_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "changes": _described(events, names=_names_for(events)),
            "filtered": bool(person or kind),
            "has_errors": bool(form.errors),
        },
    )


def refusal_list(request: HttpRequest) -> HttpResponse:
    _watcher_or_404(request)
    page, query = paginate(request, selectors.most_refused(request.user))
    roles = dict(Role.choices)
    return render(
        request,
        "security/refusal_list.html",
        {"page": page, "query": query, "roles": roles, "days": selectors.REFUSALS_DAYS},
    )


def refusal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _watcher_or_404(request)
    person = selectors.watched_person_or_none(request.user, pk)
    if person is None:
        raise Http404
    page, query = paginate(request, selectors.refusals_of(request.user, person))
    return render(
        request,
        "security/refusal_detail.html",
        {"person": person, "page": page, "query": query, "days": selectors.REFUSALS_DAYS},
    )
