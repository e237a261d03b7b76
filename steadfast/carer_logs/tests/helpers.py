"""Writing logs for tests through the service, as the household's carer by default."""

import datetime

from django.utils import timezone

from steadfast.carer_logs import services
from steadfast.carer_logs.models import CarerLog


def a_log(
    scenario, *, actor="foster_carer", days_ago=0, text="A calm evening.", event="", **overrides
) -> CarerLog:
    fields = {
        "actor": scenario.users[actor],
        "household": scenario.households["own"],
        "child": scenario.children["own"],
        "date": timezone.localdate() - datetime.timedelta(days=days_ago),
        "category": "home_life",
        "what_happened": text,
        "significant_event": event,
    }
    return services.write_carer_log(**fields | overrides)
