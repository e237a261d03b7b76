"""Due work built by hand, for tests of the sweep's own rules whatever the records say, and
email addresses for the people the digests go to."""

import datetime

from django.utils import timezone

from steadfast.my_work.work import WorkItem


def give_everyone_an_email(scenario) -> None:
    """Each scenario user gets the address username@example.invalid, so digests reach them."""
    for user in scenario.users.values():
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])


def _item(what: str, kind: str, *, due: datetime.date, overdue: bool, worker, **about) -> WorkItem:
    """`what` (e.g. "Supervision"), due or overdue, `worker`'s work; `about` gives the detail,
    url, key, child_id and household_id."""
    return WorkItem(
        kind=f"{kind}_overdue" if overdue else f"{kind}_due",
        title=f"{what} overdue" if overdue else f"{what} due",
        due=due,
        overdue=overdue,
        owner_id=worker.pk,
        team_id=worker.team_id,
        **about,
    )


def a_visit(scenario, *, due: datetime.date | None = None, overdue: bool = True, owner=None) -> WorkItem:
    """Owen's statutory visit, due or overdue, the social worker's work."""
    owen = scenario.children["own"]
    due = due or timezone.localdate()
    return _item(
        "Statutory visit",
        "visit",
        due=due,
        overdue=overdue,
        worker=owner or scenario.users["social_worker"],
        detail=f"{owen.display_name}: visit due {due}",
        url=f"/children/{owen.pk}/",
        key=f"visit:child:{owen.pk}:{due.isoformat()}",
        child_id=owen.pk,
        household_id=None,
    )


def a_supervision(scenario, *, due: datetime.date, overdue: bool = True) -> WorkItem:
    """The Own household's supervision, the supervising social worker's work."""
    home = scenario.households["own"]
    return _item(
        "Supervision",
        "supervision",
        due=due,
        overdue=overdue,
        worker=scenario.users["supervising_social_worker"],
        detail=f"{home.name}: supervision due {due}",
        url=f"/households/{home.pk}/",
        key=f"supervision:household:{home.pk}:{due.isoformat()}",
        child_id=None,
        household_id=home.pk,
    )
