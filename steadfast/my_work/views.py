"""My work: the start page. A foster carer goes on to their portal; everyone else sees what is
theirs to do, due and overdue, grouped by kind, most urgent first."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from steadfast.accounts.models import Role

from .work import WORK_KINDS, WorkItem, work_for

NOTHING_DUE = "Nothing is due or overdue for you."


@dataclass(frozen=True)
class WorkGroup:
    kind: str
    heading: str
    items: list[WorkItem]

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def my_work(request: HttpRequest) -> HttpResponse:
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
        },
    )
