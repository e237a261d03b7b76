"""Reads for the carers' portal: what a carer needs to know about the children living with them."""

from django.db.models import QuerySet
from django.http import Http404

from steadfast.accounts.access import children_named_on_household
from steadfast.accounts.models import User
from steadfast.children.models import Child
from steadfast.households.models import Household


def children_placed_with_carer(carer: User, household: Household) -> QuerySet[Child]:
    """The children living with the carer's household now whom the carer may name. A restricted
    child's record stays with those granted it by name, as everywhere else."""
    return (
        children_named_on_household(carer, household)
        .filter(placements__household=household, placements__end_date__isnull=True)
        .distinct()
        .order_by("legal_first_name", "pk")
    )


def get_child_placed_with_carer_or_404(carer: User, household: Household, pk: object) -> Child:
    """A child living with the carer now; 404 for any other, as if there were no such child."""
    try:
        return children_placed_with_carer(carer, household).get(pk=pk)
    except (Child.DoesNotExist, ValueError, TypeError):
        raise Http404("No such child") from None
