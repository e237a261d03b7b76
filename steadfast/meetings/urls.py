from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("children/<int:child_id>/meetings/arrange/", views.meeting_arrange, name="meeting-arrange"),
    path("children/<int:child_id>/plan/", views.child_plan, name="child-plan"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/invitees/add/", views.meeting_invitee_add, name="meeting-invitee-add"),
    path("meetings/<int:pk>/views/<int:invitee_id>/", views.meeting_views, name="meeting-views"),
    path("meetings/<int:pk>/record/", views.meeting_record, name="meeting-record"),
    path("meetings/<int:pk>/points/add/", views.meeting_point_add, name="meeting-point-add"),
    path("meetings/<int:pk>/scores/add/", views.meeting_score_add, name="meeting-score-add"),
    path("meetings/<int:pk>/actions/add/", views.meeting_action_add, name="meeting-action-add"),
    path(
        "meetings/<int:pk>/actions/<int:action_id>/review/",
        views.meeting_action_review,
        name="meeting-action-review",
    ),
    path("meetings/<int:pk>/submit/", views.meeting_submit, name="meeting-submit"),
    path("meetings/<int:pk>/authorise/", views.meeting_authorise, name="meeting-authorise"),
    path("meetings/<int:pk>/reopen/", views.meeting_reopen, name="meeting-reopen"),
    path("meetings/<int:pk>/circulation/", views.meeting_circulation, name="meeting-circulation"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="meeting-minutes-pdf"),
    path("meetings/<int:pk>/minutes.docx", views.meeting_minutes_docx, name="meeting-minutes-docx"),
    path("meetings/<int:pk>/rearrange/", views.meeting_rearrange, name="meeting-rearrange"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path(
        "meetings/<int:pk>/invitees/<int:invitee_id>/invite-again/",
        views.meeting_invitee_invite_again,
        name="meeting-invitee-invite-again",
    ),
    path(
        "meetings/<int:pk>/invitees/<int:invitee_id>/withdraw/",
        views.meeting_invitee_withdraw,
        name="meeting-invitee-withdraw",
    ),
    path(
        "meetings/<int:pk>/points/<int:point_id>/change/",
        views.meeting_point_change,
        name="meeting-point-change",
    ),
    path(
        "meetings/<int:pk>/points/<int:item_id>/withdraw/",
        views.meeting_item_withdraw,
        {"kind": "point"},
        name="meeting-point-withdraw",
    ),
    path(
        "meetings/<int:pk>/scores/<int:item_id>/withdraw/",
        views.meeting_item_withdraw,
        {"kind": "score"},
        name="meeting-score-withdraw",
    ),
    path(
        "meetings/<int:pk>/actions/<int:action_id>/change/",
        views.meeting_action_change,
        name="meeting-action-change",
    ),
    path(
        "meetings/<int:pk>/actions/<int:item_id>/withdraw/",
        views.meeting_item_withdraw,
        {"kind": "action"},
        name="meeting-action-withdraw",
    ),
    path("meetings/<int:pk>/versions/<int:number>/", views.meeting_version, name="meeting-version"),
    path("meetings/views/<str:token>/", views.views_by_link, name="views-by-link"),
]
