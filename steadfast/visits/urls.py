from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path(
        "children/<int:child_id>/visits/record/",
        views.statutory_visit_record,
        name="statutory-visit-record",
    ),
    path("visits/<int:pk>/", views.statutory_visit_detail, name="statutory-visit-detail"),
]
