"""The site's URLs with a stand-in for the stability signals list, for the test that the team
oversight dashboard shows the signals count when an installation has that list."""

from django.http import HttpResponse
from django.urls import URLResolver, include, path

from config import urls as site_urls
from steadfast.monitoring import urls as monitoring_urls


def signals_stand_in(request):
    return HttpResponse("Stability signals")


urlpatterns = [
    *(
        p
        for p in site_urls.urlpatterns
        if not (isinstance(p, URLResolver) and p.urlconf_name is monitoring_urls)
    ),
    path(
        "",
        include(
            (
                [
                    *monitoring_urls.urlpatterns,
                    path("oversight/signals/", signals_stand_in, name="oversight-signals"),
                ],
                "monitoring",
            )
        ),
    ),
]
