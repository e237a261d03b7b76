"""My work: the start page. A foster carer goes on to their portal; everyone else sees what is
theirs to do, due and overdue, grouped by kind, most urgent first."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts import access
from steadfast.accounts.models import Role

from .work import WORK_KINDS, WorkItem, work_for

NOTHING_DUE = "Nothing is due or overdue for you."
# What an account waits for before it reads any record (ADR 0036).
AWAITING_ACTIVATION = "You cannot read any record yet: your account has not been activated."
AWAITING_CONFIRMATION = (
    "You cannot read any record yet: your role ({role}) and team ({team}) are waiting to be "
    "confirmed by {confirmer}. Ask them to confirm it on their list of accounts waiting for "
    "confirmation."
)
CONFIRMATION_REFUSED = (
    "You cannot read any record: {confirmer} did not confirm your role ({role}) and team "
    "({team}). Ask your administrator to correct your account."
)


def awaited(user) -> str:
    """What the account waits for before it reads any record, in words; blank when nothing."""
    if user.may_read_records:
        return ""
    if user.activated_at is None:
        return AWAITING_ACTIVATION
    confirmers = list(access.confirmers_of(user).exclude(pk=user.confirmation_asked_by_id))
    if len(confirmers) == 1:
        confirmer = (
            f"{confirmers[0]}, the manager of your team"
            if user.team_id and user.team.manager_id == confirmers[0].pk
            else f"{confirmers[0]}"
        )
    else:
        confirmer = "a security officer"
    words = {
        "role": user.get_role_display().lower(),
        "team": user.team.name if user.team_id else "none",
        "confirmer": confirmer,
    }
    if user.confirmation_refused_at is not None:
        return CONFIRMATION_REFUSED.format(**words)
    return AWAITING_CONFIRMATION.format(**words)


@dataclass(frozen=True)
class WorkGroup:
    kind: str
    heading: str
    items: list[WorkItem]

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def my_work(request: HttpRequest) -> HttpResponse:
    waiting_for = awaited(request.user)
    if waiting_for:
        # Nothing of anyone's work is shown until the account may read records.
        return render(request, "my_work/my_work.html", {"awaited": waiting_for, "groups": []})
    if request.user.role == Role.FOSTER_CARER:
        return redirect("portal:portal-home")
    items = work_for(request.user, today=timezone.localdate())
    groups = [
        WorkGroup(kind=kind, heading=heading, items=[i for i in items if i.kind == kind])
        for kind, heading in WORK_KINDS.items()
    ]
    return render(
        request,
        "my_work/my_work.html",
        {
            "groups": [g for g in groups if g.items],
            "total": len(items),
            "overdue": sum(1 for item in items if item.overdue),
            "nothing_due": NOTHING_DUE,
            "may_confirm_accounts": access.can_confirm_accounts(request.user),
            "may_watch_accounts": access.can_watch_accounts(request.user),
        },
    )
