from django.urls import path

from . import views

app_name = "voice"
urlpatterns = [
    path("meetings/<int:meeting_id>/voice/", views.meeting_voice_record, name="meeting-voice-record"),
    path("children/<int:child_id>/voice/decisions/add/", views.decision_voice_add, name="decision-voice-add"),
    path("voice/<int:pk>/", views.voice_record_detail, name="voice-record-detail"),
    path("voice/<int:pk>/change/", views.voice_record_change, name="voice-record-change"),
    path("voice/<int:pk>/influence/add/", views.influence_add, name="influence-add"),
    path("voice/influence/<int:pk>/change/", views.influence_change, name="influence-change"),
    path("voice/<int:pk>/feedback/", views.feedback_edit, name="feedback-edit"),
    path("voice/<int:pk>/feedback/letter/", views.feedback_letter, name="feedback-letter"),
    path("voice/<int:pk>/feedback/letter.pdf", views.feedback_letter_pdf, name="feedback-letter-pdf"),
    path("voice/<int:pk>/feedback/shared/", views.feedback_shared, name="feedback-shared"),
]
