"""One page of a list, and the query string that keeps the list's filters from page to page."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from .querystring import page_number_from


def paginate(request: HttpRequest, items) -> tuple[Page, str]:
    """The page the request asks for (the last one if it asks past the end, the first if it
    asks for nonsense: `page_number_from`), and the request's other parameters as a query string."""
    page = Paginator(items, settings.PAGE_SIZE).get_page(page_number_from(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
