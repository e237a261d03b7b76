from django.urls import path

from . import views

app_name = "words_and_pictures"
urlpatterns = [
    path("children/<int:child_id>/words-and-pictures/", views.story_detail, name="story-detail"),
    path("children/<int:child_id>/words-and-pictures/upload/", views.story_upload, name="story-upload"),
    path("children/<int:child_id>/words-and-pictures/write/", views.story_write, name="story-write"),
    path("children/<int:child_id>/words-and-pictures/shared/", views.story_shared, name="story-shared"),
    path(
        "children/<int:child_id>/words-and-pictures/versions/<int:number>/",
        views.story_version,
        name="story-version",
    ),
    path("words-and-pictures/documents/<int:pk>/", views.story_document, name="story-document"),
    path("words-and-pictures/pictures/<int:pk>/", views.story_picture, name="story-picture"),
    path(
        "meetings/<int:meeting_id>/child-friendly-plan/",
        views.child_friendly_plan_detail,
        name="child-friendly-plan-detail",
    ),
    path(
        "meetings/<int:meeting_id>/child-friendly-plan/draft/",
        views.child_friendly_plan_draft,
        name="child-friendly-plan-draft",
    ),
    path(
        "meetings/<int:meeting_id>/child-friendly-plan/edit/",
        views.child_friendly_plan_edit,
        name="child-friendly-plan-edit",
    ),
    path(
        "meetings/<int:meeting_id>/child-friendly-plan/pdf/",
        views.child_friendly_plan_pdf,
        name="child-friendly-plan-pdf",
    ),
    path(
        "meetings/<int:meeting_id>/child-friendly-plan/shared/",
        views.child_friendly_plan_shared,
        name="child-friendly-plan-shared",
    ),
]
