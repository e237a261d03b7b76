from django.urls import path

from . import views

app_name = "concerns"
urlpatterns = [
    path("concerns/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("concerns/<int:pk>/triage/", views.concern_triage, name="concern-triage"),
    path(
        "children/<int:child_id>/concerns/raise/",
        views.concern_raise_for_child,
        name="concern-raise-for-child",
    ),
    path(
        "households/<int:household_id>/concerns/raise/",
        views.concern_raise_for_household,
        name="concern-raise-for-household",
    ),
]
