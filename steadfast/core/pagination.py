"""One page of a list, and the query string that keeps the list's filters from page to page."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items) -> tuple[Page, str]:
    """The page the request asks for (the last one if it asks past the end, the first if it
    asks for nonsense), and the request's other parameters as a query string."""
    page = Paginator(items, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
