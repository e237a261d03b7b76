from django.contrib.auth.decorators import login_not_required

from .main import api

# The API answers for itself who is calling (a bearer token): the pages' sign-in does not apply.
patterns, app_name, namespace = api.urls
for pattern in patterns:
    pattern.callback = login_not_required(pattern.callback)
urlpatterns = patterns
