from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path(
        "households/<int:household_id>/supervision/record/",
        views.supervision_record,
        name="supervision-record",
    ),
    path("supervision/<int:pk>/", views.supervision_detail, name="supervision-detail"),
]
