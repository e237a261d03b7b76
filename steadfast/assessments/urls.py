from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path(
        "households/<int:household_id>/impact-assessments/record/",
        views.impact_assessment_record,
        name="impact-assessment-record",
    ),
    path("impact-assessments/<int:pk>/", views.impact_assessment_detail, name="impact-assessment-detail"),
    path("placements/<int:placement_id>/matching/record/", views.matching_record, name="matching-record"),
    path("matching/<int:pk>/", views.matching_detail, name="matching-detail"),
    path(
        "children/<int:child_id>/sibling-assessments/record/",
        views.sibling_assessment_record,
        name="sibling-assessment-record",
    ),
    path("sibling-assessments/<int:pk>/", views.sibling_assessment_detail, name="sibling-assessment-detail"),
    path(
        "households/<int:household_id>/training/record/",
        views.carer_training_record,
        name="carer-training-record",
    ),
]
