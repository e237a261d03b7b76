"""Keeps foster carers in their portal and staff out of it.

A carer sees what a carer needs to know, not the case record: every page outside the portal
answers a carer with 404, as a record they may not see would. The portal's pages answer staff
with 404 in turn, so no page is shared between the two and none needs to ask who is looking."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse

from steadfast.accounts.models import Role

# Namespaces a carer may use besides the portal: signing out, the single-purpose link to give
# views for a meeting that reaches them by email, and a child's own page, which a child may
# open on the family's computer while their carer is signed in on it.
CARER_NAMESPACES = frozenset({"portal", "accounts"})
CARER_URL_NAMES = frozenset({"meetings:views-by-link", "young_people:my-views", "home", "healthz"})


def is_carer(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role == Role.FOSTER_CARER)


class CarerPortalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        match = request.resolver_match
        namespace = match.namespace if match else ""
        if is_carer(request.user):
            if namespace not in CARER_NAMESPACES and (match and match.view_name) not in CARER_URL_NAMES:
                raise Http404
        elif namespace == "portal" and request.user.is_authenticated:
            raise Http404
