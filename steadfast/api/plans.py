"""The Child's Plan: every Stability Action from the child's authorised meetings, whatever
meeting it came from, as the plan's page shows it: those still to do and those reviewed."""

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema

from steadfast.accounts import access
from steadfast.accounts.models import Scope
from steadfast.meetings.selectors import OPEN_ACTION_STATUSES, plan_of_child

from .actions import ActionOut, action_out, with_reviews
from .auth import require
from .fields import Id
from .problems import PROBLEMS, not_found
from .reading import audit_read

router = Router(tags=["Child's Plan"])


class PlanOut(Schema):
    child_id: int
    still_to_do: int = Field(description="How many actions are agreed or partly done")
    overdue: int = Field(description="How many of those are past their date")
    actions: list[ActionOut] = Field(description="Every action in the plan, soonest due first")


@router.get("/{child_id}/plan", response={200: PlanOut, **PROBLEMS}, summary="Read a Child's Plan")
def child_plan(request: HttpRequest, child_id: Path[Id]) -> dict:
    """The Child's Plan: the actions agreed at the child's authorised meetings, with their
    status (agreed, done, partly done, not done) and whether each still to do is overdue."""
    require(request, Scope.READ)
    try:
        child = access.get_child_for_user_or_404(request.user, child_id)
    except Http404:
        raise not_found("child") from None
    actions = [action_out(action) for action in with_reviews(plan_of_child(child))]
    audit_read(
        request,
        what="plan",
        child_ids=[child.pk],
        household_ids={action["household_id"] for action in actions},
    )
    return {
        "child_id": child.pk,
        "still_to_do": sum(1 for action in actions if action["status"] in OPEN_ACTION_STATUSES),
        "overdue": sum(1 for action in actions if action["overdue"]),
        "actions": actions,
    }
