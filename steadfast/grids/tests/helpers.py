"""Building Grids through the services, as the pages do, for the Grid tests."""

import datetime

from django.utils import timezone

from steadfast.grids import services
from steadfast.grids.models import Grid


def a_grid(scenario, *, child: str = "own", days_ago: int = 1, context: str = "case_discussion") -> Grid:
    return services.make_grid(
        actor=scenario.users["social_worker"],
        child=scenario.children[child],
        context=context,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def a_contributor(scenario, grid: Grid, *, name: str = "Pat Carer", role: str = "carer"):
    return services.add_grid_contributor(
        actor=scenario.users["social_worker"], grid=grid, name=name, role=role
    )
