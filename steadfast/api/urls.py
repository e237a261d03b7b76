from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView

from . import views
from .main import api

# The API answers for itself who is calling (a bearer token): the pages' sign-in does not apply.
patterns, app_name, namespace = api.urls
# The API's root sends people to its reference page instead of ninja's default.
patterns = [pattern for pattern in patterns if pattern.name != "api-root"]
for pattern in patterns:
    pattern.callback = login_not_required(pattern.callback)
urlpatterns = [
    path("", login_not_required(RedirectView.as_view(pattern_name="api:api-docs")), name="api-root"),
    path("docs", views.api_docs, name="api-docs"),
    *patterns,
]
