"""Due work built by hand, for tests of the sweep's own rules whatever the records say."""

import datetime

from django.utils import timezone

from steadfast.monitoring.work import WorkItem


def a_visit(scenario, *, due: datetime.date | None = None, overdue: bool = True, owner=None) -> WorkItem:
    """Owen's statutory visit, due or overdue, the social worker's work."""
    owen = scenario.children["own"]
    worker = owner or scenario.users["social_worker"]
    due = due or timezone.localdate()
    return WorkItem(
        kind="visit_overdue" if overdue else "visit_due",
        title="Statutory visit overdue" if overdue else "Statutory visit due",
        detail=f"{owen.display_name}: visit due {due}",
        due=due,
        overdue=overdue,
        url=f"/children/{owen.pk}/",
        key=f"visit:child:{owen.pk}:{due.isoformat()}",
        owner_id=worker.pk,
        team_id=worker.team_id,
        child_id=owen.pk,
        household_id=None,
    )


def a_supervision(scenario, *, due: datetime.date, overdue: bool = True) -> WorkItem:
    """The Own household's supervision, the supervising social worker's work."""
    home = scenario.households["own"]
    worker = scenario.users["supervising_social_worker"]
    return WorkItem(
        kind="supervision_overdue" if overdue else "supervision_due",
        title="Supervision overdue" if overdue else "Supervision due",
        detail=f"{home.name}: supervision due {due}",
        due=due,
        overdue=overdue,
        url=f"/households/{home.pk}/",
        key=f"supervision:household:{home.pk}:{due.isoformat()}",
        owner_id=worker.pk,
        team_id=worker.team_id,
        child_id=None,
        household_id=home.pk,
    )
