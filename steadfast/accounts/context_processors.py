"""What the navigation offers the signed-in person, answered by the access policy."""

from django.http import HttpRequest

from . import access


def navigation(request: HttpRequest) -> dict:
    """`may_see_oversight` and `may_see_measures` in every template: role checks, no query."""
    user = getattr(request, "user", None)
    return {
        "may_see_oversight": access.can_see_oversight(user),
        "may_see_measures": access.can_see_measures(user),
    }
