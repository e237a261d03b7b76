from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .main import api
from .reference import reference_of


@login_not_required
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API's reference, for developers of the authority's other systems: public, as the
    OpenAPI document it is drawn from is, and holding no record."""
    groups, models = reference_of(api.get_openapi_schema())
    return render(request, "api/api_docs.html", {"groups": groups, "models": models})
