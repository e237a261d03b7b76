from django.urls import path

from . import views

app_name = "restrictions"
urlpatterns = [
    path("restrictions/", views.restriction_list, name="restriction-list"),
    path(
        "children/<int:pk>/restriction/review/",
        views.child_restriction_review,
        name="child-restriction-review",
    ),
    path(
        "households/<int:pk>/restriction/review/",
        views.household_restriction_review,
        name="household-restriction-review",
    ),
]
