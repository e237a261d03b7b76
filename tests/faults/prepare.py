"""Run in the deployment's own environment before the faults: `python -m tests.faults.prepare N`.
Makes N stability meetings awaiting authorisation through the services, as the pages would,
and prints, as JSON, what the writers will work on: those meetings, the children the social
worker may arrange meetings for, and the households the supervising social worker records
supervision for, with the children placed with each today."""

import json
import sys
import types

import django


def main(count: int) -> dict:
    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from steadfast.accounts import access
    from steadfast.accounts.models import User
    from steadfast.meetings import services
    from steadfast.meetings.tests.helpers import a_meeting_ready_to_submit
    from steadfast.placements.selectors import current_placement_for
    from steadfast.supervision.selectors import children_placed_on

    users = {u.username.replace(".", "_"): u for u in User.objects.all()}
    worker, ssw = users["social_worker"], users["supervising_social_worker"]
    placed = []
    for child in access.children_visible_to(worker).order_by("pk"):
        placement = current_placement_for(child)
        if placement is not None and placement.household_id is not None:
            placed.append((child, placement.household))
    # Each household's children placed today, whose scales a session recorded today must give;
    # the form also offers those who left in the last 90 days, left blank.
    households = {
        household.pk: placed_today
        for household in access.households_visible_to(ssw).order_by("pk")
        if access.can_record_fostering_work(ssw, household)
        and (
            placed_today := list(
                children_placed_on(household, timezone.localdate()).values_list("pk", flat=True)
            )
        )
    }
    awaiting = []
    for n in range(count):
        child, household = placed[n % len(placed)]
        scenario = types.SimpleNamespace(users=users, children={"own": child}, households={"own": household})
        with transaction.atomic():
            meeting = a_meeting_ready_to_submit(scenario)
            services.submit_stability_plan(actor=users["senior_practitioner"], meeting=meeting)
        awaiting.append(meeting.pk)
    return {"awaiting": awaiting, "children": [c.pk for c, _ in placed], "households": households}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
