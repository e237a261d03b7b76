from django.contrib import admin
from django.urls import include, path

from steadfast.core import views as core_views
from steadfast.my_work import views as my_work

urlpatterns = [
    # The start page: My work for staff, the portal for carers. Named "home" because signing in
    # lands there (LOGIN_REDIRECT_URL) and every page's header links to it.
    path("", my_work.my_work, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("steadfast.accounts.urls")),
    path("security/", include("steadfast.security.urls")),
    path("children/", include("steadfast.children.urls")),
    path("households/", include("steadfast.households.urls")),
    path("", include("steadfast.placements.urls")),
    path("", include("steadfast.concerns.urls")),
    path("", include("steadfast.meetings.urls")),
    path("", include("steadfast.supervision.urls")),
    path("", include("steadfast.visits.urls")),
    path("", include("steadfast.words_and_pictures.urls")),
    path("", include("steadfast.voice.urls")),
    path("", include("steadfast.assessments.urls")),
    path("", include("steadfast.support_requests.urls")),
    path("", include("steadfast.carer_logs.urls")),
    path("", include("steadfast.grids.urls")),
    path("", include("steadfast.signals.urls")),
    path("", include("steadfast.oversight.urls")),
    path("", include("steadfast.measures.urls")),
    path("", include("steadfast.reminders.urls")),
    path("", include("steadfast.restrictions.urls")),
    path("records/", include("steadfast.subject_access.urls")),
    path("records/", include("steadfast.retention.urls")),
    path("", include("steadfast.emergency_access.urls")),
    path("portal/", include("steadfast.carers_portal.urls")),
    path("", include("steadfast.young_people.urls")),
    path("interop/", include("steadfast.interop.urls")),
    path("api/v1/", include(("steadfast.api.urls", "api"), namespace="api")),
    path("admin/", admin.site.urls),
]

handler400 = "steadfast.core.views.bad_request"
handler403 = "steadfast.core.views.permission_denied"
handler404 = "steadfast.core.views.page_not_found"
handler500 = "steadfast.core.views.server_error"
