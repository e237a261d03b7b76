from django.urls import path

from . import views

app_name = "households"
urlpatterns = [
    path("", views.household_list, name="household-list"),
    path("<int:pk>/", views.household_detail, name="household-detail"),
    path("<int:pk>/grants/add/", views.household_grant, name="household-grant"),
    path(
        "<int:pk>/grants/<int:grant_id>/revoke/",
        views.household_grant_revoke,
        name="household-grant-revoke",
    ),
]
